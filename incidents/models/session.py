"""Sign-in sessions kept on the server: the browser's cookie holds only a random token, whose
SHA-256 names the row. Ending the row ends the session wherever the cookie was copied."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime


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
