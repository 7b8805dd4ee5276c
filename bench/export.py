"""Benchmark: the research export over 100,000 and 200,000 consented incidents on SQLite —
rows per second and peak memory (tracemalloc) — next to a bare `SELECT` → `csv.writer` over the
same incidents in the same run. Budget: >= 50 % of the baseline's rate; peak memory at 200,000
rows within 20 % of that at 100,000. Prints one JSON object last.

Run: .venv/bin/python bench/export.py [--incidents N]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text, update

from incidents import create_app, migrate
from incidents.admin.services import create_organization
from incidents.cases.demo import seed_incidents
from incidents.db import get_session
from incidents.exports.services import prepare, stream_rows
from incidents.models import Incident

RATE_BUDGET = 0.5
MEMORY_BUDGET = 1.2


def ours(session, org_id, out: Path, traced: bool = False) -> tuple[float, int, int]:
    """(seconds, rows, peak bytes) for a full export; memory only when traced (tracing slows
    Python down, so timing runs are untraced)."""
    if traced:
        tracemalloc.start()
    began = time.perf_counter()
    export = prepare(session=session, organization_id=org_id, k=5)
    rows = 0
    with open(out, "w", encoding="utf-8") as handle:
        for chunk in stream_rows(session=session, export=export):
            handle.write(chunk)
            rows += chunk.count("\n")
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    tracemalloc.stop()
    return seconds, rows - 1, peak


def bare(session, org_id, out: Path) -> tuple[float, int, int]:
    """(seconds, rows, peak bytes) for SELECT → csv.writer over the same incidents."""
    tracemalloc.start()
    began = time.perf_counter()
    result = session.connection().exec_driver_sql(
        "SELECT id, occurred_on, state, encounter_type, outcome, documentation_status, "
        "subject_legal_status, flag_sole_basis, flag_docs_disregarded FROM incidents "
        "WHERE organization_id = ? AND research_consent = 'yes' AND archived_at IS NULL",
        (org_id,),
    )
    rows = 0
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for row in result:
            writer.writerow(row)
            rows += 1
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, rows, peak


def main() -> None:
    """Seed, measure at N and 2N, compare."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=100_000)
    count = parser.parse_args().incidents
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
                "SECRET_KEY": secrets.token_hex(32),
                "AUDIT_KEY": secrets.token_hex(32),
            }
        )
        with app.app_context():
            migrate.upgrade()
            session = get_session()
            org = create_organization(session=session, name="Bench Org", code="BEN")
            for size in (count, 2 * count):
                seed_incidents(session=session, organization=org, count=count, seed=size)
                session.execute(update(Incident).values(research_consent="yes"))
                session.commit()
                session.execute(text("ANALYZE"))
                ours_s, ours_rows, _ = ours(session, org.id, Path(tmp) / "ours.csv")
                ours_peak = ours(session, org.id, Path(tmp) / "ours.csv", traced=True)[2]
                bare_s, bare_rows, bare_peak = bare(session, org.id, Path(tmp) / "bare.csv")
                results[size] = {
                    "rate": ours_rows / ours_s,
                    "rows": ours_rows,
                    "peak": ours_peak,
                    "base_rate": bare_rows / bare_s,
                    "base_peak": bare_peak,
                }
                print(
                    f"{size:,} incidents: export {ours_rows:,} rows at "
                    f"{ours_rows / ours_s:,.0f} rows/s, peak {ours_peak / 2**20:.1f} MB; "
                    f"SELECT→csv.writer {bare_rows:,} rows at {bare_rows / bare_s:,.0f} rows/s, "
                    f"peak {bare_peak / 2**20:.1f} MB"
                )
        app.extensions["db_engine"].dispose()
    first, second = results[count], results[2 * count]
    ratio = first["rate"] / first["base_rate"]
    growth = second["peak"] / first["peak"]
    print(
        json.dumps(
            {
                "bench": "export",
                "metric": "rows_per_second",
                "value": round(first["rate"]),
                "baseline": round(first["base_rate"]),
                "ratio": round(ratio, 3),
                "budget": {
                    "ratio_at_least": RATE_BUDGET,
                    "peak_memory_growth_at_most": MEMORY_BUDGET,
                },
                "peak_memory_mb": {
                    str(count): round(first["peak"] / 2**20, 2),
                    str(2 * count): round(second["peak"] / 2**20, 2),
                },
                "peak_memory_growth": round(growth, 3),
                "within_budget": ratio >= RATE_BUDGET and growth <= MEMORY_BUDGET,
            }
        )
    )
    os.environ.pop("_", None)


if __name__ == "__main__":
    main()
