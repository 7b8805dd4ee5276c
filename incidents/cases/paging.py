"""Pages of the incident list found by key, and counts that do not read a million rows.

A page reached by "Next" or "Previous" starts after (or ends before) a known incident: the
address carries that incident's id, the query asks for rows beyond its sort values
(`(occurred_on, id) < (…, …)`), and the database walks its index from there — page 15,000 costs
what page 2 costs, where an OFFSET would step over 750,000 index entries first. "Last" reads the
list backwards. A page number typed into the address still works (by OFFSET).

Counting: SQLite counts exactly (its deployments are small and its count reads an index).
PostgreSQL counts up to EXACT_UP_TO matches exactly and, above that, shows the planner's
estimate rounded to three figures ("about 512,000"); a text search expected to match more than
FEW_SEARCH_MATCHES is estimated without counting, and one expected to match fewer is read from
its matches — decision 0019. An estimate is kept for ESTIMATE_KEPT_SECONDS by each process and
shown again for the same query without asking the database (an exact count never is).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import func, tuple_
from sqlmodel import Session, select

from incidents.models import Incident

PER_PAGE = 50
PLACE_ARGS = ("page", "after", "before", "last")
EXACT_UP_TO = 10_000
FEW_SEARCH_MATCHES = 20_000  # PostgreSQL: a search expected to match fewer is counted
MAX_ID = 2**62
ESTIMATE_KEPT_SECONDS = 60  # "about 512,000" is shown again for a minute without counting
ESTIMATES_KEPT = 512  # distinct queries whose estimate a process keeps
_estimates_lock = threading.Lock()


def _number(value: str | None) -> int | None:
    if not (value and value.isascii() and value.isdigit()):
        return None
    return int(value) if 0 < int(value) < MAX_ID else None


@dataclass(frozen=True)
class Place:
    """Where a page starts, as its address says: after an incident (the next page), before one
    (the previous page), the last page, or a page number."""

    number: int = 1
    after: int | None = None
    before: int | None = None
    last: bool = False

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Place:
        """The place from the query string; anything odd means the first page."""
        number = _number(args.get("page"))
        return cls(
            number=min(number, 10**7) if number else 1,
            after=_number(args.get("after")),
            before=_number(args.get("before")),
            last=args.get("last") == "1",
        )


@dataclass
class ListPage:
    """One page of the list, its neighbours and the count (exact, or an estimate)."""

    items: list[Any]
    page: int
    total: int
    approximate: bool
    has_prev: bool
    has_next: bool
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        """Number of pages (at least 1; an estimate when the count is)."""
        return max(1, -(-self.total // self.per_page))

    def newer_args(self) -> dict:
        """The previous page's address arguments."""
        if self.page <= 2 or not self.items:
            return {}
        return {"page": self.page - 1, "before": self.items[0].id}

    def older_args(self) -> dict:
        """The next page's address arguments."""
        return {"page": self.page + 1, "after": self.items[-1].id} if self.items else {}


def about(count: int) -> int:
    """A count rounded to three significant figures."""
    figures = len(str(count)) - 3
    return round(count, -figures) if figures > 0 else count


@dataclass(frozen=True)
class Count:
    """How many incidents match; whether that is PostgreSQL's estimate; whether the page is
    read from the matches (a text search that matches few: from its GIN index, then sorted)
    instead of walking the list index until 50 matches turn up."""

    total: int
    approximate: bool = False
    from_matches: bool = False


def count(session: Session, id_query, dialect: str, *, words=None) -> Count:
    """Count the matches. PostgreSQL: when the planner expects a text search's words (`words`,
    the select of their incidents) to match more than FEW_SEARCH_MATCHES incidents, the
    matches are estimated, not counted (frequent words are in the statistics: 47,866 expected
    for 47,200) and the page walks the list index, where matches are dense; words expected to
    match fewer are counted — a word the statistics do not know may match nothing at all — and
    the page is read from the matches. Otherwise up to EXACT_UP_TO matches are counted. An
    estimate made for the same query in the last ESTIMATE_KEPT_SECONDS is reused."""
    run = session.connection().execute
    if dialect != "postgresql":
        return Count(run(select(func.count()).select_from(id_query.subquery())).scalar_one())
    key = _query_key(session, id_query, words)
    kept = _kept_estimate(key)
    if kept is not None:
        return kept
    few = False
    if words is not None:
        if not _few(session, planned_rows(session, words)):
            return _keep(key, Count(about(max(1, planned_rows(session, id_query))), True))
        few = True
    capped = run(
        select(func.count()).select_from(id_query.limit(EXACT_UP_TO + 1).subquery())
    ).scalar_one()
    if capped <= EXACT_UP_TO:
        return Count(capped, from_matches=few)
    estimate = about(max(planned_rows(session, id_query), capped))
    return _keep(key, Count(estimate, True, from_matches=few))


def _query_key(session: Session, *statements) -> tuple:
    """What identifies a count: the statements' SQL and parameters (organization, filters,
    search words, the user for "assigned to me")."""
    dialect = session.connection().dialect
    key = []
    for statement in statements:
        if statement is not None:
            compiled = statement.compile(dialect=dialect)
            key.append((str(compiled), repr(sorted(compiled.params.items()))))
    return tuple(key)


