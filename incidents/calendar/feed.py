"""The calendar feed: a secret address per user (revocable), and the iCalendar document
(RFC 5545, built with the `icalendar` library) it serves. The address is `<user id>.<secret>`;
only a keyed digest of the secret and the user's session stamp is stored, so a new address, a
password change or "end all sessions" revokes the old one. Events carry a case reference and a
deadline kind, never a name or free text."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, timedelta

from icalendar import Calendar, Event
from sqlmodel import Session

from incidents import audit
from incidents.calendar.entries import Entry
from incidents.db import utcnow
from incidents.models import User

FEED_ROLES = ("admin", "caseworker", "lawyer")


def _digest(secret: str, user: User) -> str:
    return hashlib.sha256(f"{secret}:{user.auth_stamp}".encode()).hexdigest()


def new_token(*, session: Session, actor: User) -> str:
    """Give the user a new feed address (the old one stops working); returns the token, shown
    once. Audited, commits."""
    secret = secrets.token_urlsafe(32)
    actor.calendar_token_hash = _digest(secret, actor)
    actor.calendar_token_created_at = utcnow()
    audit.record(session=session, action="calendar_feed_created", actor=actor)
    session.commit()
    return f"{actor.id}.{secret}"


def revoke(*, session: Session, actor: User) -> None:
    """Stop the user's feed address. Audited, commits."""
    actor.calendar_token_hash = actor.calendar_token_created_at = None
    audit.record(session=session, action="calendar_feed_revoked", actor=actor)
    session.commit()


def user_of(session: Session, token: str) -> User | None:
    """The active user whose current feed address this is, or None."""
    user_id, _, secret = token.partition(".")
    if not user_id.isdigit() or not secret:
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
        how = "computed from a verified rule" if entry.computed else "entered by the team"
        event.add("description", f"{entry.label} ({how}). Case: {references}.")
        if entry.references:
            event.add("url", case_url(entry.references[0]))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def feed_window(today: date) -> date:
    """The last day the feed covers (open deadlines before it, overdue included)."""
    return today + timedelta(days=366)
