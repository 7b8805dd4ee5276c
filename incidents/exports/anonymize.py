"""Disclosure control: generalize quasi-identifiers level by level until every class has at
least k rows (and, if asked, at least l distinct values of a sensitive column), suppressing the
rows of the remaining small classes only while they are at most 5 % of the eligible rows.

The hierarchies are SQL expressions over the stored level-0 values, so the database groups and
counts: nothing held in memory grows with the number of incidents or of distinct classes."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import case, func

from incidents.exports.columns import AGE_BANDS
from incidents.models.research import CLASS_COLUMNS
from incidents.problems import UserError
from incidents.wording import plural

MIN_K = 5
MAX_SUPPRESSED_SHARE = 0.05
MIN_ROWS = 50
QI_NAMES = CLASS_COLUMNS  # indexed with the facts, for the class counts
LEVEL_NAMES = {
    "period": ("quarter", "year", "all"),
    "age_band": ("10-year bands", "wide bands", "all"),
    "region": ("census region", "US"),
    "nationality_region": ("world region", "all"),
    "agency_level": ("agency level",),
}
WIDE_AGE = {
    band: ("0-19", "20-39", "40-59", "60-79", "80+")[min(i // 2, 4)]
    for i, band in enumerate(AGE_BANDS)
}


class Refused(UserError, ValueError):
    """No safe export exists for these data and settings; the message says why."""


def generalized(name: str, column, level: int):
    """SQL for a level-0 quasi-identifier column at a level of its hierarchy ('unknown' stays
    'unknown' at every level)."""
    if level == 0:
        return column
    if name == "period" and level == 1:
        return func.substr(column, 1, 4)
    if name == "age_band" and level == 1:
        return case(WIDE_AGE, value=column, else_=column)
    return case((column == "unknown", "unknown"), else_="US" if name == "region" else "all")


@dataclass(frozen=True)
class Check:
    """What one combination of levels gives: rows in classes too small (or not diverse enough),
    the smallest kept class and the least diverse kept class."""

    suppressed: int
    k_achieved: int | None
    l_achieved: int | None


@dataclass
class Plan:
    """The chosen generalization and what it costs."""

    levels: dict[str, int]
    eligible: int = 0
    suppressed: int = 0
    k_achieved: int = 0
    l_achieved: int | None = None
    k: int = MIN_K
    l_required: int | None = None
    sensitive: str | None = None

    def report(self) -> dict:
        """The disclosure report."""
        return {
            "incidents_eligible": self.eligible,
            "rows_exported": self.eligible - self.suppressed,
            "rows_suppressed": self.suppressed,
            "generalization": {n: LEVEL_NAMES[n][lvl] for n, lvl in self.levels.items()},
            "k_required": self.k,
            "k_achieved": self.k_achieved,
            "l_required": self.l_required,
            "l_achieved": self.l_achieved,
            "l_sensitive_column": self.sensitive,
        }


def choose(
    check: Callable[[dict[str, int]], Check],
    eligible: int,
    *,
    k: int,
    l_div: int | None,
    sensitive_name: str | None,
) -> Plan:
    """The least generalization that satisfies k (and l) with at most 5 % suppressed; `check`
    evaluates one combination of levels (in the database)."""
    if k < MIN_K:
        raise Refused(f"k must be at least {MIN_K}.")
    if eligible < MIN_ROWS:
        raise Refused(
            f"Only {plural(eligible, 'incident')} {'is' if eligible == 1 else 'are'} eligible; "
            "row-level exports need at least "
            f"{MIN_ROWS}. Use the aggregate tables instead."
        )
    ranges = [range(len(LEVEL_NAMES[n])) for n in QI_NAMES]
    best = None
    for combination in sorted(itertools.product(*ranges), key=lambda lv: (sum(lv), lv)):
        levels = dict(zip(QI_NAMES, combination, strict=True))
        result = check(levels)
        if best is None or result.suppressed < best:
            best = result.suppressed
        if result.suppressed <= MAX_SUPPRESSED_SHARE * eligible and result.k_achieved:
            return Plan(
                levels=levels,
                eligible=eligible,
                suppressed=result.suppressed,
                k_achieved=result.k_achieved,
                k=k,
                l_required=l_div,
                l_achieved=result.l_achieved,
                sensitive=sensitive_name if l_div else None,
            )
    raise Refused(
        f"No generalization reaches k={k}{f' and l={l_div}' if l_div else ''} without "
        f"suppressing more than 5 % of the {eligible} eligible rows (the best would "
        f"suppress {best})."
    )
