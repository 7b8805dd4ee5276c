"""Provenance of provisions (source kind, citation, pinpoint, address, date of the source), a
policy's status note and source and the date a dated source shows it in force by, and agencies
as a registry (type, county, city).

The seeded agencies take their code as their type; an organization's own agencies keep a NULL
type, which the agencies page shows as "needs details" until someone records type and
jurisdiction. Plain ADD COLUMN (no batch copy).

Reviewed by hand.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROVISION_COLUMNS = (
    ("source_kind", sa.String(length=30)),
    ("citation", sa.String(length=300)),
    ("pinpoint", sa.String(length=200)),
    ("source_url", sa.String(length=2000)),
    ("source_date", sa.Date()),
)
POLICY_COLUMNS = (
    ("status_note", sa.String(length=500)),
    ("status_source", sa.String(length=500)),
    ("in_force_by", sa.Date()),
)
AGENCY_COLUMNS = (
    ("agency_type", sa.String(length=30)),
    ("county", sa.String(length=100)),
    ("city", sa.String(length=100)),
)


def upgrade() -> None:
    for table, columns in (
        ("provisions", PROVISION_COLUMNS),
        ("policies", POLICY_COLUMNS),
        ("agencies", AGENCY_COLUMNS),
    ):
        for name, kind in columns:
            op.add_column(table, sa.Column(name, kind, nullable=True))
    op.execute("UPDATE agencies SET agency_type = code WHERE organization_id IS NULL")


def downgrade() -> None:
    for table, columns in (
        ("agencies", AGENCY_COLUMNS),
        ("policies", POLICY_COLUMNS),
        ("provisions", PROVISION_COLUMNS),
    ):
        for name, _ in reversed(columns):
            op.drop_column(table, name)
