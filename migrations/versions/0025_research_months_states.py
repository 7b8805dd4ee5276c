"""Research facts keep the month and the state (issue 19): `period` holds "YYYY-MM", or "YYYY"
for a date known only to the year (it was the quarter, and a year-only date was counted in the
first quarter); `region` holds the state code (it was the Census region), which the export
generalizes to the Census division, the region or the US (decision 0017). Same columns, new
contents: the table holds derived data only, so it is emptied both ways and the next export or
research page fills it in (as in 0006, 0007 and 0018).

Reviewed by hand.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM research_facts")


def downgrade() -> None:
    op.execute("DELETE FROM research_facts")
