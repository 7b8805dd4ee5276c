"""Errors and messages where the eye is (issue 18), in Chromium: a failed form opens on an error
summary that has the focus, lists each error in the order of the page and leads to its field;
a failed assessment far down the case page shows its summary beside the form; a saved one, or a
legal action, says so in the part of the page the user lands on."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.browser_helpers import shot, signed_in_page

pytestmark = pytest.mark.browser

FOCUSED_ID = "document.activeElement && document.activeElement.id"


def in_view(page, locator) -> bool:
    """The element's top is within the window as it is scrolled now."""
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and -1 <= box["y"] < height


def test_a_failed_incident_form_opens_on_a_summary_that_leads_to_each_field(
    live_server, browser, make_user
):
    user, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, user, password)
    page.goto(live_server + "/incidents/new")
    page.locator("#people-0-email").fill("not an address")
    page.get_by_role("button", name="Save incident").click()
    page.wait_for_load_state()

    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    assert summary.is_visible() and in_view(page, summary)
    assert page.evaluate(FOCUSED_ID) == "error-summary"
    shot(page, "incident-form-errors")
    links = summary.get_by_role("link")
    texts = links.all_inner_texts()
    order = [
        "Date of the incident: Enter the date",
        "State: Choose one.",
        "Type of encounter: Choose one.",
        "Person 1, Full name: Enter the full name.",
        "Person 1, Email: Invalid email address",
    ]
    found = [next(i for i, t in enumerate(texts) if t.startswith(o)) for o in order]
    assert found == sorted(found), texts  # in the order of the page
    for link in links.all():
        target = link.get_attribute("href")[1:]
        assert page.locator(f"#{target}").get_attribute("aria-invalid") == "true", target

    summary.get_by_role("link", name="Person 1, Email").click()
    assert page.evaluate(FOCUSED_ID) == "people-0-email"
    assert in_view(page, page.locator("label[for='people-0-email']"))


def test_an_assessment_far_down_the_case_page_fails_and_saves_where_it_is(
    live_server, browser, make_user, make_incident, library
):
    from incidents.models import Agency

    ice = library.exec(select(Agency).where(Agency.code == "ice_ero")).one()
    lawyer, password = make_user("lawyer")
    incident = make_incident(lawyer, agency_ids=[ice.id])
    page = signed_in_page(browser, live_server, lawyer, password)
    page.goto(f"{live_server}/incidents/{incident.reference}")
    card = page.locator("#policy-analysis .row-card", has_text="cannot be used as the sole basis")
    card.get_by_text("Confirm or override").click()
    card.get_by_role("button", name="Save assessment").click()  # no reasoning
    page.wait_for_load_state()

    card = page.locator("#policy-analysis .row-card", has_text="cannot be used as the sole basis")
    summary = card.get_by_role("alert").filter(has_text="There is a problem")
    assert summary.is_visible() and in_view(page, summary)
    assert page.evaluate("window.scrollY") > 1500  # the card, not the top of the page
    assert page.evaluate(FOCUSED_ID) == summary.get_attribute("id")
    shot(page, "assessment-errors", full_page=False)  # what the user sees
    summary.get_by_role("link", name="Reasoning: Give your reasoning.").click()
    reasoning = card.get_by_label("Reasoning")
    assert page.evaluate(FOCUSED_ID) == reasoning.get_attribute("id")
    page.keyboard.type("The agent relied on the app alone.")
    card.get_by_role("button", name="Save assessment").click()
    page.wait_for_url("**#provision-*")

    card = page.locator("#policy-analysis .row-card", has_text="cannot be used as the sole basis")
    saved = card.get_by_text("Assessment saved.")
    assert saved.is_visible() and in_view(page, saved)
    shot(page, "assessment-saved", full_page=False)
    assert "Decision: Violated" in card.inner_text()

    page.get_by_role("link", name="Add a legal action").click()
    page.get_by_label("Kind of action").select_option("ftca_admin_claim")
    page.get_by_label("Claim accrued on").fill("2999-01-01")
    page.get_by_role("button", name="Save legal action").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    assert page.evaluate(FOCUSED_ID) == "error-summary"
    summary.get_by_role("link").first.click()
    assert page.evaluate(FOCUSED_ID) == "accrued_on"
    page.get_by_label("Claim accrued on").fill("2025-09-12")
    page.get_by_role("button", name="Save legal action").click()
    page.wait_for_url("**#claims")
    claims = page.locator("#claims")
    message = claims.locator(".flash--success")
    assert message.is_visible() and in_view(page, message)


def test_a_return_without_comment_is_refused_in_the_review_panel(
    app, session, live_server, browser, make_user, make_incident
):
    from tests.workbench_helpers import review_moves

    caseworker, _ = make_user("caseworker")
    lawyer, password = make_user("lawyer")
    incident = make_incident(caseworker)
    review_moves(app, session, incident, caseworker, "submitted")
    page = signed_in_page(browser, live_server, lawyer, password)
    page.goto(f"{live_server}/incidents/{incident.reference}")
    page.locator("#review").get_by_role("button", name="Return for changes").click()
    page.wait_for_load_state()

    review = page.locator("#review")
    summary = review.get_by_role("alert").filter(has_text="There is a problem")
    assert summary.is_visible() and in_view(page, summary)
    assert page.evaluate(FOCUSED_ID) == "error-summary"
    summary.get_by_role("link", name="Comment: Say what needs changing").click()
    assert page.evaluate(FOCUSED_ID) == "comment"
    page.keyboard.type("Add the hour of release.")
    review.get_by_role("button", name="Return for changes").click()
    page.wait_for_url("**#review")
    message = page.locator("#review .flash--success, .flash--success").first
    assert "Returned to draft with your comment." in message.inner_text()
    assert in_view(page, message)
