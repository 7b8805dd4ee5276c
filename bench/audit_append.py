"""Benchmark: cost of appending chained audit events on SQLite, against a bare INSERT of the
same rows without chaining, measured in the same run. Prints one JSON line last.

Run: .venv/bin/python bench/audit_append.py [--events N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import bench_app
from sqlalchemy import text
from sqlmodel import Session, SQLModel

from incidents import audit

BUDGET = 5.0  # chained append may cost at most 5x a bare insert


def main() -> None:
    """Measure both rates and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=5000)
    n = parser.parse_args().events
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp)
        engine = app.extensions["db_engine"]
        SQLModel.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "CREATE TABLE bare (id INTEGER PRIMARY KEY, seq INT, occurred_at TEXT,"
                    " action TEXT, object_type TEXT, object_id TEXT, details TEXT)"
                )
            )

        start = time.perf_counter()
        for i in range(n):
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO bare (seq, occurred_at, action, object_type, "
                        "object_id, details) VALUES (:s, :t, 'bench', 'user', :o, '{}')"
                    ),
                    {"s": i, "t": time.time(), "o": str(i)},
                )
        bare = n / (time.perf_counter() - start)

        with app.app_context():
            start = time.perf_counter()
            for i in range(n):
                with Session(engine) as session:
                    audit.record(
                        session=session,
                        action="bench",
                        object_type="user",
                        object_id=i,
                        details={"n": i},
                    )
                    session.commit()
            chained = n / (time.perf_counter() - start)
            with Session(engine) as session:
                assert audit.verify_chain(session=session, key=audit.audit_key()).ok
        engine.dispose()
    ratio = bare / chained
    print(f"bare insert: {bare:,.0f} rows/s; chained audit append: {chained:,.0f} events/s")
    print(
        json.dumps(
            {
                "bench": "audit_append",
                "metric": "events_per_second",
                "value": round(chained, 1),
                "baseline": round(bare, 1),
                "ratio": round(ratio, 2),
                "budget": BUDGET,
                "within_budget": ratio <= BUDGET,
            }
        )
    )


if __name__ == "__main__":
    main()
