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


def shot(page, name):
    if ARTIFACTS:
        os.makedirs(ARTIFACTS, exist_ok=True)
        page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=True)


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
