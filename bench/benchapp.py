"""The application as every bench builds it: everything it writes (database, audit head,
evidence) in one scratch folder, fresh random keys, and a fast password hash."""

from __future__ import annotations

import secrets

from incidents import create_app

FAST_HASH = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def bench_app(folder: str, **settings):
    """An app whose database (SQLite unless DATABASE_URL is given), audit head file and
    evidence live in `folder` — never the developer's instance/."""
    return create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder}/bench.db",
            "AUDIT_HEAD_FILE": f"{folder}/audit-head.json",
            "SECRET_KEY": secrets.token_hex(32),
            "AUDIT_KEY": secrets.token_hex(32),
            "EVIDENCE_DIR": f"{folder}/evidence",
            "PASSWORD_HASH": FAST_HASH,
            **settings,
        }
    )


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))]


def timing_row(name: str, ours: list[float], base: list[float]) -> dict:
    """One scenario's server times (ms) beside its baseline's, measured the same way: p50,
    p95 of both and the p95 ratio."""
    import statistics

    row = {
        "scenario": name,
        "p50": statistics.median(ours),
        "p95": percentile(ours, 95),
        "base_p50": statistics.median(base),
        "base_p95": percentile(base, 95),
    }
    row["ratio"] = row["p95"] / row["base_p95"]
    return row
