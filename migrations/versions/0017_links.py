"""Links of the litigation record: who scanned (frt_uses.scanned_by_id) and which agent acted in
a timeline event (timeline_events.agent_id), both to agents and emptied when the agent row is
removed; an agency acting under a 287(g) agreement (incident_agencies.under_287g); evidence
pinned to paperwork (evidence_pins.paperwork_id, the copy in the locker).

The references are added by batch on SQLite (a copy of frt_uses, timeline_events and
evidence_pins, which carry no triggers; never of `incidents`: see decision 0013).

Reviewed by hand.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _reference(table, column, target, ondelete):
    # a batch: SQLite adds a named reference only by copying the table (these tables carry no
    # triggers, and foreign keys are off while migrations run); PostgreSQL alters in place
    with op.batch_alter_table(table) as batch_op:
        batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f(f"fk_{table}_{column}_{target}"), target, [column], ["id"], ondelete=ondelete
        )


def upgrade() -> None:
    _reference("frt_uses", "scanned_by_id", "agents", "SET NULL")
    _reference("timeline_events", "agent_id", "agents", "SET NULL")
    _reference("evidence_pins", "paperwork_id", "paperwork", "CASCADE")
    op.create_index(op.f("ix_evidence_pins_paperwork_id"), "evidence_pins", ["paperwork_id"])
    op.add_column(
        "incident_agencies",
        sa.Column("under_287g", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("incident_agencies", "under_287g")
    op.drop_index(op.f("ix_evidence_pins_paperwork_id"), table_name="evidence_pins")
    for table, column, target in (
        ("evidence_pins", "paperwork_id", "paperwork"),
        ("timeline_events", "agent_id", "agents"),
        ("frt_uses", "scanned_by_id", "agents"),
    ):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f"fk_{table}_{column}_{target}"), type_="foreignkey")
            batch_op.drop_column(column)
