"""Evidence aggregate: stored files (content-addressed, byte-exact), evidence items on incidents,
their pins to parts of the incident, and each item's append-only, hash-chained custody log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DDL, BigInteger, Index, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime, utcnow
from incidents.models.base import Audited


class EvidenceFile(SQLModel, table=True):
    """The bytes of one file as received, stored once per organization under its SHA-256."""

    __tablename__ = "evidence_files"
    __table_args__ = (UniqueConstraint("organization_id", "sha256", name="uq_evidence_files_sha"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False)
    sha256: str = Field(max_length=64, nullable=False)
    size_bytes: int = Field(sa_type=BigInteger, nullable=False)
    media_type: str = Field(max_length=100, nullable=False)
    stored_name: str = Field(max_length=200, nullable=False)  # the store's name (content address)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    capture_meta: str = Field(default="{}", sa_type=Text, nullable=False)  # camera time etc.
    has_preview: bool = Field(default=False, nullable=False)
    integrity: str = Field(default="ok", max_length=10, nullable=False)  # ok, altered, missing
    last_verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Evidence(Audited, table=True):
    """One piece of evidence on an incident: a stored file or a link."""

    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_incident", "incident_id", "archived_at"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False, index=True)
    incident_id: int = Field(foreign_key="incidents.id", nullable=False)
    file_id: int | None = Field(default=None, foreign_key="evidence_files.id", index=True)
    kind: str = Field(max_length=30, nullable=False)
    title: str = Field(max_length=200, nullable=False)
    description: str | None = Field(default=None, sa_type=Text)
    provenance: str | None = Field(default=None, sa_type=Text)
    captured_on: date | None = None
    original_filename: str | None = Field(default=None, max_length=255)
    url: str | None = Field(default=None, max_length=2000)
    retrieved_on: date | None = None
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    archived_by_id: int | None = Field(default=None, foreign_key="users.id")
    archive_reason: str | None = Field(default=None, max_length=500)
    # a redacted copy of a photo: the original it was made from, and the boxes blacked out
    redacted_from_id: int | None = Field(default=None, foreign_key="evidence.id", index=True)
    redaction_regions: str | None = Field(default=None, sa_type=Text)  # JSON [[x, y, w, h], ...]
    # the custody log's head, sealed with the audit key: removing its newest entries shows
    custody_seq: int = Field(default=0, nullable=False)  # -1: recorded before seals existed
    custody_tip: str = Field(default="0" * 64, max_length=64, nullable=False)
    custody_seal: str = Field(default="", max_length=64, nullable=False)


class EvidencePin(SQLModel, table=True):
    """Evidence pinned to one timeline event, FRT use, document presented or paperwork, with a
    locator; or filed with a legal action or a records request (the records it produced)."""

    __tablename__ = "evidence_pins"

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = Field(
        foreign_key="evidence.id", index=True, nullable=False, ondelete="CASCADE"
    )
    timeline_event_id: int | None = Field(
        default=None, foreign_key="timeline_events.id", ondelete="CASCADE", index=True
    )
    frt_use_id: int | None = Field(
        default=None, foreign_key="frt_uses.id", ondelete="CASCADE", index=True
    )
    document_id: int | None = Field(
        default=None, foreign_key="documents_presented.id", ondelete="CASCADE", index=True
    )
    paperwork_id: int | None = Field(
        default=None, foreign_key="paperwork.id", ondelete="CASCADE", index=True
    )
    legal_action_id: int | None = Field(
        default=None, foreign_key="legal_actions.id", ondelete="CASCADE", index=True
    )
    records_request_id: int | None = Field(
        default=None, foreign_key="records_requests.id", ondelete="CASCADE", index=True
    )
    locator: str | None = Field(default=None, max_length=40)  # "p. 3", "00:01:42"


class CustodyEvent(SQLModel, table=True):
    """One entry of an item's chain of custody. Append-only; each entry's HMAC covers the
    previous entry's, so a removed or edited entry breaks the chain."""

    __tablename__ = "custody_events"
    __table_args__ = (UniqueConstraint("evidence_id", "seq", name="uq_custody_events_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = Field(foreign_key="evidence.id", nullable=False, index=True)
    seq: int = Field(nullable=False)
    action: str = Field(max_length=30, nullable=False)
    actor_id: int | None = Field(default=None, foreign_key="users.id")
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    sha256: str | None = Field(default=None, max_length=64)
    hash_source: str = Field(default="computed", max_length=10, nullable=False)
    detail: str | None = Field(default=None, max_length=200)  # codes only, never personal data
    prev_hash: str = Field(max_length=64, nullable=False)
    entry_hash: str = Field(max_length=64, nullable=False)


_APPEND_ONLY = {
    "sqlite": [
        "CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events "
        "BEGIN SELECT RAISE(ABORT, 'custody_events is append-only'); END",
        "CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events "
        "BEGIN SELECT RAISE(ABORT, 'custody_events is append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION custody_events_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'custody_events is append-only'; END $$",
        "CREATE TRIGGER custody_events_append_only BEFORE UPDATE OR DELETE ON custody_events "
        "FOR EACH ROW EXECUTE FUNCTION custody_events_append_only()",
    ],
}
for _dialect, _statements in _APPEND_ONLY.items():
    for _statement in _statements:
        event.listen(
            CustodyEvent.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect)
        )
