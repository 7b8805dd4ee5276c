"""Eligible incidents as export records (level-0 quasi-identifiers and coded analytic values),
read in batches so that memory does not grow with the number of incidents. Nothing else is read:
no names, dates of birth beyond the age, places beyond the state, free text or identifiers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from incidents.cases.facts import detention_hours_from_timeline
from incidents.exports.regions import census_region, world_region
from incidents.models import (
    Agency,
    Assessment,
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentAgency,
    IncidentPerson,
    Organization,
    Person,
    Provision,
    TimelineEvent,
)
from incidents.vocab import DISREGARDED_RESPONSES

BATCH = 1000
LEGAL_GROUP = {
    "us_citizen_birth": "us_citizen",
    "us_citizen_abroad": "us_citizen",
    "us_citizen_naturalized": "us_citizen",
    "us_citizen_derived": "us_citizen",
    "us_national": "us_national",
    "lpr": "lpr",
    "refugee": "humanitarian",
    "asylee": "humanitarian",
    "asylum_applicant": "humanitarian",
    "tps": "humanitarian",
    "u_t_visa": "humanitarian",
    "parolee": "humanitarian",
    "daca": "temporary_status",
    "visa_holder": "temporary_status",
    "pending_adjustment": "temporary_status",
    "undocumented": "undocumented",
}


def eligible_organizations(session: Session, organization_id: int | None) -> list[int]:
    """The researcher's organization (if any) and every organization that shares with others."""
    sharing = set(
        session.exec(
            select(Organization.id).where(Organization.share_with_researchers.is_(True))
        ).all()
    )
    if organization_id is not None:
        sharing.add(organization_id)
    return sorted(sharing)


def eligible_query(organization_ids: list[int]):
    """Consented, not archived incidents of these organizations."""
    return select(Incident.id).where(
        Incident.organization_id.in_(organization_ids),
        Incident.research_consent == "yes",
        Incident.archived_at.is_(None),
    )


def count_eligible(session: Session, organization_ids: list[int]) -> int:
    """How many incidents may be exported."""
    return session.exec(
        select(func.count()).select_from(eligible_query(organization_ids).subquery())
    ).one()


FULL = frozenset({"documents", "timeline", "assessments"})


def iter_records(
    session: Session,
    organization_ids: list[int],
    *,
    shuffled: bool = False,
    parts: frozenset = FULL,
) -> Iterator[dict]:
    """Every eligible incident as a record; `shuffled` asks the database for a random order;
    `parts` limits the related rows read (a counting pass needs fewer)."""
    query = eligible_query(organization_ids)
    query = query.order_by(func.random()) if shuffled else query.order_by(Incident.id)
    # The ids stream from the cursor a batch at a time: nothing grows with the number of rows.
    result = session.execute(query.execution_options(yield_per=BATCH))
    for chunk in result.scalars().partitions():
        by_id = _batch(session, list(chunk), parts)
        for incident_id in chunk:
            yield by_id[incident_id]


