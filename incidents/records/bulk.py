"""The bulk form of `operations.create` for imports and the demo generator: many incidents with
their people and rows in a fixed number of statements per batch. Ids are reserved first, every
row is built in memory — with the derived columns, the search body and the research facts
computed from the value by the functions `derived.refresh` and `research.refresh` use — and each
table is written at once (`copier`: COPY on PostgreSQL), so nothing is read back or updated."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import select
from sqlmodel import Session

from incidents import audit
from incidents.db import utcnow
from incidents.models import (
    Agency,
    Agent,
    Incident,
    IncidentAgency,
    IncidentPerson,
    IncidentSearch,
    Person,
    ResearchFacts,
)
from incidents.records import derived, research
from incidents.records.copier import reserve_ids, write_rows
from incidents.records.people import name_key
from incidents.records.references import Allocator, Reference
from incidents.records.spec import PERSON
from incidents.records.tables import COLUMNS, ROWS, agency_links, plain, references
from incidents.records.value import IncidentValue

# a timeline event as research facts read it (facility names are never read there)
Event = namedtuple("Event", "kind starts_at ends_at place_type facility")
# what the derived values and research facts read of a person
Details = namedtuple("Details", "full_name aliases legal_status date_of_birth nationality")


@dataclass
class Batch:
    """Incidents ready to be written: the rows of every table (people first), ids reserved."""

    tables: dict[type, list[dict]]
    created: list[tuple[int, str]]  # (id, reference) of each incident, in order
    people: dict[str, int]  # entry key → person id
    details: dict[int, Details]  # person id → what derived values read of the person


def create_many(
    session: Session,
    *,
    actor,
    organization,
    items: list[tuple[IncidentValue, Reference | None]],
    allocator: Allocator | None = None,
    source: str,
    audit_each: bool = True,
    columns: list[dict] | None = None,
) -> list[tuple[int, str]]:
    """Create many incidents in a fixed number of statements; returns (id, reference) in order.
    People entries with a `person_id` link that person; the others are created, one person
    per distinct entry key in the batch. `columns`, if given, holds for each item more
    incident columns to write. Without `audit_each`, the caller records one event for the
    whole batch."""
    if not items:
        return []
    batch = prepare_many(
        session,
        actor=actor,
        organization=organization,
        items=items,
        allocator=allocator,
        columns=columns,
    )
    write_batch(session, batch)
    if audit_each:
        audit.record_many(
            session=session,
            action="incident_created",
            actor=actor,
            organization_id=organization.id,
            object_type="incident",
            items=[
                (i, {"reference": ref, **({"source": source} if source else {})})
                for i, ref in batch.created
            ],
        )
    session.flush()
    return batch.created


def write_batch(session: Session, batch: Batch) -> None:
    """Write a prepared batch in the session's transaction (the caller commits)."""
    for model, rows in batch.tables.items():
        write_rows(session, model.__table__, rows)


def prepare_many(
    session: Session,
    *,
    actor,
    organization,
    items: list[tuple[IncidentValue, Reference | None]],
    allocator: Allocator | None = None,
    columns: list[dict] | None = None,
    known: dict[int, Details] | None = None,
) -> Batch:
    """Reserve the ids of many incidents and build their rows (see `create_many`), writing
    nothing: the demo generator writes one batch while it builds the next. `known` gives the
    details of people linked by id whose rows may not be committed yet (an earlier batch's)."""
    allocator = allocator or Allocator(session, organization.id, organization.code)
    now, actor_id = utcnow(), getattr(actor, "id", None)
    references_ = [ref or allocator.next(value.occurred_on.year) for value, ref in items]
    values = [value for value, _ in items]
    ids = reserve_ids(session, Incident.__table__, len(values))
    keys, details, people_rows = _people(
        session, organization.id, actor_id, values, now, known or {}
    )
    agencies = _agencies(session, values)
    agent_ids = iter(reserve_ids(session, Agent.__table__, sum(len(v.agents) for v in values)))
    tables = {
        model: [] for model in (Person, Incident, IncidentPerson, IncidentAgency, IncidentSearch)
    }
    tables[Person] = people_rows
    tables.update({model: [] for _, model, _, _ in ROWS})
    tables[ResearchFacts] = []
    base = {
        "organization_id": organization.id,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "created_by_id": actor_id,
        "updated_by_id": actor_id,
    }
    for n, (incident_id, value, (text, year, number)) in enumerate(
        zip(ids, values, references_, strict=True)
    ):
        row = {
            "id": incident_id,
            **{name: getattr(value, name) for name in COLUMNS},
            "date_precision": value.date_precision,
            "reference": text,
            "ref_year": year,
            "ref_number": number,
            **base,
        }
        linked = _links(tables, incident_id, value, keys, details)
        agents = {}
        for position, agent in enumerate(value.agents):
            agents[agent.key] = agent_id = next(agent_ids)
            tables[Agent].append(
                {"id": agent_id, "incident_id": incident_id, "position": position}
                | plain(agent, ROWS[0][2])
            )
        agents.pop(None, None)  # an agent without a key is named by no row
        refs = {"person_ref": keys, "agent_ref": agents}
        for list_name, model, fields, ref_fields in ROWS[1:]:
            for position, item in enumerate(getattr(value, list_name)):
                tables[model].append(
                    {"incident_id": incident_id, "position": position}
                    | plain(item, fields)
                    | references(item, ref_fields, refs)
                )
        computed, body = derived.compute(
            reference=text,
            narrative=value.narrative,
            outcome=value.outcome,
            frt_rows=[(u.sole_basis, u.treated_as) for u in value.frt_uses],
            systems=[u.system for u in value.frt_uses],
            agencies=[agencies[a][0] for a in agency_links(value)],
            responses=[d.agent_response for d in value.documents],
            people=[(role, *details[person_id][:3]) for role, person_id in linked],
        )
        row.update(computed)
        if columns is not None:
            row.update(columns[n])
        tables[Incident].append(row)
        tables[IncidentSearch].append({"incident_id": incident_id, "body": body})
        tables[ResearchFacts].append(_facts(row, value, linked, details, agencies))
    created = [(i, ref[0]) for i, ref in zip(ids, references_, strict=True)]
    return Batch(tables, created, keys, details)


