"""Account and organization administration. Shared by the web views and the CLI; each function
commits its own work and records it in the audit trail."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import func
from sqlmodel import Session, select

from incidents import audit, sessions
from incidents.auth.services import set_password
from incidents.calendar import feed as calendar_feed
from incidents.i18n import gettext
from incidents.models import Organization, User
from incidents.passwords import hash_password, policy_problems
from incidents.problems import UserError
from incidents.vocab import ROLE


class AdminError(UserError, ValueError):
    """A refused administrative change; the message is shown to the user as is."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def one_time_password() -> str:
    """A random password to hand over once (about 120 bits, easy to type)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    groups = ["".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(5)]
    return "-".join(groups)


CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


def suggest_code(session: Session, name: str) -> str:
    """A free reference prefix from the name's initials (e.g. 'Harbor Legal Aid' → 'HLA')."""
    words = re.findall(r"[A-Za-z]+", name)
    base = "".join(w[0] for w in words).upper()[:6] if len(words) > 1 else name[:3].upper()
    base = re.sub(r"[^A-Z]", "", base) or "ORG"
    base = (base + "XX")[: max(2, len(base))]
    taken = set(session.exec(select(Organization.code)).all())
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base[:6]}{n}"
    return code


def create_organization(
    *, session: Session, name: str, actor: User | None = None, code: str | None = None
) -> Organization:
    """Create an organization with a unique name and reference prefix."""
    name = name.strip()
    if not name or len(name) > 200:
        raise AdminError(gettext("The organization name must have 1 to 200 characters."), "name")
    if session.exec(select(Organization).where(Organization.name == name)).first():
        raise AdminError(
            gettext("An organization named %(name)s already exists.", name=repr(name)), "name"
        )
    code = (code or suggest_code(session, name)).strip().upper()
    if not CODE_RE.match(code):
        raise AdminError(
            gettext(
                "The reference prefix must be 2 to 8 capital letters or digits, "
                "starting with a letter."
            ),
            "code",
        )
    if session.exec(select(Organization).where(Organization.code == code)).first():
        raise AdminError(gettext("The reference prefix %(code)s is taken.", code=code), "code")
    org = Organization(name=name, code=code)
    session.add(org)
    session.flush()
    audit.record(
        session=session,
        action="organization_created",
        actor=actor,
        organization_id=org.id,
        object_type="organization",
        object_id=org.id,
    )
    session.commit()
    return org


# Names and prefixes are unique across the installation; never say who holds one.
UNAVAILABLE = "This {} cannot be used; choose another."


def update_organization(
    *,
    session: Session,
    actor: User,
    org: Organization,
    name: str,
    code: str,
    share_with_researchers: bool | None = None,
) -> None:
    """Change the actor's organization's name or reference prefix."""
    name, code = name.strip(), code.strip().upper()
    if session.exec(
        select(Organization).where(Organization.name == name, Organization.id != org.id)
    ).first():
        raise AdminError(UNAVAILABLE.format("name"), "name")
    if not CODE_RE.match(code):
        raise AdminError(
            gettext("Use 2 to 8 capital letters or digits, starting with a letter."), "code"
        )
    if session.exec(
        select(Organization).where(Organization.code == code, Organization.id != org.id)
    ).first():
        raise AdminError(UNAVAILABLE.format("prefix"), "code")
    share = org.share_with_researchers if share_with_researchers is None else share_with_researchers
    values = (("name", name), ("code", code), ("share_with_researchers", share))
    changed = [field for field, value in values if getattr(org, field) != value]
    if changed:
        org.name, org.code, org.share_with_researchers = name, code, share
        audit.record(
            session=session,
            action="organization_updated",
            actor=actor,
            object_type="organization",
            object_id=org.id,
            details={"fields": changed},
        )
    session.commit()


