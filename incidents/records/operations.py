"""The one write path of incident records: creating, updating, archiving and restoring
incidents with their people and rows. Each operation refreshes the derived columns and
research facts, records its audit event and flushes; the caller (a service) commits once per
request or command. Nothing else writes these tables (tests/test_write_path.py watches) but
`bulk.create_many`, the bulk form of `create` for imports and the demo generator."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from incidents import audit
from incidents.db import utcnow
from incidents.i18n import N_, gettext
from incidents.models import (
    Agent,
    Incident,
    IncidentAgency,
    IncidentPerson,
    Person,
)
from incidents.problems import Conflict
from incidents.records import derived, review
from incidents.records.bundle import linked_agencies, load_bundle
from incidents.records.people import name_key
from incidents.records.references import Allocator, Reference
from incidents.records.spec import PERSON
from incidents.records.tables import COLUMNS, ROWS, agency_links, references
from incidents.records.value import IncidentValue, changes, from_bundle


class StaleEdit(Conflict):
    """Someone else saved this incident after you opened it, so your changes were NOT saved."""

    default = N_(
        "Someone else saved this incident after you opened it, so your changes were NOT saved."
    )


def create(
    session: Session,
    *,
    actor,
    organization,
    value: IncidentValue,
    reference: Reference | None = None,
    source: str | None = None,
) -> Incident:
    """Create an incident with its people and rows; a reference is allocated unless given
    (retried in a savepoint if another writer takes the same number meanwhile)."""
    allocator = Allocator(session, organization.id, organization.code)
    for _attempt in range(3):
        text, year, number = reference or allocator.next(value.occurred_on.year)
        incident = Incident(
            organization_id=organization.id,
            reference=text,
            ref_year=year,
            ref_number=number,
            occurred_on=value.occurred_on,
            state=value.state,
            encounter_type=value.encounter_type,
            created_by_id=_id(actor),
            updated_by_id=_id(actor),
        )
        try:
            with session.begin_nested():
                session.add(incident)
                session.flush()
        except IntegrityError:
            if reference is not None:
                raise Conflict(
                    gettext("The reference %(reference)s is already recorded.", reference=text)
                ) from None
            allocator.next_number.pop(year, None)
            continue
        _apply(session, actor, incident, value)
        _audit(session, "incident_created", actor, incident, {"reference": text}, source)
        return incident
    raise Conflict(gettext("Could not allocate a reference number; please try again."))


def update(
    session: Session,
    *,
    actor,
    incident: Incident,
    value: IncidentValue,
    expected_version: int | None = None,
    source: str | None = None,
) -> list[str]:
    """Save a new value of an incident; returns the changed sections (nothing is written when
    nothing changed). With `expected_version`, a save on top of a newer save is refused
    (StaleEdit) and the database is left as it was."""
    before = from_bundle(load_bundle(session, incident))
    sections, fields = changes(before, value)
    table = Incident.__table__
    condition = table.c.id == incident.id
    if expected_version is not None:
        condition &= table.c.version == expected_version
        current = session.execute(select(table.c.version).where(condition)).first()
        if current is None:
            raise StaleEdit
    if not sections:
        return []
    claimed = session.execute(
        sql_update(table).where(condition).values(version=table.c.version + 1)
    )
    if claimed.rowcount != 1:
        raise StaleEdit
    session.refresh(incident, ["version"])
    _apply(session, actor, incident, value)
    incident.updated_at, incident.updated_by_id = utcnow(), _id(actor)
    details = {"sections": sections, "fields": fields}
    _audit(session, "incident_updated", actor, incident, details, source)
    review.reopen_after_change(session, actor=actor, incident=incident)
    session.flush()
    return sections


def archive(session: Session, *, actor, incident: Incident, reason: str) -> None:
    """Archive (soft-delete) an incident with a reason; it leaves lists and exports."""
    incident.archived_at, incident.archived_by_id = utcnow(), _id(actor)
    incident.archive_reason = reason
    _audit(session, "incident_archived", actor, incident, None, None)
    session.flush()


def restore(session: Session, *, actor, incident: Incident) -> None:
    """Undo an archive."""
    incident.archived_at = incident.archived_by_id = incident.archive_reason = None
    _audit(session, "incident_restored", actor, incident, None, None)
    session.flush()


def _apply(session: Session, actor, incident: Incident, value: IncidentValue) -> None:
    for name in COLUMNS:
        setattr(incident, name, getattr(value, name))
    incident.date_precision = value.date_precision
    if incident.research_consent != "yes":
        incident.research_consent_on = None
    _sync_agencies(session, incident.id, agency_links(value))
    keys, touched_people = _sync_people(session, actor, incident, value.people)
    refs = {"person_ref": keys, "agent_ref": {}}
    for list_name, model, fields, ref_fields in ROWS:
        rows = getattr(value, list_name)
        extra = [references(row, ref_fields, refs) for row in rows]
        stored = _sync_rows(session, actor, model, incident.id, rows, fields, extra)
        if model is Agent:
            session.flush()  # the new agents' ids, for the rows that name them
            for agent, row in zip(rows, stored, strict=True):
                refs["agent_ref"][f"a{row.id}"] = row.id
                if agent.key:
                    refs["agent_ref"][agent.key] = row.id
    session.flush()
    affected = {incident.id}
    if touched_people:
        affected |= set(
            session.execute(
                select(IncidentPerson.incident_id).where(
                    IncidentPerson.person_id.in_(touched_people)
                )
            ).scalars()
        )
    derived.refresh(session, affected)


def _sync_agencies(session: Session, incident_id: int, wanted: dict[int, bool]) -> None:
    current = linked_agencies(session, incident_id)
    for agency_id in wanted.keys() - current.keys():
        session.add(
            IncidentAgency(
                incident_id=incident_id, agency_id=agency_id, under_287g=wanted[agency_id]
            )
        )
    for link in session.scalars(
        select(IncidentAgency).where(IncidentAgency.incident_id == incident_id)
    ).all():
        if link.agency_id not in wanted:
            session.delete(link)
        elif link.under_287g != wanted[link.agency_id]:
            link.under_287g = wanted[link.agency_id]


def _sync_people(session, actor, incident, entries) -> tuple[dict[str, int], set[int]]:
    """Create or update people and their links; returns entry key → person id, and the ids of
    stored people whose details changed (their other incidents' search text changes too)."""
    keys: dict[str, int] = {}
    touched: set[int] = set()
    links = {
        link.person_id: link
        for link in session.scalars(
            select(IncidentPerson).where(IncidentPerson.incident_id == incident.id)
        ).all()
    }
    for position, entry in enumerate(entries):
        if entry.person_id and entry.person_id in keys.values():
            keys[entry.key] = entry.person_id  # listed twice: one link, the first row's role
            continue
        person = session.get(Person, entry.person_id) if entry.person_id else None
        if person is None or person.organization_id != incident.organization_id:
            person = Person(
                organization_id=incident.organization_id,
                full_name="",
                name_key="",
                created_by_id=_id(actor),
            )
            session.add(person)
        elif any(getattr(person, f.code) != getattr(entry.person, f.code) for f in PERSON):
            touched.add(person.id)
        for f in PERSON:
            setattr(person, f.code, getattr(entry.person, f.code))
        person.name_key = name_key(person.full_name)
        person.touch(_id(actor))
        session.flush()
        keys[entry.key] = person.id
        keys[f"p{person.id}"] = person.id
        link = links.pop(person.id, None) or IncidentPerson(
            incident_id=incident.id, person_id=person.id, role=entry.role
        )
        link.role, link.position = entry.role, position
        session.add(link)
    for link in links.values():
        session.delete(link)
    return keys, touched


# Called with (session, actor, model, ids) before rows of an incident's lists are removed by an
# edit, in the edit's transaction: a feature that refers to those rows (evidence pins) records
# what it loses. Features register here; the kernel imports none of them.
ROW_REMOVAL_HOOKS: list = []


def _sync_rows(session, actor, model, incident_id: int, rows, fields, extra) -> list:
    """Write an incident's rows of one kind in order; returns the stored rows, in order."""
    existing = {
        row.id: row
        for row in session.scalars(select(model).where(model.incident_id == incident_id)).all()
    }
    stored = []
    for position, value in enumerate(rows):
        row = existing.pop(value.id, None) or model(incident_id=incident_id)
        for name in fields:
            setattr(row, name, getattr(value, name))
        for name, item in extra[position].items():
            setattr(row, name, item)
        row.position = position
        session.add(row)
        stored.append(row)
    if existing:
        for hook in ROW_REMOVAL_HOOKS:
            hook(session, actor, model, sorted(existing))
    for row in existing.values():
        session.delete(row)
    return stored


def _audit(session, action, actor, incident, details, source) -> None:
    if source:
        details = {**(details or {}), "source": source}
    audit.record(
        session=session,
        action=action,
        actor=actor,
        organization_id=incident.organization_id,
        object_type="incident",
        object_id=incident.id,
        details=details,
    )


def _id(actor) -> int | None:
    return getattr(actor, "id", None)
