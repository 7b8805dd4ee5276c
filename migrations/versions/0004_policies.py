"""policy library: policies, provisions, assessments

Reviewed by hand. The built-in entries are loaded by `flask policies load`, not here, so that the
library can be refreshed without a migration.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('policies',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('key', sa.String(length=60), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('issuer', sa.String(length=200), nullable=False),
    sa.Column('jurisdiction_level', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=2), nullable=True),
    sa.Column('policy_type', sa.String(length=30), nullable=False),
    sa.Column('citation', sa.String(length=300), nullable=True),
    sa.Column('source_url', sa.String(length=2000), nullable=True),
    sa.Column('source_note', sa.String(length=500), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('dates_note', sa.String(length=500), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('successor_id', sa.Integer(), nullable=True),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.Column('user_modified', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_policies_created_by_id_users')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_policies_organization_id_organizations')),
    sa.ForeignKeyConstraint(['successor_id'], ['policies.id'], name=op.f('fk_policies_successor_id_policies')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_policies_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policies')),
    sa.UniqueConstraint('key', name=op.f('uq_policies_key'))
    )
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policies_organization_id'), ['organization_id'], unique=False)

    op.create_table('provisions',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=True),
    sa.Column('section', sa.String(length=100), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('is_quotation', sa.Boolean(), nullable=False),
    sa.Column('requirement_type', sa.String(length=40), nullable=False),
    sa.Column('scope_levels', sa.String(length=60), nullable=False),
    sa.Column('scope_state', sa.String(length=2), nullable=True),
    sa.Column('scope_city', sa.String(length=100), nullable=True),
    sa.Column('scope_county', sa.String(length=100), nullable=True),
    sa.Column('scope_agencies', sa.String(length=300), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('user_modified', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_provisions_created_by_id_users')),
    sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], name=op.f('fk_provisions_policy_id_policies')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_provisions_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provisions')),
    sa.UniqueConstraint('key', name=op.f('uq_provisions_key'))
    )
    with op.batch_alter_table('provisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provisions_policy_id'), ['policy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_provisions_requirement_type'), ['requirement_type'], unique=False)

    op.create_table('assessments',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('provision_id', sa.Integer(), nullable=False),
    sa.Column('suggested', sa.String(length=20), nullable=False),
    sa.Column('suggested_reason', sa.Text(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('reasoning', sa.Text(), nullable=False),
    sa.Column('evidence_ids', sa.String(length=500), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_assessments_created_by_id_users')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_assessments_decided_by_id_users')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_assessments_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_assessments_organization_id_organizations')),
    sa.ForeignKeyConstraint(['provision_id'], ['provisions.id'], name=op.f('fk_assessments_provision_id_provisions')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_assessments_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments')),
    sa.UniqueConstraint('incident_id', 'provision_id', name='uq_assessments_incident_provision')
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_provision_id'), ['provision_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_provision_id'))
        batch_op.drop_index(batch_op.f('ix_assessments_organization_id'))
        batch_op.drop_index(batch_op.f('ix_assessments_incident_id'))

    op.drop_table('assessments')
    with op.batch_alter_table('provisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provisions_requirement_type'))
        batch_op.drop_index(batch_op.f('ix_provisions_policy_id'))

    op.drop_table('provisions')
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policies_organization_id'))

    op.drop_table('policies')
