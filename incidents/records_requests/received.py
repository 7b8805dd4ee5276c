"""The records an agency released for a request: evidence items (kind "foia_record") of the
request's incidents, filed with the request by an evidence pin (`records_request_id`). Uploads,
pins and unpins go through the evidence services, so the bytes are kept exactly as received and
every step is in the item's custody log and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from incidents.evidence import custody
from incidents.evidence import services as evidence
from incidents.models import (
    CustodyEvent,
    Evidence,
    EvidenceFile,
    EvidencePin,
    Incident,
    RecordsRequest,
    User,
)

RECORD_KIND = "foia_record"


@dataclass(frozen=True)
class Received:
    """One item of records received, with its file, its pin and its custody log."""

    item: Evidence
    stored: EvidenceFile | None
    pin: EvidencePin
    events: list[CustodyEvent]
    chain_ok: bool


def received_items(session: Session, request_id: int, key: bytes) -> list[Received]:
    """The records received for a request (archived items left out), oldest pin first, each
    with its custody log checked against `key`."""
    rows = session.exec(
        select(EvidencePin, Evidence, EvidenceFile)
        .join(Evidence, Evidence.id == EvidencePin.evidence_id)
        .outerjoin(EvidenceFile, EvidenceFile.id == Evidence.file_id)
        .where(EvidencePin.records_request_id == request_id, Evidence.archived_at.is_(None))
        .order_by(EvidencePin.id)
    ).all()
    found = []
    for pin, item, stored in rows:
        events = custody.log(session, item.id)
        found.append(Received(item, stored, pin, events, custody.intact(item, events, key)))
    return found


def items_of_incident(session: Session, request_id: int, incident_id: int) -> list[int]:
    """Ids of the items filed with a request that belong to one incident (archived too)."""
    return list(
        session.exec(
            select(Evidence.id)
            .join(EvidencePin, EvidencePin.evidence_id == Evidence.id)
            .where(
                EvidencePin.records_request_id == request_id,
                Evidence.incident_id == incident_id,
            )
        ).all()
    )


def record_choices(
    session: Session, request_id: int, incidents: list[Incident]
) -> list[tuple[str, str]]:
    """Items of kind FOIA record of these incidents not yet filed with the request, as
    (id, label) choices."""
    if not incidents:
        return []
    filed = select(EvidencePin.evidence_id).where(EvidencePin.records_request_id == request_id)
    references = {i.id: i.reference for i in incidents}
    items = session.exec(
        select(Evidence)
        .where(
            Evidence.incident_id.in_(list(references)),
            Evidence.kind == RECORD_KIND,
            Evidence.archived_at.is_(None),
            Evidence.id.not_in(filed),
        )
        .order_by(Evidence.incident_id, Evidence.id)
    ).all()
    return [(str(e.id), f"{references[e.incident_id]}: {e.title}") for e in items]


def receive_records(
    *,
    session: Session,
    actor: User,
    request: RecordsRequest,
    incident: Incident,
    uploads: list[evidence.Upload],
    meta: evidence.EvidenceMeta,
) -> tuple[list[Evidence], list[str]]:
    """Store checked uploads as evidence of the incident (the evidence service: byte-exact,
    custody 'received', audited), then file each new item with the request (custody
    'pinned', audited). Returns the items and the evidence service's notices (a file already
    attached to the incident is not stored twice: link that item instead)."""
    if incident.organization_id != request.organization_id:
        raise ValueError("an incident of another organization")
    items, notices = evidence.store_uploads(
        session=session, actor=actor, incident=incident, uploads=uploads, meta=meta
    )
    for item in items:
        evidence.pin(
            session=session,
            actor=actor,
            item=item,
            target=("records_request", request.id),
            locator=None,
        )
    return items, notices


def link_record(*, session: Session, actor: User, request: RecordsRequest, item: Evidence) -> bool:
    """File an existing item with the request as records received (custody 'pinned',
    audited); False (nothing written) when it already is."""
    if item.organization_id != request.organization_id:
        raise ValueError("an item of another organization")
    pinned = evidence.pin(
        session=session,
        actor=actor,
        item=item,
        target=("records_request", request.id),
        locator=None,
    )
    return pinned is not None


def unlink_record(*, session: Session, actor: User, request: RecordsRequest, pin_id: int) -> bool:
    """Take an item off the request's records received (custody 'unpinned', audited; the
    item stays in the evidence locker); False when no such pin of this request exists."""
    pin_row = session.get(EvidencePin, pin_id)
    if pin_row is None or pin_row.records_request_id != request.id:
        return False
    item = session.get(Evidence, pin_row.evidence_id)
    evidence.unpin(session=session, actor=actor, item=item, pin_row=pin_row)
    return True
