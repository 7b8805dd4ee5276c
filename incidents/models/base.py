"""Shared model building blocks."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime, utcnow


class Timestamped(SQLModel):
    """Created/updated times in UTC."""

    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Audited(Timestamped):
    """Created/updated at and by (OpenOversight's audit mixin)."""

    created_by_id: int | None = Field(default=None, foreign_key="users.id")
    updated_by_id: int | None = Field(default=None, foreign_key="users.id")

    def touch(self, actor_id: int | None) -> None:
        """Mark the row as updated now by actor_id."""
        self.updated_at = utcnow()
        self.updated_by_id = actor_id
