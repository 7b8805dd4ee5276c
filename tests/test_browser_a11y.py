"""Accessibility in Chromium (issue 18): axe-core finds no problem (of any impact: minor,
moderate, serious or critical) on any kind of page, at desktop and phone widths, for the role
that uses it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.browser_helpers import axe_problems, legal_work, sign_in

pytestmark = pytest.mark.browser

WIDTHS = (1200, 375)
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _check(page, url: str | None, found: dict[str, list[str]], what: str = "") -> None:
    """Open `url` (None: the page as it is) and record what axe finds at each width; at phone
    width with the menu open too."""
    if url is not None:
        response = page.goto(url)
        assert response.status < 400, f"{url}: {response.status}"
    where = what or page.url.split("/", 3)[-1]
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate(NEXT_FRAMES)  # the page's own resize work is done
        problems = axe_problems(page)
        menu = page.get_by_role("button", name="Menu")
        if width < 600 and menu.count():
            menu.click()
            problems += [f"(menu open) {p}" for p in axe_problems(page)]
            menu.click()
        if problems:
            found[f"{where} at {width}px"] = problems


def _signed_in(browser, live_server, user, password):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(live_server + "/auth/login")
    sign_in(page, user.email, password)
    page.wait_for_url("**/home")
    return page


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in found.items())


def test_every_kind_of_page_passes_axe(
    app, session, live_server, browser, make_user, make_incident, make_evidence, library
):
    from incidents.models import Agency, LegalAction, Person, Policy

    ice = session.exec(select(Agency).where(Agency.code == "ice_ero")).one()
    admin, admin_password = make_user("admin")
    incident = make_incident(admin, agency_ids=[ice.id])
    request_id = legal_work(app, admin, incident)
    item = make_evidence(admin, incident)
    session.rollback()
    person = session.exec(select(Person)).first()
    action = session.exec(select(LegalAction)).first()
    policy = session.exec(select(Policy)).first()
    ref = incident.reference
    from incidents.models import Job

    job = Job(organization_id=admin.organization_id, started_by_id=admin.id, kind="dossier_bundle")
    session.add(job)
    session.commit()
    found: dict[str, list[str]] = {}

    page = browser.new_page(viewport={"width": 1200, "height": 900})
    _check(page, live_server + "/auth/login", found)
    page.close()

    page = _signed_in(browser, live_server, admin, admin_password)
    for path in (
        "/home",
        "/incidents",
        "/incidents/new",
        f"/incidents/{ref}",
        f"/incidents/{ref}/edit",
        f"/people/{person.id}",
        f"/incidents/{ref}/evidence/new",
        f"/evidence/{item.id}",
        f"/evidence/{item.id}/edit",
        "/policies",
        f"/policies/{policy.id}",
        "/policies/new",
        "/agencies",
        "/records-requests",
        f"/records-requests/{request_id}",
        "/records-requests/new",
        "/calendar",
        f"/incidents/{ref}/legal-actions/new",
        f"/legal-actions/{action.id}/edit",
        f"/incidents/{ref}/deadlines/new",
        "/import",
        "/admin/users",
        "/admin/users/new",
        f"/admin/users/{admin.id}",
        "/admin/audit",
        "/admin/organization",
        "/auth/sessions",
        f"/incidents/{ref}/redaction",
        f"/evidence/{item.id}/redact",
        f"/records-requests/{request_id}/edit",
        "/incidents/archived",
        "/import/guide",
        "/auth/two-factor",
        "/jobs",
        f"/jobs/{job.id}",
    ):
        _check(page, live_server + path, found)

    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server + "/incidents/new")
    page.get_by_role("button", name="Save incident").click()
    page.wait_for_load_state()
    _check(page, None, found, "incident form with errors")
    page.goto(f"{live_server}/incidents/{ref}")
    card = page.locator("#policy-analysis .row-card", has_text="cannot be used as the sole basis")
    card.get_by_text("Confirm or override").click()
    card.get_by_role("button", name="Save assessment").click()
    page.wait_for_load_state()
    _check(page, None, found, "case page with a failed assessment")
    page.close()

    for role in ("caseworker", "lawyer", "researcher"):
        user, password = make_user(role)
        page = _signed_in(browser, live_server, user, password)
        _check(page, live_server + "/home", found)
        if role == "researcher":
            _check(page, live_server + "/research", found)
        page.close()

    assert not found, "axe found problems:\n" + _report(found)
