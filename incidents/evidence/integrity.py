"""Integrity of stored evidence: checks before and while a download streams, and the
verification of every stored file (`flask evidence verify`)."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from incidents import audit
from incidents.db import utcnow
from incidents.evidence import custody, storage
from incidents.evidence.stores import StoredReader
from incidents.i18n import gettext
from incidents.models import Evidence, EvidenceFile
from incidents.problems import UserError


class IntegrityProblem(UserError):
    """The stored file is missing or no longer matches its recorded hash."""

    status = 410

    def __init__(self, kind: str):
        super().__init__(
            gettext("This file is missing: it was not delivered, and the custody log says so.")
            if kind == "missing"
            else gettext("This file is altered: it was not delivered, and the custody log says so.")
        )
        self.kind = kind  # "missing" or "altered"


def flag(
    *, session: Session, stored: EvidenceFile, kind: str, actor=None, observed: str | None = None
) -> None:
    """Mark a stored file missing or altered and say so in each item's custody log."""
    stored.integrity = kind
    action = "missing_detected" if kind == "missing" else "altered_detected"
    for item in session.exec(select(Evidence).where(Evidence.file_id == stored.id)).all():
        custody.append(
            session=session,
            evidence=item,
            action=action,
            actor=actor,
            sha256=observed,
            hash_source="computed" if observed else "none",
        )
    audit.record(
        session=session,
        action=f"evidence_{kind}",
        actor=actor,
        organization_id=stored.organization_id,
        object_type="evidence_file",
        object_id=stored.id,
    )
    session.commit()


def open_checked(*, session: Session, stored: EvidenceFile, actor) -> StoredReader:
    """The stored file opened for reading if it is present and of the recorded size; flags it
    missing or altered otherwise (IntegrityProblem). The caller closes the reader."""
    try:
        reader = storage.store().open(stored.stored_name)
    except FileNotFoundError:
        flag(session=session, stored=stored, kind="missing", actor=actor)
        raise IntegrityProblem("missing") from None
    if reader.size != stored.size_bytes:
        reader.close()
        flag(session=session, stored=stored, kind="altered", actor=actor)
        raise IntegrityProblem("altered")
    return reader


@contextmanager
def working_copy(*, session: Session, stored: EvidenceFile, actor, verify: bool) -> Iterator[Path]:
    """A local file holding the stored bytes, for tools that need a path (Pillow, OpenCV).
    The filesystem store gives its own file (re-hashed first when `verify`); any other store's
    bytes are copied to a scratch file under EVIDENCE_DIR/tmp, hashed on the way, and removed
    afterwards. A missing or altered file is flagged and IntegrityProblem raised."""
    reader = open_checked(session=session, stored=stored, actor=actor)
    local = storage.store().local_path(stored.stored_name)
    scratch = None if local is not None else storage.scratch_path("working")
    try:
        if local is None or verify:
            observed = _read_all(reader, scratch)
            if observed != stored.sha256:
                flag(session=session, stored=stored, kind="altered", actor=actor, observed=observed)
                raise IntegrityProblem("altered")
        reader.close()
        yield local or scratch
    finally:
        reader.close()
        if scratch is not None:
            scratch.unlink(missing_ok=True)


def _read_all(reader: StoredReader, copy_to: Path | None = None) -> str:
    """The SHA-256 of every byte of `reader`, written on the way to `copy_to` (a new file,
    owner-only) when given."""
    digest = hashlib.sha256()
    fd = os.open(copy_to, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600) if copy_to else None
    with os.fdopen(fd, "wb") if fd is not None else contextlib.nullcontext() as copy:
        for chunk in reader.chunks():
            digest.update(chunk)
            if copy is not None:
                copy.write(chunk)
    return digest.hexdigest()


def record_download_start(*, session: Session, item: Evidence, actor) -> None:
    """A download begins: custody and audit say so before the first byte leaves (its end is
    recorded by `stream_verified`, complete or interrupted)."""
    custody.append(session=session, evidence=item, action="download_started", actor=actor)
    audit.record(
        session=session,
        action="evidence_download_started",
        actor=actor,
        object_type="evidence",
        object_id=item.id,
    )
    session.commit()


