"""Audit aggregate: an append-only, HMAC-chained trail of who did what to which object."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, Index, Text, event
from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime, utcnow

GENESIS_HASH = "0" * 64


class AuditEvent(SQLModel, table=True):
    """One audited action. `details` is canonical JSON that never holds personal data."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_object", "object_type", "object_id"),)

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(unique=True, nullable=False)
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    organization_id: int | None = Field(default=None, foreign_key="organizations.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    action: str = Field(max_length=64, index=True, nullable=False)
    object_type: str | None = Field(default=None, max_length=40)
    object_id: str | None = Field(default=None, max_length=64)
    client_addr: str | None = Field(default=None, max_length=45)
    details: str = Field(default="{}", sa_type=Text, nullable=False)
    prev_hash: str = Field(max_length=64, nullable=False)
    hash: str = Field(max_length=64, nullable=False)


class AuditHead(SQLModel, table=True):
    """The single row that serialises appends and remembers the chain's tip."""

    __tablename__ = "audit_head"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(default=0, nullable=False)
    last_hash: str = Field(default=GENESIS_HASH, max_length=64, nullable=False)
    seal: str = Field(default="", max_length=64, nullable=False)  # HMAC of (seq, last_hash)


@event.listens_for(AuditHead.__table__, "after_create")
def _seed_head(target, connection, **_kw):
    """create_all (tests) seeds the head row as the migration does."""
    connection.execute(target.insert().values(id=1, seq=0, last_hash=GENESIS_HASH))


# The same append-only triggers as migration 0001, for databases built with create_all (tests).
_APPEND_ONLY = {
    "sqlite": [
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$",
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
    ],
}
for _dialect, _statements in _APPEND_ONLY.items():
    for _statement in _statements:
        event.listen(
            AuditEvent.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect)
        )
