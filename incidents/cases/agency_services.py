"""An organization's own agencies."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from incidents import audit
from incidents.models import Agency, User


def add_agency(
    *, session: Session, actor: User, name: str, level: str, state: str | None
) -> Agency:
    """Add an agency to the actor's organization (code derived from the name, unique)."""
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:30] or "agency"
    code, n = base, 1
    taken = set(
        session.exec(
            select(Agency.code).where(Agency.organization_id == actor.organization_id)
        ).all()
    )
    while code in taken:
        n += 1
        code = f"{base}_{n}"
    agency = Agency(
        organization_id=actor.organization_id, code=code, name=name, level=level, state=state
    )
    session.add(agency)
    session.flush()
    audit.record(
        session=session,
        action="agency_added",
        actor=actor,
        object_type="agency",
        object_id=agency.id,
    )
    session.commit()
    return agency
