"""The anonymized research export: plan (disclosure control), stream (CSV generated while it is
sent), dictionary, and the audit record of every export."""

from __future__ import annotations

import csv
import hashlib
import io
import secrets
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session

from incidents import audit
from incidents.exports import classes, facts
from incidents.exports.anonymize import QI_NAMES, Plan, Refused, choose
from incidents.exports.columns import COLUMNS, NAMES, RARE_GROUPED, SENSITIVE_CHOICES
from incidents.models import ResearchFacts

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

__all__ = ["Export", "Refused", "dictionary_rows", "prepare", "stream_rows"]


ROW_BATCH = 500
ANALYTIC = [getattr(ResearchFacts, c.name) for c in COLUMNS if c.role == "analytic"]
assert NAMES[1 : 1 + len(QI_NAMES)] == QI_NAMES, "quasi-identifiers come right after the row id"


@dataclass
class Export:
    """A prepared export: who is in it, the plan and the rare values grouped as 'other'."""

    rule: classes.Rule
    plan: Plan
    rare: dict[str, set[str]]

    @property
    def organization_ids(self) -> list[int]:
        """The organizations whose consented incidents are exported."""
        return self.rule.organization_ids


def prepare(
    *,
    session: Session,
    organization_id: int | None,
    k: int,
    l_div: int | None = None,
    sensitive: str | None = None,
) -> Export:
    """Choose the generalization, the database counting each candidate (raises Refused)."""
    if l_div is not None and l_div < 2:
        raise Refused("l must be at least 2 (or not given).")
    if l_div and sensitive not in SENSITIVE_CHOICES:
        raise Refused(f"Choose the sensitive column for l among: {', '.join(SENSITIVE_CHOICES)}.")
    organization_ids = facts.eligible_organizations(session, organization_id)
    if facts.fill_missing(session, organization_ids):
        session.commit()
    rule = classes.Rule(organization_ids, k, l_div, sensitive if l_div else None)
    eligible, rare = _count_values(session, organization_ids, k)
    plan = choose(
        lambda levels: classes.check(session, rule, levels),
        eligible,
        k=k,
        l_div=l_div,
        sensitive_name=sensitive,
    )
    return Export(rule, plan, rare)


def _count_values(session: Session, organization_ids: list[int], k: int):
    """(eligible incidents, values seen fewer than k times in each rare-grouped column), from
    one grouped query (the combinations of three coded columns: a few hundred rows at most)."""
    columns = [getattr(ResearchFacts, name) for name in RARE_GROUPED]
    counts = {name: Counter() for name in RARE_GROUPED}
    eligible = 0
    query = facts.eligible(organization_ids, *columns, func.count()).group_by(*columns)
    for *values, n in session.execute(query):
        eligible += n
        for name, value in zip(RARE_GROUPED, values, strict=True):
            counts[name][value] += n
    return eligible, {
        name: {value for value, n in counter.items() if n < k} for name, counter in counts.items()
    }


def _safe(value: str) -> str:
    """No cell may start like a spreadsheet formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


class _Safe(dict):
    """_safe, remembered: exported values come from small domains, so each is checked once and
    then found by a dictionary lookup."""

    def __missing__(self, value: str) -> str:
        self[value] = _safe(value)
        return self[value]


def stream_rows(*, session: Session, export: Export, actor=None) -> Iterator[str]:
    """CSV text, header first, rows shuffled by the database with fresh random ids, a few
    hundred rows a chunk; audits the export (with the file's SHA-256) once the last row is
    written."""
    digest = hashlib.sha256()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        digest.update(text.encode("utf-8"))
        return text

    writer.writerow(NAMES)
    yield flush()
    other = [
        (len(QI_NAMES) + index, export.rare[column.key])
        for index, column in enumerate(ANALYTIC)
        if export.rare.get(column.key)
    ]
    query = classes.kept(export.rule, export.plan.levels, *ANALYTIC).order_by(func.random())
    written = pending = 0
    safe = _Safe().__getitem__
    # Core execution: plain rows, streamed from the cursor (server-side on PostgreSQL).
    for row in session.connection().execute(query.execution_options(yield_per=ROW_BATCH)):
        values = list(row)
        for index, rare in other:
            if values[index] in rare:
                values[index] = "other"
        writer.writerow([secrets.token_hex(16), *map(safe, values)])
        written += 1
        pending += 1
        if pending == ROW_BATCH:
            pending = 0
            yield flush()
    if pending:
        yield flush()
    audit.record(
        session=session,
        action="research_export",
        actor=actor,
        organization_id=getattr(actor, "organization_id", None),
        details={
            **{k: v for k, v in export.plan.report().items() if k != "generalization"},
            "organizations": len(export.organization_ids),
            "rows": written,
            "sha256": digest.hexdigest(),
        },
    )
    session.commit()


def dictionary_rows() -> Iterator[list[str]]:
    """The data dictionary: every column, its role, meaning and allowed values."""
    yield ["column", "role", "meaning", "allowed_values"]
    for column in COLUMNS:
        allowed = "; ".join(column.values) if column.values else column.domain
        if column.multi:
            allowed = "zero or more of (';'-separated): " + allowed
        yield [column.name, column.role, column.meaning, allowed]
