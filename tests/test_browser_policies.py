"""End to end in Chromium, issue 16: a caseworker registers the Detroit Police Department with
its jurisdiction (after a refused attempt without it) and records an arrest it made in
Farmington Hills; a lawyer reads the analysis of an ICE street stop with each quotation's
source and each policy's status, opens "why not", and reads the library's summary."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.browser_helpers import shot, signed_in_page

pytestmark = pytest.mark.browser


def test_caseworker_registers_an_agency_and_its_rules_follow_it(
    app, live_server, browser, make_user, library
):
    user, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, user, password)
    page.goto(live_server + "/agencies")
    page.get_by_label("Agency name").fill("Detroit Police Department")
    page.get_by_label("Type").select_option("local_police")
    page.get_by_label("Level").select_option("local")
    page.get_by_role("button", name="Add agency").click()
    page.wait_for_load_state()
    assert "A state or local agency needs its state." in page.content()
    assert "A city or town police department needs its city." in page.content()
    page.get_by_label("State (state and local agencies)").select_option("MI")
    page.get_by_label("County").fill("Wayne")
    page.get_by_label("City or town").fill("Detroit")
    page.get_by_role("button", name="Add agency").click()
    page.wait_for_load_state()
    row = page.locator("tr", has_text="Detroit Police Department")
    assert "Detroit, Wayne County, MI" in row.inner_text()
    shot(page, "agencies")

    page.goto(live_server + "/incidents/new")
    page.get_by_label("Date of the incident").fill("2025-03-04")
    page.get_by_label("City").first.fill("Farmington Hills")
    page.locator("#state").select_option("MI")
    page.get_by_label("Type of encounter").select_option("street_stop")
    page.get_by_role("checkbox", name="Detroit Police Department", exact=True).check()
    page.locator("#people-0-full_name").fill("Darnell Okafor Price")
    page.locator("#frt_uses-0-system").select_option("dataworks_plus")
    page.locator("#frt_uses-0-sole_basis").select_option("yes")
    page.get_by_role("button", name="Save incident").click()
    page.wait_for_url("**/incidents/*-2025-*")
    analysis = page.locator("#policy-analysis").inner_text()
    card = page.locator("#policy-analysis .row-card", has_text="No arrest based solely")
    assert "Williams v. City of Detroit" in card.inner_text()
    assert "Violated" in card.inner_text() and "Assumes" not in analysis


def test_lawyer_reads_sources_status_and_why_not(
    app, live_server, browser, make_user, make_incident, library
):
    from incidents.models import Agency

    ice = library.exec(select(Agency).where(Agency.code == "ice_ero")).one()
    lawyer, password = make_user("lawyer")
    incident = make_incident(lawyer, agency_ids=[ice.id], warrant_shown="none")
    page = signed_in_page(browser, live_server, lawyer, password)
    page.goto(f"{live_server}/incidents/{incident.reference}")
    card = page.locator("#policy-analysis .row-card", has_text="cannot be used as the sole basis")
    text = card.inner_text()
    assert "Quotation of an official summary: DHS, 2024 Update" in text
    assert "Status: Disputed" in text and "Violated" in text
    warrant = page.locator("#policy-analysis .row-card", has_text="whenever possible").inner_text()
    assert "Unclear — No warrant was shown." in warrant
    assert "Quotation of the primary text: 8 C.F.R. § 287.8, (c)(2)(ii)" in warrant
    page.get_by_text("Provisions not listed, and why").click()
    why = page.locator("#left-out").inner_text()
    assert "Colorado" in why and "the agencies here are federal" in why
    shot(page, "policy-sources")

    page.get_by_role("link", name="Policies", exact=True).first.click()
    page.wait_for_url("**/policies")
    summary = page.locator(".policy-summary", has_text="8 C.F.R. § 287.8").inner_text()
    assert "in force by 2003-06-13 (entry into force not verified)" in summary
    assert "Governs: any enforcement." in summary
