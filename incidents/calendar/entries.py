"""Every dated thing the team must act on, from one place: deadlines of legal actions (computed
or entered) and due dates of records requests. The calendar page, the feed and the dashboards
read `entries`; each entry carries only what the feed may expose (a reference and a kind) plus
what the signed-in pages show beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_
from sqlmodel import Session, select

from incidents.models import Deadline, Incident, RecordsRequest, RecordsRequestIncident
from incidents.vocab import DEADLINE_KIND, RECORDS_REQUEST_KIND, RECORDS_REQUEST_OPEN


@dataclass(frozen=True)
class Entry:
    """One date to act on."""

    due_on: date
    source: str  # "deadline" or "records_request"
    object_id: int
    kind: str  # a DEADLINE_KIND code, or "records_request:<kind>"
    label: str  # the kind's label: no names, no free text
    references: tuple[str, ...]  # incident references it concerns
    incident_ids: tuple[int, ...]
    computed: bool

    def overdue(self, today: date) -> bool:
        """Whether the date has passed."""
        return self.due_on < today


def _mine(user) -> object:
    return or_(Incident.assigned_caseworker_id == user.id, Incident.assigned_lawyer_id == user.id)


def entries(
    session: Session,
    organization_id: int,
    *,
    until: date,
    since: date | None = None,
    user=None,
) -> list[Entry]:
    """Open deadlines (not done) and due dates of requests still waiting for the agency, of an
    organization's incidents that are not archived, due on or before `until` (and on or after
    `since` when given), earliest first. With `user`: only incidents assigned to that user."""
    found = _deadlines(session, organization_id, since, until, user)
    found += _requests(session, organization_id, since, until, user)
    return sorted(found, key=lambda e: (e.due_on, e.label, e.references))


def _deadlines(session, organization_id, since, until, user) -> list[Entry]:
    stmt = (
        select(Deadline.id, Deadline.due_on, Deadline.kind, Deadline.computed, Incident)
        .join(Incident, Incident.id == Deadline.incident_id)
        .where(
            Deadline.organization_id == organization_id,
            Deadline.done_on.is_(None),
            Deadline.due_on <= until,
            Incident.archived_at.is_(None),
        )
    )
    if since is not None:
        stmt = stmt.where(Deadline.due_on >= since)
    if user is not None:
        stmt = stmt.where(_mine(user))
    return [
        Entry(due, "deadline", id_, kind, DEADLINE_KIND.label(kind), (i.reference,), (i.id,), c)
        for id_, due, kind, c, i in session.exec(stmt)
    ]


def _requests(session, organization_id, since, until, user) -> list[Entry]:
    stmt = select(RecordsRequest).where(
        RecordsRequest.organization_id == organization_id,
        RecordsRequest.archived_at.is_(None),
        RecordsRequest.status.in_(RECORDS_REQUEST_OPEN),
        RecordsRequest.due_on.is_not(None),
        RecordsRequest.due_on <= until,
    )
    if since is not None:
        stmt = stmt.where(RecordsRequest.due_on >= since)
    requests = session.exec(stmt).all()
    if not requests:
        return []
    links: dict[int, list[Incident]] = {r.id: [] for r in requests}
    linked = select(RecordsRequestIncident.records_request_id, Incident).join(
        Incident, Incident.id == RecordsRequestIncident.incident_id
    )
    linked = linked.where(RecordsRequestIncident.records_request_id.in_(links))
    for request_id, incident in session.exec(linked):
        if incident.archived_at is None:
            links[request_id].append(incident)
    found = []
    for request in requests:
        incidents = sorted(links[request.id], key=lambda i: i.reference)
        if user is not None and not any(
            user.id in (i.assigned_caseworker_id, i.assigned_lawyer_id) for i in incidents
        ):
            continue
        found.append(
            Entry(
                request.due_on,
                "records_request",
                request.id,
                f"records_request:{request.kind}",
                f"{RECORDS_REQUEST_KIND.label(request.kind)}: answer due",
                tuple(i.reference for i in incidents),
                tuple(i.id for i in incidents),
                request.due_rule == "foia",
            )
        )
    return found
