"""Redaction review: a lawyer's decisions on what a redacted output hides beyond the engine's own
finds (manual redactions) and what it wrongly hid (restorations), and each review's sign-off."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime, utcnow


class RedactionDecision(SQLModel, table=True):
    """One decision, applied to every later redacted output of the incident until withdrawn.

    `redact`: `term` is hidden everywhere in the incident's free text. `restore`: the
    `occurrence`-th match of `term` found as `kind` in field `field_key` is printed as written,
    while that field's text is still the one the reviewer saw (`text_digest`)."""

    __tablename__ = "redaction_decisions"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False, index=True)
    incident_id: int = Field(
        foreign_key="incidents.id", nullable=False, index=True, ondelete="CASCADE"
    )
    action: str = Field(max_length=10, nullable=False)  # redact, restore
    term: str = Field(max_length=500, nullable=False)
    field_key: str | None = Field(default=None, max_length=60)  # restore: "timeline.3.place"
    kind: str | None = Field(default=None, max_length=20)  # restore: what the match was taken for
    occurrence: int | None = None  # restore: 1 for the first such match in the field
    text_digest: str | None = Field(default=None, max_length=16)  # restore: of the text seen
    reason: str = Field(sa_type=Text, nullable=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    created_by_id: int = Field(foreign_key="users.id", nullable=False)
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawn_by_id: int | None = Field(default=None, foreign_key="users.id")


class RedactionReview(SQLModel, table=True):
    """A lawyer's sign-off of an incident's redacted text as it stood (its fingerprint)."""

    __tablename__ = "redaction_reviews"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False, index=True)
    incident_id: int = Field(
        foreign_key="incidents.id", nullable=False, index=True, ondelete="CASCADE"
    )
    fingerprint: str = Field(max_length=64, nullable=False)  # of the texts and decisions
    counts: str = Field(default="{}", sa_type=Text, nullable=False)  # {"name": 4, ...}
    reviewed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    reviewed_by_id: int = Field(foreign_key="users.id", nullable=False)
