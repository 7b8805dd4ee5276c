"""End to end in headless Chromium: the first administrator signs in with the one-time password,
chooses a password, creates a caseworker, signs out; the caseworker signs in."""

from __future__ import annotations

import re

import pytest

from tests.browser_helpers import choose_password, legal_work, shot, sign_in

pytestmark = pytest.mark.browser


def test_first_admin_creates_a_caseworker_who_then_signs_in(app, live_server, browser):
    bootstrap = app.test_cli_runner().invoke(args=["bootstrap"])
    admin_password = re.search(r"One-time password:\s+(\S+)", bootstrap.output).group(1)
    admin_email = app.config["BOOTSTRAP_ADMIN_EMAIL"]
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    outside = []
    page.on(
        "request", lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None
    )

    page.goto(live_server + "/")
    assert page.title().startswith("Sign in")
    sign_in(page, admin_email, admin_password)
    page.wait_for_url("**/auth/password")  # forced to choose a new password first
    assert "one-time password" in page.content()
    choose_password(page, admin_password, "harbor lantern violet 2031")
    shot(page, "admin-home")

    page.get_by_role("link", name="Users", exact=True).click()
    page.get_by_role("link", name="New account").click()
    page.get_by_label("Email address").fill("casey.worker@example.org")
    page.get_by_label("Display name").fill("Casey Worker")
    page.get_by_label("Role").select_option("caseworker")
    page.get_by_role("button", name="Create account").click()
    issued = page.locator("#one-time-password").inner_text().strip()
    assert re.fullmatch(r"[\w-]{20,}", issued)
    shot(page, "account-created")
    page.get_by_role("link", name="Done").click()
    assert "Casey Worker" in page.content()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/auth/login")
    assert "You have signed out." in page.content()

    sign_in(page, "casey.worker@example.org", issued)
    choose_password(page, issued, "mosaic granite orchard 58")
    assert "Welcome, Casey Worker" in page.content()
    assert page.get_by_role("link", name="Users", exact=True).count() == 0  # not an admin
    response = page.goto(live_server + "/admin/users")
    assert response.status == 403
    assert outside == []


def test_pages_fit_a_phone_screen(app, live_server, browser, make_user, make_incident):
    user, password = make_user("admin")
    incident = make_incident(user, narrative="Hash of the video: " + "c0" * 40)
    request_id = legal_work(app, user, incident)
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(live_server + "/auth/login")
    sign_in(page, user.email, password)
    page.wait_for_url("**/home")
    for path in (
        "/home",
        "/admin/users",
        "/admin/audit",
        "/admin/users/new",
        "/incidents",
        "/incidents/new",
        f"/incidents/{incident.reference}",
        f"/incidents/{incident.reference}/edit",
        "/agencies",
        "/calendar?scope=all",
        "/records-requests",
        f"/records-requests/{request_id}",
        f"/incidents/{incident.reference}/legal-actions/new",
        f"/incidents/{incident.reference}/deadlines/new",
    ):
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways ({width}px)"
        if path in ("/incidents", "/admin/users", "/admin/audit", "/agencies", "/records-requests"):
            # the lists' rows become cards: every column kept with its name, none squashed,
            # no table wider than the phone
            shown = "getComputedStyle(document.querySelector('.table--cards td')).display"
            assert page.evaluate(shown) == "block", path
            widest = "Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth))"
            assert page.evaluate(widest) <= 375, f"{path}: a table is wider than the phone"
    shot(page, "phone-audit")
    page.get_by_text("Menu").click()
    assert page.get_by_role("link", name="Audit trail").is_visible()
