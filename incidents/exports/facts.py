"""Research facts, stored: one row of coded level-0 values per incident, refreshed by the
services after every change that affects them, so that an export or an aggregate table is a
single query over one narrow table instead of a join over eight."""

from __future__ import annotations

from sqlalchemy import func, true
from sqlmodel import Session, select

from incidents.models import Incident, Organization, ResearchFacts
from incidents.records.research import refresh


def fill_missing(session: Session, organization_ids: list[int]) -> int:
    """Store the facts of these organizations' incidents that have none yet (incidents recorded
    before facts existed); returns how many were filled. When nothing is missing this costs two
    index counts: facts belong to an incident of the same organization, so equal counts mean
    every incident has its facts."""
    facts = session.exec(
        select(func.count()).where(ResearchFacts.organization_id.in_(organization_ids))
    ).one()
    incidents = session.exec(
        select(func.count()).where(Incident.organization_id.in_(organization_ids))
    ).one()
    if facts == incidents:
        return 0
    missing = session.exec(
        select(Incident.id)
        .outerjoin(ResearchFacts, ResearchFacts.incident_id == Incident.id)
        .where(Incident.organization_id.in_(organization_ids), ResearchFacts.incident_id.is_(None))
    ).all()
    refresh(session, missing)
    return len(missing)


def eligible_organizations(session: Session, organization_id: int | None) -> list[int]:
    """The researcher's organization (if any) and every organization that shares with others."""
    sharing = set(
        session.exec(
            select(Organization.id).where(Organization.share_with_researchers.is_(True))
        ).all()
    )
    if organization_id is not None:
        sharing.add(organization_id)
    return sorted(sharing)


def eligible(organization_ids: list[int], *columns):
    """SELECT these columns of the facts of consented, not archived incidents of these
    organizations (stored with the facts: no join)."""
    return (
        select(*columns)
        .select_from(ResearchFacts)
        .where(
            ResearchFacts.organization_id.in_(organization_ids),
            ResearchFacts.eligible == true(),
        )
    )
