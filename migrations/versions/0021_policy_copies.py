"""An organization's own version of a built-in policy names the policy it copies
(policies.copied_from_id), so the organization's analyses read its version instead of the
built-in one (not both). Existing copies are found from their audit event ("policy_created"
with "copied_from").

A batch for `policies` only (a small table without triggers): SQLite adds a named reference
only by copying the table.

Reviewed by hand.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-28
"""
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("policies") as batch_op:
        batch_op.add_column(sa.Column("copied_from_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_policies_copied_from_id_policies"), "policies", ["copied_from_id"], ["id"]
        )
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT object_id, details FROM audit_events WHERE action = 'policy_created'")
    ).all()
    for object_id, details in rows:
        source = json.loads(details or "{}").get("copied_from")
        if source and object_id:
            bind.execute(
                sa.text(
                    "UPDATE policies SET copied_from_id = :source WHERE id = :id "
                    "AND organization_id IS NOT NULL AND copied_from_id IS NULL"
                ),
                {"source": int(source), "id": int(object_id)},
            )


def downgrade() -> None:
    with op.batch_alter_table("policies") as batch_op:
        batch_op.drop_constraint(op.f("fk_policies_copied_from_id_policies"), type_="foreignkey")
        batch_op.drop_column("copied_from_id")
