"""Redaction review: redaction_decisions (manual redactions and restorations), redaction_reviews
(sign-offs with the fingerprint of the text reviewed), and redacted photo copies on evidence
(redacted_from_id, redaction_regions).

Reviewed by hand.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)


def _owned(table: str) -> list:
    """id, organization and incident columns with their keys."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f(f"fk_{table}_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f(f"fk_{table}_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "redaction_decisions",
        *_owned("redaction_decisions"),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("term", sa.String(length=500), nullable=False),
        sa.Column("field_key", sa.String(length=60), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("occurrence", sa.Integer(), nullable=True),
        sa.Column("text_digest", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("withdrawn_at", WHEN, nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_redaction_decisions_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["users.id"],
            name=op.f("fk_redaction_decisions_withdrawn_by_id_users"),
        ),
    )
    op.create_table(
        "redaction_reviews",
        *_owned("redaction_reviews"),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("reviewed_at", WHEN, nullable=False),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"], ["users.id"], name=op.f("fk_redaction_reviews_reviewed_by_id_users")
        ),
    )
    for table in ("redaction_decisions", "redaction_reviews"):
        for column in ("incident_id", "organization_id"):
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("redacted_from_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("redaction_regions", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_evidence_redacted_from_id"), ["redacted_from_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_evidence_redacted_from_id_evidence"), "evidence", ["redacted_from_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_evidence_redacted_from_id_evidence"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_evidence_redacted_from_id"))
        batch_op.drop_column("redaction_regions")
        batch_op.drop_column("redacted_from_id")
    for table in ("redaction_reviews", "redaction_decisions"):
        for column in ("organization_id", "incident_id"):
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.drop_table(table)
