"""The anonymized research export: plan (disclosure control), stream (CSV generated while it is
sent), dictionary, and the audit record of every export."""

from __future__ import annotations

import csv
import hashlib
import io
import secrets
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlmodel import Session

from incidents import audit
from incidents.exports import records
from incidents.exports.anonymize import QI_NAMES, Plan, Refused, base_key, choose
from incidents.exports.columns import COLUMNS, NAMES, RARE_GROUPED, SENSITIVE_CHOICES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

__all__ = ["Export", "Refused", "dictionary_rows", "prepare", "stream_rows"]


@dataclass
class Export:
    """A prepared export: organizations, plan and the rare values grouped as 'other'."""

    organization_ids: list[int]
    plan: Plan
    rare: dict[str, set[str]]


def prepare(
    *,
    session: Session,
    organization_id: int | None,
    k: int,
    l_div: int | None = None,
    sensitive: str | None = None,
) -> Export:
    """Count the eligible records once and choose the generalization (raises Refused)."""
    if l_div is not None and l_div < 2:
        raise Refused("l must be at least 2 (or not given).")
    if l_div and sensitive not in SENSITIVE_CHOICES:
        raise Refused(f"Choose the sensitive column for l among: {', '.join(SENSITIVE_CHOICES)}.")
    organization_ids = records.eligible_organizations(session, organization_id)
    counts, values = Counter(), defaultdict(set)
    categories = {name: Counter() for name in RARE_GROUPED}
    parts = frozenset({"timeline"}) if sensitive == "detention_hours_band" else frozenset()
    for record in records.iter_records(session, organization_ids, parts=parts):
        key = base_key(record)
        counts[key] += 1
        if l_div:
            values[key].add(record[sensitive])
        for name in RARE_GROUPED:
            categories[name][record[name]] += 1
    plan = choose(counts, values, k=k, l_div=l_div, sensitive_name=sensitive)
    rare = {name: {v for v, n in counter.items() if n < k} for name, counter in categories.items()}
    return Export(organization_ids, plan, rare)


def _safe(value: str) -> str:
    """No cell may start like a spreadsheet formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def stream_rows(*, session: Session, export: Export, actor=None) -> Iterator[str]:
    """CSV text, header first, rows shuffled with fresh random ids; audits the export (with the
    file's SHA-256) once the last row is written."""
    digest = hashlib.sha256()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def emit(row) -> str:
        writer.writerow(row)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        digest.update(text.encode("utf-8"))
        return text

    yield emit(NAMES)
    written = 0
    plan = export.plan
    for record in records.iter_records(session, export.organization_ids, shuffled=True):
        if not plan.keeps(record):
            continue
        general = dict(zip(QI_NAMES, plan.key(record), strict=True))
        row = [secrets.token_hex(16)]
        for column in COLUMNS[1:]:
            value = (
                general.get(column.name)
                if column.role == "quasi_identifier"
                else record[column.name]
            )
            if column.name in export.rare and value in export.rare[column.name]:
                value = "other"
            row.append(_safe(str(value)))
        written += 1
        yield emit(row)
    audit.record(
        session=session,
        action="research_export",
        actor=actor,
        organization_id=getattr(actor, "organization_id", None),
        details={
            **{k: v for k, v in plan.report().items() if k != "generalization"},
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
