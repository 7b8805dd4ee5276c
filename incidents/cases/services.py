"""Creating, editing, viewing and archiving incidents. Each public function commits its work
and records it in the audit trail (field and section names only, never values)."""

from __future__ import annotations

from sqlalchemy import func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from incidents import audit
from incidents.cases.mapping import (
    DOCUMENT_FIELDS,
    FRT_FIELDS,
    INCIDENT_FIELDS,
    PERSON_FIELDS,
    TIMELINE_FIELDS,
    bundle_to_data,
    changes,
)
from incidents.db import utcnow
from incidents.models import (
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentAgency,
    IncidentPerson,
    Organization,
    Person,
    TimelineEvent,
    User,
)
from incidents.records import derived
from incidents.records.bundle import linked_agency_ids, load_bundle
from incidents.records.validation import fold


class StaleEdit(Exception):
    """Someone else saved the incident after this form was opened."""


def next_reference(session: Session, organization: Organization, year: int) -> tuple[str, int]:
    """The next free reference of an organization for a year, e.g. ABC-2025-0042."""
    highest = session.exec(
        select(func.max(Incident.ref_number)).where(
            Incident.organization_id == organization.id, Incident.ref_year == year
        )
    ).one()
    number = (highest or 0) + 1
    return f"{organization.code}-{year}-{number:04d}", number


def create_incident(*, session: Session, actor: User, data: dict) -> Incident:
    """Create an incident with everything in `data`; retries if a reference was taken."""
    organization = session.get(Organization, actor.organization_id)
    for _attempt in range(3):
        year = data["occurred_on"].year
        reference, number = next_reference(session, organization, year)
        incident = Incident(
            organization_id=organization.id,
            reference=reference,
            ref_year=year,
            ref_number=number,
            occurred_on=data["occurred_on"],
            state=data["state"],
            encounter_type=data["encounter_type"],
            created_by_id=actor.id,
            updated_by_id=actor.id,
        )
        session.add(incident)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            continue
        _apply(session, actor, incident, data)
        audit.record(
            session=session,
            action="incident_created",
            actor=actor,
            object_type="incident",
            object_id=incident.id,
            details={"reference": incident.reference},
        )
        session.commit()
        return incident
    raise RuntimeError("could not allocate an incident reference")


def update_incident(
    *, session: Session, actor: User, incident: Incident, data: dict, expected_version: int
) -> list[str]:
    """Save an edit unless someone saved in between (StaleEdit). Returns changed sections."""
    before = bundle_to_data(load_bundle(session, incident), linked_agency_ids(session, incident.id))
    claimed = session.execute(
        update(Incident.__table__)
        .where(
            Incident.__table__.c.id == incident.id, Incident.__table__.c.version == expected_version
        )
        .values(version=expected_version + 1)
    )
    if claimed.rowcount != 1:
        session.rollback()
        raise StaleEdit
    incident.version = expected_version + 1
    _apply(session, actor, incident, data)
    after = bundle_to_data(load_bundle(session, incident), linked_agency_ids(session, incident.id))
    sections, fields = changes(before, after)
    if sections:
        incident.updated_at, incident.updated_by_id = utcnow(), actor.id
        audit.record(
            session=session,
            action="incident_updated",
            actor=actor,
            object_type="incident",
            object_id=incident.id,
            details={"sections": sections, "fields": fields},
        )
        session.commit()
    else:
        session.rollback()  # nothing changed: keep the version as it was
    return sections


def edit_from_import(
    *, session: Session, actor, incident: Incident, before: dict, after: dict
) -> list[str]:
    """Apply an import's changes to a stored incident in the caller's transaction (no commit):
    version, rows, derived data and an 'incident_updated' event naming the changed sections
    and fields. Nothing is written when nothing changes; returns the changed sections."""
    sections, fields = changes(before, after)
    if not sections:
        return []
    table = Incident.__table__
    session.execute(
        update(table).where(table.c.id == incident.id).values(version=table.c.version + 1)
    )
    session.refresh(incident, ["version"])
    _apply(session, actor, incident, after)
    incident.updated_at, incident.updated_by_id = utcnow(), actor.id
    audit.record(
        session=session,
        action="incident_updated",
        actor=actor,
        organization_id=incident.organization_id,
        object_type="incident",
        object_id=incident.id,
        details={"sections": sections, "fields": fields, "source": "import"},
    )
    return sections


