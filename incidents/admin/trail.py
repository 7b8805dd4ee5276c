"""Queries behind the audit-trail pages (read-only)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlmodel import Session, select

from incidents.models import AuditEvent, User
from incidents.pagination import Page, paginate

PER_PAGE = 50


def audit_page(*, session: Session, organization_id: int, filters: dict, page: int) -> Page:
    """One page of an organization's audit events, newest first, filtered."""
    stmt = select(AuditEvent).where(AuditEvent.organization_id == organization_id)
    if filters.get("action"):
        stmt = stmt.where(AuditEvent.action == filters["action"])
    if filters.get("actor"):
        stmt = stmt.where(AuditEvent.actor_id == int(filters["actor"]))
    if filters.get("object_type"):
        stmt = stmt.where(AuditEvent.object_type == filters["object_type"])
    if filters.get("date_from"):
        stmt = stmt.where(
            AuditEvent.occurred_at >= datetime.combine(filters["date_from"], time(), UTC)
        )
    if filters.get("date_to"):
        end = datetime.combine(filters["date_to"], time(), UTC) + timedelta(days=1)
        stmt = stmt.where(AuditEvent.occurred_at < end)
    return paginate(session, stmt.order_by(AuditEvent.seq.desc()), page=page, per_page=PER_PAGE)


def audit_actions(session: Session, organization_id: int) -> list[str]:
    """The distinct actions recorded for an organization, for the filter menu."""
    return sorted(
        session.exec(
            select(AuditEvent.action)
            .where(AuditEvent.organization_id == organization_id)
            .distinct()
        ).all()
    )


def user_names(session: Session, organization_id: int) -> dict[int, str]:
    """Display names of an organization's users by id."""
    rows = session.exec(
        select(User.id, User.display_name).where(User.organization_id == organization_id)
    )
    return dict(rows.all())
