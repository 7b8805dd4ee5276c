"""Paperwork issued or served in an incident, as rows (paperwork): kind, date, served, whether a
copy is in the evidence locker, notes.

Reviewed by hand.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "paperwork",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("served", sa.String(length=10), nullable=False),
        sa.Column("in_locker", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_paperwork_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paperwork")),
    )
    op.create_index(op.f("ix_paperwork_incident_id"), "paperwork", ["incident_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_paperwork_incident_id"), table_name="paperwork")
    op.drop_table("paperwork")
