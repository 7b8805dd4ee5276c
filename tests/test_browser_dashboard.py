"""The home page in a real browser, phone-sized: charts are named images that fit the screen,
their data tables open, a filter changes them and the list opens with the same filter."""

from __future__ import annotations

from incidents.vocab import OUTCOME
from tests.browser_helpers import shot, sign_in
from tests.dashboard_helpers import many
from tests.test_dashboard_charts import SPEC, _cases


def test_lawyer_reads_a_chart_and_its_table_then_opens_the_list_filtered_on_a_phone(
    app, live_server, browser, make_user, session
):
    lawyer, password = make_user("lawyer")
    many(app, session, lawyer, _cases(SPEC))
    texan = sum(n for state, *_, n in SPEC if state == "TX")
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(live_server + "/auth/login")
    sign_in(page, lawyer.email, password)
    page.wait_for_url("**/home")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    chart = page.get_by_role("img", name="Incidents by outcome")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375

    outcomes = page.locator('section[aria-labelledby="chart-outcomes-heading"]')
    outcomes.get_by_text("Data table").click()
    table = page.get_by_role("table", name="Incidents by outcome")
    assert table.is_visible()
    charged = sum(n for _, outcome, *_, n in SPEC if outcome == "charged")
    assert table.get_by_role("row", name=f"{OUTCOME.label('charged')} {charged}").is_visible()

    page.locator("summary", has_text="Filters").first.click()
    page.get_by_label("State").select_option("TX")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/home?*state=TX*")
    assert page.locator("strong.count").first.inner_text() == str(texan)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "dashboard-phone")
    page.get_by_role("link", name="Open these in the incident list").first.click()
    page.wait_for_url("**/incidents?*state=TX*")
    assert f"{texan} in all." in page.content()