def _apply(session: Session, actor: User, incident: Incident, data: dict) -> None:
    for name in INCIDENT_FIELDS:
        setattr(incident, name, data[name])
    incident.occurred_on, incident.date_precision = data["occurred_on"], data["date_precision"]
    if incident.research_consent != "yes":
        incident.research_consent_on = None
    _sync_agencies(session, incident.id, data["agency_ids"])
    keys, touched_people = _sync_people(session, actor, incident, data["people"])
    _sync_rows(session, FrtUse, incident.id, data["frt_uses"], FRT_FIELDS)
    documents = [
        {**row, "presented_by_id": keys.get(row.get("presented_by_key"))}
        for row in data["documents"]
    ]
    _sync_rows(
        session, DocumentPresented, incident.id, documents, (*DOCUMENT_FIELDS, "presented_by_id")
    )
    _sync_rows(session, TimelineEvent, incident.id, data["timeline"], TIMELINE_FIELDS)
    session.flush()
    affected = {incident.id}
    if touched_people:
        affected |= set(
            session.exec(
                select(IncidentPerson.incident_id).where(
                    IncidentPerson.person_id.in_(touched_people)
                )
            ).all()
        )
    derived.refresh(session, affected)


def _sync_agencies(session: Session, incident_id: int, agency_ids: list[int]) -> None:
    current = set(linked_agency_ids(session, incident_id))
    wanted = set(agency_ids)
    for agency_id in wanted - current:
        session.add(IncidentAgency(incident_id=incident_id, agency_id=agency_id))
    for link in session.exec(
        select(IncidentAgency).where(
            IncidentAgency.incident_id == incident_id,
            IncidentAgency.agency_id.in_(current - wanted),
        )
    ).all():
        session.delete(link)


def _sync_people(session, actor, incident, rows) -> tuple[dict[str, int], set[int]]:
    """Create or update people and their links; returns row key → person id, and the ids of
    existing people whose details changed (their other incidents' search text changes too)."""
    keys: dict[str, int] = {}
    touched: set[int] = set()
    links = {
        link.person_id: link
        for link in session.exec(
            select(IncidentPerson).where(IncidentPerson.incident_id == incident.id)
        ).all()
    }
    for position, row in enumerate(rows):
        person = session.get(Person, row["person_id"]) if row["person_id"] else None
        if person is None or person.organization_id != incident.organization_id:
            person = Person(
                organization_id=incident.organization_id,
                full_name="",
                name_key="",
                created_by_id=actor.id,
            )
            session.add(person)
        elif any(getattr(person, n) != row["person"][n] for n in PERSON_FIELDS):
            touched.add(person.id)
        for name in PERSON_FIELDS:
            setattr(person, name, row["person"][name])
        person.name_key = fold(person.full_name)[:200]
        person.touch(actor.id)
        session.flush()
        keys[row["key"]] = person.id
        keys[f"p{person.id}"] = person.id
        link = links.pop(person.id, None) or IncidentPerson(
            incident_id=incident.id, person_id=person.id, role=row["role"]
        )
        link.role, link.position = row["role"], position
        session.add(link)
    for link in links.values():
        session.delete(link)
    return keys, touched


def _sync_rows(session, model, incident_id: int, rows: list[dict], fields) -> None:
    existing = {
        row.id: row
        for row in session.exec(select(model).where(model.incident_id == incident_id)).all()
    }
    for position, data in enumerate(rows):
        row = existing.pop(data.get("id"), None) or model(incident_id=incident_id)
        for name in fields:
            setattr(row, name, data.get(name))
        row.position = position
        session.add(row)
    for row in existing.values():
        session.delete(row)


def find_duplicates(*, session: Session, organization_id: int, rows: list[dict]) -> dict:
    """For each new person row (no person_id, no decision yet): people of the organization with
    the same A-number, or the same name and date of birth. Returns row key → people."""
    found = {}
    for row in rows:
        person = row["person"]
        if row["person_id"] or not person["full_name"]:
            continue
        conditions = []
        if person["a_number"]:
            conditions.append(Person.a_number == person["a_number"])
        if person["date_of_birth"]:
            conditions.append(
                (Person.name_key == fold(person["full_name"])[:200])
                & (Person.date_of_birth == person["date_of_birth"])
            )
        if not conditions:
            continue
        matches = session.exec(
            select(Person)
            .where(Person.organization_id == organization_id, or_(*conditions))
            .limit(5)
        ).all()
        if matches:
            found[row["key"]] = list(matches)
    return found


def record_view(*, session: Session, actor: User, incident: Incident) -> None:
    """Audit a view of a case page."""
    audit.record(
        session=session,
        action="incident_viewed",
        actor=actor,
        object_type="incident",
        object_id=incident.id,
    )
    session.commit()


def archive_incident(*, session: Session, actor: User, incident: Incident, reason: str) -> None:
    """Archive (soft-delete) an incident with a reason; it leaves lists and exports."""
    incident.archived_at, incident.archived_by_id = utcnow(), actor.id
    incident.archive_reason = reason
    audit.record(
        session=session,
        action="incident_archived",
        actor=actor,
        object_type="incident",
        object_id=incident.id,
    )
    session.commit()


def restore_incident(*, session: Session, actor: User, incident: Incident) -> None:
    """Undo an archive."""
    incident.archived_at = incident.archived_by_id = incident.archive_reason = None
    audit.record(
        session=session,
        action="incident_restored",
        actor=actor,
        object_type="incident",
        object_id=incident.id,
    )
    session.commit()
