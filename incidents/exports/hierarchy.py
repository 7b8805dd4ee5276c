"""The generalization hierarchies of the five quasi-identifiers, each written twice — as SQL over
the stored level-0 values (the database groups and counts) and in Python (the loss measure, the
bench and the tests, which check that both agree on every value) — and the information loss of a
generalized value (the normalised certainty penalty, decision 0017).

Level 0 is what the research facts store: the month of the incident ("YYYY-MM"; a date known
only to the year is stored "YYYY" and stays a year at every level, so it never lands in a month
or a quarter), the 10-year age band, the state, the world region of the nationality and the
level of the agencies. "unknown" stays "unknown" at every level and carries no information."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import case, func, literal

from incidents.i18n import N_, pgettext
from incidents.records.regions import STATE_TO_DIVISION, STATE_TO_REGION
from incidents.records.research import AGE_BANDS, WIDE_AGE
from incidents.vocab import AGENCY_LEVEL

UNKNOWN = "unknown"
QUARTER_OF_MONTH = {f"{month:02d}": f"Q{(month + 2) // 3}" for month in range(1, 13)}
STATES = tuple(STATE_TO_REGION)
NATIONALITY_LEAVES = 14  # the 13 world regions and "other"
AGENCY_LEAVES = (*AGENCY_LEVEL.codes, "multiple")


@dataclass(frozen=True)
class Hierarchy:
    """One quasi-identifier: its export column, what a researcher calls it, its levels (finest
    first, as the researcher reads them) and the word for its top level."""

    name: str
    topic: str  # English (`topic_shown`: in the reader's language)
    levels: tuple[str, ...]  # English; translated where shown
    top: str

    def topic_shown(self) -> str:
        """The topic in the reader's language."""
        return topic_words(self.name)

    def sql(self, column, level: int, source: int = 0):
        """SQL for `column`, holding values at level `source` (the stored level 0 unless
        said), at `level` (not finer than `source`)."""
        if level == source:
            return column
        if level == len(self.levels) - 1:
            return case((column == UNKNOWN, UNKNOWN), else_=literal(self.top))
        return _SQL[self.name](column, level, source)

    def value(self, value: str, level: int) -> str:
        """A stored level-0 value at `level` (Python; equal to `sql`)."""
        if level == 0 or value == UNKNOWN:
            return value
        if level == len(self.levels) - 1:
            return self.top
        return _PYTHON[self.name](value, level)

    def leaves(self, value: str, level: int, domain: int) -> int:
        """How many finest values a value at `level` stands for (`domain`: all of them)."""
        if value in (self.top, UNKNOWN):
            return domain
        return _LEAVES[self.name](value, level)

    def penalty(self, value: str, level: int, domain: int) -> float:
        """The normalised certainty penalty of a value at `level`: 0 for a finest value, 1 for
        the top of the hierarchy or "unknown" (no information), else (leaves - 1) / (domain - 1)."""
        if value == UNKNOWN or domain <= 1:
            return 1.0 if value in (self.top, UNKNOWN) else 0.0
        return (self.leaves(value, level, domain) - 1) / (domain - 1)


def _period_sql(column, level, source):
    if level == 1:  # a quarter (from a month); a year stays a year
        quarter = case(QUARTER_OF_MONTH, value=func.substr(column, 6, 2))
        month_known = func.length(column) == 7
        return case((month_known, func.substr(column, 1, 5).concat(quarter)), else_=column)
    return func.substr(column, 1, 4)  # the year, from a month or a quarter


def _period(value, level):
    if level == 1:
        return f"{value[:5]}{QUARTER_OF_MONTH[value[5:7]]}" if len(value) == 7 else value
    return value[:4]


def _period_leaves(value, level):
    if len(value) == 4:  # a year (or a date known only to the year)
        return 12
    return 3 if level == 1 else 1


def _region_sql(column, level, source):
    mapping = {_region(s, source) if source else s: _region(s, level) for s in STATE_TO_REGION}
    return case(mapping, value=column, else_=UNKNOWN)


def _region(value, level):
    return (STATE_TO_DIVISION if level == 1 else STATE_TO_REGION).get(value, UNKNOWN)


STATES_IN = {1: Counter(STATE_TO_DIVISION.values()), 2: Counter(STATE_TO_REGION.values())}

_SQL = {
    "period": _period_sql,
    "age_band": lambda column, _level, _source: case(WIDE_AGE, value=column, else_=column),
    "region": _region_sql,
}
_PYTHON = {
    "period": _period,
    "age_band": lambda value, _: WIDE_AGE.get(value, value),
    "region": _region,
}
_LEAVES = {
    "period": _period_leaves,
    "age_band": lambda value, level: 1 if level == 0 else 2,
    "region": lambda value, level: 1 if level == 0 else STATES_IN[level][value],
    "nationality_region": lambda value, level: 1,
    "agency_level": lambda value, level: 1,
}

# topics and levels in English (the page translates them where it shows them)
HIERARCHIES = (
    Hierarchy("period", "time", (N_("month"), N_("quarter"), N_("year"), N_("none")), "all"),
    Hierarchy("age_band", "age", (N_("10-year bands"), N_("20-year bands"), N_("none")), "all"),
    Hierarchy(
        "region", "place", (N_("state"), N_("Census division"), N_("Census region"), N_("US")), "US"
    ),
    Hierarchy("nationality_region", "nationality", (N_("world region"), N_("none")), "all"),
    Hierarchy("agency_level", "agency level", (N_("agency level"), N_("none")), "all"),
)


def topic_words(name: str) -> str:
    """What a researcher calls a quasi-identifier (`Hierarchy.topic`), in the reader's
    language ("time" is the incident's date here, not a time of day)."""
    return {
        "period": pgettext("research topic", "time"),
        "age_band": pgettext("research topic", "age"),
        "region": pgettext("research topic", "place"),
        "nationality_region": pgettext("research topic", "nationality"),
        "agency_level": pgettext("research topic", "agency level"),
    }[name]


BY_NAME = {h.name: h for h in HIERARCHIES}
FIXED_DOMAINS = {
    "age_band": len(AGE_BANDS),
    "region": len(STATES),
    "nationality_region": NATIONALITY_LEAVES,
    "agency_level": len(AGENCY_LEAVES),
}


def domains(periods) -> dict[str, int]:
    """The number of finest values of each hierarchy; for time, the months of the years the
    data span (`periods`: the stored level-0 periods)."""
    years = {period[:4] for period in periods if period[:4].isdigit()}
    return {"period": 12 * max(len(years), 1), **FIXED_DOMAINS}
