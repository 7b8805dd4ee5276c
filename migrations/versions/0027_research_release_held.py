"""One release a researcher holds, enforced by a partial unique index (two downloads at once
could otherwise both take one), and when a download of it ran to the end (a second complete
download would single out every incident added, changed or left out since; issue 19's review).
Releases held twice by one researcher before this (none should be) keep the first.

Reviewed by hand.

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-28
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from incidents.db import UTCDateTime

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RELEASES = sa.table(
    "research_releases",
    sa.column("id", sa.Integer()),
    sa.column("user_id", sa.Integer()),
    sa.column("withdrawn_at", UTCDateTime(timezone=True)),
)
HELD = sa.text("withdrawn_at IS NULL")


def upgrade() -> None:
    op.add_column(
        "research_releases", sa.Column("completed_at", UTCDateTime(timezone=True), nullable=True)
    )
    first = (
        sa.select(sa.func.min(RELEASES.c.id))
        .where(RELEASES.c.withdrawn_at.is_(None))
        .group_by(RELEASES.c.user_id)
    )
    op.get_bind().execute(
        RELEASES.update()
        .where(RELEASES.c.withdrawn_at.is_(None), RELEASES.c.id.not_in(first))
        .values(withdrawn_at=datetime.now(UTC))
    )
    op.create_index(
        "ux_research_releases_held",
        "research_releases",
        ["user_id"],
        unique=True,
        sqlite_where=HELD,
        postgresql_where=HELD,
    )


def downgrade() -> None:
    op.drop_index("ux_research_releases_held", table_name="research_releases")
    with op.batch_alter_table("research_releases") as batch:
        batch.drop_column("completed_at")
