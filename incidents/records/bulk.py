"""The bulk form of `operations.create` for imports and the demo generator: many incidents in a
fixed number of statements per batch, with the same rows and derived values."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlmodel import Session

from incidents import audit
from incidents.db import utcnow
from incidents.models import Agent, Incident, IncidentAgency, IncidentPerson, IncidentSearch, Person
from incidents.records import derived
from incidents.records.people import name_key
from incidents.records.references import Allocator, Reference
from incidents.records.spec import PERSON
from incidents.records.tables import COLUMNS, ROWS, agency_links, plain, references
from incidents.records.value import IncidentValue


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
    now, actor_id = utcnow(), getattr(actor, "id", None)
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
        {"incident_id": incident_id, "position": position, **plain(agent, ROWS[0][2])}
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
            for a, under in agency_links(value).items()
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
                        **plain(row, fields),
                        **references(row, ref_fields, refs),
                    }
                )
    for model, rows in tables.items():
        if rows:
            session.execute(insert(model.__table__), rows)
