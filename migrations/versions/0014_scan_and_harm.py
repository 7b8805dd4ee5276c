"""The scan itself (frt_uses: consent, conditions, what the system returned, the gallery
searched, how the identity returned differed) and the harm done (incidents: force used, injuries,
medical care, property seized and returned, lost wages, job lost, missed obligations, the
client's account of the effect).

Reviewed by hand.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FRT_COLUMNS = (
    sa.Column("scan_consent", sa.String(length=20), nullable=False, server_default="unknown"),
    sa.Column("conditions", sa.String(length=200), nullable=True),
    sa.Column("returned", sa.String(length=200), nullable=True),
    sa.Column("gallery", sa.String(length=200), nullable=True),
    sa.Column("identity_differed", sa.String(length=200), nullable=True),
)
INCIDENT_COLUMNS = (
    sa.Column("force_used", sa.String(length=300), nullable=True),
    sa.Column("injuries", sa.Text(), nullable=True),
    sa.Column("medical_care", sa.String(length=10), nullable=False, server_default="unknown"),
    sa.Column("property_seized", sa.String(length=500), nullable=True),
    sa.Column(
        "property_returned", sa.String(length=20), nullable=False, server_default="unknown"
    ),
    sa.Column("lost_wages", sa.Float(), nullable=True),
    sa.Column("job_lost", sa.String(length=10), nullable=False, server_default="unknown"),
    sa.Column("missed_obligations", sa.String(length=200), nullable=True),
    sa.Column("effect", sa.Text(), nullable=True),
)


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy: `incidents` carries triggers, see migration 0013)
    for column in FRT_COLUMNS:
        op.add_column("frt_uses", column)
    for column in INCIDENT_COLUMNS:
        op.add_column("incidents", column)


def downgrade() -> None:
    for column in reversed(INCIDENT_COLUMNS):
        op.drop_column("incidents", column.name)
    for column in reversed(FRT_COLUMNS):
        op.drop_column("frt_uses", column.name)
