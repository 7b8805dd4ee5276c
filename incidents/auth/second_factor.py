"""The second factor: a TOTP authenticator app (RFC 6238, 30-second codes) with one-time
recovery codes, the organization's rule on who must use it, and the second step of signing in
(throttled with the first). Each function that changes something commits and audits it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from datetime import UTC, datetime

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import delete, update
from sqlalchemy.orm import object_session as session_of
from sqlmodel import Session, select

from incidents import audit, sessions
from incidents.auth.services import account_key, burn_verification, is_throttled
from incidents.db import utcnow
from incidents.i18n import N_, gettext
from incidents.models import LoginAttempt, Organization, RecoveryCode, User
from incidents.problems import UserError

ISSUER = "FRT Incident Database"
RECOVERY_CODES = 10
RULES = {  # English, translated where shown
    "none": N_("Optional for everyone"),
    "admins_lawyers": N_("Required for administrators and lawyers"),
    "everyone": N_("Required for everyone"),
}


class CodeRefused(UserError):
    """The code was wrong, expired or already used."""

    status = 400


def required(organization: Organization, user: User) -> bool:
    """Whether the organization requires this user to have a second factor."""
    return organization.requires_second_factor(user.role)


def _derived_key(purpose: bytes) -> bytes:
    """A key for one purpose, derived from AUDIT_KEY (which lives outside the database and
    never changes): a copy of the database alone gives no codes."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(
        current_app.config["AUDIT_KEY"].encode()
    )


def _fernet() -> Fernet:
    """The key that seals TOTP secrets in the database."""
    return Fernet(base64.urlsafe_b64encode(_derived_key(b"totp-secret")))


