"""EXPLAIN (ANALYZE, BUFFERS) of every statement the incident list runs, page by page, on a
PostgreSQL database (the figures of decision 0019).

    .venv/bin/python scripts/explain_list.py postgresql+psycopg://postgres@127.0.0.1/big

The statements are the application's own: each page is asked of `queries.incident_page` and
the statements it sends are caught on their way to the database, then explained with their
parameters. Prints each plan and, last, a table: page, statements, summed execution ms,
whether any plan read incidents by a sequential scan. Reads only; changes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, func, select

from incidents.cases import paging, queries
from incidents.models import Incident

SEARCH = "quintero"


def scenarios(
    session, org_id: int, deep: int = 75_000, search: str = SEARCH
) -> list[tuple[str, dict, str, paging.Place]]:
    """(name, filters, search text, place) of the pages explained; the deep page starts after
    the `deep`-th incident."""
    live = select(Incident.id).where(
        Incident.organization_id == org_id, Incident.archived_at.is_(None)
    )
    deep = session.execute(
        live.order_by(Incident.occurred_on.desc(), Incident.id.desc()).offset(deep).limit(1)
    ).scalar_one()
    return [
        ("first page", {}, "", paging.Place()),
        (
            "filters",
            {"state": "IL", "frt_system": "mobile_fortify", "sole_basis": "y"},
            "",
            paging.Place(),
        ),
        ("deep page (Next, after a row)", {}, "", paging.Place(number=1501, after=deep)),
        ("deep page typed (?page=1501)", {}, "", paging.Place(number=1501)),
        ("last page", {}, "", paging.Place(last=True)),
        ("text search", {}, search, paging.Place()),
        ("text search, filtered", {"state": "CA"}, search, paging.Place()),
        ("text search, no match", {}, "zzzqqq", paging.Place()),
        ("sorted by reference", {"sort": "reference", "order": "asc"}, "", paging.Place()),
        ("sorted by state", {"sort": "state", "order": "desc"}, "", paging.Place()),
        ("sorted by last update", {"sort": "updated"}, "", paging.Place()),
        ("state filter", {"state": "TX"}, "", paging.Place()),
        (
            "legal status + outcome",
            {"legal_status": "daca", "outcome": "removed"},
            "",
            paging.Place(),
        ),
        ("agency", {"agency": "1"}, "", paging.Place()),
    ]


def caught(session, run) -> list[tuple[str, object]]:
    """The SELECT statements `run()` sends, with their parameters."""
    statements = []

    def catch(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", catch)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", catch)
    return statements


def nodes(plan: dict):
    """Every node of a JSON plan."""
    yield plan
    for child in plan.get("Plans", ()):
        yield from nodes(child)


def scans_incidents(plan: dict) -> bool:
    """Whether a JSON plan reads incidents by a sequential scan."""
    return any(
        node["Node Type"] == "Seq Scan" and node.get("Relation Name") == "incidents"
        for node in nodes(plan)
    )


def plan_of(session, statement: str, parameters, analyze: bool = True) -> dict:
    """PostgreSQL's JSON plan of a statement (run, when analyze)."""
    options = "ANALYZE, BUFFERS, FORMAT JSON" if analyze else "FORMAT JSON"
    raw = (
        session.connection()
        .exec_driver_sql(f"EXPLAIN ({options}) {statement}", parameters)
        .scalar_one()
    )
    return (json.loads(raw) if isinstance(raw, str) else raw)[0]


def explain(session, statement: str, parameters) -> tuple[float, list[str], bool]:
    """(execution ms, plan lines, whether incidents is read by a sequential scan)."""
    plan = plan_of(session, statement, parameters)
    text = session.connection().exec_driver_sql(
        f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters
    )
    return plan["Execution Time"], [row[0] for row in text], scans_incidents(plan["Plan"])


def main() -> None:
    """Explain every list page; print plans and a summary."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url", help="a PostgreSQL database with incidents")
    parser.add_argument("--quiet", action="store_true", help="the summary only")
    options = parser.parse_args()
    os.environ["DATABASE_URL"] = options.url
    from incidents import create_app
    from incidents.db import get_session

    app = create_app()
    summary = []
    with app.app_context():
        session = get_session()
        org_id, live = session.execute(
            select(Incident.organization_id, func.count())
            .group_by(Incident.organization_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        print(f"organization {org_id}: {live:,} incidents", flush=True)
        for name, filters, text, place in scenarios(session, org_id):
            statements = caught(
                session,
                lambda f=filters, t=text, p=place: queries.incident_page(
                    session, organization_id=org_id, filters=f, text=t, place=p
                ),
            )
            total, any_seq = 0.0, False
            for statement, parameters in statements:
                ms, lines, seq = explain(session, statement, parameters)
                total, any_seq = total + ms, any_seq or seq
                if not options.quiet:
                    print(f"\n--- {name}: {ms:.1f} ms\n{statement}\n" + "\n".join(lines))
            summary.append((name, len(statements), total, any_seq))
            session.rollback()
    print(f"\n{'page':34} {'statements':>10} {'ms':>9}  seq scan of incidents")
    for name, count, ms, seq in summary:
        print(f"{name:34} {count:>10} {ms:>9.1f}  {'YES' if seq else 'no'}")


if __name__ == "__main__":
    main()
