"""The audit trail service: record one event, verify the whole chain.

Each row carries HMAC-SHA256(AUDIT_KEY, previous hash + the row's own content). The key lives
outside the database, so someone who can edit the database cannot recompute a valid chain.
Appends are serialised by updating the single `audit_head` row first (a row lock on PostgreSQL,
the write lock on SQLite), which also remembers the tip so that deleting the newest rows shows.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from flask import current_app, has_request_context, request
from sqlalchemy import bindparam, insert, update
from sqlalchemy import event as sa_event
from sqlmodel import Session, select

from incidents.db import utcnow
from incidents.models import AuditEvent, AuditHead

# Keys that would carry personal data; details must describe, never copy, what changed.
FORBIDDEN_DETAIL_KEYS = {
    "name",
    "email",
    "password",
    "dob",
    "date_of_birth",
    "a_number",
    "phone",
    "address",
    "street",
    "narrative",
    "display_name",
    "alias",
    "aliases",
}
MAX_DETAILS_CHARS = 2000


def canonical_details(details: dict[str, Any] | None) -> str:
    """Serialise details canonically, refusing keys that would hold personal data."""
    details = details or {}
    bad = FORBIDDEN_DETAIL_KEYS.intersection(k.lower() for k in details)
    if bad:
        raise ValueError(f"audit details must not hold personal data: {sorted(bad)}")
    encoded = json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    if len(encoded) > MAX_DETAILS_CHARS:
        raise ValueError("audit details too large")
    return encoded


def compute_hash(key: bytes, event) -> str:
    """The chained HMAC of one event, over its previous hash and its own content."""
    content = json.dumps(
        [
            event.prev_hash,
            event.seq,
            event.occurred_at.isoformat(timespec="microseconds"),
            event.organization_id,
            event.actor_id,
            event.action,
            event.object_type,
            event.object_id,
            event.client_addr,
            event.details,
        ],
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hmac.new(key, content.encode("ascii"), hashlib.sha256).hexdigest()


def audit_key() -> bytes:
    """The HMAC key from configuration."""
    return current_app.config["AUDIT_KEY"].encode("utf-8")


def client_address() -> str | None:
    """The client's address for the current request, if any."""
    if has_request_context():
        return (request.remote_addr or "")[:45] or None
    return None


# Statements built once: SQLAlchemy then reuses their compiled form.
_HEAD = AuditHead.__table__
_ADVANCE_HEAD = (
    update(_HEAD)
    .where(_HEAD.c.id == 1)
    .values(seq=_HEAD.c.seq + 1)
    .returning(_HEAD.c.seq, _HEAD.c.last_hash)
)
_INSERT_EVENT = insert(AuditEvent.__table__)
_SET_TIP = (
    update(_HEAD).where(_HEAD.c.id == 1).values(last_hash=bindparam("tip"), seal=bindparam("seal"))
)
_EVENT_COLUMNS = [c.name for c in AuditEvent.__table__.columns if c.name != "id"]
# PostgreSQL: the event's INSERT rides with the head's UPDATE (a data-modifying WITH)
_APPEND_ONE = _SET_TIP.add_cte(
    insert(AuditEvent.__table__)
    .values({name: bindparam(f"e_{name}") for name in _EVENT_COLUMNS})
    .cte("appended")
)
GENESIS = "0" * 64
log = logging.getLogger(__name__)


def seal_of(key: bytes, seq: int, last_hash: str) -> str:
    """The head's seal: without the key nobody can move the head back after deleting rows."""
    return hmac.new(key, f"audit-head:{seq}:{last_hash}".encode(), hashlib.sha256).hexdigest()


def _outside_in_chain(session: Session) -> str | None:
    """The file of the sealed head kept outside the database, when this database still holds
    the head kept there (or none is kept yet); None, logged, when it does not. Asked once the
    head is locked, never before: on SQLite a view reads in a snapshot until its first write, and
    a head kept by a request that committed since is not in that snapshot (a false alarm, seen
    in review when several people worked at once)."""
    path = current_app.config["AUDIT_HEAD_FILE"]
    kept = read_outside(path)
    if kept is not None and not _in_chain(session, kept):
        log.error(
            "the database does not hold the sealed audit head kept outside it (event %s): "
            "it was restored from an older copy or rows were removed; run flask audit verify",
            kept["seq"],
        )
        return None
    return path


