"""Chain of custody: one append-only, HMAC-chained log per evidence item."""

from __future__ import annotations

import hashlib
import hmac
import json

from sqlmodel import Session, select

from incidents.audit import audit_key
from incidents.db import utcnow
from incidents.models import CustodyEvent, Evidence

GENESIS = "0" * 64
ACTIONS = {
    "received": "Received",
    "viewed": "Viewed",
    "download_started": "Download started",
    "downloaded": "Downloaded",
    "download_interrupted": "Download interrupted",
    "verified": "Verified",
    "verify_failed": "Verification failed",
    "altered_detected": "Alteration detected",
    "missing_detected": "File missing",
    "included_in_dossier": "Included in a dossier",
    "included_in_export": "Included in an export",
    "metadata_edited": "Description edited",
    "pinned": "Pinned",
    "unpinned": "Unpinned",
    "archived": "Archived",
    "restored": "Restored",
}


def entry_hash(key: bytes, event: CustodyEvent) -> str:
    """HMAC-SHA256 over the previous entry's hash and this entry's content."""
    content = json.dumps(
        [
            event.prev_hash,
            event.evidence_id,
            event.seq,
            event.action,
            event.actor_id,
            event.occurred_at.isoformat(timespec="microseconds"),
            event.sha256,
            event.hash_source,
            event.detail,
        ],
        separators=(",", ":"),
    )
    return hmac.new(key, content.encode(), hashlib.sha256).hexdigest()


def append(
    *,
    session: Session,
    evidence: Evidence,
    action: str,
    actor=None,
    sha256: str | None = None,
    hash_source: str = "computed",
    detail: str | None = None,
) -> CustodyEvent:
    """Add an entry to an item's log in the caller's transaction (the caller commits). The
    item's row is locked first so that two appends cannot fork the chain (PostgreSQL)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown custody action {action}")
    session.exec(select(Evidence.id).where(Evidence.id == evidence.id).with_for_update()).one()
    last = session.exec(
        select(CustodyEvent)
        .where(CustodyEvent.evidence_id == evidence.id)
        .order_by(CustodyEvent.seq.desc())
        .limit(1)
    ).first()
    event = CustodyEvent(
        evidence_id=evidence.id,
        seq=(last.seq + 1) if last else 1,
        action=action,
        actor_id=getattr(actor, "id", None),
        occurred_at=utcnow(),
        sha256=sha256,
        hash_source=hash_source,
        detail=detail,
        prev_hash=last.entry_hash if last else GENESIS,
        entry_hash="",
    )
    event.entry_hash = entry_hash(audit_key(), event)
    session.add(event)
    session.flush()
    return event


def log(session: Session, evidence_id: int) -> list[CustodyEvent]:
    """An item's custody log, oldest first."""
    return list(
        session.exec(
            select(CustodyEvent)
            .where(CustodyEvent.evidence_id == evidence_id)
            .order_by(CustodyEvent.seq)
        ).all()
    )


def chain_intact(events: list[CustodyEvent], key: bytes) -> bool:
    """Whether the entries form an unbroken chain."""
    previous = GENESIS
    for expected_seq, event in enumerate(events, start=1):
        if event.seq != expected_seq or event.prev_hash != previous:
            return False
        if not hmac.compare_digest(entry_hash(key, event), event.entry_hash):
            return False
        previous = event.entry_hash
    return True
