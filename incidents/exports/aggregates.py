"""Aggregate tables for researchers: counts by quarter by region, FRT system by outcome and agency
level by how the match was treated, and headline rates. Cells from 1 to 10 are shown as "<11" and
no totals are shown, so that a suppressed cell cannot be recovered by subtraction."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session

from incidents.exports import records
from incidents.vocab import BY_NAME

SMALL = 11


def shown(count: int) -> str:
    """A count as published: exact from 11 (and 0), otherwise '<11'."""
    return "<11" if 0 < count < SMALL else f"{count:,}"


@dataclass
class CrossTable:
    """A two-way table of published counts."""

    title: str
    row_label: str
    column_label: str
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], str]


def _table(title, row_label, column_label, counter: Counter, row_vocab=None, col_vocab=None):
    rows = sorted({r for r, _ in counter})
    columns = sorted({c for _, c in counter})

    def name(vocab, code):
        return BY_NAME[vocab].label(code) if vocab and code in BY_NAME[vocab] else code

    return CrossTable(
        title,
        row_label,
        column_label,
        [name(row_vocab, r) for r in rows],
        [name(col_vocab, c) for c in columns],
        {
            (name(row_vocab, r), name(col_vocab, c)): shown(counter[(r, c)])
            for r in rows
            for c in columns
        },
    )


def aggregate_tables(session: Session, organization_id: int | None) -> dict:
    """The published tables and headline rates (one pass over the eligible incidents)."""
    organization_ids = records.eligible_organizations(session, organization_id)
    by_period, by_system, by_level = Counter(), Counter(), Counter()
    with_frt = sole = with_docs = disregarded = 0
    hours = []
    for record in records.iter_records(session, organization_ids):
        by_period[(record["period"], record["region"])] += 1
        by_system[(record["frt_system"], record["outcome"])] += 1
        by_level[(record["agency_level"], record["treated_as"])] += 1
        if record["frt_system"] != "none":
            with_frt += 1
            sole += record["sole_basis"] == "yes"
        if record["documents_disregarded"] != "none":
            with_docs += 1
            disregarded += record["documents_disregarded"] == "yes"
        if record["hours"] is not None:
            hours.append(record["hours"])

    def rate(part, whole):
        return f"{100 * part / whole:.0f} %" if whole >= SMALL else "too few to report"

    return {
        "tables": [
            _table("Incidents by quarter and Census region", "Quarter", "Region", by_period),
            _table(
                "Incidents by FRT system and outcome",
                "FRT system",
                "Outcome",
                by_system,
                "frt_system",
                "outcome",
            ),
            _table(
                "Incidents by agency level and how the match was treated",
                "Agency level",
                "Treated as",
                by_level,
                "agency_level",
                "frt_treated_as",
            ),
        ],
        "rates": {
            "Match recorded as the sole basis (incidents with an FRT use)": rate(sole, with_frt),
            "Documents disregarded (incidents where documents were presented)": rate(
                disregarded, with_docs
            ),
            "Median hours detained (where known)": f"{statistics.median(hours):.1f}"
            if len(hours) >= SMALL
            else "too few to report",
        },
    }
