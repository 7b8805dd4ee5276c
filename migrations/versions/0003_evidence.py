"""evidence locker: stored files, evidence items, pins, custody log

Reviewed by hand. custody_events is append-only (triggers, as for audit_events).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = [
    "CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events "
    "BEGIN SELECT RAISE(ABORT, 'custody_events is append-only'); END",
    "CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events "
    "BEGIN SELECT RAISE(ABORT, 'custody_events is append-only'); END",
]
POSTGRES_TRIGGERS = [
    "CREATE OR REPLACE FUNCTION custody_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'custody_events is append-only'; END $$",
    "CREATE TRIGGER custody_events_append_only BEFORE UPDATE OR DELETE ON custody_events "
    "FOR EACH ROW EXECUTE FUNCTION custody_events_append_only()",
]


def upgrade() -> None:
    op.create_table('evidence_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('stored_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('capture_meta', sa.Text(), nullable=False),
    sa.Column('has_preview', sa.Boolean(), nullable=False),
    sa.Column('integrity', sa.String(length=10), nullable=False),
    sa.Column('last_verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_evidence_files_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_files')),
    sa.UniqueConstraint('organization_id', 'sha256', name='uq_evidence_files_sha')
    )
    op.create_table('evidence',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('provenance', sa.Text(), nullable=True),
    sa.Column('captured_on', sa.Date(), nullable=True),
    sa.Column('original_filename', sa.String(length=255), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('retrieved_on', sa.Date(), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('archived_by_id', sa.Integer(), nullable=True),
    sa.Column('archive_reason', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['archived_by_id'], ['users.id'], name=op.f('fk_evidence_archived_by_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_evidence_created_by_id_users')),
    sa.ForeignKeyConstraint(['file_id'], ['evidence_files.id'], name=op.f('fk_evidence_file_id_evidence_files')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_evidence_incident_id_incidents')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_evidence_organization_id_organizations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_evidence_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_file_id'), ['file_id'], unique=False)
        batch_op.create_index('ix_evidence_incident', ['incident_id', 'archived_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_organization_id'), ['organization_id'], unique=False)

    op.create_table('custody_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('hash_source', sa.String(length=10), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('entry_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_custody_events_actor_id_users')),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_custody_events_evidence_id_evidence')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custody_events')),
    sa.UniqueConstraint('evidence_id', 'seq', name='uq_custody_events_seq')
    )
    with op.batch_alter_table('custody_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custody_events_evidence_id'), ['evidence_id'], unique=False)

    op.create_table('evidence_pins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.Column('timeline_event_id', sa.Integer(), nullable=True),
    sa.Column('frt_use_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('locator', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents_presented.id'], name=op.f('fk_evidence_pins_document_id_documents_presented'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_evidence_pins_evidence_id_evidence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['frt_use_id'], ['frt_uses.id'], name=op.f('fk_evidence_pins_frt_use_id_frt_uses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['timeline_event_id'], ['timeline_events.id'], name=op.f('fk_evidence_pins_timeline_event_id_timeline_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_pins'))
    )
    with op.batch_alter_table('evidence_pins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_pins_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_pins_evidence_id'), ['evidence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_pins_frt_use_id'), ['frt_use_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_pins_timeline_event_id'), ['timeline_event_id'], unique=False)

    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS custody_events_append_only ON custody_events")
        op.execute("DROP FUNCTION IF EXISTS custody_events_append_only()")
    with op.batch_alter_table('evidence_pins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_pins_timeline_event_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_pins_frt_use_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_pins_evidence_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_pins_document_id'))

    op.drop_table('evidence_pins')
    with op.batch_alter_table('custody_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custody_events_evidence_id'))

    op.drop_table('custody_events')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_organization_id'))
        batch_op.drop_index('ix_evidence_incident')
        batch_op.drop_index(batch_op.f('ix_evidence_file_id'))

    op.drop_table('evidence')
    op.drop_table('evidence_files')
