"""When a download of a researcher's release started and has not ended: a second download
of the same release is refused meanwhile (a reviewer held one download open, took a second
copy, then finished the first: two complete copies; issue 19).

Reviewed by hand.

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from incidents.db import UTCDateTime

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "research_releases",
        sa.Column("streaming_since", UTCDateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    with op.batch_alter_table("research_releases") as batch:
        batch.drop_column("streaming_since")
