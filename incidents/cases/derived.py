"""Data derived from an incident's rows, stored for fast lists and search: the search text, the
client's legal status, the flags (match as sole basis or definitive ID, documents disregarded)
and the research facts.
Services call `refresh` after every change; nothing else writes these columns."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, select

from incidents.cases.search import search_body
from incidents.exports import facts as research_facts
from incidents.models import (
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentPerson,
    IncidentSearch,
    Person,
)
from incidents.vocab import DISREGARDED_RESPONSES


def flags(frt_rows, document_responses) -> dict:
    """The flag columns from (sole_basis, treated_as) pairs and agent responses."""
    return {
        "flag_sole_basis": any(sole == "yes" for sole, _ in frt_rows),
        "flag_definitive_id": any(treated == "definitive_id" for _, treated in frt_rows),
        "flag_docs_disregarded": any(r in DISREGARDED_RESPONSES for r in document_responses),
    }


def refresh(session: Session, incident_ids) -> None:
    """Recompute the derived data of these incidents (a fixed number of queries)."""
    ids = sorted(set(incident_ids))
    if not ids:
        return
    frt, docs = defaultdict(list), defaultdict(list)
    for incident_id, sole, treated in session.exec(
        select(FrtUse.incident_id, FrtUse.sole_basis, FrtUse.treated_as).where(
            FrtUse.incident_id.in_(ids)
        )
    ).all():
        frt[incident_id].append((sole, treated))
    for incident_id, response in session.exec(
        select(DocumentPresented.incident_id, DocumentPresented.agent_response).where(
            DocumentPresented.incident_id.in_(ids)
        )
    ).all():
        docs[incident_id].append(response)
    people = defaultdict(list)
    for incident_id, role, person in session.exec(
        select(IncidentPerson.incident_id, IncidentPerson.role, Person)
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id.in_(ids))
        .order_by(IncidentPerson.position, IncidentPerson.id)
    ).all():
        people[incident_id].append((role, person))
    searches = {
        row.incident_id: row
        for row in session.exec(
            select(IncidentSearch).where(IncidentSearch.incident_id.in_(ids))
        ).all()
    }
    for incident in session.exec(select(Incident).where(Incident.id.in_(ids))).all():
        subjects = [p for role, p in people[incident.id] if role == "subject"]
        incident.subject_legal_status = subjects[0].legal_status if subjects else None
        for name, value in flags(frt[incident.id], docs[incident.id]).items():
            setattr(incident, name, value)
        names = [part for _, p in people[incident.id] for part in (p.full_name, p.aliases or "")]
        body = search_body(incident.reference, incident.narrative, names)
        row = searches.get(incident.id)
        if row is None:
            session.add(IncidentSearch(incident_id=incident.id, body=body))
        elif row.body != body:
            row.body = body
    session.flush()
    research_facts.refresh(session, ids)
