"""The application as every bench builds it: everything it writes (database, audit head,
evidence) in one scratch folder, fresh random keys, and a fast password hash."""

from __future__ import annotations

import secrets

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from incidents import create_app
from incidents.db import normalize_url

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


def pg_schema(stack, url: str, prefix: str) -> str:
    """A fresh schema (`<prefix>_<random>`) in the named PostgreSQL database, dropped when
    `stack` closes; returns a URL whose connections use it."""
    url = normalize_url(url)
    schema = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))

    def drop():
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()

    stack.callback(drop)
    options = make_url(url).query.get("options", "")
    return (
        make_url(url)
        .update_query_dict({"options": f"{options} -csearch_path={schema}".strip()})
        .render_as_string(hide_password=False)
    )
