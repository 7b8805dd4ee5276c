"""What an administrator watches: the organization's accounts, failed sign-ins of its accounts,
whether the audit trail's chain holds, and the integrity of its stored evidence. Everything is
of the administrator's organization; the chain is the installation's, so only whether it held
is shown (not how many events it holds)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from incidents import audit
from incidents.auth.services import account_key
from incidents.db import utcnow
from incidents.models import AuditHead, EvidenceFile, LoginAttempt, Organization, User
from incidents.models.organization import second_factor_required
from incidents.vocab import ROLE

FAILURE_DAYS = 7
# Verified on the page only while the chain is this short: about 25 ms at the 35,000 events a
# second measured (docs/decisions); a longer chain is verified by `flask audit verify` or the
# page's button, and the last result shown.
VERIFY_INLINE = 1000


@dataclass
class Person:
    """An account as the users page shows it."""

    id: int
    display_name: str
    role: str


@dataclass
class Accounts:
    """Active and deactivated accounts per role, and who still has something to do."""

    by_role: list[tuple[str, int, int]] = field(default_factory=list)  # role, active, inactive
    must_change: list[Person] = field(default_factory=list)
    no_second_factor: list[Person] = field(default_factory=list)
    rule: str = "none"


@dataclass
class Failures:
    """Failed sign-ins of the organization's accounts in the last days, per account."""

    days: int
    total: int = 0
    accounts: list[tuple[Person, int, datetime]] = field(default_factory=list)


def accounts(session: Session, organization_id: int) -> tuple[Accounts, list[tuple]]:
    """The accounts panel, and the rows read for it (id, name, role, email, active) for the
    failures panel."""
    rule = session.get(Organization, organization_id).second_factor
    rows = session.exec(
        select(
            User.id,
            User.display_name,
            User.role,
            User.email,
            User.active,
            User.must_change_password,
            User.totp_enabled_at,
        )
        .where(User.organization_id == organization_id)
        .order_by(User.display_name)
    ).all()
    found = Accounts(rule=rule)
    for role in ROLE.codes:
        active = sum(1 for r in rows if r.role == role and r.active)
        inactive = sum(1 for r in rows if r.role == role and not r.active)
        found.by_role.append((role, active, inactive))
    for r in rows:
        if not r.active:
            continue
        person = Person(r.id, r.display_name, r.role)
        if r.must_change_password:
            found.must_change.append(person)
        if r.totp_enabled_at is None and second_factor_required(rule, r.role):
            found.no_second_factor.append(person)
    return found, rows


def failures(session: Session, rows: list[tuple], *, now: datetime | None = None) -> Failures:
    """Failed sign-ins of these accounts since FAILURE_DAYS ago, most first. Attempts keep a
    keyed hash of the email typed, never the email: an account's attempts are those under
    the hash of its email (attempts with unknown emails belong to no organization)."""
    since = (now or utcnow()) - timedelta(days=FAILURE_DAYS)
    by_key = {account_key(r.email): Person(r.id, r.display_name, r.role) for r in rows}
    found = Failures(FAILURE_DAYS)
    if not by_key:
        return found
    counted = session.exec(
        select(LoginAttempt.account_key, func.count(), func.max(LoginAttempt.attempted_at))
        .where(
            LoginAttempt.account_key.in_(list(by_key)),
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.attempted_at >= since,
        )
        .group_by(LoginAttempt.account_key)
    ).all()
    found.accounts = sorted(
        ((by_key[key], n, last) for key, n, last in counted), key=lambda a: (-a[1], a[0].id)
    )
    found.total = sum(n for _, n, _ in found.accounts)
    return found


@dataclass
class ChainStatus:
    """Whether the audit chain held: checked now (a short chain), or as last recorded."""

    ok: bool | None  # None: never verified
    checked_now: bool
    when: datetime | None = None


def _verify(session: Session, key: bytes, outside: str | None) -> audit.VerifyResult:
    """Verify the chain in a session of its own (verification empties its session), which
    only reads: on SQLite it does not wait for the request's write lock."""
    reader = session.get_bind().execution_options(sqlite_begin="DEFERRED")
    with Session(reader) as own:
        return audit.verify_chain(session=own, key=key, outside=outside)


def chain_status(session: Session, *, key: bytes, outside: str | None) -> ChainStatus:
    """Verify a short chain now; for a longer one, the last verification recorded from this
    page (`flask audit verify` records nothing)."""
    seq = session.exec(select(AuditHead.seq).where(AuditHead.id == 1)).first()
    if seq is not None and seq <= VERIFY_INLINE:
        return ChainStatus(_verify(session, key, outside).ok, True, utcnow())
    last = audit.last_verification(session)
    if last is None:
        return ChainStatus(None, False)
    return ChainStatus(last[1], False, last[0])


def verify_now(session: Session, *, actor, key: bytes, outside: str | None) -> bool:
    """Verify the whole chain and record the outcome (the page's button); whether it held."""
    result = _verify(session, key, outside)
    audit.record_verification(
        session=session, result=result, actor=actor, organization_id=actor.organization_id
    )
    return result.ok


@dataclass
class Integrity:
    """The organization's stored files by integrity, and the oldest verification."""

    ok: int = 0
    altered: int = 0
    missing: int = 0
    never_verified: int = 0
    oldest_verified: datetime | None = None

    @property
    def total(self) -> int:
        """How many stored files."""
        return self.ok + self.altered + self.missing


def integrity(session: Session, organization_id: int) -> Integrity:
    """Counts of stored files ok, altered and missing (one grouped query)."""
    found = Integrity()
    for state, n, never, oldest in session.exec(
        select(
            EvidenceFile.integrity,
            func.count(),
            func.count() - func.count(EvidenceFile.last_verified_at),
            func.min(EvidenceFile.last_verified_at),
        )
        .where(EvidenceFile.organization_id == organization_id)
        .group_by(EvidenceFile.integrity)
    ).all():
        if state in ("ok", "altered", "missing"):
            setattr(found, state, n)
        found.never_verified += never
        if oldest is not None and (found.oldest_verified is None or oldest < found.oldest_verified):
            found.oldest_verified = oldest
    return found
