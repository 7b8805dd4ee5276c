"""Sign-in sessions kept on the server: the browser's cookie holds only a random token, whose
SHA-256 names the row. Ending the row ends the session wherever the cookie was copied. Drafts
of long forms are kept beside them, per user."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime, utcnow


class UserSession(SQLModel, table=True):
    """One sign-in: who, from which device (browser and system only), since when, last seen,
    and when and why it ended. It also keeps the case-list search text (never in the cookie),
    which is forgotten when the session ends."""

    __tablename__ = "user_sessions"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, nullable=False, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True, nullable=False)
    device: str = Field(max_length=120, nullable=False)
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    last_seen_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end_reason: str | None = Field(default=None, max_length=60)
    search_text: str | None = Field(default=None, max_length=200)


class FormDraft(SQLModel, table=True):
    """What a user typed in a long form and has not saved yet, kept on the server so that an
    ended session or a closed tab loses nothing: one per user and form, deleted when the form
    is saved or the draft discarded, and after DRAFT_DAYS."""

    __tablename__ = "form_drafts"
    __table_args__ = (UniqueConstraint("user_id", "form_key", name="uq_form_drafts_user_form"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False)
    user_id: int = Field(foreign_key="users.id", nullable=False)
    form_key: str = Field(max_length=100, nullable=False)  # "incident-new", "incident-42"
    data: str = Field(sa_type=Text, nullable=False)  # the form's fields, as posted (JSON)
    saved_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
