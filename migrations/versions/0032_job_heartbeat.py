"""Background jobs say they are alive (issue 20, item 5): `jobs.beat_at`, written by the
consumer running a job every minute, so that a job whose consumer was killed is marked failed
on any queue (huey's Redis queue may have several consumers: a job without a recent beat is
nobody's).

Reviewed by hand. When renumbered at a merge, change `revision` and `down_revision` only.

Revision ID: 0032
Revises: 0031
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from incidents.db import UTCDateTime

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("beat_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    # not a batch copy: SQLite 3.35+ drops a column in place
    op.drop_column("jobs", "beat_at")
