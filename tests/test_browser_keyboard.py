"""The keyboard (issue 18), in Chromium: the phone menu is a button that opens and closes from
the keyboard (without JavaScript the menu is simply shown), and tabbing through the long incident
form on a phone never hides the focused field under the sticky save bar."""

from __future__ import annotations

import pytest

from tests.browser_helpers import shot, sign_in

pytestmark = pytest.mark.browser

HIDDEN_UNDER_THE_BAR = """() => {
  const focused = document.activeElement, bar = document.querySelector('.sticky-actions');
  if (bar.contains(focused)) return null;
  const under = focused.getBoundingClientRect().bottom > bar.getBoundingClientRect().top + 1;
  return under ? (focused.id || focused.textContent) : null;
}"""


def phone_page(browser, live_server, user, password, **context):
    """A phone-sized page (375 px) signed in as `user`, on Home."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, **context)
    page = context.new_page()
    page.goto(live_server + "/auth/login")
    sign_in(page, user.email, password)
    page.wait_for_url("**/home")
    return page


def test_the_phone_menu_opens_and_closes_from_the_keyboard(live_server, browser, make_user):
    user, password = make_user("caseworker")
    page = phone_page(browser, live_server, user, password)
    menu = page.get_by_role("button", name="Menu")
    incidents = page.get_by_role("link", name="Incidents", exact=True)
    assert menu.get_attribute("aria-expanded") == "false" and not incidents.is_visible()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('nav-toggle')"):
            break
    else:
        pytest.fail("Tab never reached the Menu button")
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true" and incidents.is_visible()
    shot(page, "phone-menu-open", full_page=False)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Home"
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false" and not incidents.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")
    page.context.close()

    page = phone_page(browser, live_server, user, password, java_script_enabled=False)
    assert page.get_by_role("link", name="Incidents", exact=True).is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    page.context.close()


def test_tabbing_through_the_incident_form_never_hides_the_focus(live_server, browser, make_user):
    user, password = make_user("caseworker")
    page = phone_page(browser, live_server, user, password)
    page.goto(live_server + "/incidents/new")
    hidden = []
    for _ in range(60):
        page.keyboard.press("Tab")
        found = page.evaluate(HIDDEN_UNDER_THE_BAR)
        if found:
            hidden.append(found)
    assert hidden == [], f"focused but under the save bar: {hidden}"
    page.context.close()
