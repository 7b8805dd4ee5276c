"""Sealed heads: audit_head.seal (HMAC of the head with the audit key) and each evidence item's
custody head (seq, tip, seal). Existing evidence is marked -1 ("recorded before seals"): its
next custody entry (e.g. `flask evidence verify`) checks the whole chain and seals it; until
then its page says the chain is not verified. The audit head is sealed by the next event.

Reviewed by hand.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64


def upgrade() -> None:
    with op.batch_alter_table("audit_head", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("seal", sa.String(length=64), nullable=False, server_default="")
        )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("custody_seq", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("custody_tip", sa.String(length=64), nullable=False, server_default=GENESIS)
        )
        batch_op.add_column(
            sa.Column("custody_seal", sa.String(length=64), nullable=False, server_default="")
        )
    op.execute("UPDATE evidence SET custody_seq = -1")


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("custody_seal")
        batch_op.drop_column("custody_tip")
        batch_op.drop_column("custody_seq")
    with op.batch_alter_table("audit_head", schema=None) as batch_op:
        batch_op.drop_column("seal")
