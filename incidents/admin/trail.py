"""Queries behind the audit-trail pages (read-only): the organization's events, filtered by
person, kind of action, dates and object; the object filter takes a case reference (the case
and what hangs off it) or a code such as `user:12`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import String, and_, cast, false, or_
from sqlmodel import Session, select

from incidents.admin.trail_refs import RESOLVERS
from incidents.models import (
    AuditEvent,
    AuditHead,
    Deadline,
    Evidence,
    Incident,
    IncidentPerson,
    LegalAction,
    RecordsRequestIncident,
    User,
)
from incidents.pagination import Page, paginate
from incidents.records.references import PATTERN as REFERENCE

PER_PAGE = 50
EXPORT_BATCH = 1000
OBJECT_CODE = re.compile(r"^([a-z_]{2,40}):(\d{1,18})$")
# what hangs off a case: (object type, its ids as the trail stores them, for one incident id)
CHILDREN = (
    ("evidence", Evidence.id, Evidence.incident_id),
    ("legal_action", LegalAction.id, LegalAction.incident_id),
    ("deadline", Deadline.id, Deadline.incident_id),
    ("person", IncidentPerson.person_id, IncidentPerson.incident_id),
    (
        "records_request",
        RecordsRequestIncident.records_request_id,
        RecordsRequestIncident.incident_id,
    ),
)


@dataclass(frozen=True)
class Filters:
    """A trail's filters: codes only (ids, action codes, dates, a case reference)."""

    actor: int | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    object: str | None = None  # "ABC-2025-0042" or "user:12"

    def args(self) -> dict[str, str]:
        """The filters as a query string's arguments (the pager's and the export's)."""
        found = {
            "actor": self.actor,
            "action": self.action,
            "date_from": self.date_from and self.date_from.isoformat(),
            "date_to": self.date_to and self.date_to.isoformat(),
            "object": self.object,
        }
        return {k: str(v) for k, v in found.items() if v}

    def details(self) -> dict:
        """The filters as audit details (the export's event)."""
        found = {
            "actor": self.actor,
            "action": self.action,
            "from": self.date_from and self.date_from.isoformat(),
            "to": self.date_to and self.date_to.isoformat(),
            "object": self.object,
        }
        return {k: v for k, v in found.items() if v}


def object_code(text: str | None) -> str | None:
    """A valid object filter, normalized (references upper case), or None."""
    text = (text or "").strip()
    if REFERENCE.match(text.upper()):
        return text.upper()
    match = OBJECT_CODE.match(text)
    return text if match and match.group(1) in RESOLVERS else None


def find_case(session: Session, organization_id: int, reference: str) -> int | None:
    """The id of the organization's incident with this reference (archived or not)."""
    return session.exec(
        select(Incident.id).where(
            Incident.organization_id == organization_id, Incident.reference == reference
        )
    ).first()


def _object_condition(session: Session, organization_id: int, code: str):
    match = OBJECT_CODE.match(code)
    if match:
        return and_(
            AuditEvent.object_type == match.group(1), AuditEvent.object_id == match.group(2)
        )
    incident_id = find_case(session, organization_id, code)
    if incident_id is None:
        return false()
    found = [and_(AuditEvent.object_type == "incident", AuditEvent.object_id == str(incident_id))]
    for kind, id_column, incident_column in CHILDREN:
        ids = select(cast(id_column, String)).where(incident_column == incident_id)
        found.append(and_(AuditEvent.object_type == kind, AuditEvent.object_id.in_(ids)))
    return or_(*found)


# what the export reads of an event: plain rows, so the session keeps none of them
EXPORT_COLUMNS = (
    AuditEvent.seq,
    AuditEvent.occurred_at,
    AuditEvent.actor_id,
    AuditEvent.action,
    AuditEvent.object_type,
    AuditEvent.object_id,
    AuditEvent.client_addr,
    AuditEvent.details,
)


def filtered(session: Session, organization_id: int, filters: Filters, columns=(AuditEvent,)):
    """The select() of an organization's events matching the filters (unordered)."""
    stmt = select(*columns).where(AuditEvent.organization_id == organization_id)
    if filters.action:
        stmt = stmt.where(AuditEvent.action == filters.action)
    if filters.actor:
        stmt = stmt.where(AuditEvent.actor_id == filters.actor)
    if filters.date_from:
        stmt = stmt.where(
            AuditEvent.occurred_at >= datetime.combine(filters.date_from, time(), UTC)
        )
    if filters.date_to:
        end = datetime.combine(filters.date_to, time(), UTC) + timedelta(days=1)
        stmt = stmt.where(AuditEvent.occurred_at < end)
    if filters.object:
        stmt = stmt.where(_object_condition(session, organization_id, filters.object))
    return stmt


def audit_page(*, session: Session, organization_id: int, filters: Filters, page: int) -> Page:
    """One page of an organization's audit events, newest first, filtered."""
    stmt = filtered(session, organization_id, filters).order_by(AuditEvent.seq.desc())
    return paginate(session, stmt, page=page, per_page=PER_PAGE)


def export_batches(*, session: Session, organization_id: int, filters: Filters) -> Iterator[list]:
    """The filtered events oldest first as plain rows, a batch at a time (each batch a query
    of its own, so memory does not grow with the trail), up to the chain's tip when the
    export began."""
    tip = session.exec(select(AuditHead.seq).where(AuditHead.id == 1)).one()
    stmt = filtered(session, organization_id, filters, EXPORT_COLUMNS).where(AuditEvent.seq <= tip)
    last = 0
    while True:
        batch = list(
            session.exec(
                stmt.where(AuditEvent.seq > last).order_by(AuditEvent.seq).limit(EXPORT_BATCH)
            ).all()
        )
        if not batch:
            return
        yield batch
        last = batch[-1].seq


def user_names(session: Session, organization_id: int) -> dict[int, str]:
    """Display names of an organization's users by id."""
    rows = session.exec(
        select(User.id, User.display_name).where(User.organization_id == organization_id)
    )
    return dict(rows.all())
