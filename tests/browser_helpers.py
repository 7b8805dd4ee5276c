"""Helpers for the Playwright tests (the `browser` fixture is in conftest.py)."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = os.environ.get("BROWSER_ARTIFACTS")  # set to a folder to keep screenshots
# the axe-core impacts a test fails on: every one (the issue asks for no serious or critical
# violation; the pages have none of any impact, and a new one should be seen at once)
IMPACTS = tuple(os.environ.get("AXE_IMPACTS", "minor,moderate,serious,critical").split(","))


def shot(page, name, full_page=True):
    """Keep a screenshot in BROWSER_ARTIFACTS when set (the window only: full_page=False)."""
    if ARTIFACTS:
        os.makedirs(ARTIFACTS, exist_ok=True)
        page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=full_page)


def sign_in(page, email, password):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def signed_in_page(browser, live_server, user, password):
    """A desktop-sized page signed in as `user`, on Home."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(live_server + "/auth/login")
    sign_in(page, user.email, password)
    page.wait_for_url("**/home")
    return page


def choose_password(page, current, new):
    page.wait_for_url("**/auth/password")
    page.get_by_label("Current password").fill(current)
    page.get_by_label("New password", exact=True).fill(new)
    page.get_by_label("Repeat the new password").fill(new)
    page.get_by_role("button", name="Change password").click()
    page.wait_for_url("**/home")


def axe_problems(page) -> list[str]:
    """The accessibility violations axe-core finds on the page as it is now (of the impacts in
    IMPACTS), one line each: the rule, its impact and the elements it names."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in IMPACTS:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        found.append(f"{violation['id']} ({violation['impact']}): {', '.join(targets[:8])}")
    return found


def legal_work(app, user, incident) -> int:
    """An FTCA claim with computed deadlines and a FOIA request on the incident."""
    from datetime import timedelta

    from sqlmodel import select

    from incidents import clock
    from incidents.claims import services as claims
    from incidents.db import get_session
    from incidents.models import Agency
    from incidents.records_requests.services import RequestDetails, create_request

    with app.test_request_context():
        session = get_session()
        incident = session.merge(incident)
        user = session.merge(user)
        today = clock.today()
        data = {"kind": "ftca_admin_claim", "status": "filed", "against": "United States (ICE)"}
        data |= {"accrued_on": today - timedelta(days=400), "filed_on": today - timedelta(days=9)}
        data["notes"] = "SHA-256 " + "9f" * 32  # one long word must wrap, not widen the page
        claims.save_action(
            session=session, actor=user, incident=incident, data=data, evidence_ids=[]
        )
        ice = session.exec(select(Agency).where(Agency.code == "ice_ero")).one()
        details = RequestDetails(
            kind="foia",
            agency_id=ice.id,
            component="ICE FOIA Office",
            subject="All records",
            sent_on=today - timedelta(days=3),
            received_on=None,
            tracking_number="2026-ICFO-1",
            extension_days=0,
            due_on=None,
            due_rule=None,
            status="sent",
            status_on=None,
            fees=None,
            notes="Receipt " + "ab" * 40,
        )
        return create_request(session=session, actor=user, details=details, incidents=[incident]).id
