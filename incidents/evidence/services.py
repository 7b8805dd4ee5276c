"""Evidence: upload, links, viewing, downloading, pinning, archiving, verification. Each public
function commits its work, records custody entries and audits it (codes only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from incidents import audit
from incidents.db import utcnow
from incidents.evidence import custody
from incidents.evidence.keeping import Upload, keep_new_files, kept_file
from incidents.evidence.sniff import UploadRefused, sniff
from incidents.models import Evidence, EvidenceFile, EvidencePin, Incident, User


@dataclass
class EvidenceMeta:
    """What the caseworker says about the upload or link."""

    kind: str
    title: str | None
    description: str | None
    provenance: str | None
    captured_on: date | None


def display_name(filename: str) -> str:
    """A harmless display form of a user-supplied file name (no paths, no control characters)."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable())
    return name.strip(" .")[:200] or "unnamed file"


def check_uploads(uploads: list[Upload], max_bytes: int) -> list[str]:
    """Every reason to refuse these uploads (empty list: all acceptable)."""
    problems = []
    for upload in uploads:
        name = display_name(upload.filename)
        if upload.incoming.size == 0:
            problems.append(f"{name}: the file is empty.")
        elif upload.incoming.size > max_bytes:
            problems.append(f"{name}: larger than the limit of {max_bytes // 2**20} MB.")
        else:
            upload.incoming.flush()
            try:
                upload.file_type = sniff(upload.incoming.path, name)
            except UploadRefused as refusal:
                problems.append(f"{name}: {refusal}")
    return problems


def store_uploads(
    *, session: Session, actor: User, incident: Incident, uploads: list[Upload], meta: EvidenceMeta
) -> tuple[list[Evidence], list[str]]:
    """Store checked uploads (once per organization), create their evidence items with a
    'received' custody entry each. Returns the items and notices about duplicates. The bytes
    and previews are kept first, with no database transaction open meanwhile (a transfer to an
    object store takes time; SQLite has one writer at a time)."""
    kept = keep_new_files(session, incident.organization_id, uploads)
    created, notices = [], []
    for upload in uploads:
        name = display_name(upload.filename)
        digest, size = upload.incoming.sha256, upload.incoming.size
        stored = session.exec(
            select(EvidenceFile).where(
                EvidenceFile.organization_id == incident.organization_id,
                EvidenceFile.sha256 == digest,
            )
        ).first()
        if stored is not None:
            twin = session.exec(
                select(Evidence).where(
                    Evidence.incident_id == incident.id,
                    Evidence.file_id == stored.id,
                    Evidence.archived_at.is_(None),
                )
            ).first()
            if twin is not None:
                notices.append(f"{name} is already attached to this incident as “{twin.title}”.")
                continue
            notices.append(
                f"{name} was uploaded before; the stored copy is linked, not stored twice."
            )
        else:
            stored = kept.pop(digest, None) or kept_file(incident.organization_id, upload)
            session.add(stored)
            session.flush()
        item = _new_item(
            session,
            actor,
            incident,
            meta,
            (meta.title or name)[:200],
            sha256=digest,
            detail=f"upload of {size} bytes",
            file_id=stored.id,
            original_filename=name,
        )
        audit.record(
            session=session,
            action="evidence_uploaded",
            actor=actor,
            object_type="evidence",
            object_id=item.id,
            details={"incident": incident.id, "media_type": stored.media_type, "size": size},
        )
        created.append(item)
    session.commit()
    return created, notices


def _new_item(session, actor, incident, meta, title, *, sha256, detail, **extra) -> Evidence:
    """An evidence item with its first custody entry, 'received'."""
    item = Evidence(
        organization_id=incident.organization_id,
        incident_id=incident.id,
        kind=meta.kind,
        title=title,
        description=meta.description,
        provenance=meta.provenance,
        captured_on=meta.captured_on,
        created_by_id=actor.id,
        updated_by_id=actor.id,
        **extra,
    )
    session.add(item)
    session.flush()
    custody.append(
        session=session,
        evidence=item,
        action="received",
        actor=actor,
        sha256=sha256,
        hash_source="computed" if sha256 else "none",
        detail=detail,
    )
    return item


def add_link(
    *,
    session: Session,
    actor: User,
    incident: Incident,
    url: str,
    retrieved_on: date | None,
    meta: EvidenceMeta,
) -> Evidence:
    """Evidence that is a link (news article, public record), with its retrieval date."""
    item = _new_item(
        session,
        actor,
        incident,
        meta,
        (meta.title or url)[:200],
        sha256=None,
        detail="link",
        url=url,
        retrieved_on=retrieved_on,
    )
    audit.record(
        session=session,
        action="evidence_link_added",
        actor=actor,
        object_type="evidence",
        object_id=item.id,
        details={"incident": incident.id},
    )
    session.commit()
    return item


def record_view(*, session: Session, actor: User, item: Evidence, stored: EvidenceFile | None):
    """A view of the evidence page: custody 'viewed' with the recorded hash."""
    custody.append(
        session=session,
        evidence=item,
        action="viewed",
        actor=actor,
        sha256=stored.sha256 if stored else None,
        hash_source="recorded" if stored else "none",
    )
    audit.record(
        session=session,
        action="evidence_viewed",
        actor=actor,
        object_type="evidence",
        object_id=item.id,
    )
    session.commit()


