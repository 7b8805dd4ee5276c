"""The release of a data set each researcher has taken (issue 19, decision 0017): one release of
the same organizations' incidents per researcher until an administrator withdraws it, since two
releases at other levels could be joined row by row.

Reviewed by hand.

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from incidents.db import UTCDateTime

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "research_releases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("organizations", sa.String(length=400), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("first_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("downloads", sa.Integer(), nullable=False),
        sa.Column("withdrawn_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
    )
    op.create_index("ix_research_releases_user", "research_releases", ["user_id", "organizations"])


def downgrade() -> None:
    op.drop_index("ix_research_releases_user", table_name="research_releases")
    op.drop_table("research_releases")
