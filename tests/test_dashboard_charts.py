"""The home page's charts: drawn from the incidents the list shows for the same filters, with
the numbers in a data table behind each; a researcher's only from published counts of
consented incidents, small counts hidden."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from urllib.parse import parse_qs, urlsplit

from incidents.vocab import FRT_SYSTEM, OUTCOME
from tests.conftest import login, post_form
from tests.dashboard_helpers import data_table, links, many, section
from tests.factories import incident_data


def _use(system: str, sole: str = "yes") -> list[dict]:
    use = dict(incident_data()["frt_uses"][0], system=system, sole_basis=sole)
    return [use]


def _cases(spec: list[tuple[str, str, str, date, int]]) -> list[dict]:
    """(state, outcome, system, date, how many) → incidents' overrides."""
    return [
        {"state": s, "outcome": o, "frt_uses": _use(f), "occurred_on": d}
        for s, o, f, d, n in spec
        for _ in range(n)
    ]


SPEC = [
    ("IL", "charged", "mobile_fortify", date(2024, 3, 5), 3),
    ("IL", "released_at_scene", "clearview_ai", date(2024, 3, 20), 2),
    ("TX", "charged", "clearview_ai", date(2024, 5, 1), 4),
    ("TX", "removed", "mobile_fortify", date(2025, 1, 9), 1),
]


def test_charts_count_the_organizations_incidents_and_tables_hold_the_numbers(
    app, client, session, make_user
):
    me, password = make_user("lawyer")
    outsider, _ = make_user("caseworker", org="Other Legal Aid")
    many(app, session, me, _cases(SPEC))
    many(app, session, outsider, _cases([("IL", "charged", "mobile_fortify", date(2024, 3, 1), 5)]))
    login(client, me.email, password)
    page = client.get("/home").get_data(as_text=True)

    outcomes = Counter()
    systems = Counter()
    months = Counter()
    for _, outcome, system, day, n in SPEC:
        outcomes[OUTCOME.label(outcome)] += n
        systems[FRT_SYSTEM.label(system)] += n
        months[day.strftime("%Y-%m")] += n
    assert {k: int(v[0]) for k, v in data_table(page, "chart-outcomes").items()} == outcomes
    assert {k: int(v[0]) for k, v in data_table(page, "chart-systems").items()} == systems
    per_month = data_table(page, "chart-months")
    assert {k: int(v[0]) for k, v in per_month.items() if int(v[0])} == months
    assert next(iter(per_month)) == "2024-03" and list(per_month)[-1] == "2025-01"
    total = sum(n for *_, n in SPEC)
    assert f'<strong class="count">{total}</strong> incidents' in page
    assert 'role="img" aria-labelledby="chart-outcomes-title chart-outcomes-desc"' in page
    assert '<title id="chart-outcomes-title">Incidents by outcome</title>' in page
    quarters = Counter()
    for *_, day, n in SPEC:
        quarters[f"{day.year}-Q{(day.month - 1) // 3 + 1}"] += n
    rates = data_table(page, "chart-rates")
    for quarter, n in quarters.items():  # every use here was the sole basis
        assert rates[quarter][0] == f"100 % ({n} of {n} with an FRT use)"


def test_a_filter_changes_the_charts_and_the_list_link_keeps_it(app, client, session, make_user):
    me, password = make_user("caseworker")
    many(app, session, me, _cases(SPEC))
    login(client, me.email, password)
    page = client.get("/home?state=TX").get_data(as_text=True)
    texan = Counter()
    for state, outcome, _, _, n in SPEC:
        if state == "TX":
            texan[OUTCOME.label(outcome)] += n
    assert {k: int(v[0]) for k, v in data_table(page, "chart-outcomes").items()} == texan
    opened = [
        u for u in links(section(page, "chart-outcomes-heading")) if u.startswith("/incidents")
    ]
    assert opened, "each outcome and the whole chart open in the list"
    for url in opened:
        assert parse_qs(urlsplit(url).query)["state"] == ["TX"]
    listed = client.get(opened[-1]).get_data(as_text=True)
    assert f"{sum(texan.values())} in all." in listed
    charged = next(u for u in opened if "outcome=charged" in u)
    rows = client.get(charged).get_data(as_text=True)
    shown = re.findall(r'href="/incidents/(T[0-9A-F]+-\d{4}-\d{4})"', rows)
    assert len(shown) == texan[OUTCOME.label("charged")]


def test_the_lists_search_applies_to_the_charts_too(app, client, session, make_user):
    me, password = make_user("caseworker")
    many(app, session, me, _cases(SPEC[:1]))
    many(app, session, me, [{"narrative": "Quintessential zebra stop.", "outcome": "removed"}])
    login(client, me.email, password)
    post_form(client, "/incidents/search", {"q": "zebra"}, token_from="/incidents")
    page = client.get("/home?search=1").get_data(as_text=True)  # as the list links here
    assert '<strong class="count">1</strong> incident ' in page
    assert "The search you made on the incident list applies here too" in page
    plain = client.get("/home").get_data(as_text=True)  # the search ended with the list
    assert '<strong class="count">4</strong> incidents' in plain