def update_metadata(
    *,
    session: Session,
    actor: User,
    item: Evidence,
    meta: EvidenceMeta,
    url: str | None = None,
    retrieved_on: date | None = None,
) -> list[str]:
    """Change the description of an item (never its bytes); returns the changed field names."""
    values = {
        "kind": meta.kind,
        "title": meta.title or item.title,
        "description": meta.description,
        "provenance": meta.provenance,
        "captured_on": meta.captured_on,
    }
    if item.file_id is None:
        values.update(url=url or item.url, retrieved_on=retrieved_on)
    changed = [name for name, value in values.items() if getattr(item, name) != value]
    if changed:
        for name in changed:
            setattr(item, name, values[name])
        item.touch(actor.id)
        custody.append(
            session=session,
            evidence=item,
            action="metadata_edited",
            actor=actor,
            hash_source="none",
            detail="fields: " + ", ".join(changed),
        )
        audit.record(
            session=session,
            action="evidence_updated",
            actor=actor,
            object_type="evidence",
            object_id=item.id,
            details={"fields": changed},
        )
    session.commit()
    return changed


def _logged(
    session, actor, item, custody_action, audit_action, *, detail=None, details=None
) -> None:
    """Record a change that touches no bytes in the custody log and the audit trail, then
    commit."""
    custody.append(
        session=session,
        evidence=item,
        action=custody_action,
        actor=actor,
        hash_source="none",
        detail=detail,
    )
    audit.record(
        session=session,
        action=audit_action,
        actor=actor,
        object_type="evidence",
        object_id=item.id,
        details=details,
    )
    session.commit()


def pin(
    *, session: Session, actor: User, item: Evidence, target: tuple[str, int], locator: str | None
) -> EvidencePin | None:
    """Pin an item to a timeline event, FRT use, document or paperwork of its incident, or
    file it with a records request as records received ("records_request"); None (nothing
    written) when the item is already pinned there."""
    column = {
        "timeline": "timeline_event_id",
        "frt": "frt_use_id",
        "document": "document_id",
        "paperwork": "paperwork_id",
        "records_request": "records_request_id",
    }[target[0]]
    pinned = session.exec(
        select(EvidencePin).where(
            EvidencePin.evidence_id == item.id, getattr(EvidencePin, column) == target[1]
        )
    ).first()
    if pinned is not None:
        return None  # already pinned there: one pin per item and target
    pin_row = EvidencePin(evidence_id=item.id, locator=locator, **{column: target[1]})
    session.add(pin_row)
    session.flush()
    _logged(
        session,
        actor,
        item,
        "pinned",
        "evidence_pinned",
        detail=f"{target[0]} {target[1]}",
        details={"target": target[0], "target_id": target[1]},
    )
    return pin_row


def unpin(*, session: Session, actor: User, item: Evidence, pin_row: EvidencePin) -> None:
    """Remove a pin."""
    session.delete(pin_row)
    _logged(session, actor, item, "unpinned", "evidence_unpinned", detail=f"pin {pin_row.id}")


PIN_COLUMNS = {
    "timeline_events": ("timeline", "timeline_event_id"),
    "frt_uses": ("frt", "frt_use_id"),
    "documents_presented": ("document", "document_id"),
    "paperwork": ("paperwork", "paperwork_id"),
}


def unpin_removed_rows(session: Session, actor, model, row_ids: list[int]) -> None:
    """Before an incident edit removes timeline events, FRT uses or documents: each pin on them
    is logged "unpinned" in its item's custody log and the audit trail, then removed (in the
    edit's transaction; the edit's service commits)."""
    target, column = PIN_COLUMNS.get(model.__tablename__, (None, None))
    if column is None:
        return
    pins = session.exec(select(EvidencePin).where(getattr(EvidencePin, column).in_(row_ids))).all()
    for pin_row in pins:
        item = session.get(Evidence, pin_row.evidence_id)
        row_id = getattr(pin_row, column)
        custody.append(
            session=session,
            evidence=item,
            action="unpinned",
            actor=actor,
            hash_source="none",
            detail=f"pin {pin_row.id}: {target} {row_id} removed from the incident",
        )
        audit.record(
            session=session,
            action="evidence_unpinned",
            actor=actor,
            object_type="evidence",
            object_id=item.id,
            details={"target": target, "target_id": row_id, "reason": "row removed"},
        )
        session.delete(pin_row)


def archive(*, session: Session, actor: User, item: Evidence, reason: str) -> None:
    """Hide an item (admin); the file is kept."""
    item.archived_at, item.archived_by_id, item.archive_reason = utcnow(), actor.id, reason
    _logged(session, actor, item, "archived", "evidence_archived")


def restore(*, session: Session, actor: User, item: Evidence) -> None:
    """Undo an archive."""
    item.archived_at = item.archived_by_id = item.archive_reason = None
    _logged(session, actor, item, "restored", "evidence_restored")
