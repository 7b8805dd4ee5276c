"""Read-only queries of records requests, always within the signed-in user's organization."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask import abort
from flask_login import current_user
from sqlmodel import Session, select

from incidents.models import Agency, Incident, RecordsRequest, RecordsRequestIncident
from incidents.pagination import Page, paginate
from incidents.vocab import RECORDS_REQUEST_OPEN
from incidents.vocab.agencies import shown_agency_name

PER_PAGE = 50


def is_overdue(request: RecordsRequest, today: date) -> bool:
    """The due date has passed while the request still waits for the agency (sent,
    acknowledged or partly answered)."""
    return (
        request.due_on is not None
        and request.due_on < today
        and request.status in RECORDS_REQUEST_OPEN
    )


def request_or_404(session: Session, request_id: int, *, archived_ok: bool = False):
    """A request of the user's organization (an archived one only where allowed, and only to
    an administrator), else 404."""
    request = session.get(RecordsRequest, request_id)
    if request is None or request.organization_id != current_user.organization_id:
        abort(404)
    if request.archived_at is not None and not (archived_ok and current_user.role == "admin"):
        abort(404)
    return request


def incident_in_org_or_404(session: Session, incident_id: int) -> Incident:
    """An incident of the user's organization that is not archived, by id, else 404."""
    incident = session.get(Incident, incident_id)
    if (
        incident is None
        or incident.organization_id != current_user.organization_id
        or incident.archived_at is not None
    ):
        abort(404)
    return incident


def linked_incidents(session: Session, request_id: int) -> list[Incident]:
    """The incidents a request concerns (archived ones too), by reference."""
    return list(
        session.exec(
            select(Incident)
            .join(RecordsRequestIncident, RecordsRequestIncident.incident_id == Incident.id)
            .where(RecordsRequestIncident.records_request_id == request_id)
            .order_by(Incident.reference)
        ).all()
    )


def references_by_request(session: Session, request_ids: list[int]) -> dict[int, list[str]]:
    """Request id → the references of its incidents (one query)."""
    found: dict[int, list[str]] = defaultdict(list)
    if request_ids:
        for request_id, reference in session.exec(
            select(RecordsRequestIncident.records_request_id, Incident.reference)
            .join(Incident, Incident.id == RecordsRequestIncident.incident_id)
            .where(RecordsRequestIncident.records_request_id.in_(request_ids))
            .order_by(Incident.reference)
        ):
            found[request_id].append(reference)
    return found


def agency_names(session: Session, agency_ids) -> dict[int, str]:
    """Agency id → name as the page shows it (a shared agency's generic name translated)."""
    wanted = {i for i in agency_ids if i}
    if not wanted:
        return {}
    found = session.exec(
        select(Agency.id, Agency.name, Agency.organization_id).where(Agency.id.in_(wanted))
    )
    return {i: shown_agency_name(name, organization_id) for i, name, organization_id in found}


def requests_page(
    session: Session, organization_id: int, *, filters: dict, page: int, today: date
) -> Page:
    """One page of the organization's requests, earliest due date first (those without one
    last), newest first among equals. Filters: status, kind, overdue, archived."""
    stmt = select(RecordsRequest).where(RecordsRequest.organization_id == organization_id)
    if filters.get("archived"):
        stmt = stmt.where(RecordsRequest.archived_at.is_not(None))
    else:
        stmt = stmt.where(RecordsRequest.archived_at.is_(None))
    if filters.get("status"):
        stmt = stmt.where(RecordsRequest.status == filters["status"])
    if filters.get("kind"):
        stmt = stmt.where(RecordsRequest.kind == filters["kind"])
    if filters.get("overdue"):
        stmt = stmt.where(
            RecordsRequest.due_on < today, RecordsRequest.status.in_(RECORDS_REQUEST_OPEN)
        )
    stmt = stmt.order_by(
        RecordsRequest.due_on.is_(None),
        RecordsRequest.due_on,
        RecordsRequest.sent_on.desc(),
        RecordsRequest.id.desc(),
    )
    return paginate(session, stmt, page=page, per_page=PER_PAGE)


def requests_of_incident(session: Session, incident: Incident) -> list[RecordsRequest]:
    """The requests (not archived) about one incident of the user's organization, newest
    first."""
    if incident.organization_id != current_user.organization_id:
        return []
    return list(
        session.exec(
            select(RecordsRequest)
            .join(
                RecordsRequestIncident,
                RecordsRequestIncident.records_request_id == RecordsRequest.id,
            )
            .where(
                RecordsRequestIncident.incident_id == incident.id,
                RecordsRequest.organization_id == incident.organization_id,
                RecordsRequest.archived_at.is_(None),
            )
            .order_by(RecordsRequest.sent_on.desc(), RecordsRequest.id.desc())
        ).all()
    )


def agency_levels(session: Session, organization_id: int) -> dict[str, str]:
    """Agency id (as the form sends it) → level ("unknown" for the unknown agency), for the
    shared agencies and the organization's own."""
    rows = session.exec(
        select(Agency.id, Agency.level, Agency.code).where(
            (Agency.organization_id.is_(None)) | (Agency.organization_id == organization_id)
        )
    ).all()
    # "Unknown agency" is filed as federal for research counts, but no request can go to it
    return {str(i): "unknown" if code == "unknown" else level for i, level, code in rows}