def _estimates() -> dict:
    """The application's kept estimates (none outside an application, e.g. in a script)."""
    return current_app.extensions.setdefault("list_estimates", {}) if has_app_context() else {}


def _kept_estimate(key: tuple) -> Count | None:
    """An estimate made for `key` less than ESTIMATE_KEPT_SECONDS ago, if any."""
    kept = _estimates().get(key)
    if kept is None or time.monotonic() - kept[0] > ESTIMATE_KEPT_SECONDS:
        return None
    return kept[1]


def _keep(key: tuple, counted: Count) -> Count:
    """Keep an estimate (the oldest goes beyond ESTIMATES_KEPT)."""
    with _estimates_lock:
        kept = _estimates()
        kept[key] = (time.monotonic(), counted)
        while len(kept) > ESTIMATES_KEPT:
            del kept[next(iter(kept))]
    return counted


def _few(session: Session, expected: int) -> bool:
    """Whether a search's expected matches are few enough to read them all and sort them,
    rather than walk the list index until 50 turn up: reading m matches costs about m, walking
    about 50·n/m for n incidents, so few means m² ≤ 100·n (and at most FEW_SEARCH_MATCHES)."""
    incidents = (
        session.connection()
        .exec_driver_sql("SELECT reltuples FROM pg_class WHERE oid = 'incidents'::regclass")
        .scalar_one()
    )
    return expected <= FEW_SEARCH_MATCHES and expected * expected <= 100 * max(incidents, 0)


def planned_rows(session: Session, statement) -> int:
    """PostgreSQL's estimate of the rows a statement returns (EXPLAIN, nothing run)."""
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    plan = connection.exec_driver_sql(
        f"EXPLAIN (FORMAT JSON) {compiled}", compiled.params
    ).scalar_one()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def _ordered(statement, columns, descending: bool):
    return statement.order_by(*(c.desc() if descending else c.asc() for c in columns))


def _beyond(session, statement, keys, columns, descending, organization_id, incident_id):
    """The statement limited to rows after an incident in the order (None: the incident is
    none of this organization's). `columns` are the incident's sort columns, `keys` the same
    as the statement names them."""
    values = (
        session.connection()
        .execute(
            select(*columns).where(
                Incident.id == incident_id, Incident.organization_id == organization_id
            )
        )
        .first()
    )
    if values is None:
        return None
    key, mark = tuple_(*keys), tuple_(*values)
    return statement.where(key < mark if descending else key > mark)


def _ids(session, statement, limit: int, offset: int = 0) -> list[int]:
    return list(session.connection().execute(statement.offset(offset).limit(limit)).scalars())


def find(
    session: Session,
    id_query,
    *,
    columns: list,
    descending: bool,
    place: Place,
    organization_id: int,
    counted: Count,
) -> tuple[list[int], int, bool, bool]:
    """The ids of the page at `place`: (ids, page number, has previous, has next). An
    incident of another organization, or none, is no place: the first page."""
    total, approximate = counted.total, counted.approximate
    pages = max(1, -(-total // PER_PAGE))
    if total == 0:
        return [], 1, False, False
    keys = columns
    if counted.from_matches:  # OFFSET 0 fences the matches off: found first, then sorted
        matches = id_query.with_only_columns(*columns).offset(0).subquery()
        keys = [matches.c[column.key] for column in columns]
        id_query = select(matches.c.id)
    forward = _ordered(id_query, keys, descending)
    backward = _ordered(id_query, keys, not descending)

    def number(wanted: int) -> int:
        return max(2, wanted if approximate else min(wanted, pages))

    def beyond(statement, ahead: bool, incident_id: int):
        order = descending if ahead else not descending
        return _beyond(session, statement, keys, columns, order, organization_id, incident_id)

    if place.after:
        query = beyond(forward, True, place.after)
        if query is not None:
            ids = _ids(session, query, PER_PAGE + 1)
            if ids:
                return ids[:PER_PAGE], number(place.number), True, len(ids) > PER_PAGE
        place = Place(last=query is not None)  # nothing after it any more: the last page
    elif place.before:
        query = beyond(backward, False, place.before)
        ids = _ids(session, query, PER_PAGE + 1) if query is not None else []
        if len(ids) > PER_PAGE:
            return ids[:PER_PAGE][::-1], number(place.number), True, True
        place = Place()  # fewer than a page before it: the first page
    elif not place.last and place.number > 1 and (approximate or place.number < pages):
        ids = _ids(session, forward, PER_PAGE + 1, (place.number - 1) * PER_PAGE)
        if ids:
            return ids[:PER_PAGE], place.number, True, len(ids) > PER_PAGE
        place = Place(last=True)
    if place.last or (not approximate and place.number >= pages > 1):
        size = PER_PAGE if approximate else (total - (pages - 1) * PER_PAGE)
        ids = _ids(session, backward, size)[::-1]
        return ids, pages, pages > 1, False
    ids = _ids(session, forward, PER_PAGE + 1)
    return ids[:PER_PAGE], 1, False, len(ids) > PER_PAGE
