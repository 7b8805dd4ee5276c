"""Chain of custody: one append-only, HMAC-chained log per evidence item."""

from __future__ import annotations

import hashlib
import hmac
import json

from sqlalchemy import update
from sqlmodel import Session, select

from incidents.audit import audit_key
from incidents.db import utcnow
from incidents.i18n import N_
from incidents.models import CustodyEvent, Evidence

GENESIS = "0" * 64
ACTIONS = {  # English in the log; `custody_words` shows them in the reader's language
    "received": N_("Received"),
    "viewed": N_("Viewed"),
    "download_started": N_("Download started"),
    "downloaded": N_("Downloaded"),
    "download_interrupted": N_("Download interrupted"),
    "verified": N_("Verified"),
    "verify_failed": N_("Verification failed"),
    "altered_detected": N_("Alteration detected"),
    "missing_detected": N_("File missing"),
    "included_in_dossier": N_("Included in a dossier"),
    "included_in_export": N_("Included in an export"),
    "metadata_edited": N_("Description edited"),
    "pinned": N_("Pinned"),
    "unpinned": N_("Unpinned"),
    "archived": N_("Archived"),
    "restored": N_("Restored"),
    "redacted_copy_made": N_("Redacted copy made"),
    "redacted_copy_created": N_("Created as a redacted copy"),
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
    head = session.exec(
        select(Evidence.custody_seq, Evidence.custody_tip, Evidence.custody_seal)
        .where(Evidence.id == evidence.id)
        .with_for_update()
    ).one()
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
    key = audit_key()
    event.entry_hash = entry_hash(key, event)
    head_ok = _head_matches(session, key, evidence.id, head, last)
    session.add(event)
    session.flush()
    if head_ok:  # never seal over a log whose newest entries were removed
        _seal_head(session, key, evidence.id, event.seq, event.entry_hash)
    return event


def _head_matches(session: Session, key: bytes, evidence_id: int, head, last) -> bool:
    """Whether the sealed head still names the log's last entry (a log recorded before seals
    existed: whether its chain is intact)."""
    if head.custody_seq == -1:
        return chain_intact(log(session, evidence_id), key)
    if last is None:  # a new item: its first entry is about to be written
        return head.custody_seq == 0
    seq, tip = last.seq, last.entry_hash
    return (
        head.custody_seq == seq
        and head.custody_tip == tip
        and hmac.compare_digest(head.custody_seal, head_seal(key, evidence_id, seq, tip))
    )


def head_seal(key: bytes, evidence_id: int, seq: int, tip: str) -> str:
    """An item's custody head seal: without the key nobody can move the head back."""
    content = f"custody-head:{evidence_id}:{seq}:{tip}".encode()
    return hmac.new(key, content, hashlib.sha256).hexdigest()


def _seal_head(session: Session, key: bytes, evidence_id: int, seq: int, tip: str) -> None:
    session.execute(
        update(Evidence)
        .where(Evidence.id == evidence_id)
        .values(
            custody_seq=seq, custody_tip=tip, custody_seal=head_seal(key, evidence_id, seq, tip)
        )
    )


def intact(item: Evidence, events: list[CustodyEvent], key: bytes) -> bool:
    """The chain is unbroken and ends where the item's sealed head says (no newest entries
    removed). A log recorded before heads were sealed is not intact until `flask evidence
    verify` has checked and sealed it."""
    if not chain_intact(events, key) or item.custody_seq != len(events):
        return False
    tip = events[-1].entry_hash if events else GENESIS
    expected = head_seal(key, item.id, item.custody_seq, tip)
    return item.custody_tip == tip and hmac.compare_digest(item.custody_seal, expected)


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
