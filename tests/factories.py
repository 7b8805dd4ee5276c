"""Factory functions for test data (no shared seed data)."""

from __future__ import annotations

import itertools
import secrets

from sqlmodel import Session, select

from incidents.models import Organization, User
from incidents.passwords import hash_password

_counter = itertools.count(1)


def random_password() -> str:
    """A policy-compliant random password."""
    return "pw-" + secrets.token_urlsafe(18)


def get_org(session: Session, name: str = "Test Legal Aid") -> Organization:
    """The organization with this name, created if needed."""
    org = session.exec(select(Organization).where(Organization.name == name)).first()
    if org is None:
        org = Organization(name=name)
        session.add(org)
        session.commit()
    return org


def create_user(
    session: Session,
    *,
    role: str = "caseworker",
    org: str = "Test Legal Aid",
    email: str | None = None,
    display_name: str | None = None,
    password: str | None = None,
    must_change: bool = False,
    active: bool = True,
) -> tuple[User, str]:
    """An account; returns it with its clear-text password."""
    n = next(_counter)
    password = password or random_password()
    user = User(
        organization_id=get_org(session, org).id,
        email=email or f"{role}{n}@example.org",
        display_name=display_name or f"{role.title()} Person {n}",
        role=role,
        password_hash=hash_password(password),
        must_change_password=must_change,
        active=active,
    )
    session.add(user)
    session.commit()
    return user, password