def _sealed(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def _plain(sealed: str | None) -> str | None:
    """The stored secret, or None if it cannot be opened (another key)."""
    if not sealed:
        return None
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


def new_secret() -> str:
    """A fresh TOTP secret (160 bits, base32) for enrolment."""
    return pyotp.random_base32(32)


def qr_svg(user: User, secret: str) -> str:
    """The enrolment QR code as inline SVG (no script, no outside request)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return segno.make(uri, error="m").svg_inline(scale=4, title=gettext("Authenticator QR code"))


def _matching_step(sealed: str | None, code: str) -> int | None:
    """The 30-second step whose code this is (now, or one step either side), or None."""
    secret = _plain(sealed)
    digits = "".join(ch for ch in (code or "") if ch in "0123456789")  # ASCII digits only
    if not secret or len(digits) != 6:
        return None
    totp, now = pyotp.TOTP(secret), int(time.time())
    for offset in (0, -1, 1):
        step = totp.timecode(datetime.fromtimestamp(now + offset * totp.interval, tz=UTC))
        if hmac.compare_digest(totp.generate_otp(step), digits):
            return step
    return None


def _code_ok(sealed: str | None, code: str, user: User | None = None) -> bool:
    """A right code; with `user`, one whose step was not used before (no replay), which is
    then spent."""
    step = _matching_step(sealed, code)
    if step is None:
        return False
    if user is not None:  # claimed in the database: two requests at once cannot both use it
        claimed = session_of(user).execute(
            update(User)
            .where(User.id == user.id, User.totp_last_step < step)
            .values(totp_last_step=step)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            return False
    return True


def _digest(code: str) -> str:
    normal = code.replace("-", "").strip().lower().encode()
    return hmac.new(_derived_key(b"recovery-code"), normal, hashlib.sha256).hexdigest()


def _new_recovery_codes(session: Session, user: User) -> list[str]:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_hex(5)  # 40 bits, shown as xxxxx-xxxxx
        codes.append(f"{raw[:5]}-{raw[5:]}")
        session.add(RecoveryCode(user_id=user.id, code_hash=_digest(raw)))
    return codes


def start_enrolment(*, session: Session, user: User) -> str:
    """The secret being set up (kept on the server, sealed, not in the cookie, until
    confirmed); returns it in clear for the QR code and the key shown once."""
    secret = _plain(user.totp_secret) if user.totp_enabled_at is None else None
    if secret is None:
        secret = new_secret()
        user.totp_secret = _sealed(secret)
        session.commit()
    return secret


def enable(*, session: Session, user: User, code: str) -> list[str]:
    """Turn the second factor on once the app shows the right code; returns the recovery
    codes (shown once, stored hashed)."""
    if user.totp_enabled_at is not None or not user.totp_secret:
        raise CodeRefused(gettext("Start the set-up again."))
    if not _code_ok(user.totp_secret, code, user):
        raise CodeRefused(gettext("That code does not match. Check the app's clock and try again."))
    user.totp_enabled_at = utcnow()
    codes = _new_recovery_codes(session, user)
    audit.record(
        session=session,
        action="second_factor_enabled",
        actor=user,
        object_type="user",
        object_id=user.id,
    )
    session.commit()
    return codes


def renew_recovery_codes(*, session: Session, user: User, code: str) -> list[str]:
    """New recovery codes (the old ones stop working), confirmed with a current code."""
    _confirm(session, user, code)
    codes = _new_recovery_codes(session, user)
    audit.record(
        session=session,
        action="recovery_codes_renewed",
        actor=user,
        object_type="user",
        object_id=user.id,
    )
    session.commit()
    return codes


def disable(*, session: Session, user: User, organization: Organization, code: str) -> None:
    """Turn one's own second factor off (not where the organization requires it)."""
    if required(organization, user):
        raise UserError(
            gettext("Your organization requires a second factor; it cannot be turned off.")
        )
    _confirm(session, user, code)
    _clear(session, user)
    audit.record(
        session=session,
        action="second_factor_disabled",
        actor=user,
        object_type="user",
        object_id=user.id,
    )
    session.commit()


def _confirm(session: Session, user: User, code: str) -> None:
    """A signed-in user confirms a change with a current code: wrong codes count toward the
    sign-in lockout and are audited (a stolen session cannot guess its way through)."""
    key, addr = account_key(user.email), audit.client_address() or "unknown"
    if is_throttled(session=session, key=key, addr=addr):
        raise CodeRefused(gettext("Too many wrong codes: wait a quarter of an hour and try again."))
    if user.totp_enabled_at and _code_ok(user.totp_secret, code, user):
        return
    session.add(LoginAttempt(account_key=key, client_addr=addr, succeeded=False))
    audit.record(
        session=session,
        action="second_factor_code_refused",
        actor=user,
        object_type="user",
        object_id=user.id,
    )
    session.commit()
    raise CodeRefused(gettext("That code does not match, or it was used already."))


def reset(*, session: Session, actor: User, user: User) -> None:
    """An administrator removes a user's second factor (a lost phone); their sessions end.
    Where the organization requires one, they set up a new one at their next sign-in."""
    _clear(session, user)
    sessions.end_all(session, user.id, "second factor reset by an administrator")
    audit.record(
        session=session,
        action="user_second_factor_reset",
        actor=actor,
        object_type="user",
        object_id=user.id,
    )
    session.commit()


def _clear(session: Session, user: User) -> None:
    user.totp_secret = user.totp_enabled_at = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def second_step(*, session: Session, user: User, code: str, addr: str) -> bool:
    """Check the second step of a sign-in: a current app code or an unused recovery code.
    Failures count with the password's toward the same lockout; True signs the user in."""
    key = account_key(user.email)
    ok = False
    if is_throttled(session=session, key=key, addr=addr):
        burn_verification()
        reason = "throttled"
    elif _code_ok(user.totp_secret, code, user):
        ok, reason = True, None
    else:
        ok, reason = _use_recovery_code(session, user, code), "bad_second_factor"
    session.add(LoginAttempt(account_key=key, client_addr=addr, succeeded=ok))
    if ok:
        user.last_login_at = utcnow()
        audit.record(
            session=session,
            action="login_success",
            actor=user,
            object_type="user",
            object_id=user.id,
            details={"second_factor": True},
        )
    else:
        audit.record(
            session=session,
            action="login_failure",
            organization_id=user.organization_id,
            object_type="user",
            object_id=user.id,
            details={"reason": reason},
        )
    session.commit()
    return ok


def _use_recovery_code(session: Session, user: User, code: str) -> bool:
    digest = _digest(code or "")
    for row in session.exec(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ).all():
        if hmac.compare_digest(row.code_hash, digest):
            claimed = session.execute(
                update(RecoveryCode)
                .where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None))
                .values(used_at=utcnow())
            )
            return claimed.rowcount == 1
    return False


def unused_recovery_codes(session: Session, user: User) -> int:
    """How many recovery codes are left."""
    return len(
        session.exec(
            select(RecoveryCode.id).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        ).all()
    )


def set_rule(*, session: Session, actor: User, organization: Organization, rule: str) -> None:
    """The organization's rule on second factors (audited)."""
    if rule not in RULES:
        raise UserError(gettext("Unknown rule; choose one of: %(rules)s.", rules=", ".join(RULES)))
    if organization.second_factor != rule:
        organization.second_factor = rule
        audit.record(
            session=session,
            action="second_factor_rule_changed",
            actor=actor,
            object_type="organization",
            object_id=organization.id,
            details={"rule": rule},
        )
    session.commit()
