"""Read-only queries behind the incident list: filters, full-text search, sorting, and the
per-page extras (systems, flags, subjects) fetched in one query each, never per row."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from incidents.cases import paging, search
from incidents.models import (
    Assessment,
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentAgency,
    IncidentPerson,
    Person,
    Provision,
)
from incidents.models.incident import MATCHES_INDEX
from incidents.vocab import DISREGARDED_RESPONSES

PER_PAGE = paging.PER_PAGE
# the columns the list shows (templates/cases/list.html), read as plain rows
LISTED = (
    Incident.id,
    Incident.reference,
    Incident.occurred_on,
    Incident.date_precision,
    Incident.city,
    Incident.state,
    Incident.encounter_type,
    Incident.outcome,
    Incident.documentation_status,
    Incident.archive_reason,
)
FEW = 20_000  # below this many text matches, look incidents up by id (see `filtered`)
# Each sort's columns, ending with a unique one: a page starts after a row's values. Within a
# state or a status, newest first (or oldest, ascending) — one direction, so one index serves.
SORTS = {
    "occurred": (Incident.occurred_on, Incident.id),
    "reference": (Incident.reference, Incident.id),
    "state": (Incident.state, Incident.occurred_on, Incident.id),
    "status": (Incident.documentation_status, Incident.occurred_on, Incident.id),
    "updated": (Incident.updated_at, Incident.id),
}


def filtered(
    organization_id: int,
    filters: dict,
    text: str | None,
    dialect: str,
    *,
    archived: bool = False,
    few_matches: bool = False,
    user_id: int | None = None,
):
    """The select() of an organization's incidents matching filters and search text.

    `user_id` (the signed-in user) gives the "assigned to me" filter its meaning.
    `few_matches` (SQLite, when a text search matches few rows): the matching rows are looked
    up by id in `ix_incidents_matches` (SQLite only; organization, archived, date) instead of
    scanning the list index — 10x faster for a selective search — or reading each match's
    whole row: 150 entries to a page there, one incident to a page in the table, and SQLite
    empties a connection's page cache whenever another one writes (every view writes its
    audit row), so under load each search read thousands of pages afresh (decision 0019)."""
    stmt = select(Incident)
    if few_matches:
        stmt = stmt.with_hint(Incident, f"INDEXED BY {MATCHES_INDEX}", "sqlite")
    stmt = stmt.where(Incident.organization_id == organization_id)
    stmt = stmt.where(
        Incident.archived_at.is_not(None) if archived else Incident.archived_at.is_(None)
    )
    simple = {
        "state": Incident.state,
        "encounter_type": Incident.encounter_type,
        "outcome": Incident.outcome,
        "status": Incident.documentation_status,
    }
    for name, column in simple.items():
        if filters.get(name):
            stmt = stmt.where(column == filters[name])
    if filters.get("date_from"):
        stmt = stmt.where(Incident.occurred_on >= filters["date_from"])
    if filters.get("date_to"):
        stmt = stmt.where(Incident.occurred_on <= filters["date_to"])
    if filters.get("agency"):
        stmt = stmt.where(
            Incident.id.in_(
                select(IncidentAgency.incident_id).where(
                    IncidentAgency.agency_id == int(filters["agency"])
                )
            )
        )
    if filters.get("frt_system"):  # read in the list indexes (records.derived.systems_column)
        stmt = stmt.where(
            Incident.frt_systems.contains(f" {filters['frt_system']} ", autoescape=True)
        )
    if filters.get("violated"):
        stmt = stmt.where(
            Incident.id.in_(
                select(Assessment.incident_id)
                .join(Provision, Provision.id == Assessment.provision_id)
                .where(
                    Assessment.organization_id == organization_id,
                    Assessment.decision == "violated",
                    Provision.requirement_type == filters["violated"],
                )
            )
        )
    if filters.get("assigned") == "me" and user_id is not None:
        stmt = stmt.where(
            (Incident.assigned_caseworker_id == user_id) | (Incident.assigned_lawyer_id == user_id)
        )
    elif filters.get("assigned") == "nobody":
        stmt = stmt.where(
            Incident.assigned_caseworker_id.is_(None), Incident.assigned_lawyer_id.is_(None)
        )
    if filters.get("known_to") == "month":  # a year-only date is stored as 1 January
        stmt = stmt.where(Incident.date_precision.in_(("day", "month")))
    elif filters.get("known_to") == "day":
        stmt = stmt.where(Incident.date_precision == "day")
    if filters.get("sole_basis"):
        stmt = stmt.where(Incident.flag_sole_basis.is_(True))
    if filters.get("docs_disregarded"):
        stmt = stmt.where(Incident.flag_docs_disregarded.is_(True))
    if filters.get("legal_status"):
        stmt = stmt.where(Incident.subject_legal_status == filters["legal_status"])
    words = search.terms(text or "")
    if words:
        stmt = stmt.where(Incident.id.in_(search.matching_ids(dialect, words)))
    return stmt


def is_descending(sort: str | None, direction: str | None) -> bool:
    """Whether a sort runs high to low: dates newest first unless asked otherwise, the rest
    A to Z unless asked otherwise."""
    if sort in (None, "", "occurred", "updated"):
        return direction != "asc"
    return direction == "desc"


def sort_columns(sort: str | None) -> list:
    """The columns a known sort orders by (default: date of incident)."""
    return list(SORTS.get(sort or "", SORTS["occurred"]))


def ordered(stmt, sort: str | None, direction: str | None):
    """Apply a known sort (default: newest incident first); unknown sorts fall back."""
    descending = is_descending(sort, direction)
    return stmt.order_by(*(c.desc() if descending else c.asc() for c in sort_columns(sort)))


@dataclass
class RowExtras:
    """What the list shows beside each incident's own columns."""

    systems: list[str] = field(default_factory=list)
    sole_basis: bool = False
    definitive_id: bool = False
    docs_disregarded: bool = False
    subjects: list[str] = field(default_factory=list)