def stream_verified(
    *, reader: StoredReader, stored: EvidenceFile, item: Evidence, session: Session, actor
) -> Iterator[bytes]:
    """Yield the file's bytes from `reader` (closed at the end), re-hashing them; the last
    chunk is held back until the hash is known, so a file altered in the store is never
    delivered whole. Records how the download ended: complete (with the hash) once every byte
    was handed to the connection, or interrupted (the bytes handed over before the client went
    away)."""
    digest = hashlib.sha256()
    held, sent, finished = None, 0, False
    try:
        for chunk in reader.chunks():
            digest.update(chunk)
            if held is not None:
                yield held
                sent += len(held)
            held = chunk
        observed = digest.hexdigest()
        if observed != stored.sha256:
            finished = True  # recorded as an alteration, not an interruption
            flag(session=session, stored=stored, kind="altered", actor=actor, observed=observed)
            raise IntegrityProblem("altered")  # the server closes the connection: it fails
        if held is not None:
            yield held  # the last chunk leaves only now that the hash is known
            sent += len(held)
        finished = True
        _record_end(session, item, actor, "downloaded", sha256=observed)
    finally:
        reader.close()
        if not finished:
            size = stored.size_bytes
            _record_end(
                session,
                item,
                actor,
                "download_interrupted",
                detail=f"{sent} of {size} bytes sent",
                details={"bytes_sent": sent, "size": size},
            )


log = logging.getLogger(__name__)
END_ATTEMPTS = 6  # the bytes are gone: the record of it must be written (a busy database waits)


def _record_end(session: Session, item: Evidence, actor, action: str, **event) -> None:
    """Record how a download ended in the custody log and the audit trail, retrying while the
    database is busy (another writer); a failure after that is logged, never raised."""
    details, item_id = event.pop("details", None), item.id
    for attempt in range(END_ATTEMPTS):
        try:
            session.rollback()
            custody.append(session=session, evidence=item, action=action, actor=actor, **event)
            audit.record(
                session=session,
                action=f"evidence_{action}",
                actor=actor,
                object_type="evidence",
                object_id=item_id,
                details=details,
            )
            session.commit()
            return
        except OperationalError:
            session.rollback()
            time.sleep(min(2**attempt, 8))
    log.error("the end of a download of evidence %s could not be recorded", item_id)


@dataclass
class VerifyReport:
    """What `evidence verify` found."""

    checked: int = 0
    missing: int = 0
    altered: int = 0

    @property
    def ok(self) -> bool:
        """No problem found."""
        return not (self.missing or self.altered)


def verify_files(
    *, session: Session, organization_id: int | None = None, progress=None
) -> VerifyReport:
    """Re-hash every stored file (of one organization, or all) and log the result."""
    report = VerifyReport()
    query = select(EvidenceFile).order_by(EvidenceFile.id)
    if organization_id is not None:
        query = query.where(EvidenceFile.organization_id == organization_id)
    for stored in session.exec(query).all():
        report.checked += 1
        observed = observed_sha256(stored.stored_name)
        stored.last_verified_at = utcnow()
        if observed is None:
            report.missing += 1
            flag(session=session, stored=stored, kind="missing")
        elif observed != stored.sha256:
            report.altered += 1
            flag(session=session, stored=stored, kind="altered", observed=observed)
        else:
            stored.integrity = "ok"
            for item in session.exec(select(Evidence).where(Evidence.file_id == stored.id)).all():
                custody.append(session=session, evidence=item, action="verified", sha256=observed)
            session.commit()
        if progress:
            progress(stored, observed)
    audit.record(
        session=session,
        action="evidence_verified",
        organization_id=organization_id,
        details={"checked": report.checked, "missing": report.missing, "altered": report.altered},
    )
    session.commit()
    return report


def observed_sha256(name: str) -> str | None:
    """The SHA-256 of a stored file as read from the store now; None when it is missing."""
    try:
        reader = storage.store().open(name)
    except FileNotFoundError:
        return None
    try:
        return _read_all(reader)
    finally:
        reader.close()
