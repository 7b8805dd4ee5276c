"""End to end in Chromium, issue 17: a lawyer finds a case waiting for review on the dashboard,
verifies it, brings an FTCA claim on it, and sees the computed deadline on the case page, the
dashboard, the calendar and in the calendar feed; a caseworker sees the case returned for
changes with the lawyer's comment."""

from __future__ import annotations

import urllib.request
from datetime import timedelta

import pytest

from incidents import clock
from incidents.claims.rules import add_months
from tests.browser_helpers import shot, signed_in_page
from tests.workbench_helpers import assign, review_moves

pytestmark = pytest.mark.browser


def test_lawyer_verifies_brings_a_claim_and_follows_its_deadline(
    app, session, live_server, browser, make_user, make_incident
):
    caseworker, _ = make_user("caseworker")
    lawyer, password = make_user("lawyer", display_name="Lena Lawyer")
    incident = make_incident(caseworker)
    ref = incident.reference
    assign(app, session, incident, caseworker=caseworker, lawyer=lawyer)
    review_moves(app, session, incident, caseworker, "submitted")
    page = signed_in_page(browser, live_server, lawyer, password)  # lands on the dashboard
    waiting = page.locator("section", has_text="Waiting for review").first
    assert "Assigned to you (1)" in waiting.inner_text()
    waiting.get_by_role("link", name=ref).click()
    page.wait_for_url(f"**/incidents/{ref}")
    review = page.locator("#review")
    assert "Submitted for review" in review.inner_text()
    review.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"**/incidents/{ref}#review")
    assert "verified by Lena Lawyer" in page.locator("#review").inner_text()

    accrued = add_months(clock.today(), -24) + timedelta(days=5)
    due = add_months(accrued, 24)
    page.get_by_role("link", name="Add a legal action").click()
    page.get_by_label("Kind of action").select_option("ftca_admin_claim")
    page.get_by_label("Against whom").fill("United States (ICE)")
    page.get_by_label("Claim accrued on").fill(accrued.isoformat())
    assert _second_submit_dropped(page)
    page.get_by_role("button", name="Save legal action").click()
    page.wait_for_url(f"**/incidents/{ref}#claims")
    claims = page.locator("#claims").inner_text()
    assert "FTCA claim must be presented" in claims and due.isoformat() in claims
    assert "28 U.S.C. §2401(b)" in claims and f"In {(due - clock.today()).days} days" in claims
    shot(page, "claims")

    page.get_by_role("link", name="Home").click()
    deadlines = page.locator("section", has_text="Deadlines").first.inner_text()
    assert ref in deadlines and "FTCA claim must be presented" in deadlines
    shot(page, "dashboard-lawyer")

    page.get_by_role("link", name="Your calendar").click()
    week = page.locator("section", has_text="This week").first.inner_text()
    assert ref in week and "FTCA claim must be presented" in week
    page.get_by_role("button", name="Make a feed address").click()
    mine = page.get_by_label("Feed address: deadlines assigned to me").input_value()
    with urllib.request.urlopen(mine) as response:  # noqa: S310 (a calendar app, without the session)
        feed = response.read().decode()
    assert f"FTCA claim must be presented — {ref}" in feed
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in feed


def test_caseworker_sees_what_the_lawyer_asked_to_change(
    app, session, live_server, browser, make_user, make_incident
):
    caseworker, password = make_user("caseworker")
    lawyer, _ = make_user("lawyer")
    incident = make_incident(caseworker)
    review_moves(app, session, incident, caseworker, "submitted")
    review_moves(app, session, incident, lawyer, "returned", comment="Add the hour of release.")
    page = signed_in_page(browser, live_server, caseworker, password)
    page.goto(f"{live_server}/incidents/{incident.reference}")
    review = page.locator("#review")
    assert "Returned for changes: Add the hour of release." in review.inner_text()
    review.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(f"**/incidents/{incident.reference}#review")
    assert "Submitted for review: a lawyer will check it." in page.content()


def _second_submit_dropped(page) -> bool:
    """Submit the page's form twice at once (a double click): whether the second was dropped.
    A listener on window sees each submit that went through, then holds it back."""
    return page.evaluate(
        """() => {
            let through = 0;
            const count = (e) => { if (!e.defaultPrevented) through++; e.preventDefault(); };
            window.addEventListener("submit", count);
            const form = document.querySelector("main form[method=post]");
            form.requestSubmit();
            form.requestSubmit();
            window.removeEventListener("submit", count);
            delete form.dataset.sending;
            return through === 1;
        }"""
    )