def page_extras(session: Session, ids: list[int]) -> dict[int, RowExtras]:
    """Systems, flags and subject names for one page of incidents: three queries in all (Core
    statements: plain rows, none of the ORM's bookkeeping)."""
    extras = {incident_id: RowExtras() for incident_id in ids}
    if not ids:
        return extras
    run = session.connection().execute
    for incident_id, system, sole, treated in run(
        select(FrtUse.incident_id, FrtUse.system, FrtUse.sole_basis, FrtUse.treated_as)
        .where(FrtUse.incident_id.in_(ids))
        .order_by(FrtUse.position)
    ).all():
        row = extras[incident_id]
        if system not in row.systems:
            row.systems.append(system)
        row.sole_basis |= sole == "yes"
        row.definitive_id |= treated == "definitive_id"
    for (incident_id,) in run(
        select(DocumentPresented.incident_id).where(
            DocumentPresented.incident_id.in_(ids),
            DocumentPresented.agent_response.in_(sorted(DISREGARDED_RESPONSES)),
        )
    ).all():
        extras[incident_id].docs_disregarded = True
    for incident_id, name in run(
        select(IncidentPerson.incident_id, Person.full_name)
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id.in_(ids), IncidentPerson.role == "subject")
        .order_by(IncidentPerson.position)
    ).all():
        extras[incident_id].subjects.append(name)
    return extras


def incident_page(
    session: Session,
    *,
    organization_id: int,
    filters: dict,
    text: str | None,
    place: paging.Place,
    archived: bool = False,
    user_id: int | None = None,
) -> tuple[paging.ListPage, dict[int, RowExtras]]:
    """One page of the list with its extras. The page's ids are found on the indexes first
    (after a known row, see `paging`), then those rows are loaded."""
    dialect = session.get_bind().dialect.name
    words = search.terms(text or "")
    few = bool(words) and dialect == "sqlite" and search.match_count(session, words) <= FEW
    base = filtered(
        organization_id,
        filters,
        text,
        dialect,
        archived=archived,
        few_matches=few,
        user_id=user_id,
    )
    id_query = base.with_only_columns(Incident.id)
    if dialect == "postgresql":  # decision 0019: short queries for many users, on indexes that
        # stay in memory: no parallel workers to start; a random read costs little more than a
        # sequential one (PostgreSQL's default of 4 is for spinning disks)
        session.connection().exec_driver_sql(
            "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL random_page_cost = 1.1"
        )
    matching = search.matching_ids(dialect, words) if words else None
    counted = paging.count(session, id_query, dialect, words=matching)
    ids, number, has_prev, has_next = paging.find(
        session,
        id_query,
        columns=sort_columns(filters.get("sort")),
        descending=is_descending(filters.get("sort"), filters.get("order")),
        place=place,
        organization_id=organization_id,
        counted=counted,
    )
    loaded = (
        session.connection().execute(select(*LISTED).where(Incident.id.in_(ids))).all()
        if ids
        else []
    )
    by_id = {row.id: row for row in loaded}
    result = paging.ListPage(
        items=[by_id[i] for i in ids],
        page=number,
        total=counted.total if has_prev or has_next else len(ids),  # one page: its rows
        approximate=counted.approximate and (has_prev or has_next),
        has_prev=has_prev,
        has_next=has_next,
        per_page=paging.PER_PAGE,
    )
    return result, page_extras(session, ids)
