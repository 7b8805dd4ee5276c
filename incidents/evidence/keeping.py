"""The bytes of accepted uploads kept in the evidence store — with their previews and capture
metadata — before their records are written: a transfer to an object store takes time, and no
database transaction stays open meanwhile (SQLite has one writer at a time)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, select

from incidents.evidence import storage
from incidents.evidence.images import capture_metadata
from incidents.evidence.sniff import IMAGE_TYPES, FileType
from incidents.models import EvidenceFile


@dataclass
class Upload:
    """One uploaded file: its name as sent, the hashing file the parser wrote, its type."""

    filename: str
    incoming: storage.IncomingFile
    file_type: FileType | None = None


def keep_new_files(
    session: Session, organization_id: int, uploads: list[Upload]
) -> dict[str, EvidenceFile]:
    """Keep the uploads whose bytes the organization does not have yet; their unsaved file
    records by SHA-256. The transaction is ended first: no lock is held while bytes travel."""
    digests = {upload.incoming.sha256 for upload in uploads}
    known = set(
        session.exec(
            select(EvidenceFile.sha256).where(
                EvidenceFile.organization_id == organization_id,
                EvidenceFile.sha256.in_(digests),
            )
        ).all()
    )
    session.commit()
    kept: dict[str, EvidenceFile] = {}
    for upload in uploads:
        digest = upload.incoming.sha256
        if digest not in known and digest not in kept:
            kept[digest] = kept_file(organization_id, upload)
    return kept


def kept_file(organization_id: int, upload: Upload) -> EvidenceFile:
    """Keep an accepted upload in the store (previews first, from the local file); its unsaved
    file record."""
    incoming = upload.incoming
    record = EvidenceFile(
        organization_id=organization_id,
        sha256=incoming.sha256,
        size_bytes=incoming.size,
        media_type=upload.file_type.media_type,
        stored_name=storage.content_name(organization_id, incoming.sha256),
    )
    if record.media_type in IMAGE_TYPES:
        incoming.flush()
        record.capture_meta = json.dumps(capture_metadata(incoming.path))
        record.has_preview = storage.keep_previews(incoming.path, organization_id, incoming.sha256)
    storage.keep(incoming, organization_id)
    return record
