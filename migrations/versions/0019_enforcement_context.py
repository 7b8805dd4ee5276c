"""The enforcement context of an incident (incidents.enforcement_context: civil immigration,
criminal, both, unknown, or 'derived' from the agencies) and the contexts a provision governs
(provisions.contexts: 'criminal' for rules of criminal investigations only, else 'any').

Plain ADD COLUMN with a server default (never a batch copy of `incidents`: decision 0013).

Reviewed by hand.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "incidents",
        sa.Column(
            "enforcement_context",
            sa.String(length=20),
            nullable=False,
            server_default="derived",
        ),
    )
    op.add_column(
        "provisions",
        sa.Column("contexts", sa.String(length=20), nullable=False, server_default="any"),
    )


def downgrade() -> None:
    op.drop_column("provisions", "contexts")
    op.drop_column("incidents", "enforcement_context")