def _batch(session: Session, ids: list[int], parts: frozenset = FULL) -> dict[int, dict]:
    """Records of a batch of incidents. Column queries only (no ORM objects, no identity map),
    so memory stays flat however many batches are read."""
    run = session.execute
    incidents = {
        row.id: row
        for row in run(
            select(
                Incident.id,
                Incident.occurred_on,
                Incident.state,
                Incident.encounter_type,
                Incident.outcome,
                Incident.detention_hours_entered,
            ).where(Incident.id.in_(ids))
        )
    }
    frt, docs, events = defaultdict(list), defaultdict(list), defaultdict(list)
    for row in run(
        select(
            FrtUse.incident_id,
            FrtUse.system,
            FrtUse.mode,
            FrtUse.treated_as,
            FrtUse.sole_basis,
            FrtUse.human_review,
            FrtUse.misidentified,
        )
        .where(FrtUse.incident_id.in_(ids))
        .order_by(FrtUse.position, FrtUse.id)
    ):
        frt[row.incident_id].append(row)
    documents = (
        ()
        if "documents" not in parts
        else run(
            select(
                DocumentPresented.incident_id,
                DocumentPresented.document_type,
                DocumentPresented.agent_response,
            ).where(DocumentPresented.incident_id.in_(ids))
        )
    )
    for row in documents:
        docs[row.incident_id].append(row)
    for row in (
        ()
        if "timeline" not in parts
        else run(
            select(
                TimelineEvent.incident_id,
                TimelineEvent.kind,
                TimelineEvent.starts_at,
                TimelineEvent.ends_at,
            ).where(TimelineEvent.incident_id.in_(ids))
        )
    ):
        events[row.incident_id].append(row)
    subjects = {}
    for row in run(
        select(
            IncidentPerson.incident_id,
            Person.date_of_birth,
            Person.nationality,
            Person.legal_status,
        )
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id.in_(ids), IncidentPerson.role == "subject")
        .order_by(IncidentPerson.position)
    ):
        subjects.setdefault(row.incident_id, row)
    levels = defaultdict(set)
    for incident_id, level in run(
        select(IncidentAgency.incident_id, Agency.level)
        .join(Agency, Agency.id == IncidentAgency.agency_id)
        .where(IncidentAgency.incident_id.in_(ids))
    ):
        levels[incident_id].add(level)
    for incident_id, level in run(
        select(FrtUse.incident_id, Agency.level)
        .join(Agency, Agency.id == FrtUse.operator_agency_id)
        .where(FrtUse.incident_id.in_(ids))
    ):
        levels[incident_id].add(level)
    violated = defaultdict(set)
    for incident_id, requirement in (
        ()
        if "assessments" not in parts
        else run(
            select(Assessment.incident_id, Provision.requirement_type)
            .join(Provision, Provision.id == Assessment.provision_id)
            .where(Assessment.incident_id.in_(ids), Assessment.decision == "violated")
        )
    ):
        violated[incident_id].add(requirement)
    return {
        i: _record(
            incidents[i], frt[i], docs[i], events[i], subjects.get(i), levels[i], violated[i]
        )
        for i in ids
    }


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _any(values: list[str]) -> str:
    if not values:
        return "none"
    if "yes" in values:
        return "yes"
    return "no" if all(v == "no" for v in values) else "unknown"


def _hours_band(hours: float | None) -> str:
    if hours is None:
        return "unknown"
    for limit, band in ((0.0, "0"), (6, "<6"), (24, "6-24"), (72, "24-72"), (168, "72-168")):
        if hours <= limit if band == "0" else hours < limit:
            return band
    return "168+"


def _record(incident, uses, documents, events, subject, levels, violated) -> dict:
    first = uses[0] if uses else None
    hours = detention_hours_from_timeline(events)
    if hours is None and incident.detention_hours_entered is not None:
        hours = float(incident.detention_hours_entered)
    quarter = (incident.occurred_on.month - 1) // 3 + 1
    return {
        "period": f"{incident.occurred_on.year}-Q{quarter}",
        "age": _age(subject.date_of_birth if subject else None, incident.occurred_on),
        "region": census_region(incident.state),
        "nationality_region": world_region(subject.nationality if subject else None),
        "agency_level": next(iter(levels))
        if len(levels) == 1
        else ("multiple" if levels else "unknown"),
        "legal_status_group": LEGAL_GROUP.get(subject.legal_status if subject else "", "unknown"),
        "encounter_type": incident.encounter_type,
        "frt_system": first.system if first else "none",
        "frt_mode": first.mode if first else "none",
        "treated_as": first.treated_as if first else "none",
        "sole_basis": _any([u.sole_basis for u in uses]),
        "human_review": first.human_review if first else "none",
        "misidentified": _any([u.misidentified for u in uses]),
        "documents_presented": ";".join(sorted({d.document_type for d in documents})),
        "documents_disregarded": (
            "yes" if any(d.agent_response in DISREGARDED_RESPONSES for d in documents) else "no"
        )
        if documents
        else "none",
        "detention_hours_band": _hours_band(hours),
        "hours": hours,  # for the aggregate median only; never exported
        "outcome": incident.outcome or "unknown",
        "provisions_violated": ";".join(sorted(violated)),
    }
