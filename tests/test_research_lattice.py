"""Issue 19: the generalization lattice. The hierarchies say the same in SQL and in Python; the
search returns exactly the releases a brute force over every node finds (least information
lost, by the researcher's ranking, within the pins), and a date known only to the year never
lands in a month or a quarter."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import literal, select, union_all
from sqlmodel import select as sm_select

from incidents.exports import hierarchy
from incidents.exports.anonymize import MAX_SUPPRESSED_SHARE
from incidents.exports.hierarchy import HIERARCHIES, UNKNOWN
from incidents.exports.lattice import QI, Priorities, Refused
from incidents.exports.services import prepare
from incidents.models import ResearchFacts
from incidents.records.regions import CENSUS_DIVISIONS, STATE_TO_DIVISION, STATE_TO_REGION
from incidents.records.research import AGE_BANDS, age_band, period
from tests.test_exports import seed

LEVEL0 = {
    "period": [f"2024-{m:02d}" for m in range(1, 13)] + ["2023", "2025-11"],
    "age_band": [*AGE_BANDS, UNKNOWN],
    "region": [*STATE_TO_REGION, UNKNOWN],
    "nationality_region": ["Mexico and Central America", "Europe", "other", UNKNOWN],
    "agency_level": ["federal", "state", "local", "private", "multiple", UNKNOWN],
}


@pytest.mark.parametrize("h", HIERARCHIES, ids=lambda h: h.name)
def test_each_hierarchy_says_the_same_in_sql_and_python(session, h):
    values = LEVEL0[h.name]
    rows = union_all(*(select(literal(v).label("v")) for v in values)).subquery()
    for level in range(len(h.levels)):
        in_sql = session.execute(select(h.sql(rows.c.v, level))).scalars().all()
        assert sorted(in_sql) == sorted(h.value(v, level) for v in values), level
        assert all(h.value(UNKNOWN, level) == UNKNOWN for _ in [0])


def test_the_hierarchies_are_trees_and_their_penalties_rise():
    # every division lies in one Census region, so the levels nest
    for division, states in CENSUS_DIVISIONS.items():
        assert len({STATE_TO_REGION[s] for s in states.split()}) == 1, division
    assert set(STATE_TO_DIVISION) == set(STATE_TO_REGION)
    domains = hierarchy.domains(LEVEL0["period"])
    assert domains["period"] == 36  # three years of months
    for h in HIERARCHIES:
        for value in LEVEL0[h.name]:
            costs = [
                h.penalty(h.value(value, lv), lv, domains[h.name]) for lv in range(len(h.levels))
            ]
            assert costs == sorted(costs) and costs[-1] == 1.0, (h.name, value, costs)
    period = hierarchy.BY_NAME["period"]
    assert period.value("2024-05", 1) == "2024-Q2" and period.value("2023", 1) == "2023"
    assert period.penalty("2024-Q2", 1, 36) == pytest.approx(2 / 35)
    assert period.penalty("2023", 0, 36) == pytest.approx(11 / 35)  # a year even at level 0
    region = hierarchy.BY_NAME["region"]
    assert region.value("IL", 1) == "East North Central" and region.value("IL", 2) == "Midwest"
    assert region.penalty("Midwest", 2, 56) == pytest.approx(11 / 55)


def test_dates_keep_their_precision():
    assert period(date(2025, 1, 1), "year") == "2025"
    assert period(date(2025, 7, 1), "month") == "2025-07"
    assert period(date(2025, 7, 19), "day") == "2025-07"
    born = date(1985, 6, 1)
    assert age_band(born, date(2025, 1, 1), "year") == "unknown"  # 39 or 40
    assert age_band(born, date(2024, 1, 1), "year") == "30-39"
    mid_june = date(1985, 6, 15)
    assert age_band(mid_june, date(2025, 6, 1), "month") == "unknown"  # 39 until the 15th
    assert age_band(mid_june, date(2025, 7, 1), "month") == "40-49"
    assert age_band(born, date(2025, 6, 1), "month") == "40-49"  # 40 from the 1st


def test_a_year_only_date_stays_a_year_in_the_facts_and_the_export(runner, session):
    from sqlalchemy import update

    from incidents.exports import facts
    from incidents.exports.classes import general
    from incidents.models import Incident
    from incidents.records.research import refresh

    organization = seed(runner, session, count=400)
    ids = session.exec(
        sm_select(Incident.id).where(Incident.organization_id == organization.id)
    ).all()[:100]
    session.execute(update(Incident).where(Incident.id.in_(ids)).values(date_precision="year"))
    refresh(session, ids)
    session.commit()
    stored = session.exec(
        sm_select(ResearchFacts.period).where(ResearchFacts.incident_id.in_(ids))
    ).all()
    assert all(len(p) == 4 for p in stored)
    for level in (0, 1):  # months, then quarters: the year-only dates stay years
        levels = {"period": level, "age_band": 2, "region": 3, "nationality_region": 1}
        written = facts.eligible([organization.id], *general({**levels, "agency_level": 1}))
        periods = Counter(row[0] for row in session.execute(written))
        years = {p for p in periods if len(p) == 4}
        assert years and all(("Q" in p) == (level == 1) for p in periods if p not in years)
        assert sum(periods[y] for y in years) <= len(ids)  # only the year-only dates


def _brute_force(session, organization_id, k, priorities, want=3):
    """Every node of the lattice evaluated in Python from the stored facts."""
    from incidents.exports import facts

    columns = [getattr(ResearchFacts, name) for name in QI]
    rows = session.execute(facts.eligible([organization_id], *columns)).all()
    domains = hierarchy.domains([r[0] for r in rows])
    weights = priorities.weights()
    budget = int(MAX_SUPPRESSED_SHARE * len(rows))
    results = []
    for levels in itertools.product(*(range(len(h.levels)) for h in HIERARCHIES)):
        if not priorities.allows(levels):
            continue
        keys = [
            tuple(h.value(v, lv) for h, v, lv in zip(HIERARCHIES, row, levels, strict=True))
            for row in rows
        ]
        sizes = Counter(keys)
        suppressed = sum(n for n in sizes.values() if n < k)
        if suppressed > budget or suppressed == len(rows) or 0 < suppressed < k:
            continue  # over budget, nothing kept, or fewer than k rows left out
        lost = 0.0
        for key in keys:
            if sizes[key] < k:
                lost += sum(weights.values())
                continue
            lost += sum(
                weights[h.name] * h.penalty(value, lv, domains[h.name])
                for h, value, lv in zip(HIERARCHIES, key, levels, strict=True)
            )
        results.append((lost / (len(rows) * sum(weights.values())), levels, suppressed))
    results.sort(key=lambda r: (round(r[0] / 1e-9), "-".join(map(str, r[1]))))
    return results[:want]


@pytest.mark.parametrize(
    "priorities",
    [
        Priorities(),
        Priorities(ranking=("period", "region")),
        Priorities(ranking=("age_band",), pins={"region": 2}),
        Priorities(pins={"period": 1}),
    ],
    ids=["equal", "time-then-place", "age-first-pinned-region", "at-least-quarters"],
)
def test_the_search_finds_what_a_brute_force_finds(runner, session, priorities):
    organization = seed(runner, session, count=400)
    try:
        found = prepare(
            session=session, organization_id=organization.id, k=5, priorities=priorities
        ).releases
    except Refused:
        found = []
    expected = _brute_force(session, organization.id, 5, priorities)
    assert [r.code for r in found] == ["-".join(map(str, lv)) for _, lv, _ in expected]
    for release, (loss, _, suppressed) in zip(found, expected, strict=True):
        assert release.loss == pytest.approx(loss) and release.suppressed == suppressed
    for release in found:  # the pins hold
        assert all(release.levels[n] <= lv for n, lv in priorities.pins.items())


def test_ranking_keeps_more_of_what_is_ranked_first(runner, session):
    organization = seed(runner, session, count=1000)

    def best(ranking):
        return prepare(
            session=session,
            organization_id=organization.id,
            k=5,
            priorities=Priorities(ranking=ranking),
        ).plan.levels

    assert best(("period",))["period"] < 3  # time kept when it comes first
    assert best(("region",))["region"] <= best(("period",))["region"]


def test_the_dictionary_says_how_dates_and_ages_keep_their_precision():
    from incidents.exports.services import dictionary_rows

    rows = {row[0]: row for row in dictionary_rows()}
    assert "recorded only to the year stays a year at every level" in rows["period"][2]
    assert "YYYY-MM (month), YYYY-Qn (quarter), YYYY (year)" in rows["period"][3]
    assert "could fall in either of two bands" in rows["age_band"][2]
    assert "Census division" in rows["region"][2] and "IL" in rows["region"][3]


def test_the_levels_stored_beside_level_0_are_the_hierarchies_own(runner, session):
    from incidents.exports.classes import STORED

    seed(runner, session, count=120)
    for (name, level), stored in STORED.items():
        h = hierarchy.BY_NAME[name]
        pairs = session.execute(
            select(getattr(ResearchFacts, name), getattr(ResearchFacts, stored)).distinct()
        ).all()
        assert pairs and all(h.value(value, level) == kept for value, kept in pairs), stored