def create_user(
    *,
    session: Session,
    organization: Organization,
    email: str,
    display_name: str,
    role: str,
    actor: User | None = None,
    password: str | None = None,
) -> tuple[User, str | None]:
    """Create an account. Without a password, a one-time password is generated, returned once
    and must be changed at first sign-in."""
    email = email.strip().lower()
    if role not in ROLE:
        raise AdminError(
            gettext(
                "Unknown role %(role)s; use one of: %(roles)s.",
                role=repr(role),
                roles=", ".join(ROLE.codes),
            ),
            "role",
        )
    existing = session.exec(select(User).where(User.email == email)).first()
    if existing is not None and existing.organization_id == organization.id:
        raise AdminError(
            gettext("Your organization already has an account with this address."), "email"
        )
    if existing is not None:  # elsewhere: say nothing about it (addresses are unique)
        raise AdminError(
            gettext(
                "This email address cannot be used for a new account; ask the person for another."
            ),
            "email",
        )
    issued = None
    if password is None:
        issued = password = one_time_password()
    else:
        problems = policy_problems(password, personal=(email, display_name))
        if problems:
            raise AdminError(problems[0], "password")
    user = User(
        organization_id=organization.id,
        email=email,
        display_name=display_name.strip(),
        role=role,
        password_hash=hash_password(password),
        must_change_password=issued is not None,
        created_by_id=getattr(actor, "id", None),
        updated_by_id=getattr(actor, "id", None),
    )
    session.add(user)
    session.flush()
    audit.record(
        session=session,
        action="user_created",
        actor=actor,
        organization_id=organization.id,
        object_type="user",
        object_id=user.id,
        details={"role": role},
    )
    session.commit()
    return user, issued


def active_admin_count(session: Session, organization_id: int) -> int:
    """How many active administrators an organization has."""
    return session.exec(
        select(func.count())
        .select_from(User)
        .where(User.organization_id == organization_id, User.role == "admin", User.active.is_(True))
    ).one()


def update_user(
    *, session: Session, actor: User, user: User, display_name: str, role: str, active: bool
) -> list[str]:
    """Change name, role or active flag; returns the names of the fields that changed."""
    if role not in ROLE:
        raise AdminError(gettext("Unknown role."), "role")
    losing_admin = user.role == "admin" and user.active and (role != "admin" or not active)
    if losing_admin and user.id == actor.id:
        raise AdminError(
            gettext(
                "You cannot remove your own administrator access or deactivate "
                "yourself; ask another administrator."
            )
        )
    if losing_admin and active_admin_count(session, user.organization_id) <= 1:
        raise AdminError(gettext("The organization must keep at least one active administrator."))
    changed = []
    if user.display_name != display_name:
        user.display_name = display_name
        changed.append("display_name")
    if user.role != role:
        audit.record(
            session=session,
            action="user_role_changed",
            actor=actor,
            object_type="user",
            object_id=user.id,
            details={"from": user.role, "to": role},
        )
        user.role = role
        changed.append("role")
    if user.active != active:
        user.active = active
        if not active:  # a reactivated account signs in again: its old cookies stay dead
            sessions.end_all(session, user.id, "account deactivated")
        audit.record(
            session=session,
            action="user_activated" if active else "user_deactivated",
            actor=actor,
            object_type="user",
            object_id=user.id,
        )
        changed.append("active")
    if changed:
        user.touch(actor.id)
        audit.record(
            session=session,
            action="user_updated",
            actor=actor,
            object_type="user",
            object_id=user.id,
            details={"fields": changed},
        )
    session.commit()
    return changed


def reset_password(*, session: Session, actor: User | None, user: User) -> str:
    """Issue a new one-time password; the user's sessions end and they must change it."""
    issued = one_time_password()
    set_password(user, issued, must_change=True)
    sessions.end_all(session, user.id, "password reset by an administrator")
    user.touch(getattr(actor, "id", None))
    audit.record(
        session=session,
        action="user_password_reset",
        actor=actor,
        organization_id=user.organization_id,
        object_type="user",
        object_id=user.id,
    )
    session.commit()
    return issued


def end_user_sessions(*, session: Session, actor: User, user: User) -> int:
    """End every session of an account (a lost phone, a shared computer) and stop its calendar
    feed address; returns how many sessions ended."""
    ended = sessions.end_all(session, user.id, "ended by an administrator")
    feed = calendar_feed.forget(user)
    audit.record(
        session=session,
        action="user_sessions_ended",
        actor=actor,
        object_type="user",
        object_id=user.id,
        details={"sessions": ended, "calendar_feed_stopped": feed},
    )
    session.commit()
    return ended


def org_users(session: Session, organization_id: int) -> list[User]:
    """The accounts of one organization, by name."""
    return list(
        session.exec(
            select(User).where(User.organization_id == organization_id).order_by(User.display_name)
        ).all()
    )
