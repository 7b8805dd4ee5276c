"""PostgreSQL plans of the incident list at a moderate size: no list page may read incidents
by a sequential scan (issue 20, item 3; decision 0019). The statements are the application's
own, caught on their way to the database (scripts/explain_list.py prints the same at 1M)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from incidents.cases import queries
from scripts.explain_list import caught, plan_of, scans_incidents, scenarios

pytestmark = pytest.mark.postgres_only
COPIES = (6_500, 500, 6_500, 6_500)  # four recorded incidents: 20,000 incidents


def clone(session, incident_id: int, copies: int, offset: int) -> None:
    """Copies of a recorded incident and its search text and FRT uses, with new ids and days."""
    columns = [
        name
        for (name,) in session.execute(
            text(
                "SELECT column_name FROM information_schema.columns WHERE table_name = "
                "'incidents' AND column_name NOT IN ('id', 'reference', 'ref_number', "
                "'occurred_on') AND is_generated = 'NEVER' ORDER BY ordinal_position"
            )
        )
    ]
    listed = ", ".join(columns)
    session.execute(
        text(
            f"INSERT INTO incidents (id, reference, ref_number, occurred_on, {listed}) "  # noqa: S608
            f"SELECT :offset + n, 'T' || (:offset + n), :offset + n, "
            f"occurred_on - (n % 3000), {listed} FROM incidents, generate_series(1, :copies) n "
            "WHERE id = :id"
        ),
        {"offset": offset, "copies": copies, "id": incident_id},
    )
    session.execute(
        text(
            "INSERT INTO incident_search (incident_id, body) SELECT :offset + n, body "
            "FROM incident_search, generate_series(1, :copies) n WHERE incident_id = :id"
        ),
        {"offset": offset, "copies": copies, "id": incident_id},
    )


@pytest.fixture
def moderate(app, session, make_user, make_incident):
    """An organization of 20,000 incidents in four kinds (the searched word in 500), analysed;
    returns its id."""
    from tests.factories import incident_data

    lawyer, _ = make_user("lawyer")
    kinds = [
        {"state": "IL"},
        {"state": "CA", "narrative": "Officers matched Quintero from a photo."},
        {"state": "TX", "outcome": "removed"},
        {"state": "NY", "frt_uses": [{**incident_data()["frt_uses"][0], "system": "clearview_ai"}]},
    ]
    for n, kind in enumerate(kinds):
        incident = make_incident(lawyer, occurred_on=date(2025, 1, 1), **kind)
        clone(session, incident.id, COPIES[n], 1_000_000 * (n + 1))
        session.commit()
    with session.get_bind().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE incidents")
        conn.exec_driver_sql("VACUUM ANALYZE incident_search")
    return lawyer.organization_id


def test_no_list_page_reads_incidents_by_a_sequential_scan(session, moderate):
    checked = []
    for name, filters, words, place in scenarios(session, moderate, deep=4_000, search="quintero"):
        statements = caught(
            session,
            lambda f=filters, w=words, p=place: queries.incident_page(
                session, organization_id=moderate, filters=f, text=w, place=p
            ),
        )
        assert statements, name
        for statement, parameters in statements:
            plan = plan_of(session, statement, parameters, analyze=False)["Plan"]
            assert not scans_incidents(plan), f"{name}: {statement}"
        checked.append(name)
        session.rollback()
    assert len(checked) == len(scenarios(session, moderate, deep=4_000))


def test_the_list_indexes_exist_where_the_plans_expect_them(session, moderate):
    from incidents.models.incident import POSTGRES_ONLY

    names = {
        name
        for (name,) in session.execute(
            text("SELECT indexname FROM pg_indexes WHERE tablename = 'incidents'")
        )
    }
    assert names >= POSTGRES_ONLY
