"""Research facts of the litigation record: the apparent basis of the stop, masked agents, a claim
of status ignored, consent to the scan, biometrics taken, the kinds of place of custody and
287(g) (decision 0007, issue 15).

The columns are added in place (`ADD COLUMN`, never a batch copy: research_facts has two
indexes, and the eligibility trigger it relies on is on `incidents`). The table holds derived
data only and its ready-made export cells change shape, so it is emptied both ways: the next
export or research page fills it in (as in 0006 and 0007).

Reviewed by hand.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-29
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (column, length, server default): NOT NULL needs a default to be added on SQLite; the rows are
# deleted first and every refresh writes each column
COLUMNS = (
    ("stop_basis", 300, ""),
    ("agents_masked", 8, "unknown"),
    ("claim_ignored", 8, "unknown"),
    ("scan_consent", 20, "unknown"),
    ("biometrics_taken", 40, "unknown"),
    ("facility_types", 200, ""),
    ("under_287g", 16, "not_recorded"),
)


def upgrade() -> None:
    op.execute("DELETE FROM research_facts")
    for name, length, default in COLUMNS:
        op.add_column(
            "research_facts",
            sa.Column(name, sa.String(length=length), nullable=False, server_default=default),
        )


def downgrade() -> None:
    # the stored cells hold the new columns too: empty the table for the older export
    op.execute("DELETE FROM research_facts")
    for name, _, _ in reversed(COLUMNS):
        op.drop_column("research_facts", name)
