"""The team's workbench: review moves (review_events) and who verified an incident; assigned
caseworker and lawyer; legal actions and deadlines; records requests linked to incidents;
evidence filed with a legal action or a records request (evidence_pins); each user's calendar
feed token (its hash).

Columns of `incidents` are added with plain ADD COLUMN (their references written inline on
SQLite), never a batch copy: SQLite's copy drops the research eligibility trigger (decision
0013). `users` and `evidence_pins` carry no triggers and are altered by batch on SQLite.

Reviewed by hand.

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-28
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from incidents.db import UTCDateTime

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INCIDENT_USER_COLUMNS = ("assigned_caseworker_id", "assigned_lawyer_id", "verified_by_id")


def _audited():
    return [
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
    ]


def _archived():
    return [
        sa.Column("archived_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("archived_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
    ]


def _reference(name, target, ondelete=None, nullable=False):
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(f"{target}.id", ondelete=ondelete), nullable=nullable
    )


def _create_tables() -> None:
    op.create_table(
        "review_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        _reference("organization_id", "organizations"),
        _reference("incident_id", "incidents"),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        _reference("actor_id", "users", nullable=True),
        sa.Column("occurred_at", UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index(op.f("ix_review_events_incident_id"), "review_events", ["incident_id"])
    op.create_table(
        "legal_actions",
        *_audited(),
        sa.Column("id", sa.Integer(), primary_key=True),
        _reference("organization_id", "organizations"),
        _reference("incident_id", "incidents"),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("against", sa.String(length=300), nullable=True),
        sa.Column("accrued_on", sa.Date(), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=True),
        sa.Column("denial_mailed_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_archived(),
    )
    op.create_index("ix_legal_actions_incident", "legal_actions", ["incident_id", "archived_at"])
    op.create_index(op.f("ix_legal_actions_organization_id"), "legal_actions", ["organization_id"])
    op.create_table(
        "deadlines",
        *_audited(),
        sa.Column("id", sa.Integer(), primary_key=True),
        _reference("organization_id", "organizations"),
        _reference("incident_id", "incidents"),
        _reference("legal_action_id", "legal_actions", "CASCADE", nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("computed", sa.Boolean(), nullable=False),
        sa.Column("rule", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index(op.f("ix_deadlines_incident_id"), "deadlines", ["incident_id"])
    op.create_index(op.f("ix_deadlines_legal_action_id"), "deadlines", ["legal_action_id"])
    op.create_index("ix_deadlines_org_due", "deadlines", ["organization_id", "done_on", "due_on"])
    op.create_table(
        "records_requests",
        *_audited(),
        sa.Column("id", sa.Integer(), primary_key=True),
        _reference("organization_id", "organizations"),
        sa.Column("kind", sa.String(length=30), nullable=False),
        _reference("agency_id", "agencies", nullable=True),
        sa.Column("component", sa.String(length=200), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("tracking_number", sa.String(length=100), nullable=True),
        sa.Column("extension_days", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_rule", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=True),
        sa.Column("fees", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_archived(),
    )
    op.create_index(
        "ix_records_requests_org_due", "records_requests", ["organization_id", "status", "due_on"]
    )
    op.create_table(
        "records_request_incidents",
        sa.Column(
            "records_request_id",
            sa.Integer(),
            sa.ForeignKey("records_requests.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("incident_id", sa.Integer(), sa.ForeignKey("incidents.id"), primary_key=True),
    )
    op.create_index(
        op.f("ix_records_request_incidents_incident_id"),
        "records_request_incidents",
        ["incident_id"],
    )


def _add_incident_columns() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column in INCIDENT_USER_COLUMNS:
        name = f"fk_incidents_{column}_users"
        if sqlite:  # an inline reference: no copy of the table
            op.execute(
                f"ALTER TABLE incidents ADD COLUMN {column} INTEGER "
                f"CONSTRAINT {name} REFERENCES users (id)"
            )
        else:
            op.add_column("incidents", sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(name, "incidents", "users", [column], ["id"])
    op.add_column("incidents", sa.Column("verified_at", UTCDateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_incidents_caseworker", "incidents", ["assigned_caseworker_id", "documentation_status"]
    )
    op.create_index(
        "ix_incidents_lawyer", "incidents", ["assigned_lawyer_id", "documentation_status"]
    )


def upgrade() -> None:
    _create_tables()
    with op.batch_alter_table("evidence_pins") as batch_op:
        for column, target in (
            ("legal_action_id", "legal_actions"),
            ("records_request_id", "records_requests"),
        ):
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                op.f(f"fk_evidence_pins_{column}_{target}"),
                target,
                [column],
                ["id"],
                ondelete="CASCADE",
            )
            batch_op.create_index(op.f(f"ix_evidence_pins_{column}"), [column])
    _add_incident_columns()
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("calendar_token_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("calendar_token_created_at", UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_unique_constraint(
            op.f("uq_users_calendar_token_hash"), ["calendar_token_hash"]
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_constraint(op.f("uq_users_calendar_token_hash"), type_="unique")
        batch_op.drop_column("calendar_token_created_at")
        batch_op.drop_column("calendar_token_hash")
    op.drop_index("ix_incidents_lawyer", table_name="incidents")
    op.drop_index("ix_incidents_caseworker", table_name="incidents")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column in INCIDENT_USER_COLUMNS:
        if not sqlite:
            op.drop_constraint(f"fk_incidents_{column}_users", "incidents", type_="foreignkey")
        op.drop_column("incidents", column)
    op.drop_column("incidents", "verified_at")
    with op.batch_alter_table("evidence_pins") as batch_op:
        for column, target in (
            ("records_request_id", "records_requests"),
            ("legal_action_id", "legal_actions"),
        ):
            batch_op.drop_index(op.f(f"ix_evidence_pins_{column}"))
            batch_op.drop_constraint(
                op.f(f"fk_evidence_pins_{column}_{target}"), type_="foreignkey"
            )
            batch_op.drop_column(column)
    op.drop_index(
        op.f("ix_records_request_incidents_incident_id"), table_name="records_request_incidents"
    )
    op.drop_table("records_request_incidents")
    op.drop_index("ix_records_requests_org_due", table_name="records_requests")
    op.drop_table("records_requests")
    op.drop_index("ix_deadlines_org_due", table_name="deadlines")
    op.drop_index(op.f("ix_deadlines_legal_action_id"), table_name="deadlines")
    op.drop_index(op.f("ix_deadlines_incident_id"), table_name="deadlines")
    op.drop_table("deadlines")
    op.drop_index(op.f("ix_legal_actions_organization_id"), table_name="legal_actions")
    op.drop_index("ix_legal_actions_incident", table_name="legal_actions")
    op.drop_table("legal_actions")
    op.drop_index(op.f("ix_review_events_incident_id"), table_name="review_events")
    op.drop_table("review_events")
