"""Benchmark: the spreadsheet import (full validation, people matching, derived data, audit)
of 20,000 rows into SQLite — rows per second and peak memory (tracemalloc) — next to a bare
csv.reader → executemany INSERT of the same file in the same run, on the same database file
through a connection of the same engine. Both sides are timed untraced, alternating, median of
R runs each; memory is measured in separate untimed runs. Budget: >= 2,000 rows/s; memory
bounded: the peak for 2 x N rows within 20 % of the peak for N. Prints one JSON object last.

Run: .venv/bin/python bench/import.py [--rows N] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import bench_app

from incidents import migrate
from incidents.admin.services import create_organization
from incidents.db import get_session
from incidents.imports.columns import COLUMNS
from incidents.imports.services import run_import
from incidents.vocab import (
    ENCOUNTER_TYPE,
    FRT_SYSTEM,
    ID_DOCUMENT,
    LEGAL_STATUS,
    OUTCOME,
    SEEDED_AGENCIES,
    US_STATE,
)

RATE_BUDGET = 2000
MEMORY_BUDGET = 1.2
FIRST = ("Rosa", "Juan", "Mai", "Ahmed", "Olga", "Kwame", "Lucia", "Tran", "Ana", "Omar")
LAST = ("Delgado", "Nguyen", "Haddad", "Mensah", "Ivanova", "Quispe", "Reyes", "Okafor")


def write_file(path: Path, rows: int, seed: int) -> None:
    """A realistic file: every column used, a third of the people seen before."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in COLUMNS])
        for index in range(rows):
            person = rng.randrange(max(rows * 2 // 3, 1))
            name = f"{FIRST[person % 10]} {LAST[person % 8]} {person}"
            docs = rng.sample(ID_DOCUMENT.codes, rng.randint(0, 2))
            row = {
                "occurred_on": f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d}",
                "city": f"Springfield {index}",  # never the same client, date and place twice
                "county": "Sangamon",
                "state": rng.choice(US_STATE.codes),
                "zip": f"{rng.randint(10000, 99999)}",
                "encounter_type": rng.choice(ENCOUNTER_TYPE.items)[rng.randint(0, 1)],
                "agencies": "; ".join(a[0] for a in rng.sample(SEEDED_AGENCIES, 2)),
                "frt_system": rng.choice(FRT_SYSTEM.codes),
                "frt_mode": "one_to_many",
                "frt_treated_as": "definitive_id",
                "frt_sole_basis": rng.choice(("yes", "no", "")),
                "human_review": "none",
                "misidentified": rng.choice(("y", "n", "unknown")),
                "subject_name": name,
                "subject_dob": f"{1950 + person % 50}-0{1 + person % 9}-1{person % 9}",
                "subject_a_number": f"A{person:09d}" if person % 2 else "",
                "subject_phone": f"+1 312 555 {person % 10000:04d}",
                "subject_email": f"person{person}@example.org",
                "subject_address": f"{person % 900 + 1} Main Street",
                "subject_gender": "unknown",
                "subject_nationality": rng.choice(("MX", "Guatemala", "US", "VN")),
                "subject_language": "Spanish",
                "subject_legal_status": rng.choice(LEGAL_STATUS.codes),
                "documents_presented": "; ".join(docs),
                "documents_response": "ignored" if docs else "",
                "detained_hours": str(rng.randint(0, 200)),
                "outcome": rng.choice(OUTCOME.codes),
                "research_consent": rng.choice(("yes", "no")),
                "narrative": f"Synthetic incident {index}: stopped after a phone scan.",
            }
            writer.writerow([row.get(c.name, "") for c in COLUMNS])


def ours(app, code: str, path: Path, traced: bool) -> tuple[float, int, int]:
    """(seconds, rows imported, peak bytes) for one import into a fresh organization."""
    with app.app_context():
        session = get_session()
        org = create_organization(session=session, name=f"Bench {code}", code=code)
        if traced:
            tracemalloc.start()
        began = time.perf_counter()
        report = run_import(session=session, organization=org, actor=None, path=path)
        seconds = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        tracemalloc.stop()
        assert report.committed, report.verdict()
        return seconds, report.imported, peak


def bare(app, table: str, path: Path) -> tuple[float, int]:
    """(seconds, rows) for csv.reader → executemany INSERT into one table, no validation: on
    the app's database file, through a connection of the app's engine (same pragmas, WAL and
    BEGIN IMMEDIATE as the import), in one transaction."""
    connection = app.extensions["db_engine"].raw_connection()
    try:
        connection.execute(f"CREATE TABLE {table} ({', '.join(c.name for c in COLUMNS)})")
        statement = f"INSERT INTO {table} VALUES (" + ", ".join("?" for _ in COLUMNS) + ")"  # noqa: S608 (placeholders only)
        began = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            rows = 0
            while batch := [row for _, row in zip(range(500), reader, strict=False)]:
                connection.executemany(statement, batch)
                rows += len(batch)
        connection.execute("COMMIT")
        seconds = time.perf_counter() - began
    finally:
        connection.close()
    return seconds, rows


def main() -> None:
    """Write files of N and 2N rows, import them, compare."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    rows, repeat = options.rows, options.repeat
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = bench_app(folder)
        with app.app_context():
            migrate.upgrade()
        files = {n: folder / f"rows{n}.csv" for n in (rows, 2 * rows)}
        for n, path in files.items():
            write_file(path, n, seed=n)
        timed, based = [], []
        for i in range(repeat):  # both untraced, alternating, each into a fresh target
            for side in ("ours", "bare") if i % 2 == 0 else ("bare", "ours"):
                if side == "ours":
                    seconds, imported, _ = ours(
                        app, f"T{chr(65 + i // 26)}{chr(65 + i % 26)}", files[rows], False
                    )
                    timed.append((seconds, imported))
                else:
                    based.append(bare(app, f"raw{i}", files[rows]))
        peaks = {  # memory in separate, untimed runs
            n: ours(app, code, files[n], traced=True)[2]
            for n, code in zip(files, ("ONE", "TWO"), strict=True)
        }
        app.extensions["db_engine"].dispose()
    rates = sorted(n / s for s, n in timed)
    base_rates = sorted(n / s for s, n in based)
    rate, base_rate = statistics.median(rates), statistics.median(base_rates)
    imported, seconds = timed[0][1], statistics.median(s for s, _ in timed)
    growth = peaks[2 * rows] / peaks[rows]
    print(
        f"import of {imported:,} rows: {rate:,.0f} rows/s ({seconds:.1f} s; runs {rates[0]:,.0f}-"
        f"{rates[-1]:,.0f}); bare csv.reader → INSERT: {base_rate:,.0f} rows/s (runs "
        f"{base_rates[0]:,.0f}-{base_rates[-1]:,.0f}); peak memory {peaks[rows] / 2**20:.1f} MB at "
        f"{rows:,} rows, {peaks[2 * rows] / 2**20:.1f} MB at {2 * rows:,}"
    )
    print(
        json.dumps(
            {
                "bench": "import",
                "metric": "rows_per_second",
                "value": round(rate),
                "baseline": round(base_rate),
                "ratio": round(rate / base_rate, 3),
                "budget": {
                    "rows_per_second_at_least": RATE_BUDGET,
                    "peak_memory_growth_at_most": MEMORY_BUDGET,
                },
                "peak_memory_mb": {
                    str(rows): round(peaks[rows] / 2**20, 2),
                    str(2 * rows): round(peaks[2 * rows] / 2**20, 2),
                },
                "peak_memory_growth": round(growth, 3),
                "within_budget": rate >= RATE_BUDGET and growth <= MEMORY_BUDGET,
            }
        )
    )


if __name__ == "__main__":
    main()
