"""Server-side sign-in sessions. The browser's cookie holds a random token (`sid`); the row
named by its SHA-256 says whether the session is live, whose it is, on which device, since when
and when it was last seen, and keeps the case-list search text. Signing out, deactivation, a
password change or reset, an administrator's "end all sessions" and the user's own "end" mark
rows ended: a copied cookie stops working at once. These helpers work in the caller's
transaction; the services (and the request guards in `security`) commit."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

import flask
from flask import g
from sqlalchemy import update
from sqlmodel import Session, select

from incidents.db import utcnow
from incidents.i18n import N_, translate_label
from incidents.models import User, UserSession

COOKIE_KEY = "sid"
TOUCH_EVERY = timedelta(seconds=60)  # last seen is written at most once a minute
BROWSERS = (("Edg", "Edge"), ("Firefox", "Firefox"), ("Chrome", "Chrome"), ("Safari", "Safari"))
SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


OTHER_BROWSER, OTHER_SYSTEM = N_("Other browser"), N_("another system")
ON = N_("%(browser)s on %(system)s")  # as stored: "Firefox on Windows"


def device_of(user_agent: str | None) -> str:
    """'Firefox on Windows': the browser and system only (no version, no address). Kept in
    English (the audit trail's details); `device_words` shows it in the reader's language."""
    agent = user_agent or ""
    browser = next((name for key, name in BROWSERS if re.search(key, agent)), OTHER_BROWSER)
    system = next((name for key, name in SYSTEMS if key in agent), OTHER_SYSTEM)
    return ON % {"browser": browser, "system": system}


def device_words(device: str | None) -> str | None:
    """A stored device name ('Firefox on Windows') in the reader's language: the names of
    browsers and systems stay, the words around them are translated."""
    browser, on, system = (device or "").partition(" on ")
    if not on:
        return device
    return translate_label(ON) % {
        "browser": translate_label(browser) if browser == OTHER_BROWSER else browser,
        "system": translate_label(system) if system == OTHER_SYSTEM else system,
    }


def start(session: Session, user: User, user_agent: str | None) -> str:
    """A new live session for the user; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        UserSession(
            user_id=user.id,
            token_hash=_digest(token),
            device=device_of(user_agent),
            created_at=now,
            last_seen_at=now,
        )
    )
    session.flush()
    return token


def current(session: Session) -> UserSession | None:
    """This request's live session row (from the cookie's token), or None."""
    if "user_session" not in g:
        token = flask.session.get(COOKIE_KEY)
        g.user_session = None
        if isinstance(token, str) and token:
            g.user_session = session.exec(
                select(UserSession).where(
                    UserSession.token_hash == _digest(token), UserSession.ended_at.is_(None)
                )
            ).first()
    return g.user_session


def touch(row: UserSession) -> bool:
    """Note that the session was used now (at most once a minute); True if written."""
    now = utcnow()
    if now - row.last_seen_at < TOUCH_EVERY:
        return False
    row.last_seen_at = now
    return True


def end(row: UserSession, reason: str) -> None:
    """End one session (its search text is forgotten)."""
    row.ended_at, row.end_reason, row.search_text = utcnow(), reason, None


def end_all(session: Session, user_id: int, reason: str, *, keep: int | None = None) -> int:
    """End every live session of a user (but `keep`); returns how many were ended."""
    condition = (UserSession.user_id == user_id) & UserSession.ended_at.is_(None)
    if keep is not None:
        condition &= UserSession.id != keep
    result = session.execute(
        update(UserSession)
        .where(condition)
        .values(ended_at=utcnow(), end_reason=reason, search_text=None)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount


def active(session: Session, user_id: int) -> list[UserSession]:
    """A user's live sessions, the most recently used first."""
    return list(
        session.exec(
            select(UserSession)
            .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
            .order_by(UserSession.last_seen_at.desc())
        ).all()
    )