def test_researcher_sees_only_published_counts_of_consented_incidents(
    app, client, session, make_user
):
    researcher, password = make_user("researcher")
    caseworker, _ = make_user("caseworker")
    outsider, _ = make_user("caseworker", org="Other Legal Aid")  # does not share
    consented = [("IL", "charged", "mobile_fortify", date(2024, 3, 5), 15)]
    consented += [("IL", "charged", "mobile_identify", date(2024, 3, 5), 12)]
    consented += [("IL", "removed", "clearview_ai", date(2024, 3, 5), 3)]
    made = many(app, session, caseworker, _cases(consented))
    refused = [
        dict(o, research_consent="no", research_consent_on=None)
        for o in _cases([("IL", "removed", "clearview_ai", date(2024, 3, 5), 20)])
    ]
    many(app, session, caseworker, refused)
    many(app, session, outsider, _cases([("IL", "removed", "clearview_ai", date(2024, 3, 5), 20)]))
    login(client, researcher.email, password)
    page = client.get("/home").get_data(as_text=True)

    systems = data_table(page, "chart-systems")
    assert systems[FRT_SYSTEM.label("mobile_fortify")] == ["15"]
    # 3 is hidden; 12 would give it away from the total (30): hidden too
    assert systems[FRT_SYSTEM.label("clearview_ai")] == ["suppressed"]
    # 12 is hidden too, and reads the same: "<11" would be false of it
    assert systems[FRT_SYSTEM.label("mobile_identify")] == ["suppressed"]
    assert "Clearview AI: suppressed (not drawn)" in page
    assert re.search(r'<rect class="bar bar--hidden"[^>]*><title>Clearview AI', page)
    assert "not drawn" in page and "Counts from 1 to 10" in page
    outcomes = data_table(page, "chart-outcomes")
    # the 3 removals are hidden, and the 27 charged with them: shown, they would give it away
    assert outcomes == {
        OUTCOME.label("charged"): ["suppressed"],
        OUTCOME.label("removed"): ["suppressed"],
    }
    for _, reference in made:
        assert reference not in page
    assert "Rosa" not in page and "/incidents" not in page
    assert 'name="state"' not in page  # no filters for researchers
    assert "&lt;11" not in page
    filtered = client.get("/home?state=IL").get_data(as_text=True)
    assert filtered.count("suppressed") == page.count("suppressed")


def _row_link(page: str, chart_id: str, label: str) -> str | None:
    """The first link of a chart's data-table row, or None."""
    box = section(page, f"{chart_id}-heading")
    for row in re.findall(r"<tr>(.*?)</tr>", box, re.S):
        if re.search(rf"<th[^>]*>\s*{re.escape(label)}\s*</th>", row):
            found = links(row)
            return found[0] if found else None
    raise AssertionError(f"no row {label}")


def _listed(client, url: str) -> int:
    """How many incidents the list says it holds at this address."""
    page = client.get(url).get_data(as_text=True)
    return int(re.search(r"([\d,]+) in all", page).group(1).replace(",", ""))


def test_a_chart_rows_link_opens_exactly_its_incidents(app, client, session, make_user):
    me, password = make_user("lawyer")
    spec = [
        ("IL", "charged", "mobile_fortify", date(2024, 1, 15), 2),
        ("IL", "charged", "clearview_ai", date(2024, 2, 10), 3),
        ("IL", "removed", "mobile_fortify", date(2024, 2, 25), 1),
    ]
    cases = _cases(spec)
    # known only by the year: stored as 1 January, never counted in January
    cases += [dict(c, date_precision="year") for c in _cases(spec[:1])]
    both = dict(cases[2], frt_uses=_use("clearview_ai") + _use("mobile_fortify"))
    many(app, session, me, [*cases, both])
    login(client, me.email, password)
    page = client.get("/home").get_data(as_text=True)
    january = _row_link(page, "chart-months", "2024-01")
    assert data_table(page, "chart-months")["2024-01"] == ["2"] and _listed(client, january) == 2
    # a range already chosen narrows the month's link instead of being replaced
    page = client.get("/home?date_from=2024-02-15").get_data(as_text=True)
    february = _row_link(page, "chart-months", "2024-02")
    assert data_table(page, "chart-months")["2024-02"] == ["1"] and _listed(client, february) == 1
    # with one system chosen, another system's row cannot be opened as such: no link
    page = client.get("/home?frt_system=mobile_fortify").get_data(as_text=True)
    assert data_table(page, "chart-systems")[FRT_SYSTEM.label("clearview_ai")] == ["1"]
    assert _row_link(page, "chart-systems", FRT_SYSTEM.label("clearview_ai")) is None
    label = FRT_SYSTEM.label("mobile_fortify")
    assert data_table(page, "chart-systems")[label] == ["6"]
    assert _listed(client, _row_link(page, "chart-systems", label)) == 6
