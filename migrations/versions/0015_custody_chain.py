"""The custody chain: a timeline event's kind of place and facility (timeline_events.place_type,
timeline_events.facility).

Reviewed by hand.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("timeline_events", sa.Column("place_type", sa.String(length=20), nullable=True))
    op.add_column("timeline_events", sa.Column("facility", sa.String(length=200), nullable=True))


def downgrade() -> None:
    op.drop_column("timeline_events", "facility")
    op.drop_column("timeline_events", "place_type")
