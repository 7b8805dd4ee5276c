"""The incident list at a million rows (issue 20, item 3; decision 0019).

Both databases: `incidents.frt_systems` (the systems' codes between spaces, filled from
frt_uses) and the two wide list indexes rebuilt with it, so the FRT-system filter reads the
index instead of joining frt_uses.

PostgreSQL: the search words stored (a tsvector column under the GIN index), and list
indexes of the incidents that are not archived, one per sort order, with the filter columns
carried (INCLUDE) so a filtered page reads the index only; built CONCURRENTLY (outside the
migration's transaction), so a database in use keeps taking writes meanwhile. SQLite keeps its
wide indexes: `archived_at IS NULL` is an equality to it.

Reviewed by hand.

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

FACETS = [
    "encounter_type",
    "documentation_status",
    "outcome",
    "subject_legal_status",
    "flag_sole_basis",
    "flag_docs_disregarded",
]
WIDE = {  # SQLite's (and PostgreSQL's archive) list indexes, before and after
    "ix_incidents_list_facets": ["occurred_on", "id", "state"],
    "ix_incidents_list_state": ["state", "occurred_on", "id"],
}
COVERED = (
    "encounter_type, documentation_status, outcome, subject_legal_status, flag_sole_basis, "
    "flag_docs_disregarded, frt_systems, date_precision, assigned_caseworker_id, "
    "assigned_lawyer_id"
)
FILL = {
    "postgresql": (
        "UPDATE incidents SET frt_systems = ' ' || s.codes || ' ' FROM (SELECT incident_id, "
        "string_agg(DISTINCT system, ' ' ORDER BY system) AS codes FROM frt_uses "
        "GROUP BY incident_id) AS s WHERE s.incident_id = incidents.id"
    ),
    "sqlite": (
        "UPDATE incidents SET frt_systems = ' ' || (SELECT group_concat(system, ' ') FROM "
        "(SELECT DISTINCT system FROM frt_uses WHERE frt_uses.incident_id = incidents.id "
        "ORDER BY system)) || ' ' WHERE id IN (SELECT incident_id FROM frt_uses)"
    ),
}
INDEXES = {  # name: columns after organization_id, INCLUDE
    "ix_incidents_live_occurred": ("occurred_on, id", f"state, {COVERED}"),
    "ix_incidents_live_state": ("state, occurred_on, id", COVERED),
    "ix_incidents_live_status": ("documentation_status, occurred_on, id", COVERED),
    "ix_incidents_live_legal_status": ("subject_legal_status, occurred_on, id", COVERED),
    "ix_incidents_live_outcome": ("outcome, occurred_on, id", COVERED),
    "ix_incidents_live_reference": ("reference, id", ""),
    "ix_incidents_live_updated": ("updated_at, id", ""),
}
revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _wide(with_systems: bool) -> None:
    for name, leading in WIDE.items():
        op.drop_index(name, table_name="incidents")
        extra = ["frt_systems"] if with_systems else []
        op.create_index(
            name, "incidents", ["organization_id", "archived_at", *leading, *FACETS, *extra]
        )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column(
        "incidents",
        sa.Column("frt_systems", sa.String(length=400), server_default="", nullable=False),
    )
    op.execute(FILL[dialect])
    _wide(with_systems=True)
    if dialect != "postgresql":
        return
    # the search words stored once, not parsed again for every row a search checks
    op.execute("DROP INDEX IF EXISTS ix_incident_search_fts")
    op.execute(
        "ALTER TABLE incident_search ADD COLUMN body_words tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED"
    )
    op.execute("CREATE INDEX ix_incident_search_fts ON incident_search USING gin (body_words)")
    with op.get_context().autocommit_block():
        for name, (columns, include) in INDEXES.items():
            included = f" INCLUDE ({include})" if include else ""
            op.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON incidents "
                f"(organization_id, {columns}){included} WHERE archived_at IS NULL"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        with op.get_context().autocommit_block():
            for name in INDEXES:
                op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
        op.execute("DROP INDEX IF EXISTS ix_incident_search_fts")
        op.execute("ALTER TABLE incident_search DROP COLUMN body_words")
        op.execute(
            "CREATE INDEX ix_incident_search_fts ON incident_search "
            "USING gin (to_tsvector('simple', body))"
        )
    _wide(with_systems=False)
    # not a batch copy: that would drop the incidents' triggers (SQLite 3.35+ drops a column)
    op.execute("ALTER TABLE incidents DROP COLUMN frt_systems")
