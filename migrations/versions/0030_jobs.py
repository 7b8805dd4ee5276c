"""Background jobs (issue 20, item 5): who started what, its status and progress, and the
result file it made (path under JOB_RESULT_DIR, size, SHA-256), deleted at `expires_at`.

Reviewed by hand. When renumbered at a merge, change `revision` and `down_revision` only.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from incidents.db import UTCDateTime

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organization_id", sa.Integer(), sa.ForeignKey("organizations.id"), nullable=False
        ),
        sa.Column("started_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=True),
        sa.Column("message", sa.String(length=200), nullable=False),
        sa.Column("result_path", sa.String(length=200), nullable=True),
        sa.Column("result_size", sa.Integer(), nullable=True),
        sa.Column("result_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("expires_at", UTCDateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_jobs_organization_started_by", "jobs", ["organization_id", "started_by_id", "id"]
    )
    op.create_index("ix_jobs_status_expires_at", "jobs", ["status", "expires_at"])


def downgrade() -> None:
    op.drop_index("ix_jobs_status_expires_at", table_name="jobs")
    op.drop_index("ix_jobs_organization_started_by", table_name="jobs")
    op.drop_table("jobs")
