"""Incident facts a litigator needs: the basis of the stop (stated reason, apparent basis,
warrant shown), citizenship and status claims (claimed, when, how and when proven), biometrics
and data taken, recordings and the preservation letter.

Reviewed by hand.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNKNOWN = (  # (column, length): coded facts, "unknown" until someone knows
    ("warrant_shown", 20),
    ("status_claimed", 10),
    ("status_proven_by", 20),
    ("fingerprints_taken", 10),
    ("photographs_taken", 10),
    ("dna_taken", 10),
    ("phone_searched", 10),
    ("retention_told", 10),
    ("body_camera", 10),
    ("bystander_video", 10),
)


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stated_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("apparent_basis", sa.String(length=300), nullable=True))
        for name, length in UNKNOWN:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="unknown")
            )
        batch_op.add_column(sa.Column("status_claimed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("status_proven_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("preservation_letter_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("preservation_letter_to", sa.String(length=200), nullable=True)
        )


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35+), not a batch copy: a copied table would lose the
    # research_facts_eligible trigger on incidents (migration 0007)
    for name in (
        "preservation_letter_to",
        "preservation_letter_on",
        "status_proven_at",
        "status_claimed_at",
        *(name for name, _ in reversed(UNKNOWN)),
        "apparent_basis",
        "stated_reason",
    ):
        op.drop_column("incidents", name)
