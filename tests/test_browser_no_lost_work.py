"""End to end in Chromium, issue 18 point 2: what a caseworker types is kept as a draft on the
server; a save that meets an ended session signs in and comes back with everything typed;
a draft left behind is offered back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from incidents.models import Incident, UserSession
from tests.browser_helpers import sign_in, signed_in_page
from tests.conftest import fresh

pytestmark = pytest.mark.browser


def _fill(page):
    page.get_by_label("Date of the incident").fill("2025-03-04")
    page.locator("#state").select_option("MI")
    page.get_by_label("Type of encounter").select_option("street_stop")
    page.locator("#people-0-full_name").fill("Darnell Okafor Price")
    page.locator("#narrative").fill("Stopped outside the bakery; his passport was ignored.")


@pytest.mark.parametrize("how", ["idle", "ended elsewhere"])
def test_an_expired_session_loses_nothing(app, session, live_server, browser, make_user, how):
    user, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, user, password)
    page.goto(live_server + "/incidents/new")
    _fill(page)
    # the session ends while the form is open: idle past the limit, or ended elsewhere
    for row in fresh(session).exec(select(UserSession).where(UserSession.user_id == user.id)):
        if how == "idle":
            row.last_seen_at -= timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
        else:
            session.delete(row)
    session.commit()
    page.locator("#county").fill("Wayne")  # typed last, after any draft was kept
    page.get_by_role("button", name="Save incident").click()
    page.wait_for_url("**/auth/login**")
    assert "Your session had ended, so that was not saved yet" in page.content()
    sign_in(page, user.email, password)
    page.wait_for_url("**/incidents/new?draft=1")
    assert "Your unsaved changes of" in page.locator("#draft-restored").inner_text()
    assert page.locator("#people-0-full_name").input_value() == "Darnell Okafor Price"
    assert "passport was ignored" in page.locator("#narrative").input_value()
    assert page.locator("#county").input_value() == "Wayne"
    page.get_by_role("button", name="Save incident").click()
    page.wait_for_url("**/incidents/*-2025-*")
    saved = fresh(session).exec(select(Incident)).one()
    assert saved.narrative.startswith("Stopped outside the bakery")


def test_a_draft_is_kept_as_one_types_and_offered_back(
    app, session, live_server, browser, make_user
):
    user, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, user, password)
    page.goto(live_server + "/incidents/new")
    _fill(page)
    with page.expect_response(lambda r: "/drafts/incident-new" in r.url, timeout=20000):
        pass  # the page keeps a draft every few seconds
    page.close()  # the tab closes: nothing was saved
    page = signed_in_page(browser, live_server, user, password)
    page.goto(live_server + "/incidents/new")
    offer = page.locator("#draft-offer")
    assert "You have unsaved changes of this form" in offer.inner_text()
    offer.get_by_role("link", name="Restore them").click()
    assert page.locator("#people-0-full_name").input_value() == "Darnell Okafor Price"


def test_rows_are_added_and_removed_in_place(app, session, live_server, browser, make_user):
    user, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, user, password)
    page.goto(live_server + "/incidents/new")
    _fill(page)
    page.evaluate("window.__samePage = true")  # gone if the page loads again
    page.get_by_role("button", name="Add a person").click()
    page.wait_for_selector("#people-1-full_name")
    assert page.evaluate("window.__samePage") is True
    assert page.evaluate("document.activeElement.name").startswith("people-1-")
    assert page.locator("#row-status").inner_text() == "Added: Person 2."
    page.locator("#people-1-full_name").fill("Ana Price")
    assert page.locator("#people-0-full_name").input_value() == "Darnell Okafor Price"
    page.locator("#section-people .row-card").nth(0).get_by_role("button", name="Remove").click()
    expect(page.locator("#section-people .row-card")).to_have_count(1)
    assert page.locator("#row-status").inner_text() == "Removed."
    assert page.evaluate("window.__samePage") is True
    names = page.locator("#section-people input[name$='-full_name']")
    assert names.count() == 1 and names.first.input_value() == "Ana Price"
    assert "passport was ignored" in page.locator("#narrative").input_value()


def test_rows_are_moved_in_place_and_the_move_is_announced(
    app, session, live_server, browser, make_user
):
    user, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, user, password)
    page.goto(live_server + "/incidents/new")
    _fill(page)
    page.get_by_role("button", name="Add a person").click()
    page.locator("#people-1-full_name").fill("Ana Price")
    page.evaluate("window.__samePage = true")
    page.get_by_role("button", name="Move up: person 2").click()
    expect(page.locator("#people-0-full_name")).to_have_value("Ana Price")
    assert page.locator("#people-1-full_name").input_value() == "Darnell Okafor Price"
    assert page.evaluate("window.__samePage") is True
    # the moved row is now first: focus stays on its move button, and the move is said
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Move down: person 1"
    )
    assert page.locator("#row-status").inner_text() == "Moved up: now Person 1."
    page.keyboard.press("Enter")  # and back down, from the keyboard
    expect(page.locator("#people-0-full_name")).to_have_value("Darnell Okafor Price")
    assert "passport was ignored" in page.locator("#narrative").input_value()


def test_a_warning_comes_before_the_session_ends_and_keeps_it(
    app, session, live_server, browser, make_user
):
    user, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, user, password)

    def short_idle(route):  # the page believes the idle limit is 3 seconds
        response = route.fetch()
        limit = f'name="session-idle-minutes" content="{app.config["SESSION_IDLE_MINUTES"]}"'
        body = response.text().replace(limit, 'name="session-idle-minutes" content="0.05"')
        route.fulfill(response=response, body=body)

    page.route("**/incidents/new", short_idle)
    page.goto(live_server + "/incidents/new")
    warning = page.get_by_role("alert").filter(has_text="Your session ends in")
    expect(warning).to_be_visible(timeout=5000)
    assert "Your session ends in 2 seconds unless you continue" in warning.inner_text()
    stay = warning.get_by_role("button", name="Stay signed in")
    assert page.evaluate("document.activeElement.textContent") == "Stay signed in"
    with page.expect_response(lambda r: "/auth/ping" in r.url) as pinged:
        stay.click()
    assert pinged.value.status == 204  # the session is used, so it goes on
    expect(warning).to_be_hidden()
