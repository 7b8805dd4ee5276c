"""Benchmark: the research export's download over 100,000 and 200,000 consented incidents on
SQLite — rows per second — next to a bare `SELECT` → `csv.writer` over the same incidents in the
same run, and peak memory (tracemalloc) of each. The download checks the release chosen on the
research page again and streams it; the search that offers it is bench/anonymity.py's.

Both sides are measured the same way: in this process, on the same connection, untraced, after
one warm-up run each, repeated in alternating order (median and range reported). Memory is
measured in separate runs that are not timed, with tracemalloc on for both sides.
Budget: >= 50 % of the baseline's rate (medians at N); the export's peak memory at 2N within
20 % of that at N. Prints one JSON object last.

Run: .venv/bin/python bench/export.py [--incidents N] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import bench_app
from sqlalchemy import text, update

from incidents import migrate
from incidents.admin.services import create_organization
from incidents.db import get_session
from incidents.demo import seed_incidents
from incidents.exports.services import prepare, stream_rows
from incidents.models import Incident

RATE_BUDGET = 0.5
MEMORY_BUDGET = 1.2


CHOSEN: dict[int, dict] = {}  # the release the page offers first, by organization


def ours(session, org_id, out: Path) -> int:
    """A download as the research page's link makes it (the chosen release checked again,
    streamed, audited) written to `out`; returns the data rows. The lattice search that offers
    the release runs on the page, before: it is measured by bench/anonymity.py."""
    if org_id not in CHOSEN:
        CHOSEN[org_id] = prepare(session=session, organization_id=org_id, k=5).plan.levels
    export = prepare(
        session=session, organization_id=org_id, k=5, levels=CHOSEN[org_id], offer=False
    )
    rows = 0
    with open(out, "w", encoding="utf-8", newline="") as handle:
        for chunk in stream_rows(session=session, export=export):
            handle.write(chunk)
            rows += chunk.count("\n")
    return rows - 1


def bare(session, org_id, out: Path) -> int:
    """SELECT → csv.writer over the same incidents; returns the rows written."""
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
    return rows


def timed(side, session, org_id, out: Path) -> tuple[float, int]:
    """(rows per second, rows) of one untraced run."""
    began = time.perf_counter()
    rows = side(session, org_id, out)
    return rows / (time.perf_counter() - began), rows


def traced_peak(side, session, org_id, out: Path) -> int:
    """Peak traced bytes of one run (not timed)."""
    tracemalloc.start()
    try:
        side(session, org_id, out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(session, org_id, folder: Path, repeat: int) -> dict:
    """Rates (alternating order) and peaks of both sides at the current size."""
    sides = {"export": ours, "bare": bare}
    for name, side in sides.items():  # warm-up: page cache, statement caches
        side(session, org_id, folder / f"{name}.csv")
    rates: dict[str, list[float]] = {name: [] for name in sides}
    rows = {}
    for i in range(repeat):
        order = list(sides) if i % 2 == 0 else list(reversed(sides))
        for name in order:
            rate, rows[name] = timed(sides[name], session, org_id, folder / f"{name}.csv")
            rates[name].append(rate)
    peaks = {
        name: traced_peak(side, session, org_id, folder / f"{name}.csv")
        for name, side in sides.items()
    }
    pairs = [o / b for o, b in zip(rates["export"], rates["bare"], strict=True)]
    return {
        "rows": rows,
        "rate": {name: statistics.median(r) for name, r in rates.items()},
        "range": {name: (min(r), max(r)) for name, r in rates.items()},
        "ratio": statistics.median(rates["export"]) / statistics.median(rates["bare"]),
        "ratio_range": (min(pairs), max(pairs)),
        "peak": peaks,
    }


def main() -> None:
    """Seed, measure at N and 2N, compare."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    count = options.incidents
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp)
        with app.app_context():
            migrate.upgrade()
            session = get_session()
            org = create_organization(session=session, name="Bench Org", code="BEN")
            for size in (count, 2 * count):
                seed_incidents(session=session, organization=org, count=count, seed=size)
                session.execute(update(Incident).values(research_consent="yes"))
                session.commit()
                session.execute(text("ANALYZE"))
                session.commit()
                CHOSEN.clear()  # the page offers again for the new data
                r = results[size] = measure(session, org.id, Path(tmp), options.repeat)
                (lo, hi), (blo, bhi) = r["range"]["export"], r["range"]["bare"]
                print(
                    f"{size:,} incidents: export {r['rows']['export']:,} rows at "
                    f"{r['rate']['export']:,.0f} rows/s ({lo:,.0f}-{hi:,.0f}), peak "
                    f"{r['peak']['export'] / 2**20:.1f} MB; SELECT→csv.writer "
                    f"{r['rows']['bare']:,} rows at {r['rate']['bare']:,.0f} rows/s "
                    f"({blo:,.0f}-{bhi:,.0f}), peak {r['peak']['bare'] / 2**20:.1f} MB; "
                    f"ratio {r['ratio']:.3f} (runs {r['ratio_range'][0]:.3f}-"
                    f"{r['ratio_range'][1]:.3f})"
                )
        app.extensions["db_engine"].dispose()
    first, second = results[count], results[2 * count]
    growth = second["peak"]["export"] / first["peak"]["export"]
    print(
        json.dumps(
            {
                "bench": "export",
                "metric": "rows_per_second",
                "value": round(first["rate"]["export"]),
                "baseline": round(first["rate"]["bare"]),
                "ratio": round(first["ratio"], 3),
                "budget": {
                    "ratio_at_least": RATE_BUDGET,
                    "peak_memory_growth_at_most": MEMORY_BUDGET,
                },
                "ratio_range": [round(x, 3) for x in first["ratio_range"]],
                "peak_memory_mb": {
                    str(count): round(first["peak"]["export"] / 2**20, 2),
                    str(2 * count): round(second["peak"]["export"] / 2**20, 2),
                },
                "baseline_peak_memory_mb": {
                    str(count): round(first["peak"]["bare"] / 2**20, 2),
                    str(2 * count): round(second["peak"]["bare"] / 2**20, 2),
                },
                "peak_memory_growth": round(growth, 3),
                "within_budget": first["ratio"] >= RATE_BUDGET and growth <= MEMORY_BUDGET,
            }
        )
    )


if __name__ == "__main__":
    main()
