"""Data derived from an incident's rows, stored for fast lists and search: the search text, the
client's legal status, the flags (match as sole basis or definitive ID, documents disregarded)
and the research facts.
Services call `refresh` after every change; nothing else writes these columns."""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import bindparam, insert, update
from sqlmodel import Session, select

from incidents.models import (
    Agency,
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentAgency,
    IncidentPerson,
    IncidentSearch,
    Person,
)
from incidents.records import research as research_facts
from incidents.records.validation import fold
from incidents.vocab import DISREGARDED_RESPONSES, FRT_SYSTEM, OUTCOME


def search_body(
    reference: str, narrative: str | None, names: list[str], labels: list[str] = ()
) -> str:
    """The folded words indexed for one incident: reference, narrative, names and aliases, and
    the labels of what a caseworker searches by (FRT systems, agencies, outcome). Punctuation
    becomes space, so that both databases split words the same way (PostgreSQL's parser would
    otherwise read '-2025' in a reference as a negative number)."""
    words = " ".join([reference, narrative or "", *names, *labels])
    return " ".join(re.findall(r"[^\W_]+", fold(words)))


def search_labels(systems: list[str], agencies: list[str], outcome: str | None) -> list[str]:
    """The searchable labels of an incident's FRT systems (codes), agencies (names) and
    outcome (code)."""
    found = [FRT_SYSTEM.label(code) for code in dict.fromkeys(systems)]
    return [*found, *agencies, OUTCOME.label(outcome) if outcome else ""]


def systems_column(systems) -> str:
    """The `frt_systems` column: each code once, between spaces ("" when none)."""
    return f" {' '.join(sorted(set(systems)))} " if systems else ""


def flags(frt_rows, document_responses) -> dict:
    """The flag columns from (sole_basis, treated_as) pairs and agent responses."""
    return {
        "flag_sole_basis": any(sole == "yes" for sole, _ in frt_rows),
        "flag_definitive_id": any(treated == "definitive_id" for _, treated in frt_rows),
        "flag_docs_disregarded": any(r in DISREGARDED_RESPONSES for r in document_responses),
    }


def compute(
    *, reference, narrative, outcome, frt_rows, systems, agencies, responses, people
) -> tuple[dict, str]:
    """The derived columns and the search body of one incident, from its reference, narrative
    and outcome, its FRT uses ((sole_basis, treated_as) pairs and systems), its agencies'
    names, the agents' responses to documents and its people in order ((role, full name,
    aliases, legal status))."""
    subjects = [status for role, _, _, status in people if role == "subject"]
    names = [part for _, name, aliases, _ in people for part in (name, aliases or "")]
    labels = search_labels(systems, agencies, outcome)
    return (
        {
            "subject_legal_status": subjects[0] if subjects else None,
            **flags(frt_rows, responses),
            "frt_systems": systems_column(systems),
        },
        search_body(reference, narrative, names, labels),
    )


_INCIDENTS = Incident.__table__
_SEARCH = IncidentSearch.__table__
_SET_DERIVED = (
    update(_INCIDENTS)
    .where(_INCIDENTS.c.id == bindparam("_id"))
    .values(
        subject_legal_status=bindparam("_status"),
        flag_sole_basis=bindparam("_sole"),
        flag_definitive_id=bindparam("_definitive"),
        flag_docs_disregarded=bindparam("_disregarded"),
        frt_systems=bindparam("_systems"),
    )
)
_SET_BODY = (
    update(_SEARCH).where(_SEARCH.c.incident_id == bindparam("_id")).values(body=bindparam("_body"))
)


def refresh(session: Session, incident_ids) -> None:
    """Recompute the derived data of these incidents: a fixed number of column queries and
    executemany statements, no ORM objects."""
    ids = sorted(set(incident_ids))
    if not ids:
        return
    session.flush()
    run = session.execute
    frt, docs, people = defaultdict(list), defaultdict(list), defaultdict(list)
    systems, agencies = defaultdict(list), defaultdict(list)
    for incident_id, sole, treated, system in run(
        select(FrtUse.incident_id, FrtUse.sole_basis, FrtUse.treated_as, FrtUse.system).where(
            FrtUse.incident_id.in_(ids)
        )
    ):
        frt[incident_id].append((sole, treated))
        systems[incident_id].append(system)
    for incident_id, name in run(
        select(IncidentAgency.incident_id, Agency.name)
        .join(Agency, Agency.id == IncidentAgency.agency_id)
        .where(IncidentAgency.incident_id.in_(ids))
    ):
        agencies[incident_id].append(name)
    for incident_id, response in run(
        select(DocumentPresented.incident_id, DocumentPresented.agent_response).where(
            DocumentPresented.incident_id.in_(ids)
        )
    ):
        docs[incident_id].append(response)
    for incident_id, role, name, aliases, status in run(
        select(
            IncidentPerson.incident_id,
            IncidentPerson.role,
            Person.full_name,
            Person.aliases,
            Person.legal_status,
        )
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id.in_(ids))
        .order_by(IncidentPerson.position, IncidentPerson.id)
    ):
        people[incident_id].append((role, name, aliases, status))
    bodies = dict(
        run(
            select(_SEARCH.c.incident_id, _SEARCH.c.body).where(_SEARCH.c.incident_id.in_(ids))
        ).all()
    )
    derived, new_bodies, changed_bodies = [], [], []
    for incident_id, reference, narrative, outcome in run(
        select(Incident.id, Incident.reference, Incident.narrative, Incident.outcome).where(
            Incident.id.in_(ids)
        )
    ):
        columns, body = compute(
            reference=reference,
            narrative=narrative,
            outcome=outcome,
            frt_rows=frt[incident_id],
            systems=systems[incident_id],
            agencies=agencies[incident_id],
            responses=docs[incident_id],
            people=people[incident_id],
        )
        derived.append(
            {
                "_id": incident_id,
                "_status": columns["subject_legal_status"],
                "_sole": columns["flag_sole_basis"],
                "_definitive": columns["flag_definitive_id"],
                "_disregarded": columns["flag_docs_disregarded"],
                "_systems": columns["frt_systems"],
            }
        )
        if incident_id not in bodies:
            new_bodies.append({"incident_id": incident_id, "body": body})
        elif bodies[incident_id] != body:
            changed_bodies.append({"_id": incident_id, "_body": body})
    run(_SET_DERIVED, derived)
    if new_bodies:
        run(insert(_SEARCH), new_bodies)
    if changed_bodies:
        run(_SET_BODY, changed_bodies)
    wanted = set(ids)
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, Incident) and loaded.id in wanted:
            session.expire(loaded)  # a loaded incident shows the new derived values
    research_facts.refresh(session, ids)