def _append(session: Session, rows: list[dict], key: bytes, seq: int, tip: str, path) -> None:
    """Insert the chained rows and set the head's tip and seal — on PostgreSQL in one statement,
    so that the head's row lock is held for as few round trips as can be. Once the transaction
    commits, a copy of the sealed head is kept outside the database (`keep_outside`) — but only
    when `path` is given: a database restored to an older copy never overwrites the evidence of
    its restoration, however many events it records since."""
    seal = seal_of(key, seq, tip)
    if len(rows) == 1 and session.get_bind().dialect.name == "postgresql":
        session.execute(
            _APPEND_ONE, {**{f"e_{k}": v for k, v in rows[0].items()}, "tip": tip, "seal": seal}
        )
    else:
        session.execute(_INSERT_EVENT, rows)
        session.execute(_SET_TIP, {"tip": tip, "seal": seal})
    if path is not None:
        session.info["audit_tip"] = (path, seq, tip, seal)


@sa_event.listens_for(Session, "after_commit")
def _after_commit(session) -> None:
    tip = session.info.pop("audit_tip", None)
    if tip is not None:
        keep_outside(*tip)


@sa_event.listens_for(Session, "after_rollback")
def _after_rollback(session) -> None:
    session.info.pop("audit_tip", None)


def read_outside(path: str) -> dict | None:
    """The sealed head kept outside the database, if any."""
    try:
        with open(path, encoding="utf-8") as handle:
            kept = json.load(handle)
        return kept if isinstance(kept, dict) and isinstance(kept.get("seq"), int) else None
    except (OSError, ValueError):
        return None


def keep_outside(path: str, seq: int, tip: str, seal: str) -> None:
    """Write the newest sealed head to a file outside the database (atomically; a later head
    is never replaced by an earlier one, except by a race between two commits, which leaves a
    slightly earlier head: still a lower bound). A database restored to an older state then
    shows. The commit has happened: a failure here is logged, never raised."""
    kept = read_outside(path)
    if kept is not None and kept["seq"] >= seq:
        return
    try:
        folder = os.path.dirname(path) or "."
        os.makedirs(folder, mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".audit-head.")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"seq": seq, "hash": tip, "seal": seal}, out)
        os.replace(temporary, path)
    except OSError as error:
        log.warning("the sealed audit head could not be kept outside the database: %s", error)


