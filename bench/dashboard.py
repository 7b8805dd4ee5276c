"""Benchmark: the home page of a lawyer (the role with the most panels) at 2,000 incidents on
SQLite.

Seeds synthetic incidents into a temporary database built by the migrations, loads the policy
library, assigns a tenth of the incidents to the lawyer and adds deadlines and records requests;
then measures the server time of GET /home through the whole Flask stack (sign-in check, every
panel's queries, the charts, the audit record, the template), unfiltered and with a filter. The
baseline, measured in the same run and alternating request by request, is the same grouped SQL
written by hand on the same connection, its rows shaped by the same functions and rendered with
the same template. Budget: p95 <= 2x the baseline's p95 in every scenario. Prints a line per
scenario and, last, one JSON object.

Run: .venv/bin/python bench/dashboard.py [--incidents N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import bench_app, timing_row
from dashboard_raw import raw_context
from flask import render_template
from flask_login import login_user
from sqlmodel import select

from incidents import migrate
from incidents.admin.services import create_organization, create_user
from incidents.db import get_session
from incidents.demo import seed_incidents
from incidents.models import Deadline, Incident, RecordsRequest, RecordsRequestIncident, User
from incidents.policies.loader import load_library
from incidents.records import review

RATIO_BUDGET = 2.0
PASSWORD = "pw-" + secrets.token_urlsafe(16)
SCENARIOS = [("everything", "/home", {}), ("filtered", "/home?state=CA", {"state": "CA"})]
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def seed(session, count: int):
    """The organization, a lawyer and a caseworker, the incidents and the workbench rows."""
    load_library(session=session)
    session.commit()
    org = create_organization(session=session, name="Bench Legal Aid", code="BEN")
    lawyer, _ = create_user(
        session=session,
        organization=org,
        email="lawyer@example.org",
        display_name="Bench Lawyer",
        role="lawyer",
        password=PASSWORD,
    )
    seed_incidents(session=session, organization=org, count=count, seed=7)
    incidents = session.exec(
        select(Incident).where(Incident.organization_id == org.id).order_by(Incident.id)
    ).all()
    today = date.today()
    for n, incident in enumerate(incidents[::10]):
        review.assign(session, actor=lawyer, incident=incident, caseworker=None, lawyer=lawyer)
        session.add(
            Deadline(
                organization_id=org.id,
                incident_id=incident.id,
                kind="filing",
                due_on=today + timedelta(days=n % 45 - 10),
                rule="bench",
            )
        )
    for n, incident in enumerate(incidents[5::40]):
        request = RecordsRequest(
            organization_id=org.id, kind="foia", due_on=today + timedelta(days=n % 30 - 15)
        )
        session.add(request)
        session.flush()
        session.add(RecordsRequestIncident(records_request_id=request.id, incident_id=incident.id))
    session.commit()
    return org.id, lawyer.id


def main() -> None:
    """Seed, measure, compare, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=40)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp)
        with app.app_context():
            migrate.upgrade()
            started = time.perf_counter()
            org_id, user_id = seed(get_session(), options.incidents)
            print(
                f"seeded {options.incidents:,} incidents in {time.perf_counter() - started:.0f} s"
            )
        client = app.test_client()
        token = TOKEN.search(client.get("/auth/login").get_data(as_text=True)).group(1)
        client.post(
            "/auth/login",
            data={"email": "lawyer@example.org", "password": PASSWORD, "csrf_token": token},
        )
        results = [
            measure(app, client, name, path, args, user_id, org_id, options.repeat)
            for name, path, args in SCENARIOS
        ]
        app.extensions["db_engine"].dispose()
    worst = max(results, key=lambda r: r["ratio"])
    print(
        json.dumps(
            {
                "bench": "dashboard",
                "metric": "p95_server_ms_worst_scenario_by_ratio",
                "value": round(worst["p95"], 1),
                "baseline": round(worst["base_p95"], 1),
                "ratio": round(worst["ratio"], 2),
                "budget": {"ratio": RATIO_BUDGET},
                "within_budget": all(r["within_budget"] for r in results),
                "worst_scenario": worst["scenario"],
                "incidents": options.incidents,
                "scenarios": {
                    r["scenario"]: {
                        "p95": round(r["p95"], 1),
                        "baseline_p95": round(r["base_p95"], 1),
                        "ratio": round(r["ratio"], 2),
                    }
                    for r in results
                },
            }
        )
    )


def measure(app, client, name, path, args, user_id, org_id, repeat) -> dict:
    """Alternate the page and its baseline, request by request; three warm-ups each."""
    ours, base = [], []
    for i in range(repeat + 3):
        began = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, (name, response.status_code)
        baseline = raw_request(app, path, user_id, org_id, args)
        if i >= 3:
            ours.append(elapsed)
            base.append(baseline)
    row = timing_row(name, ours, base)
    row["within_budget"] = row["ratio"] <= RATIO_BUDGET
    print(
        f"{name:<11} p50 {row['p50']:6.1f} ms  p95 {row['p95']:6.1f} ms   "
        f"baseline p50 {row['base_p50']:6.1f} ms  p95 {row['base_p95']:6.1f} ms   "
        f"ratio {row['ratio']:.2f}   {'within budget' if row['within_budget'] else 'OVER BUDGET'}"
    )
    return row


def raw_request(app, path: str, user_id: int, org_id: int, args: dict) -> float:
    """Milliseconds for the baseline of one request: the raw queries, the same shaping and the
    same template, in a request context of the same signed-in user (entered outside the timed
    part)."""
    with app.test_request_context(path):
        login_user(get_session().get(User, user_id))
        conn = get_session().connection().connection.driver_connection
        began = time.perf_counter()
        context = raw_context(conn, org_id, user_id, args, date.today())
        render_template("dashboard/home.html", **context)
        return (time.perf_counter() - began) * 1000


if __name__ == "__main__":
    main()
