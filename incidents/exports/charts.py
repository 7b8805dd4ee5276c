"""The researchers' charts, published through the same disclosure control as the aggregate
tables (`aggregates`): counted by the database from the research facts of consented, not
archived incidents of the researcher's organization and of organizations that share with
researchers. Each chart is a one-way table: counts from 1 to 10 are hidden, and so is the next
smallest count when a single one would be left hidden (its total may be known elsewhere), so
that no hidden count can be worked out by subtraction. A rate is published only when the
incidents it counts and the others are each 0 or 11 or more, and the number behind it is not
(it would give the hidden counts away)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlmodel import Session

from incidents.exports import facts, hierarchy
from incidents.exports.aggregates import (
    EXPORT_CODES,
    SUPPRESSED,
    hidden_cells,
    published_share,
    shown,
)
from incidents.exports.columns import HOURS_BANDS
from incidents.models import ResearchFacts
from incidents.vocab import FRT_SYSTEM, OUTCOME

COLUMN = "Incidents"


@dataclass(frozen=True)
class Cell:
    """One published count: `count` is None when it is hidden (`shown` then says so)."""

    code: str
    label: str
    count: int | None
    shown: str


@dataclass(frozen=True)
class Rate:
    """A published rate of one year: None (and `shown` says why) under 11 incidents."""

    period: str
    percent: float | None
    shown: str


def publish(counter: Counter, labels: dict[str, str] | None = None) -> list[Cell]:
    """A one-way table of counts (code → count) as published, in the counter's order."""
    codes = list(counter)
    cells = Counter({(code, COLUMN): n for code, n in counter.items()})
    hidden = hidden_cells(cells, codes, [COLUMN])
    labels = labels or {}
    return [
        Cell(
            code,
            labels.get(code) or EXPORT_CODES.get(code, code),
            None if (code, COLUMN) in hidden else counter[code],
            SUPPRESSED if (code, COLUMN) in hidden else shown(counter[code]),
        )
        for code in codes
    ]


def _counts(session: Session, organization_ids: list[int], column) -> Counter:
    """Incidents by the value of `column` (an expression is computed in an inner subquery, so
    that PostgreSQL groups by the same column it selects)."""
    inner = facts.eligible(organization_ids, column.label("v")).subquery()
    query = select(inner.c.v, func.count()).group_by(inner.c.v)
    return Counter(dict(session.execute(query).all()))


def _quarters(counter: Counter) -> Counter:
    """Quarters from the first to the last with incidents, those without any as 0. Incidents
    whose date is known only to the year are in no quarter (the chart says so)."""
    counter = Counter({period: n for period, n in counter.items() if "Q" in period})
    if not counter:
        return Counter()
    first, last = min(counter), max(counter)
    year, quarter = int(first[:4]), int(first[-1])
    ordered = Counter()
    while f"{year}-Q{quarter}" <= last:
        ordered[f"{year}-Q{quarter}"] = counter.get(f"{year}-Q{quarter}", 0)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return ordered


def _ordered(counter: Counter, codes) -> Counter:
    """The counter in vocabulary order, then any other code; codes never seen are left out."""
    order = [code for code in codes if counter.get(code)]
    order += sorted(code for code in counter if code not in order and counter[code])
    return Counter({code: counter[code] for code in order})


def _rates(session: Session, organization_ids: list[int]) -> dict[str, list[Rate]]:
    """Per year: the share of incidents with an FRT use whose match was the sole basis, and
    of incidents where documents were presented whose documents were disregarded."""
    rf = ResearchFacts
    year = func.substr(rf.period, 1, 4)
    rows = session.execute(
        facts.eligible(
            organization_ids,
            year,
            func.count(case((rf.frt_system != "none", 1))),
            func.count(case(((rf.frt_system != "none") & (rf.sole_basis == "yes"), 1))),
            func.count(case((rf.documents_disregarded != "none", 1))),
            func.count(case((rf.documents_disregarded == "yes", 1))),
        )
        .group_by(year)
        .order_by(year)
    ).all()

    def rate(period, part, whole):
        words = published_share(part, whole)
        if words == "too few to report":
            return Rate(period, None, words)
        return Rate(period, 100 * part / whole, words)

    return {
        "sole_basis": [rate(y, sole, frt) for y, frt, sole, _, _ in rows],
        "docs_disregarded": [rate(y, dis, docs) for y, _, _, docs, dis in rows],
    }


def research_charts(session: Session, organization_id: int | None) -> dict:
    """Every chart a researcher sees, as published: incidents per quarter, by FRT system (first
    use), by outcome, by hours detained, and the yearly rates."""
    organization_ids = facts.eligible_organizations(session, organization_id)
    if facts.fill_missing(session, organization_ids):
        session.commit()
    rf = ResearchFacts
    hours = _counts(session, organization_ids, rf.detention_hours_band)
    quarter = hierarchy.BY_NAME["period"].sql(rf.period, 1)
    return {
        "periods": publish(_quarters(_counts(session, organization_ids, quarter))),
        "systems": publish(
            _ordered(_counts(session, organization_ids, rf.frt_system), FRT_SYSTEM.codes),
            FRT_SYSTEM.labels,
        ),
        "outcomes": publish(
            _ordered(_counts(session, organization_ids, rf.outcome), OUTCOME.codes),
            OUTCOME.labels,
        ),
        "hours": publish(
            Counter({band: hours.get(band, 0) for band in (*HOURS_BANDS, "unknown")}),
            {"unknown": "Not known"},
        ),
        "rates": _rates(session, organization_ids),
    }
