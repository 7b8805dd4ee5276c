"""Research facts: one row per incident holding only the coded, level-0 values the anonymized
research export and the aggregate tables read — no names, dates, places below the state, free
text or identifiers. Derived data, like the list flags: services refresh it after every change
(`incidents.records.research`), and the export fills in any row that is missing.

Who may be exported is stored with the facts (`organization_id`, `eligible`: consented and not
archived) so that the export counts its classes from an index of this one table. A trigger keeps
`eligible` equal to the incident's consent and archive state whatever path updates the incident.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, Float, Index, Text, event, text
from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime, utcnow

CLASS_COLUMNS = ("period", "age_band", "region", "nationality_region", "agency_level")
RARE_COLUMNS = ("encounter_type", "frt_system", "outcome")
# The trigger, as each database writes it (plain constants).
SQLITE_TRIGGER = """
CREATE TRIGGER research_facts_eligible
AFTER UPDATE OF research_consent, archived_at ON incidents FOR EACH ROW BEGIN
  UPDATE research_facts
  SET eligible = (NEW.research_consent = 'yes' AND NEW.archived_at IS NULL)
  WHERE incident_id = NEW.id;
END"""
POSTGRESQL_FUNCTION = """
CREATE FUNCTION research_facts_eligible() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  UPDATE research_facts
  SET eligible = (NEW.research_consent = 'yes' AND NEW.archived_at IS NULL)
  WHERE incident_id = NEW.id;
  RETURN NULL;
END $$"""
POSTGRESQL_TRIGGER = """
CREATE TRIGGER research_facts_eligible
AFTER UPDATE OF research_consent, archived_at ON incidents FOR EACH ROW
EXECUTE FUNCTION research_facts_eligible()"""


class ResearchFacts(SQLModel, table=True):
    """The export record of one incident; column names are the export's."""

    __tablename__ = "research_facts"
    __table_args__ = (
        Index("ix_research_facts_classes", "organization_id", "eligible", *CLASS_COLUMNS),
        Index("ix_research_facts_rare", "organization_id", "eligible", *RARE_COLUMNS),
    )

    incident_id: int = Field(foreign_key="incidents.id", primary_key=True, ondelete="CASCADE")
    organization_id: int = Field(foreign_key="organizations.id", nullable=False)
    eligible: bool = Field(nullable=False)  # research consent "yes" and not archived
    period: str = Field(max_length=7, nullable=False)  # YYYY-MM, or YYYY (a year-only date)
    age_band: str = Field(max_length=8, nullable=False)  # 10-year band, 90+ or unknown
    region: str = Field(max_length=16, nullable=False)  # the state code, or unknown
    # the same a level up, stored so that the export's rows need no mapping (decision 0017)
    period_quarter: str = Field(max_length=7, nullable=False)  # YYYY-Qn, or YYYY
    age_wide: str = Field(max_length=8, nullable=False)
    region_division: str = Field(max_length=24, nullable=False)
    region_census: str = Field(max_length=16, nullable=False)
    nationality_region: str = Field(max_length=40, nullable=False)
    agency_level: str = Field(max_length=16, nullable=False)
    legal_status_group: str = Field(max_length=20, nullable=False)
    encounter_type: str = Field(max_length=40, nullable=False)
    frt_system: str = Field(max_length=40, nullable=False)
    frt_mode: str = Field(max_length=16, nullable=False)
    treated_as: str = Field(max_length=40, nullable=False)
    sole_basis: str = Field(max_length=8, nullable=False)
    human_review: str = Field(max_length=40, nullable=False)
    misidentified: str = Field(max_length=8, nullable=False)
    documents_presented: str = Field(max_length=400, nullable=False)
    documents_disregarded: str = Field(max_length=8, nullable=False)
    detention_hours_band: str = Field(max_length=8, nullable=False)
    hours: float | None = Field(default=None, sa_type=Float)  # the median only; never exported
    outcome: str = Field(max_length=40, nullable=False)
    provisions_violated: str = Field(max_length=400, nullable=False)
    stop_basis: str = Field(max_length=300, nullable=False)  # stop_basis codes, ";"
    agents_masked: str = Field(max_length=8, nullable=False)
    claim_ignored: str = Field(max_length=8, nullable=False)
    scan_consent: str = Field(max_length=20, nullable=False)
    biometrics_taken: str = Field(max_length=40, nullable=False)  # codes ";", none or unknown
    facility_types: str = Field(max_length=200, nullable=False)  # detention_place codes, ";"
    under_287g: str = Field(max_length=16, nullable=False)
    cells: str = Field(sa_type=Text, nullable=False)  # export cells of research.PACKED, joined


_table = ResearchFacts.__table__
event.listen(_table, "after_create", DDL(SQLITE_TRIGGER).execute_if(dialect="sqlite"))
for _statement in (POSTGRESQL_FUNCTION, POSTGRESQL_TRIGGER):
    event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
event.listen(
    _table,
    "before_drop",
    DDL("DROP FUNCTION IF EXISTS research_facts_eligible() CASCADE").execute_if(
        dialect="postgresql"
    ),
)


class ResearchRelease(SQLModel, table=True):
    """The release of a data set a researcher has taken (decision 0017): two releases of the same
    incidents at other levels could be joined row by row (their analytic columns single rows
    out) and undo k, so a researcher downloads one release of a set of organizations' data
    until an administrator withdraws it. No case data: the researcher, whose data (the
    organizations), and the levels."""

    __tablename__ = "research_releases"
    __table_args__ = (
        Index("ix_research_releases_user", "user_id", "organizations"),
        # one release a researcher has, enforced by the database (two downloads at once)
        Index(
            "ux_research_releases_held",
            "user_id",
            unique=True,
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", nullable=False)
    organizations: str = Field(max_length=400, nullable=False)  # sorted ids, "1,4"
    code: str = Field(max_length=16, nullable=False)  # the levels, "1-0-2-1-0"
    first_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    last_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    downloads: int = Field(default=1, nullable=False)
    # when a download of it ran to the end: another would single out what changed since
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # a download of it under way since (two at once would be two complete copies)
    streaming_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawn_by_id: int | None = Field(default=None, foreign_key="users.id")
