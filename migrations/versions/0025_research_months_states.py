"""Research facts keep the month and the state (issue 19): `period` holds "YYYY-MM", or "YYYY"
for a date known only to the year (it was the quarter, and a year-only date was counted in the
first quarter); `region` holds the state code (it was the Census region), which the export
generalizes to the Census division, the region or the US (decision 0017); the quarter, the
20-year age band, the division and the Census region are stored beside them so that the
export's rows need no mapping. The table holds derived data only, so it is emptied both ways
and the next export or research page fills it in (as in 0006, 0007 and 0018); the columns are
added in place (`ADD COLUMN`, as in 0018).

Reviewed by hand.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (column, length): NOT NULL needs a default to be added on SQLite; the rows are deleted first
COLUMNS = (("period_quarter", 7), ("age_wide", 8), ("region_division", 24), ("region_census", 16))


def upgrade() -> None:
    op.execute("DELETE FROM research_facts")
    for name, length in COLUMNS:
        op.add_column(
            "research_facts",
            sa.Column(name, sa.String(length=length), nullable=False, server_default="unknown"),
        )


def downgrade() -> None:
    op.execute("DELETE FROM research_facts")
    for name, _ in reversed(COLUMNS):
        op.drop_column("research_facts", name)
