"""The one write path of incident records: creating, updating, archiving and restoring
incidents with their people and rows. Each operation refreshes the derived columns and
research facts, records its audit event and flushes; the caller (a service) commits once per
request or command. Nothing else writes these tables (tests/test_write_path.py watches).

`create_many` is the bulk form of `create` for imports and the demo generator: a fixed number
of statements per batch, the same rows and derived values."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from incidents import audit
from incidents.db import utcnow
from incidents.models import (
    Agent,
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentAgency,
    IncidentPerson,
    IncidentSearch,
    Paperwork,
    Person,
    TimelineEvent,
)
from incidents.problems import Conflict
from incidents.records import derived
from incidents.records.bundle import linked_agencies, load_bundle
from incidents.records.people import name_key
from incidents.records.references import Allocator, Reference
from incidents.records.spec import (
    AGENT,
    DOCUMENT,
    FRT_USE,
    INCIDENT,
    PAPERWORK_ROW,
    PERSON,
    REF_KINDS,
    TIMELINE,
)
from incidents.records.value import IncidentValue, changes, from_bundle, ref_column

COLUMNS = tuple(f.code for f in INCIDENT if f.kind != "agencies")


def _row_spec(list_name, model, entity):
    """(list, model, plain fields, reference fields) of one kind of row."""
    return (
        list_name,
        model,
        tuple(f.code for f in entity if f.kind not in REF_KINDS),
        tuple(f for f in entity if f.kind in REF_KINDS),
    )


# Agents come first: the rows after them refer to them.
ROWS = (
    _row_spec("agents", Agent, AGENT),
    _row_spec("frt_uses", FrtUse, FRT_USE),
    _row_spec("documents", DocumentPresented, DOCUMENT),
    _row_spec("timeline", TimelineEvent, TIMELINE),
    _row_spec("paperwork", Paperwork, PAPERWORK_ROW),
)


class StaleEdit(Conflict):
    """Someone else saved this incident after you opened it, so your changes were NOT saved."""


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
                raise Conflict(f"The reference {text} is already recorded.") from None
            allocator.next_number.pop(year, None)
            continue
        _apply(session, actor, incident, value)
        _audit(session, "incident_created", actor, incident, {"reference": text}, source)
        return incident
    raise Conflict("Could not allocate a reference number; please try again.")


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


def create_many(
    session: Session,
    *,
    actor,
    organization,
    items: list[tuple[IncidentValue, Reference | None]],
    allocator: Allocator | None = None,
    source: str,
    audit_each: bool = True,
) -> list[tuple[int, str]]:
    """Create many incidents in a fixed number of statements; returns (id, reference) in order.
    People entries with a `person_id` link that person; the others are created, one person
    per distinct entry key in the batch. Without `audit_each`, the caller records one event
    for the whole batch (the demo generator)."""
    if not items:
        return []
    allocator = allocator or Allocator(session, organization.id, organization.code)
    now, actor_id = utcnow(), _id(actor)
    references = [ref or allocator.next(value.occurred_on.year) for value, ref in items]
    values = [value for value, _ in items]
    ids = _insert(
        session,
        Incident,
        [
            {
                **{name: getattr(value, name) for name in COLUMNS},
                "date_precision": value.date_precision,
                "organization_id": organization.id,
                "reference": text,
                "ref_year": year,
                "ref_number": number,
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "created_by_id": actor_id,
                "updated_by_id": actor_id,
            }
            for value, (text, year, number) in zip(values, references, strict=True)
        ],
    )
    people = _new_people(session, organization.id, actor_id, values, now)
    _insert_rows(session, ids, values, people)
    derived.refresh(session, ids)
    if audit_each:
        audit.record_many(
            session=session,
            action="incident_created",
            actor=actor,
            organization_id=organization.id,
            object_type="incident",
            items=[
                (i, {"reference": ref[0], **({"source": source} if source else {})})
                for i, ref in zip(ids, references, strict=True)
            ],
        )
    session.flush()
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, Incident | IncidentSearch | Person):
            session.expunge(loaded)  # nothing accumulates from batch to batch
    return [(i, ref[0]) for i, ref in zip(ids, references, strict=True)]


def _insert(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert rows; returns their ids in order. On SQLite, whose transactions hold the write
    lock from their start (decision 0002), ids are given from the table's highest, so the rows
    go in one executemany (its RETURNING would take one statement a row); elsewhere the
    database returns them in order."""
    table = model.__table__
    if session.get_bind().dialect.name == "sqlite":
        start = session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar() + 1
        ids = list(range(start, start + len(rows)))
        session.execute(insert(table), [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
        return ids
    return (
        session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        .scalars()
        .all()
    )


def _new_people(session, organization_id, actor_id, values, now) -> dict[str, int]:
    """Insert the people of new entries (one per key); returns entry key → person id."""
    keys: dict[str, int] = {}
    new: dict[str, dict] = {}
    for value in values:
        for entry in value.people:
            if entry.person_id is not None:
                keys[entry.key] = entry.person_id
            elif entry.key not in new:
                new[entry.key] = {
                    **{f.code: getattr(entry.person, f.code) for f in PERSON},
                    "organization_id": organization_id,
                    "name_key": name_key(entry.person.full_name),
                    "created_at": now,
                    "updated_at": now,
                    "created_by_id": actor_id,
                    "updated_by_id": actor_id,
                }
    if new:
        keys.update(zip(new, _insert(session, Person, list(new.values())), strict=True))
    return keys


def _insert_rows(session, ids, values, people: dict[str, int]) -> None:
    tables: dict[type, list[dict]] = {IncidentPerson: [], IncidentAgency: []}
    tables.update({model: [] for _, model, _, _ in ROWS[1:]})
    agent_rows = [
        {"incident_id": incident_id, "position": position, **_plain(agent, ROWS[0][2])}
        for incident_id, value in zip(ids, values, strict=True)
        for position, agent in enumerate(value.agents)
    ]
    agent_ids = iter(_insert(session, Agent, agent_rows) if agent_rows else [])
    for incident_id, value in zip(ids, values, strict=True):
        linked = set()
        for position, entry in enumerate(value.people):
            person_id = people[entry.key]
            if person_id in linked:
                continue
            linked.add(person_id)
            tables[IncidentPerson].append(
                {
                    "incident_id": incident_id,
                    "person_id": person_id,
                    "role": entry.role,
                    "position": position,
                }
            )
        tables[IncidentAgency] += [
            {"incident_id": incident_id, "agency_id": a, "under_287g": under}
            for a, under in _agency_links(value).items()
        ]
        agents = {a.key: next(agent_ids) for a in value.agents}
        agents.pop(None, None)  # an agent without a key is named by no row
        refs = {"person_ref": people, "agent_ref": agents}
        for list_name, model, fields, ref_fields in ROWS[1:]:
            for position, row in enumerate(getattr(value, list_name)):
                tables[model].append(
                    {
                        "incident_id": incident_id,
                        "position": position,
                        **_plain(row, fields),
                        **_references(row, ref_fields, refs),
                    }
                )
    for model, rows in tables.items():
        if rows:
            session.execute(insert(model.__table__), rows)


def _plain(row, fields) -> dict:
    return {name: getattr(row, name) for name in fields}


def _references(row, ref_fields, refs: dict[str, dict]) -> dict:
    """The stored ids a row's references name (None for a key not among the incident's
    entries)."""
    return {ref_column(f): refs[f.kind].get(getattr(row, f.code)) for f in ref_fields}


def _agency_links(value: IncidentValue) -> dict[int, bool]:
    """Agency id → under a 287(g) agreement; an agency ticked under 287(g) is involved."""
    under = set(value.agencies_287g)
    return {a: a in under for a in sorted(set(value.agencies) | under)}


def _apply(session: Session, actor, incident: Incident, value: IncidentValue) -> None:
    for name in COLUMNS:
        setattr(incident, name, getattr(value, name))
    incident.date_precision = value.date_precision
    if incident.research_consent != "yes":
        incident.research_consent_on = None
    _sync_agencies(session, incident.id, _agency_links(value))
    keys, touched_people = _sync_people(session, actor, incident, value.people)
    refs = {"person_ref": keys, "agent_ref": {}}
    for list_name, model, fields, ref_fields in ROWS:
        rows = getattr(value, list_name)
        extra = [_references(row, ref_fields, refs) for row in rows]
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