def _people(session, organization_id, actor_id, values, now, known):
    """The people of new entries (one per key): returns entry key → person id, person id →
    Details (of the stored person for linked entries, or as `known`) and their rows."""
    keys: dict[str, int] = {}
    new: dict[str, object] = {}
    for value in values:
        for entry in value.people:
            if entry.person_id is not None:
                keys[entry.key] = entry.person_id
            elif entry.key not in new:
                new[entry.key] = entry.person
    details = {p: known[p] for p in set(keys.values()) if p in known}
    linked = set(keys.values()) - set(details)
    if linked:
        found = session.execute(
            select(Person.id, *(getattr(Person, name) for name in Details._fields)).where(
                Person.id.in_(linked)
            )
        )
        details.update((row[0], Details(*row[1:])) for row in found)
    rows = []
    for (key, person), person_id in zip(
        new.items(), reserve_ids(session, Person.__table__, len(new)), strict=True
    ):
        keys[key] = person_id
        details[person_id] = Details(*(getattr(person, name) for name in Details._fields))
        rows.append(
            {
                "id": person_id,
                **{f.code: getattr(person, f.code) for f in PERSON},
                "organization_id": organization_id,
                "name_key": name_key(person.full_name),
                "created_at": now,
                "updated_at": now,
                "created_by_id": actor_id,
                "updated_by_id": actor_id,
            }
        )
    return keys, details, rows


def _agencies(session, values) -> dict[int, tuple[str, str]]:
    """Agency id → (name, level) of every agency the batch names."""
    wanted = set()
    for value in values:
        wanted.update(value.agencies, value.agencies_287g)
        wanted.update(u.operator_agency_id for u in value.frt_uses)
    wanted.discard(None)
    found = session.execute(
        select(Agency.id, Agency.name, Agency.level).where(Agency.id.in_(wanted))
    )
    return {agency_id: (name, level) for agency_id, name, level in found}


def _links(tables, incident_id, value, keys, details) -> list[tuple[str, int]]:
    """Add the incident's people and agency links; returns (role, person id) in order."""
    linked, seen = [], set()
    for position, entry in enumerate(value.people):
        person_id = keys[entry.key]
        if person_id in seen:
            continue
        seen.add(person_id)
        linked.append((entry.role, person_id))
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
    return linked


def _facts(row, value, linked, details, agencies) -> dict:
    """The research facts row of a new incident (no provision assessed yet)."""
    links = agency_links(value)
    subject = next((details[p] for role, p in linked if role == "subject"), None)
    levels = {agencies[a][1] for a in links}
    levels.update(
        agencies[u.operator_agency_id][1]
        for u in value.frt_uses
        if u.operator_agency_id is not None
    )
    record = research.record(
        SimpleNamespace(**row, archived_at=None),
        value.frt_uses,
        value.documents,
        [Event(e.kind, e.starts_at, e.ends_at, e.place_type, None) for e in value.timeline],
        subject,
        levels,
        set(),
        masked=[a.masked for a in value.agents],
        under_287g=any(links.values()),
    )
    return {"incident_id": row["id"], **{name: record[name] for name in research.FIELDS}}
