"""Benchmark: `flask seed-demo` at scale — incidents per second and peak memory — next to a bare
write of the same rows measured in the same run the same way.

The seed runs as the command does (a subprocess, `flask seed-demo --incidents N --org ...`, on a
fresh database), timed from start to exit, with its peak resident memory (ru_maxrss); it is run
again at N/4 to show that memory does not grow with N. The baseline: the same incidents, made by
the same generator and turned into rows by the same bulk path beforehand (untimed), then only
written — `records.copier`'s bare COPY on PostgreSQL, one executemany a table on SQLite, and a
commit each batch — on another fresh database; its rate counts the write time alone. The ratio
says how much of the database's bare speed the whole command keeps.

SQLite always; PostgreSQL too when `--pg URL` (or BENCH_PG_URL) names a database (fresh schemas
in it, dropped at the end); the JSON figure is PostgreSQL's when measured. Budgets: >= 1,667
incidents/s (1,000,000 in 10 minutes) and peak memory at N within 1.25 x the peak at N/4.

Run: .venv/bin/python bench/seed.py [--incidents N] [--pg URL]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import bench_app, pg_schema
from sqlmodel import select

from incidents import migrate
from incidents.admin.services import create_organization
from incidents.db import get_session
from incidents.demo import Generator
from incidents.demo.generator import BATCH  # the seed's batches: the same values
from incidents.demo.seeding import Returning
from incidents.models import Organization
from incidents.records import bulk
from incidents.records.references import Allocator

ROOT = Path(__file__).resolve().parent.parent
ORG = "Bench Seed Org"
RATE_BUDGET = 1_000_000 / 600
MEMORY_BUDGET = 1.25


def prepare(folder: Path, url: str) -> dict:
    """Migrate a fresh database and create the organization; the settings of the command."""
    keys = {"SECRET_KEY": secrets.token_hex(32), "AUDIT_KEY": secrets.token_hex(32)}
    app = bench_app(str(folder), DATABASE_URL=url, **keys)
    with app.app_context():
        migrate.upgrade()
        create_organization(session=get_session(), name=ORG, code="SEED")
    app.extensions["db_engine"].dispose()
    return keys


def run_seed(folder: Path, url: str, count: int) -> tuple[float, int]:
    """`flask seed-demo` on a fresh database: (seconds, peak RSS in KiB)."""
    keys = prepare(folder, url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "AUDIT_HEAD_FILE": f"{folder}/audit-head.json",
        "EVIDENCE_DIR": f"{folder}/evidence",
        **keys,
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "seed-demo"]
    command += ["--incidents", str(count), "--org", ORG, "--seed", "7"]
    began = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"flask seed-demo failed (exit {child.returncode})")
    return seconds, usage.ru_maxrss


def run_baseline(folder: Path, url: str, count: int) -> float:
    """Seconds to write the rows of `count` demo incidents, built beforehand, batch by batch."""
    app = bench_app(str(folder), DATABASE_URL=url, **prepare(folder, url))
    spent = 0.0
    with app.app_context():
        session = get_session()
        org = session.exec(select(Organization).where(Organization.name == ORG)).one()
        generator = Generator.of(session, org, 7)
        allocator = Allocator(session, org.id, org.code)
        links = Returning()
        session.commit()
        for start in range(0, count, BATCH):
            batch = generator.batch(start, min(count, start + BATCH))
            links.resolve(batch)
            prepared = bulk.prepare_many(
                session,
                actor=None,
                organization=org,
                items=[(value, None) for value in batch.values],
                allocator=allocator,
                columns=[{"documentation_status": status} for status in batch.statuses],
            )
            links.learn(batch, prepared.people)
            began = time.perf_counter()
            bulk.write_batch(session, prepared)
            session.commit()
            spent += time.perf_counter() - began
    app.extensions["db_engine"].dispose()
    return spent


def measure(label: str, fresh, count: int) -> dict:
    """Seed at N and N/4 and write the baseline at N, each on a fresh database."""
    small = max(count // 4, 1)
    seconds, peak = run_seed(*fresh(), count)
    _, small_peak = run_seed(*fresh(), small)
    base_seconds = run_baseline(*fresh(), count)
    row = {
        "incidents": count,
        "seconds": round(seconds, 1),
        "rate": round(count / seconds, 1),
        "baseline_rate": round(count / base_seconds, 1),
        "peak_rss_mib": round(peak / 1024, 1),
        "peak_rss_mib_at_quarter": round(small_peak / 1024, 1),
    }
    row["ratio"] = round(row["rate"] / row["baseline_rate"], 3)
    row["memory_growth"] = round(peak / small_peak, 3)
    row["within_budget"] = row["rate"] >= RATE_BUDGET and row["memory_growth"] <= MEMORY_BUDGET
    print(
        f"{label}: seed-demo {count:,} in {seconds:.0f} s = {row['rate']:,.0f} incidents/s "
        f"(bare write of the same rows: {row['baseline_rate']:,.0f}/s, ratio {row['ratio']:.2f}); "
        f"peak RSS {row['peak_rss_mib']} MiB at {count:,}, {row['peak_rss_mib_at_quarter']} MiB "
        f"at {small:,}  {'within budget' if row['within_budget'] else 'OVER BUDGET'}",
        flush=True,
    )
    return row


def main() -> None:
    """Parse the options, measure SQLite (and PostgreSQL if named), print the JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG_URL") or None)
    options = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        runs = iter(range(100))

        def sqlite_db():
            folder = Path(scratch) / f"run{next(runs)}"
            folder.mkdir()
            return folder, f"sqlite:///{folder}/bench.db"

        results["sqlite"] = measure("SQLite", sqlite_db, options.incidents)
        if options.pg:
            with contextlib.ExitStack() as stack:

                def pg_db():
                    folder = Path(scratch) / f"run{next(runs)}"
                    folder.mkdir()
                    return folder, pg_schema(stack, options.pg, "bench_seed")

                results["postgresql"] = measure("PostgreSQL", pg_db, options.incidents)
    main_result = results.get("postgresql") or results["sqlite"]
    print(
        json.dumps(
            {
                "bench": "seed",
                "metric": "incidents_per_s_" + ("postgresql" if options.pg else "sqlite"),
                "value": main_result["rate"],
                "baseline": main_result["baseline_rate"],
                "ratio": main_result["ratio"],
                "budget": {"rate_min": round(RATE_BUDGET, 1), "memory_growth_max": MEMORY_BUDGET},
                "within_budget": all(r["within_budget"] for r in results.values()),
                **results,
            }
        )
    )


if __name__ == "__main__":
    main()
