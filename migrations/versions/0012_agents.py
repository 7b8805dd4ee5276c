"""Agents of an incident, as rows (agents): agency, name, badge, role, dress, masked, whether
they identified themselves and stated the reason, description.

Reviewed by hand.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("badge", sa.String(length=60), nullable=True),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("attire", sa.String(length=20), nullable=False),
        sa.Column("masked", sa.String(length=10), nullable=False),
        sa.Column("identified_self", sa.String(length=10), nullable=False),
        sa.Column("stated_reason", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_agents_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_agents_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
    )
    op.create_index(op.f("ix_agents_incident_id"), "agents", ["incident_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_agents_incident_id"), table_name="agents")
    op.drop_table("agents")
