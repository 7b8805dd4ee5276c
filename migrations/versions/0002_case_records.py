"""case records: incidents, people, FRT uses, documents presented, timeline, agencies, search

Reviewed by hand. Adds organizations.code (the reference prefix), filled for existing
organizations from their initials; seeds the shared agency list; creates the full-text search
index (SQLite FTS5 table with triggers, or a PostgreSQL GIN index) that the models cannot describe.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEEDED_AGENCIES = [
    ("ice_ero", "ICE Enforcement and Removal Operations (ERO)", "federal"),
    ("ice_hsi", "ICE Homeland Security Investigations (HSI)", "federal"),
    ("cbp_ofo", "CBP Office of Field Operations", "federal"),
    ("border_patrol", "U.S. Border Patrol", "federal"),
    ("fbi", "Federal Bureau of Investigation", "federal"),
    ("local_police", "Local police department", "local"),
    ("sheriff", "County sheriff", "local"),
    ("state_police", "State police / highway patrol", "state"),
    ("private_security", "Private security", "private"),
    ("other_federal", "Other federal agency", "federal"),
    ("unknown", "Unknown agency", "federal"),
]
SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE incident_fts USING fts5(body, content='incident_search', "
    "content_rowid='incident_id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER incident_search_ai AFTER INSERT ON incident_search BEGIN "
    "INSERT INTO incident_fts(rowid, body) VALUES (new.incident_id, new.body); END",
    "CREATE TRIGGER incident_search_ad AFTER DELETE ON incident_search BEGIN "
    "INSERT INTO incident_fts(incident_fts, rowid, body) VALUES ('delete', old.incident_id, "
    "old.body); END",
    "CREATE TRIGGER incident_search_au AFTER UPDATE ON incident_search BEGIN "
    "INSERT INTO incident_fts(incident_fts, rowid, body) VALUES ('delete', old.incident_id, "
    "old.body); INSERT INTO incident_fts(rowid, body) VALUES (new.incident_id, new.body); END",
]
POSTGRES_SEARCH = [
    "CREATE INDEX ix_incident_search_fts ON incident_search "
    "USING gin (to_tsvector('simple', body))",
]


def _org_codes(bind) -> None:
    """Give existing organizations a reference prefix from their initials."""
    taken = set()
    for org_id, name in bind.execute(sa.text("SELECT id, name FROM organizations ORDER BY id")):
        words = [w for w in "".join(c if c.isalpha() else " " for c in name).split()]
        base = ("".join(w[0] for w in words) if len(words) > 1 else name[:3]).upper()[:6]
        base = "".join(c for c in base if "A" <= c <= "Z") or "ORG"
        base = base if len(base) >= 2 else base + "X"
        code, n = base, 1
        while code in taken:
            n += 1
            code = f"{base}{n}"
        taken.add(code)
        bind.execute(sa.text("UPDATE organizations SET code = :c WHERE id = :i"),
                     {"c": code, "i": org_id})


def upgrade() -> None:
    op.create_table('agencies',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=2), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_agencies_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies')),
    sa.UniqueConstraint('organization_id', 'code', name='uq_agencies_org_code')
    )
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agencies_organization_id'), ['organization_id'], unique=False)

    op.create_table('incidents',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=24), nullable=False),
    sa.Column('ref_year', sa.Integer(), nullable=False),
    sa.Column('ref_number', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('date_precision', sa.String(length=5), nullable=False),
    sa.Column('occurred_time', sa.Time(), nullable=True),
    sa.Column('street_address', sa.String(length=200), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('county', sa.String(length=100), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=False),
    sa.Column('zip', sa.String(length=10), nullable=True),
    sa.Column('encounter_type', sa.String(length=30), nullable=False),
    sa.Column('narrative', sa.Text(), nullable=True),
    sa.Column('documentation_status', sa.String(length=20), nullable=False),
    sa.Column('research_consent', sa.String(length=3), nullable=False),
    sa.Column('research_consent_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=40), nullable=True),
    sa.Column('detention_hours_entered', sa.Float(), nullable=True),
    sa.Column('subject_legal_status', sa.String(length=30), nullable=True),
    sa.Column('flag_sole_basis', sa.Boolean(), nullable=False),
    sa.Column('flag_definitive_id', sa.Boolean(), nullable=False),
    sa.Column('flag_docs_disregarded', sa.Boolean(), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('archived_by_id', sa.Integer(), nullable=True),
    sa.Column('archive_reason', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['archived_by_id'], ['users.id'], name=op.f('fk_incidents_archived_by_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_incidents_created_by_id_users')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_incidents_organization_id_organizations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_incidents_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents')),
    sa.UniqueConstraint('organization_id', 'ref_year', 'ref_number', name='uq_incidents_org_ref_seq'),
    sa.UniqueConstraint('organization_id', 'reference', name='uq_incidents_org_reference')
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_list_state', ['organization_id', 'archived_at', 'state', 'occurred_on', 'id', 'encounter_type', 'documentation_status', 'outcome', 'subject_legal_status', 'flag_sole_basis', 'flag_docs_disregarded'], unique=False)
        batch_op.create_index('ix_incidents_list_facets', ['organization_id', 'archived_at', 'occurred_on', 'id', 'state', 'encounter_type', 'documentation_status', 'outcome', 'subject_legal_status', 'flag_sole_basis', 'flag_docs_disregarded'], unique=False)
        batch_op.create_index('ix_incidents_list_reference', ['organization_id', 'archived_at', 'reference'], unique=False)
        batch_op.create_index('ix_incidents_list_updated', ['organization_id', 'archived_at', 'updated_at'], unique=False)

    op.create_table('people',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('aliases', sa.String(length=500), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('a_number', sa.String(length=10), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('street_address', sa.String(length=200), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=True),
    sa.Column('zip', sa.String(length=10), nullable=True),
    sa.Column('gender', sa.String(length=20), nullable=True),
    sa.Column('nationality', sa.String(length=2), nullable=True),
    sa.Column('language', sa.String(length=60), nullable=True),
    sa.Column('legal_status', sa.String(length=30), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_people_created_by_id_users')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_people_organization_id_organizations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_people_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index('ix_people_org_a_number', ['organization_id', 'a_number'], unique=False)
        batch_op.create_index('ix_people_org_legal_status', ['organization_id', 'legal_status'], unique=False)
        batch_op.create_index('ix_people_org_name_key', ['organization_id', 'name_key'], unique=False)

    op.create_table('documents_presented',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('document_type', sa.String(length=30), nullable=False),
    sa.Column('presented_by_id', sa.Integer(), nullable=True),
    sa.Column('agent_response', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_documents_presented_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['presented_by_id'], ['people.id'], name=op.f('fk_documents_presented_presented_by_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents_presented'))
    )
    with op.batch_alter_table('documents_presented', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_presented_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index('ix_documents_presented_response', ['agent_response', 'incident_id'], unique=False)

    op.create_table('frt_uses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('system', sa.String(length=30), nullable=False),
    sa.Column('operator_agency_id', sa.Integer(), nullable=True),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('capture_source', sa.String(length=20), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('treated_as', sa.String(length=20), nullable=False),
    sa.Column('sole_basis', sa.String(length=7), nullable=False),
    sa.Column('human_review', sa.String(length=20), nullable=False),
    sa.Column('independent_corroboration', sa.String(length=7), nullable=False),
    sa.Column('misidentified', sa.String(length=7), nullable=False),
    sa.Column('disclosed_to_person', sa.String(length=7), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_frt_uses_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['operator_agency_id'], ['agencies.id'], name=op.f('fk_frt_uses_operator_agency_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_frt_uses'))
    )
    with op.batch_alter_table('frt_uses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_frt_uses_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index('ix_frt_uses_sole_basis_incident', ['sole_basis', 'incident_id'], unique=False)
        batch_op.create_index('ix_frt_uses_system_incident', ['system', 'incident_id'], unique=False)

    op.create_table('incident_agencies',
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_incident_agencies_agency_id_agencies')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_agencies_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('incident_id', 'agency_id', name=op.f('pk_incident_agencies'))
    )
    with op.batch_alter_table('incident_agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_agencies_agency_id'), ['agency_id'], unique=False)

    op.create_table('incident_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_people_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_incident_people_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_people')),
    sa.UniqueConstraint('incident_id', 'person_id', name='uq_incident_people_incident_person')
    )
    with op.batch_alter_table('incident_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_people_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_people_person_id'), ['person_id'], unique=False)

    op.create_table('incident_search',
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_search_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('incident_id', name=op.f('pk_incident_search'))
    )
    op.create_table('timeline_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_timeline_events_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timeline_events'))
    )
    with op.batch_alter_table('timeline_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timeline_events_incident_id'), ['incident_id'], unique=False)

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index('ix_audit_events_object', ['object_type', 'object_id'], unique=False)

    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=8), nullable=True))
    _org_codes(op.get_bind())
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.alter_column('code', existing_type=sa.String(length=8), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_organizations_code'), ['code'])

    agencies = sa.table("agencies", sa.column("created_at", sa.DateTime(timezone=True)),
                        sa.column("updated_at", sa.DateTime(timezone=True)),
                        sa.column("organization_id", sa.Integer), sa.column("code", sa.String),
                        sa.column("name", sa.String), sa.column("level", sa.String))
    now = datetime.now(UTC)
    op.bulk_insert(agencies, [
        {"created_at": now, "updated_at": now, "organization_id": None, "code": code,
         "name": name, "level": level} for code, name, level in SEEDED_AGENCIES])

    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_SEARCH, "postgresql": POSTGRES_SEARCH}.get(dialect, []):
        op.execute(statement)



def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("incident_search_ai", "incident_search_ad", "incident_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS incident_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_incident_search_fts")
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_organizations_code'), type_='unique')
        batch_op.drop_column('code')

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_object')

    with op.batch_alter_table('timeline_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timeline_events_incident_id'))

    op.drop_table('timeline_events')
    op.drop_table('incident_search')
    with op.batch_alter_table('incident_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_people_person_id'))
        batch_op.drop_index(batch_op.f('ix_incident_people_incident_id'))

    op.drop_table('incident_people')
    with op.batch_alter_table('incident_agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_agencies_agency_id'))

    op.drop_table('incident_agencies')
    with op.batch_alter_table('frt_uses', schema=None) as batch_op:
        batch_op.drop_index('ix_frt_uses_system_incident')
        batch_op.drop_index('ix_frt_uses_sole_basis_incident')
        batch_op.drop_index(batch_op.f('ix_frt_uses_incident_id'))

    op.drop_table('frt_uses')
    with op.batch_alter_table('documents_presented', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_presented_response')
        batch_op.drop_index(batch_op.f('ix_documents_presented_incident_id'))

    op.drop_table('documents_presented')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index('ix_people_org_name_key')
        batch_op.drop_index('ix_people_org_legal_status')
        batch_op.drop_index('ix_people_org_a_number')

    op.drop_table('people')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        for name in ("state", "facets", "reference", "updated"):
            batch_op.drop_index(f"ix_incidents_list_{name}")

    op.drop_table('incidents')
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_organization_id'))

    op.drop_table('agencies')
