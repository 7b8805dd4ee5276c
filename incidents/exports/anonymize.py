"""Disclosure control: generalize quasi-identifiers level by level until every class has at
least k rows (and, if asked, at least l distinct values of a sensitive column), suppressing the
rows of the remaining small classes only while they are at most 5 % of the eligible rows.

Only counts of level-0 combinations are kept in memory (their number is bounded by the
hierarchies, not by the number of incidents)."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from incidents.exports.columns import AGE_BANDS

MIN_K = 5
MAX_SUPPRESSED_SHARE = 0.05
MIN_ROWS = 50
LEVEL_NAMES = {
    "period": ("quarter", "year", "all"),
    "age_band": ("10-year bands", "wide bands", "all"),
    "region": ("census region", "US"),
    "nationality_region": ("world region", "all"),
    "agency_level": ("agency level",),
}


class Refused(ValueError):
    """No safe export exists for these data and settings; the message says why."""


def age_band(age: int | None) -> str:
    """Level-0 age band."""
    if age is None or age < 0:
        return "unknown"
    return "90+" if age >= 90 else AGE_BANDS[age // 10]


def generalize(name: str, value: str, level: int) -> str:
    """A level-0 quasi-identifier value at a higher level of its hierarchy."""
    if level == 0 or value == "unknown":
        return value
    if name == "period":
        return value[:4] if level == 1 else "all"
    if name == "age_band":
        if level == 2:
            return "all"
        low = 90 if value == "90+" else int(value.split("-")[0])
        return ("0-19", "0-19", "20-39", "20-39", "40-59", "40-59", "60-79", "60-79", "80+", "80+")[
            min(low // 10, 9)
        ]
    if name == "region":
        return "US"
    return "all"


def base_key(record: dict) -> tuple:
    """The level-0 quasi-identifier tuple of a record."""
    return (
        record["period"],
        age_band(record["age"]),
        record["region"],
        record["nationality_region"],
        record["agency_level"],
    )


QI_NAMES = ("period", "age_band", "region", "nationality_region", "agency_level")


@dataclass
class Plan:
    """The chosen generalization and what it costs."""

    levels: dict[str, int]
    suppressed_keys: set = field(default_factory=set)
    eligible: int = 0
    suppressed: int = 0
    k_achieved: int = 0
    l_achieved: int | None = None
    k: int = MIN_K
    l_required: int | None = None
    sensitive: str | None = None

    def key(self, record: dict) -> tuple:
        """A record's class at the chosen levels."""
        return tuple(
            generalize(n, v, self.levels[n])
            for n, v in zip(QI_NAMES, base_key(record), strict=True)
        )

    def keeps(self, record: dict) -> bool:
        """Whether the record is exported (its class is not suppressed)."""
        return self.key(record) not in self.suppressed_keys

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
    counts: Counter,
    sensitive: dict[tuple, set],
    *,
    k: int,
    l_div: int | None,
    sensitive_name: str | None,
) -> Plan:
    """The least generalization that satisfies k (and l) with at most 5 % suppressed."""
    if k < MIN_K:
        raise Refused(f"k must be at least {MIN_K}.")
    eligible = sum(counts.values())
    if eligible < MIN_ROWS:
        raise Refused(
            f"Only {eligible} incidents are eligible; row-level exports need at least "
            f"{MIN_ROWS}. Use the aggregate tables instead."
        )
    ranges = [range(len(LEVEL_NAMES[n])) for n in QI_NAMES]
    best = None
    for levels in sorted(itertools.product(*ranges), key=lambda lv: (sum(lv), lv)):
        classes, values = Counter(), defaultdict(set)
        for key, n in counts.items():
            general = tuple(
                generalize(name, v, lvl) for name, v, lvl in zip(QI_NAMES, key, levels, strict=True)
            )
            classes[general] += n
            if l_div:
                values[general] |= sensitive[key]
        small = {c for c, n in classes.items() if n < k or (l_div and len(values[c]) < l_div)}
        suppressed = sum(classes[c] for c in small)
        if best is None or suppressed < best[1]:
            best = (levels, suppressed)
        if suppressed <= MAX_SUPPRESSED_SHARE * eligible and suppressed < eligible:
            kept = [c for c in classes if c not in small]
            return Plan(
                levels=dict(zip(QI_NAMES, levels, strict=True)),
                suppressed_keys=small,
                eligible=eligible,
                suppressed=suppressed,
                k_achieved=min(classes[c] for c in kept),
                k=k,
                l_required=l_div,
                l_achieved=min(len(values[c]) for c in kept) if l_div else None,
                sensitive=sensitive_name if l_div else None,
            )
    raise Refused(
        f"No generalization reaches k={k}{f' and l={l_div}' if l_div else ''} without "
        f"suppressing more than 5 % of the {eligible} eligible rows (the best would "
        f"suppress {best[1]})."
    )
