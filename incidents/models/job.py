"""Background jobs: what someone asked to run outside a request (a bundle of dossiers, a
verification of every stored file), how far it got, and the file it made.

A job holds no personal data: its inputs are record ids and codes (`params`, JSON), its
message is written by the code ("12 of 40 dossiers"), and its result file lives outside the
database under `JOB_RESULT_DIR`, named by organization and job id, deleted at `expires_at`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime, utcnow


class Job(SQLModel, table=True):
    """One background job of an organization, started by one user."""

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_organization_started_by", "organization_id", "started_by_id", "id"),
        Index("ix_jobs_status_expires_at", "status", "expires_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False)
    started_by_id: int = Field(foreign_key="users.id", nullable=False)
    kind: str = Field(max_length=40, nullable=False)  # a registered kind (incidents.jobs.kinds)
    status: str = Field(max_length=16, nullable=False, default="queued")  # vocab JOB_STATUS
    params: str = Field(sa_type=Text, nullable=False, default="{}")  # ids and codes, JSON
    progress_done: int = Field(default=0, nullable=False)
    progress_total: int | None = Field(default=None)
    message: str = Field(default="", max_length=200, nullable=False)  # written by the code
    result_path: str | None = Field(default=None, max_length=200)  # under JOB_RESULT_DIR
    result_size: int | None = Field(default=None)
    result_sha256: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # the consumer running it says it is alive every JOB_BEAT_SECONDS (jobs.runner.Heartbeat)
    beat_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
