"""research_facts: one row of coded level-0 export values per incident (derived data for the
research export and aggregate tables). Rows are filled by the application: the services refresh
them on every change, and an export fills in incidents recorded before this revision.

Reviewed by hand.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODED = (
    ("period", 7),
    ("age_band", 8),
    ("region", 16),
    ("nationality_region", 40),
    ("agency_level", 16),
    ("legal_status_group", 20),
    ("encounter_type", 40),
    ("frt_system", 40),
    ("frt_mode", 16),
    ("treated_as", 40),
    ("sole_basis", 8),
    ("human_review", 40),
    ("misidentified", 8),
    ("documents_presented", 400),
    ("documents_disregarded", 8),
    ("detention_hours_band", 8),
)


def upgrade() -> None:
    op.create_table(
        "research_facts",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.String(length=size), nullable=False) for name, size in CODED),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("provisions_violated", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_research_facts_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_research_facts")),
    )


def downgrade() -> None:
    op.drop_table("research_facts")
