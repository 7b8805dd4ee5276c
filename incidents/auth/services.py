"""Sign-in with throttling, sign-out, password change. Each function commits its own work."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func
from sqlmodel import Session, select

from incidents import audit, sessions
from incidents.audit import client_address
from incidents.calendar import feed as calendar_feed
from incidents.db import utcnow
from incidents.i18n import N_, gettext
from incidents.models import LoginAttempt, User, UserSession
from incidents.models.organization import new_auth_stamp
from incidents.passwords import (
    burn_verification,
    hash_password,
    needs_rehash,
    policy_problems,
    verify_password,
)
from incidents.problems import UserError

GENERIC_LOGIN_ERROR = N_("Incorrect email or password.")
ATTEMPT_RETENTION = timedelta(days=7)


class PasswordRejected(UserError, ValueError):
    """A password change was refused; `messages` say why, for the form."""

    def __init__(self, field: str, messages: list[str]):
        super().__init__("; ".join(messages))
        self.field = field
        self.messages = messages


def account_key(email: str) -> str:
    """A keyed hash of the normalised email, so attempts are counted without storing it."""
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, email.strip().lower().encode("utf-8"), hashlib.sha256).hexdigest()


def is_throttled(*, session: Session, key: str, addr: str) -> bool:
    """Whether recent failures for this account or this client address exceed the limits."""
    config = current_app.config
    since = utcnow() - timedelta(minutes=config["LOGIN_LOCKOUT_MINUTES"])
    last_success = session.exec(
        select(func.max(LoginAttempt.attempted_at)).where(
            LoginAttempt.account_key == key, LoginAttempt.succeeded.is_(True)
        )
    ).one()
    account_since = max(since, last_success) if last_success else since
    account_failures = _failures(session, LoginAttempt.account_key == key, account_since)
    if account_failures >= config["LOGIN_MAX_FAILURES_ACCOUNT"]:
        return True
    address_failures = _failures(session, LoginAttempt.client_addr == addr, since)
    return address_failures >= config["LOGIN_MAX_FAILURES_ADDRESS"]


def _failures(session: Session, condition, since) -> int:
    return session.exec(
        select(func.count())
        .select_from(LoginAttempt)
        .where(condition, LoginAttempt.succeeded.is_(False), LoginAttempt.attempted_at > since)
    ).one()


def sign_in(*, session: Session, email: str, password: str) -> User | None:
    """Check credentials; record the attempt and an audit event. None means refused."""
    key = account_key(email)
    addr = client_address() or "unknown"
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if is_throttled(session=session, key=key, addr=addr):
        burn_verification()
        return _finish(session, key, addr, user, None, "throttled")
    if user is None:
        burn_verification()
        return _finish(session, key, addr, None, None, "unknown_account")
    if not verify_password(user.password_hash, password):
        return _finish(session, key, addr, user, None, "bad_password")
    if not user.active:
        return _finish(session, key, addr, user, None, "inactive")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    if user.totp_enabled_at is not None:  # the second step decides: no success counted yet
        audit.record(
            session=session,
            action="login_password_accepted",
            actor=user,
            object_type="user",
            object_id=user.id,
        )
        session.commit()
        return user
    user.last_login_at = utcnow()
    return _finish(session, key, addr, user, user, None)


def _finish(session, key, addr, user, result, reason):
    session.add(LoginAttempt(account_key=key, client_addr=addr, succeeded=result is not None))
    session.execute(
        delete(LoginAttempt).where(LoginAttempt.attempted_at < utcnow() - ATTEMPT_RETENTION)
    )
    if result is not None:
        audit.record(
            session=session,
            action="login_success",
            actor=user,
            object_type="user",
            object_id=user.id,
        )
    else:
        audit.record(
            session=session,
            action="login_failure",
            organization_id=user.organization_id if user else None,
            object_type="user" if user else None,
            object_id=user.id if user else None,
            details={"reason": reason},
        )
    session.commit()
    return result


def open_session(*, session: Session, user: User, user_agent: str | None) -> str:
    """A server-side session for a user who just signed in; returns the cookie's token."""
    token = sessions.start(session, user, user_agent)
    session.commit()
    return token


def sign_out(*, session: Session, user: User) -> None:
    """End this session on the server and record the sign-out."""
    row = sessions.current(session)
    if row is not None:
        sessions.end(row, "signed out")
    audit.record(
        session=session, action="logout", actor=user, object_type="user", object_id=user.id
    )
    session.commit()


def end_session(*, session: Session, user: User, session_id: int) -> bool:
    """End one of the user's own sessions (another device); False if there is no such live
    session of theirs."""
    row = session.get(UserSession, session_id)
    if row is None or row.user_id != user.id or row.ended_at is not None:
        return False
    sessions.end(row, "ended by the user")
    audit.record(
        session=session,
        action="session_ended",
        actor=user,
        object_type="user",
        object_id=user.id,
        details={"device": row.device},
    )
    session.commit()
    return True


def end_other_sessions(*, session: Session, user: User) -> int:
    """End all the user's sessions but this one, and stop their calendar feed address (a lost
    phone may hold both); returns how many sessions ended."""
    current = sessions.current(session)
    ended = sessions.end_all(
        session, user.id, "ended by the user", keep=current.id if current else None
    )
    feed = calendar_feed.forget(user)
    if ended or feed:
        audit.record(
            session=session,
            action="sessions_ended",
            actor=user,
            object_type="user",
            object_id=user.id,
            details={"sessions": ended, "calendar_feed_stopped": feed},
        )
    session.commit()
    return ended


def change_password(*, session: Session, user: User, current: str, new: str) -> None:
    """Change a user's own password; raises PasswordRejected with messages for the form."""
    if not verify_password(user.password_hash, current):
        raise PasswordRejected(
            "current_password", [gettext("The current password is not correct.")]
        )
    problems = policy_problems(new, personal=(user.email, user.display_name))
    if problems:
        raise PasswordRejected("new_password", problems)
    if verify_password(user.password_hash, new):
        raise PasswordRejected(
            "new_password", [gettext("Choose a password different from the current one.")]
        )
    set_password(user, new, must_change=False)
    user.touch(user.id)
    current = sessions.current(session)
    sessions.end_all(session, user.id, "password changed", keep=current.id if current else None)
    audit.record(
        session=session,
        action="password_changed",
        actor=user,
        object_type="user",
        object_id=user.id,
    )
    session.commit()


def set_password(user: User, password: str, *, must_change: bool) -> None:
    """Hash and set a password, ending the user's other sessions (new auth stamp)."""
    user.password_hash = hash_password(password)
    user.must_change_password = must_change
    user.password_changed_at = utcnow()
    user.auth_stamp = new_auth_stamp()


def set_language(*, session: Session, user: User, language: str | None) -> None:
    """Keep the user's interface language ("en", "es"; None: the browser's choice)."""
    user.language = language
    session.add(user)
    session.commit()
