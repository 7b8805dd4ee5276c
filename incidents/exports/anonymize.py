"""Disclosure control's settings and vocabulary: k of at least 5, at most 5 % of the eligible
rows suppressed, row-level exports only from 50 eligible incidents; the quasi-identifiers and the
names of their levels (the hierarchies are in `exports.hierarchy`, the search of their lattice in
`exports.lattice`)."""

from __future__ import annotations

from incidents.exports.hierarchy import BY_NAME, HIERARCHIES
from incidents.exports.lattice import Check, Refused, Release
from incidents.models.research import CLASS_COLUMNS

MIN_K = 5
MAX_SUPPRESSED_SHARE = 0.05
MIN_ROWS = 50
QI_NAMES = CLASS_COLUMNS  # indexed with the facts, for the class counts
assert tuple(h.name for h in HIERARCHIES) == QI_NAMES, "the hierarchies follow the index"

__all__ = ["Check", "Refused", "Release", "budget_of", "generalized"]


def budget_of(eligible: int) -> int:
    """The most rows a release of `eligible` rows may leave out."""
    return int(MAX_SUPPRESSED_SHARE * eligible)


def generalized(name: str, column, level: int):
    """SQL for a level-0 quasi-identifier column at a level of its hierarchy ('unknown' stays
    'unknown' at every level)."""
    return BY_NAME[name].sql(column, level)
