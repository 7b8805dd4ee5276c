"""Redacted copies of photos: face suggestions, and the copy itself — a new evidence file with its
own SHA-256, linked to its original in both custody logs. The original is only read."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from incidents import audit
from incidents.evidence import custody, faces, integrity, storage
from incidents.evidence.images import capture_metadata
from incidents.evidence.redaction import Box, RedactionError, check_redactable, redacted_png
from incidents.evidence.sniff import IMAGE_TYPES, PNG
from incidents.i18n import gettext
from incidents.models import Evidence, EvidenceFile, User
from incidents.wording import plural

PREFIX = 16  # hex digits of a SHA-256 named in a custody entry
REDACTORS = ("lawyer", "admin")  # who may make redacted copies


def redactable(stored: EvidenceFile | None) -> bool:
    """Whether an item's file is an image that has a preview to draw on."""
    return bool(stored and stored.media_type in IMAGE_TYPES and stored.has_preview)


def image_size(*, session: Session, stored: EvidenceFile, actor) -> tuple[int, int]:
    """The upright size of a redactable original (flags a missing or altered file)."""
    with _original(session, stored, actor, verify=False) as path:
        return check_redactable(path)


def suggest_faces(*, session: Session, actor: User, item: Evidence, stored: EvidenceFile):
    """Face boxes suggested by OpenCV's bundled cascade; the run is audited (a count only)."""
    with _original(session, stored, actor, verify=False) as path:
        session.commit()  # the detector holds no database lock
        boxes = faces.suggest_faces(path)
    audit.record(
        session=session,
        action="evidence_faces_suggested",
        actor=actor,
        object_type="evidence",
        object_id=item.id,
        details={"found": len(boxes)},
    )
    session.commit()
    return boxes


def make_redacted_copy(
    *, session: Session, actor: User, item: Evidence, stored: EvidenceFile, boxes: list[Box]
) -> tuple[Evidence, bool]:
    """Black out `boxes` in a new PNG (upright, no metadata) stored as a new evidence item of
    the same incident, and link the two in both custody logs and the audit trail. The
    original's bytes are re-hashed first: an altered original is flagged, never redacted.
    Returns the copy and whether it is new (the same areas blacked out before: the earlier
    copy, and nothing is recorded)."""
    with _original(session, stored, actor, verify=True) as path:  # re-hashed: intact
        session.commit()  # the pixel work holds no database lock (SQLite has one writer)
        prepared = _stored_png(redacted_png(path, boxes), item.organization_id)
    copy_file = session.exec(
        select(EvidenceFile).where(
            EvidenceFile.organization_id == item.organization_id,
            EvidenceFile.sha256 == prepared.sha256,
        )
    ).first()
    if copy_file is not None:
        twin = next((c for c, f in copies_of(session, item.id) if f.id == copy_file.id), None)
        if twin is not None:  # the same areas blacked out before: no second item
            session.commit()
            return twin, False
    else:
        copy_file = prepared
        session.add(copy_file)
        session.flush()
    copy = Evidence(
        organization_id=item.organization_id,
        incident_id=item.incident_id,
        kind="photo",
        title=f"Redacted copy of {item.title}"[:200],
        provenance=f"Redacted copy of evidence item {item.id}, made in this application: "
        f"{plural(len(boxes), 'area')} blacked out, metadata removed.",
        captured_on=item.captured_on,
        original_filename=f"evidence-{item.id}-redacted.png",
        file_id=copy_file.id,
        redacted_from_id=item.id,
        redaction_regions=json.dumps([list(box) for box in boxes]),
        created_by_id=actor.id,
        updated_by_id=actor.id,
    )
    session.add(copy)
    session.flush()
    custody.append(
        session=session,
        evidence=copy,
        action="redacted_copy_created",
        actor=actor,
        sha256=copy_file.sha256,
        detail=f"from evidence {item.id} (sha256 {stored.sha256[:PREFIX]}); "
        f"{plural(len(boxes), 'area')} blacked out",
    )
    custody.append(
        session=session,
        evidence=item,
        action="redacted_copy_made",
        actor=actor,
        sha256=stored.sha256,
        detail=f"copy: evidence {copy.id} (sha256 {copy_file.sha256[:PREFIX]})",
    )
    audit.record(
        session=session,
        action="evidence_redacted_copy_made",
        actor=actor,
        object_type="evidence",
        object_id=copy.id,
        details={"original": item.id, "areas": len(boxes)},
    )
    session.commit()
    return copy, True


def _stored_png(data: bytes, organization_id: int) -> EvidenceFile:
    """Store PNG bytes at their content address through the upload path (hashed as written)
    and make the previews, all before any database work; returns the unsaved file record."""
    incoming = storage.incoming_file()  # removed by the request's teardown unless kept
    incoming.write(data)
    incoming.flush()
    record = EvidenceFile(
        organization_id=organization_id,
        sha256=incoming.sha256,
        size_bytes=incoming.size,
        media_type=PNG.media_type,
        stored_name=storage.content_name(organization_id, incoming.sha256),
        capture_meta=json.dumps(capture_metadata(incoming.path)),
        has_preview=storage.keep_previews(incoming.path, organization_id, incoming.sha256),
    )
    storage.keep(incoming, organization_id)
    return record


def copies_of(session: Session, item_id: int) -> list[tuple[Evidence, EvidenceFile]]:
    """The redacted copies made from an item (not archived), oldest first."""
    return list(
        session.exec(
            select(Evidence, EvidenceFile)
            .join(EvidenceFile, EvidenceFile.id == Evidence.file_id)
            .where(Evidence.redacted_from_id == item_id, Evidence.archived_at.is_(None))
            .order_by(Evidence.id)
        ).all()
    )


def area_count(item: Evidence) -> int:
    """How many areas were blacked out in a redacted copy (0 for any other item)."""
    try:
        return len(json.loads(item.redaction_regions or "[]"))
    except ValueError:
        return 0


def _original(session: Session, stored: EvidenceFile, actor, *, verify: bool):
    """A working copy of a redactable original (integrity.working_copy: a missing or altered
    file is flagged); RedactionError if it is no image this feature handles."""
    if not redactable(stored):
        raise RedactionError(gettext("Only images with a preview can be redacted."))
    return integrity.working_copy(session=session, stored=stored, actor=actor, verify=verify)
