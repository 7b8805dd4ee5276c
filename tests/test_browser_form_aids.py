"""End to end in Chromium, issue 18 point 9: a caseworker adds a missing agency from the
incident form without losing what was typed; one-time passwords have a copy button."""

from __future__ import annotations

import pytest

from tests.browser_helpers import signed_in_page

pytestmark = pytest.mark.browser


def test_a_missing_agency_is_added_without_leaving_the_form(app, live_server, browser, make_user):
    user, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, user, password)
    page.goto(live_server + "/incidents/new")
    page.get_by_label("Date of the incident").fill("2025-03-04")
    page.locator("#people-0-full_name").fill("Darnell Okafor Price")
    page.get_by_role("button", name="Add a missing agency").click()
    dialog = page.locator("dialog#add-agency")
    dialog.get_by_label("Agency name").fill("Dearborn Police Department")
    dialog.get_by_label("Type").select_option("local_police")
    dialog.get_by_label("Level").select_option("local")
    dialog.get_by_role("button", name="Add agency").click()
    dialog.locator("[data-errors] li").first.wait_for()
    # the dialog's error summary has the focus and leads to the field
    assert page.evaluate("document.activeElement.id") == "new_agency-error-summary"
    link = dialog.get_by_role("link", name="A state or local agency needs its state.")
    assert link.inner_text().startswith("State (state and local agencies)")
    link.click()
    assert page.evaluate("document.activeElement.id") == "new_agency-state"
    assert dialog.locator("#new_agency-state").get_attribute("aria-invalid") == "true"
    dialog.get_by_label("State (state and local agencies)").select_option("MI")
    dialog.get_by_label("City or town").fill("Dearborn")
    dialog.get_by_role("button", name="Add agency").click()
    page.wait_for_selector("dialog#add-agency:not([open])", state="hidden")
    added = page.get_by_role("checkbox", name="Dearborn Police Department", exact=True).first
    assert added.is_checked()
    assert "added and ticked" in page.locator("#agency-added").inner_text()
    # nothing typed was lost
    assert page.get_by_label("Date of the incident").input_value() == "2025-03-04"
    assert page.locator("#people-0-full_name").input_value() == "Darnell Okafor Price"


def test_a_one_time_password_can_be_copied(app, live_server, browser, make_user):
    admin, password = make_user("admin")
    page = signed_in_page(browser, live_server, admin, password)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server + "/admin/users/new")
    page.get_by_label("Email address").fill("new.caseworker@example.org")
    page.get_by_label("Display name").fill("New Caseworker")
    page.get_by_label("Role").select_option("caseworker")
    page.get_by_role("button", name="Create account").click()
    secret = page.locator("#one-time-password").inner_text()
    page.get_by_role("button", name="Copy the password").click()
    assert page.evaluate("navigator.clipboard.readText()") == secret