def record(
    *,
    session: Session,
    action: str,
    actor=None,
    organization_id: int | None = None,
    object_type: str | None = None,
    object_id: Any = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain in the caller's transaction (the caller commits).
    Returns the event as recorded (not attached to the session)."""
    details_text = canonical_details(details)
    if organization_id is None and actor is not None:
        organization_id = actor.organization_id
    head = session.execute(_ADVANCE_HEAD).one()
    path = _outside_in_chain(session)  # after the lock: a view's earlier read is over by then
    event = AuditEvent(
        seq=head.seq,
        occurred_at=utcnow(),
        organization_id=organization_id,
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        client_addr=client_address(),
        details=details_text,
        prev_hash=head.last_hash,
    )
    key = audit_key()
    event.hash = compute_hash(key, event)
    _append(session, [event.model_dump(exclude={"id"})], key, head.seq, event.hash, path)
    return event


_ADVANCE_HEAD_BY = (
    update(_HEAD)
    .where(_HEAD.c.id == 1)
    .values(seq=_HEAD.c.seq + bindparam("n"))
    .returning(_HEAD.c.seq, _HEAD.c.last_hash)
)


def record_many(
    *,
    session: Session,
    action: str,
    actor,
    organization_id: int | None,
    object_type: str,
    items: list[tuple[Any, dict]],
) -> None:
    """Append one event per (object id, details) in one go: the head advances once and the rows
    are inserted together, chained exactly as `record` would chain them one by one."""
    if not items:
        return
    head = session.execute(_ADVANCE_HEAD_BY, {"n": len(items)}).one()
    path = _outside_in_chain(session)
    key, now, address = audit_key(), utcnow(), client_address()
    previous, rows = head.last_hash, []
    for offset, (object_id, details) in enumerate(items):
        event = SimpleNamespace(
            seq=head.seq - len(items) + 1 + offset,
            occurred_at=now,
            organization_id=organization_id,
            actor_id=getattr(actor, "id", None),
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            client_addr=address,
            details=canonical_details(details),
            prev_hash=previous,
        )
        event.hash = previous = compute_hash(key, event)
        rows.append(vars(event))
    _append(session, rows, key, head.seq, previous, path)


@dataclass
class VerifyResult:
    """Outcome of a chain verification."""

    ok: bool
    checked: int
    problem: str | None = None
    bad_id: int | None = None


def verify_chain(
    *, session: Session, key: bytes, outside: str | None = None, batch: int = 5000
) -> VerifyResult:
    """Recompute every hash in sequence order; report the first row that breaks the chain, a
    head whose seal does not match (newest rows removed and the head moved back), or a chain
    older than the sealed head kept in the file `outside`."""
    prev_hash = "0" * 64
    expected_seq = 1
    checked = 0
    last_seen = 0
    while True:
        rows = session.exec(
            select(AuditEvent)
            .where(AuditEvent.seq > last_seen)
            .order_by(AuditEvent.seq)
            .limit(batch)
        ).all()
        if not rows:
            break
        for event in rows:
            if event.seq != expected_seq:
                return VerifyResult(
                    False, checked, f"sequence gap before seq {event.seq}", event.id
                )
            if event.prev_hash != prev_hash:
                return VerifyResult(False, checked, "previous-hash link broken", event.id)
            if not hmac.compare_digest(compute_hash(key, event), event.hash):
                return VerifyResult(False, checked, "content does not match its hash", event.id)
            prev_hash = event.hash
            expected_seq += 1
            checked += 1
            last_seen = event.seq
        session.expunge_all()
    head = session.get(AuditHead, 1)
    if head is None or head.seq != checked or head.last_hash != prev_hash:
        return VerifyResult(False, checked, "newest rows are missing (chain head does not match)")
    sealed = checked == 0 and head.last_hash == GENESIS and not head.seal
    if not sealed and not hmac.compare_digest(head.seal or "", seal_of(key, checked, prev_hash)):
        return VerifyResult(
            False, checked, "the chain head's seal does not match: rows were removed"
        )
    kept = read_outside(outside) if outside else None
    if kept is not None and (kept["seq"] > checked or not _in_chain(session, kept)):
        return VerifyResult(
            False,
            checked,
            f"the database is older than the sealed head kept outside it (event {kept['seq']}): "
            "it was restored from an earlier copy, or rows were removed",
        )
    return VerifyResult(True, checked)


def _in_chain(session: Session, kept: dict) -> bool:
    """The kept head's event is in the chain with the same hash."""
    if kept["seq"] == 0:
        return True
    found = session.exec(select(AuditEvent.hash).where(AuditEvent.seq == kept["seq"])).first()
    return found == kept.get("hash")


def record_read(*, session: Session, action: str, actor, **event) -> None:
    """Audit a read, a download or a page view in its own transaction: the service behind
    views that only read (views never commit)."""
    record(session=session, action=action, actor=actor, **event)
    session.commit()


VERIFIED_ACTION = "audit_verified"


def record_verification(
    *, session: Session, result: VerifyResult, actor=None, organization_id: int | None = None
) -> None:
    """Append the outcome of a verification made from the administrators' home page (whether
    the chain held, nothing else: it holds every organization's events), so that the page can
    show the last one without running it again. `flask audit verify` stays read-only: a
    verifier never writes to the trail it checks."""
    record(
        session=session,
        action=VERIFIED_ACTION,
        actor=actor,
        organization_id=organization_id,
        details={"ok": result.ok},
    )
    session.commit()


def last_verification(session: Session) -> tuple[Any, bool] | None:
    """(when, whether the chain held) of the last recorded verification, if any."""
    row = session.exec(
        select(AuditEvent.occurred_at, AuditEvent.details)
        .where(AuditEvent.action == VERIFIED_ACTION)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return row[0], bool(json.loads(row[1]).get("ok"))
