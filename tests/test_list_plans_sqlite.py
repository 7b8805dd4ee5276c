"""SQLite plans of a text search (decision 0019): the few matches of a search are counted and
paged from `ix_incidents_matches` by id, never read row by row from the table nor found by
walking the list index."""

from __future__ import annotations

import pytest

from incidents.cases import paging, queries
from incidents.models.incident import MATCHES_INDEX
from scripts.explain_list import caught


@pytest.fixture
def searched(app, session, make_user, make_incident):
    """An organization of four incidents, two of them naming Quintero; its id."""
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's plans (PostgreSQL's: tests/test_list_plans.py)")
    lawyer, _ = make_user("lawyer")
    for n in range(4):
        narrative = "Officers matched Quintero from a photo." if n % 2 else "A stop downtown."
        make_incident(lawyer, narrative=narrative)
    return lawyer.organization_id


def plans(session, organization_id: int, sort: str | None) -> list[tuple[str, list[str]]]:
    """The statements of a searched page that read incidents, each with its plan's steps."""
    page = {}

    def run():
        page["found"], _ = queries.incident_page(
            session,
            organization_id=organization_id,
            filters={"sort": sort} if sort else {},
            text="quintero",
            place=paging.Place(),
        )

    statements = caught(session, run)
    explain = session.connection().exec_driver_sql
    assert page["found"].total == 2 and len(page["found"].items) == 2
    return [
        (sql, [row[3] for row in explain(f"EXPLAIN QUERY PLAN {sql}", params)])
        for sql, params in statements
        if "incident_fts" in sql and "FROM incidents" in sql
    ]


def test_a_search_reads_its_matches_from_the_small_index(session, searched):
    found = plans(session, searched, None)
    assert len(found) == 2  # the count and the page's ids
    for sql, steps in found:
        assert any(f"COVERING INDEX {MATCHES_INDEX}" in step for step in steps), (sql, steps)


@pytest.mark.parametrize("sort", ["reference", "state", "status", "updated"])
def test_other_sorts_look_their_matches_up_by_id_too(session, searched, sort):
    for sql, steps in plans(session, searched, sort):
        assert any(MATCHES_INDEX in step for step in steps), (sql, steps)
        assert not any("ix_incidents_list" in step for step in steps), (sql, steps)
