"""SQLite: the index a text search's few matches are looked up in by id (issue 20, item 1).

`ix_incidents_matches` holds, by id, the organization, archived date and date of incident, so
that counting and sorting a search's matches in the default order reads this small index
instead of each match's whole row (SQLite empties a connection's page cache whenever another
connection writes; each view writes its audit row). PostgreSQL reads its matches from the
GIN index (decision 0019): no change there.

Reviewed by hand. When renumbered at a merge, change `revision` and `down_revision` only.

Revision ID: 0031
Revises: 0030
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

COLUMNS = ["id", "organization_id", "archived_at", "occurred_on"]
revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_incidents_matches", "incidents", COLUMNS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_incidents_matches", table_name="incidents")
