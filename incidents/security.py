"""Request-level security: session loading and limits, forced password change, HTTP headers."""

from __future__ import annotations

from datetime import timedelta

import flask
from flask import flash, g, redirect, request, url_for
from flask_login import LoginManager, current_user, logout_user
from flask_wtf.csrf import CSRFError
from sqlmodel import select

from incidents import sessions
from incidents.authz import to_sign_in
from incidents.db import get_session, reading, utcnow
from incidents.i18n import gettext
from incidents.models import Organization, User
from incidents.models.organization import second_factor_required

login_manager = LoginManager()
login_manager.session_protection = "strong"
login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
PASSWORD_CHANGE_EXEMPT = {"auth.change_password", "auth.logout", "static"}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user of a live server-side session (`incidents.sessions`); None ends the session:
    an unknown, deactivated or re-stamped account, or a session row that was ended."""
    user_id, _, stamp = session_id.partition(":")
    if not user_id.isdigit():
        return None
    session = get_session()
    found = session.exec(
        select(User, Organization.second_factor)
        .join(Organization, Organization.id == User.organization_id)
        .where(User.id == int(user_id))
    ).first()
    user, g.second_factor_rule = found if found else (None, None)
    if user is None or not user.active or user.auth_stamp != stamp:
        return None
    row = sessions.current(session)
    if row is None or row.user_id != user.id:
        return None
    return user


def enforce_session_limits(app):
    """Before-request: end sessions that were idle or open too long (times kept on the server,
    so a copied cookie cannot outlive them); note when a session was last used. Static files
    (stylesheet, script) never touch the database: the busy page keeps its styles."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    session = get_session()
    row = sessions.current(session)
    now = utcnow()
    idle = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"])
    absolute = timedelta(hours=app.config["SESSION_MAX_HOURS"])
    if now - row.last_seen_at > idle or now - row.created_at > absolute:
        sessions.end(row, "expired")
        session.commit()
        logout_user()
        flask.session.clear()
        return to_sign_in(expired=True)  # and back to the page (or form) after signing in
    if sessions.touch(row):
        session.commit()
    return None


def enforce_password_change():
    """Before-request: a user with a one-time password may only change it or sign out."""
    if (
        request.endpoint not in PASSWORD_CHANGE_EXEMPT
        and current_user.is_authenticated
        and current_user.must_change_password
    ):
        return redirect(url_for("auth.change_password"))
    return None


def check_origin():
    """Before-request: a request that changes something must come from this site's own pages.
    Browsers say where a request comes from in `Sec-Fetch-Site` (older ones in `Origin`); a
    request with neither (a script, the test client) still needs its CSRF token. This replaces
    Flask-WTF's Referer check, which refuses every form over HTTPS: pages are sent with
    `Referrer-Policy: no-referrer`, so browsers send no Referer."""
    if request.method not in UNSAFE_METHODS:
        return
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        if site != "same-origin":
            raise CSRFError("The request came from another site.")
        return
    origin = request.headers.get("Origin")
    if origin is not None and origin != request.host_url.rstrip("/"):
        raise CSRFError("The request came from another site.")


SECOND_FACTOR_EXEMPT = {"auth.two_factor", "auth.change_password", "auth.logout", "static"}


def enforce_second_factor():
    """Before-request: where the organization requires a second factor, a user without one
    may only set it up (or change a one-time password, or sign out)."""
    if request.endpoint in SECOND_FACTOR_EXEMPT:
        return None
    if not current_user.is_authenticated or current_user.totp_enabled_at is not None:
        return None
    rule = g.get("second_factor_rule")  # read with the user (`load_user`)
    if second_factor_required(rule, current_user.role):
        flash(gettext("Your organization requires a second factor. Set it up to continue."), "info")
        return redirect(url_for("auth.two_factor"))
    return None


def set_security_headers(response, https: bool):
    """After-request: headers that every response carries."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if https:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def release_transaction():
    """Before-request, last of the guards: end the transaction the guards opened (on SQLite,
    for a POST, a read opens it with the write lock, decision 0002), so that a request's body —
    an evidence upload on a slow link — is received without holding the database; the view
    opens its own transaction when it needs one."""
    session = get_session()
    if session.in_transaction():
        session.commit()  # nothing pending: ends the transaction; objects stay loaded


def read_without_the_lock():
    """Before-request, first of all: a GET (HEAD, OPTIONS) reads in DEFERRED transactions on
    SQLite — the guards' look-ups and the view alike — and a write among them (the session's
    last use, the audit row) takes the write lock for itself alone (decision 0002)."""
    if request.method in READ_METHODS:
        reading()


def init_app(app) -> None:
    """Wire login management and the request guards into the app."""
    from incidents.authz import enforce_access

    login_manager.init_app(app)
    app.before_request(read_without_the_lock)
    app.before_request(check_origin)
    app.before_request(lambda: enforce_session_limits(app))
    app.before_request(enforce_access)
    app.before_request(enforce_password_change)
    app.before_request(enforce_second_factor)
    app.before_request(release_transaction)
    app.after_request(lambda response: set_security_headers(response, app.config["HTTPS"]))
