"""research_facts keeps who may be exported (organization, eligible) and the ready-made export
cells of the columns written as they are; two indexes let the export count its classes and rare
values from this table alone; a trigger keeps `eligible` equal to the incident's consent and
archive state.

The table holds derived data only: it is recreated empty, and the next export or research page
fills it in (as in 0006).

Reviewed by hand.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODED = (
    ("period", 7),
    ("age_band", 8),
    ("region", 16),
    ("nationality_region", 40),
    ("agency_level", 16),
    ("legal_status_group", 20),
    ("encounter_type", 40),
    ("frt_system", 40),
    ("frt_mode", 16),
    ("treated_as", 40),
    ("sole_basis", 8),
    ("human_review", 40),
    ("misidentified", 8),
    ("documents_presented", 400),
    ("documents_disregarded", 8),
    ("detention_hours_band", 8),
)
ELIGIBLE = "NEW.research_consent = 'yes' AND NEW.archived_at IS NULL"
WATCHED = "AFTER UPDATE OF research_consent, archived_at ON incidents"
SET = f"UPDATE research_facts SET eligible = ({ELIGIBLE}) WHERE incident_id = NEW.id;"


def _create(extended: bool) -> None:
    extra = (
        [
            sa.Column("organization_id", sa.Integer(), nullable=False),
            sa.Column("eligible", sa.Boolean(), nullable=False),
        ]
        if extended
        else []
    )
    constraints = (
        [
            sa.ForeignKeyConstraint(
                ["organization_id"],
                ["organizations.id"],
                name=op.f("fk_research_facts_organization_id_organizations"),
            )
        ]
        if extended
        else []
    )
    op.create_table(
        "research_facts",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        *extra,
        *(sa.Column(name, sa.String(length=size), nullable=False) for name, size in CODED),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("provisions_violated", sa.String(length=400), nullable=False),
        *([sa.Column("cells", sa.Text(), nullable=False)] if extended else []),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_research_facts_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        *constraints,
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_research_facts")),
    )


def upgrade() -> None:
    op.drop_table("research_facts")
    _create(extended=True)
    op.create_index(
        "ix_research_facts_classes",
        "research_facts",
        [
            "organization_id",
            "eligible",
            "period",
            "age_band",
            "region",
            "nationality_region",
            "agency_level",
        ],
    )
    op.create_index(
        "ix_research_facts_rare",
        "research_facts",
        ["organization_id", "eligible", "encounter_type", "frt_system", "outcome"],
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION research_facts_eligible() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {SET} RETURN NULL; END $$"
        )
        op.execute(
            f"CREATE TRIGGER research_facts_eligible {WATCHED} FOR EACH ROW "
            "EXECUTE FUNCTION research_facts_eligible()"
        )
    else:
        op.execute(f"CREATE TRIGGER research_facts_eligible {WATCHED} FOR EACH ROW BEGIN {SET} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS research_facts_eligible() CASCADE")
    else:
        op.execute("DROP TRIGGER IF EXISTS research_facts_eligible")
    op.drop_table("research_facts")
    _create(extended=False)
