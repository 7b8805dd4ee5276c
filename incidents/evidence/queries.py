"""Read-only queries and labels for evidence pages."""

from __future__ import annotations

from collections import defaultdict

from flask import abort
from flask_login import current_user
from sqlmodel import Session, select

from incidents.i18n import gettext, translate_label
from incidents.models import Evidence, EvidenceFile, EvidencePin
from incidents.vocab import FRT_SYSTEM, ID_DOCUMENT, PAPERWORK, TIMELINE_KIND


def evidence_or_404(session: Session, evidence_id: int, *, archived_ok: bool = False):
    """An item of the user's organization (archived ones only where allowed), with its file."""
    item = session.get(Evidence, evidence_id)
    if item is None or item.organization_id != current_user.organization_id:
        abort(404)
    if item.archived_at is not None and not (archived_ok and current_user.role == "admin"):
        abort(404)
    stored = session.get(EvidenceFile, item.file_id) if item.file_id else None
    return item, stored


def incident_items(session: Session, incident_id: int, *, archived: bool = False):
    """(item, file) pairs of an incident, newest first (one query)."""
    condition = Evidence.archived_at.is_not(None) if archived else Evidence.archived_at.is_(None)
    return session.exec(
        select(Evidence, EvidenceFile)
        .outerjoin(EvidenceFile, EvidenceFile.id == Evidence.file_id)
        .where(Evidence.incident_id == incident_id, condition)
        .order_by(Evidence.created_at.desc(), Evidence.id.desc())
    ).all()


def pins_by_item(session: Session, item_ids: list[int]) -> dict[int, list[EvidencePin]]:
    """Pins of several items (one query)."""
    found = defaultdict(list)
    if item_ids:
        for pin in session.exec(
            select(EvidencePin)
            .where(EvidencePin.evidence_id.in_(item_ids))
            .order_by(EvidencePin.id)
        ).all():
            found[pin.evidence_id].append(pin)
    return found


def pin_targets(bundle) -> list[tuple[str, str]]:
    """What evidence of this incident can be pinned to, as (value, label in the reader's
    language): timeline events, FRT uses, documents presented and paperwork (a copy of the
    document in the locker)."""
    targets = []
    for n, event in enumerate(bundle.timeline, start=1):
        kind = translate_label(TIMELINE_KIND.label(event.kind))
        when = event.starts_at.strftime("%Y-%m-%d %H:%M")
        said = gettext("Timeline %(n)s: %(kind)s, %(when)s", n=n, kind=kind, when=when)
        targets.append((f"timeline:{event.id}", said))
    for n, use in enumerate(bundle.frt_uses, start=1):
        system = translate_label(FRT_SYSTEM.label(use.system))
        targets.append((f"frt:{use.id}", gettext("FRT use %(n)s: %(system)s", n=n, system=system)))
    for n, document in enumerate(bundle.documents, start=1):
        kind = translate_label(ID_DOCUMENT.label(document.document_type))
        targets.append(
            (f"document:{document.id}", gettext("Document %(n)s: %(kind)s", n=n, kind=kind))
        )
    for n, paper in enumerate(bundle.paperwork, start=1):
        kind = translate_label(PAPERWORK.label(paper.kind))
        targets.append(
            (f"paperwork:{paper.id}", gettext("Paperwork %(n)s: %(kind)s", n=n, kind=kind))
        )
    return targets


def pin_key(pin: EvidencePin) -> str:
    """The target value of a pin, as in pin_targets."""
    if pin.timeline_event_id:
        return f"timeline:{pin.timeline_event_id}"
    if pin.frt_use_id:
        return f"frt:{pin.frt_use_id}"
    if pin.paperwork_id:
        return f"paperwork:{pin.paperwork_id}"
    if pin.legal_action_id:
        return f"legal_action:{pin.legal_action_id}"
    if pin.records_request_id:
        return f"records_request:{pin.records_request_id}"
    return f"document:{pin.document_id}"


def filing_labels(pins: dict[int, list[EvidencePin]]) -> dict[str, str]:
    """Labels of the pins (as pins_by_item gives them) that file an item with a records
    request as records received: they name no part of the incident."""
    return {
        pin_key(pin): gettext(
            "Records received for records request #%(id)s", id=pin.records_request_id
        )
        for item_pins in pins.values()
        for pin in item_pins
        if pin.records_request_id
    }


def paperwork_copies(items, pins: dict[int, list[EvidencePin]]) -> dict[int, list[Evidence]]:
    """Paperwork row id → the items (of `items`, (item, file) pairs) pinned to it: its copies in
    the evidence locker. `pins` as pins_by_item gives them."""
    found = defaultdict(list)
    for item, _ in items:
        for pin in pins.get(item.id, ()):
            if pin.paperwork_id and item not in found[pin.paperwork_id]:
                found[pin.paperwork_id].append(item)
    return found
