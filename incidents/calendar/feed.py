"""The calendar feed: a secret address per user (revocable), and the iCalendar document
(RFC 5545, built with the `icalendar` library) it serves. The address is `<user id>.<secret>`,
where the secret is an HMAC (keyed with the app's SECRET_KEY) of the user, the moment the
address was made and the user's session stamp: the user can read it again on the calendar page,
and nothing stored reveals it. A new address or a password change (a new stamp) revokes the
old one; ending sessions forgets it. The stored digest says which address is current. Events
carry a case reference and a deadline kind, never a name or free text."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import date, timedelta

from flask import current_app
from icalendar import Calendar, Event
from sqlmodel import Session

from incidents import audit
from incidents.calendar.entries import Entry
from incidents.db import utcnow
from incidents.models import User

FEED_ROLES = ("admin", "caseworker", "lawyer")


def _secret(user: User) -> str:
    made = int(user.calendar_token_created_at.timestamp())
    message = f"calendar-feed:{user.id}:{made}:{user.auth_stamp}".encode()
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _digest(secret: str, user: User) -> str:
    return hashlib.sha256(f"{secret}:{user.auth_stamp}".encode()).hexdigest()


def new_token(*, session: Session, actor: User) -> str:
    """Give the user a new feed address (the old one stops working); returns its token.
    Audited, commits."""
    made, before = utcnow().replace(microsecond=0), actor.calendar_token_created_at
    if before is not None and made <= before:  # twice in a second: still a new address
        made = before + timedelta(seconds=1)
    actor.calendar_token_created_at = made
    actor.calendar_token_hash = _digest(_secret(actor), actor)
    audit.record(session=session, action="calendar_feed_created", actor=actor)
    session.commit()
    return f"{actor.id}.{_secret(actor)}"


def token_of(user: User) -> str | None:
    """The user's current feed token, or None when there is none (never made, stopped, or
    revoked by a new password)."""
    if not user.calendar_token_hash or user.calendar_token_created_at is None:
        return None
    secret = _secret(user)
    if not hmac.compare_digest(user.calendar_token_hash, _digest(secret, user)):
        return None
    return f"{user.id}.{secret}"


def forget(user: User) -> bool:
    """Forget the user's feed address (the caller audits and commits); whether there was one.
    Ending sessions calls it too: a lost phone may hold both."""
    had = user.calendar_token_hash is not None
    user.calendar_token_hash = user.calendar_token_created_at = None
    return had


def revoke(*, session: Session, actor: User) -> None:
    """Stop the user's feed address. Audited, commits."""
    forget(actor)
    audit.record(session=session, action="calendar_feed_revoked", actor=actor)
    session.commit()


def user_of(session: Session, token: str) -> User | None:
    """The active user whose current feed address this is, or None."""
    user_id, _, secret = token.partition(".")
    if not user_id.isdigit() or len(user_id) > 18 or not secret:
        return None
    user = session.get(User, int(user_id))
    if user is None or not user.active or user.role not in FEED_ROLES:
        return None
    stored = user.calendar_token_hash
    if not stored or not hmac.compare_digest(stored, _digest(secret, user)):
        return None
    return user


def document(entries: list[Entry], *, scope: str, case_url) -> bytes:
    """The iCalendar document of these entries: one all-day event each."""
    calendar = Calendar()
    calendar.add("prodid", "-//FRT Incidents//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Deadlines (mine)" if scope == "mine" else "Deadlines")
    stamp = utcnow()
    for entry in entries:
        event = Event()
        references = ", ".join(entry.references) or "no open case"
        event.add("uid", f"{entry.source}-{entry.object_id}-{entry.kind}@frt-incidents")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.due_on)
        event.add("dtend", entry.due_on + timedelta(days=1))
        event.add("summary", f"{entry.label} — {references}")
        how = f"computed: {entry.basis}" if entry.computed else "entered with its rule"
        kind = "a date from which the client may act" if entry.milestone else "a deadline"
        event.add("description", f"{entry.label}: {kind} ({how}). Case: {references}.")
        if entry.references:
            event.add("url", case_url(entry.references[0]))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def feed_window(today: date) -> date:
    """The last day the feed covers (open deadlines before it, overdue included)."""
    return today + timedelta(days=366)
