"""The incident aggregate (HURIDOCS event specialised for FRT): the incident itself, its FRT
uses, the documents presented, its timeline and the full-text search document."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import DDL, DateTime, Float, Index, Text, UniqueConstraint, event, text
from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime
from incidents.models.base import Audited

LIST_FACETS = (
    "organization_id",
    "archived_at",
    "occurred_on",
    "id",
    "state",
    "encounter_type",
    "documentation_status",
    "outcome",
    "subject_legal_status",
    "flag_sole_basis",
    "flag_docs_disregarded",
    "frt_systems",
)

# Filter columns carried in PostgreSQL's list indexes, so a filtered page reads the index only:
# the wide indexes' facets and the filters SQLite reads from the row.
LIVE_COVERED = (*LIST_FACETS[5:], "date_precision", "assigned_caseworker_id", "assigned_lawyer_id")


def live_index(name: str, *columns: str, include: tuple[str, ...] = ()) -> Index:
    """A PostgreSQL-only index of an organization's incidents that are not archived, in a sort's
    order: `archived_at IS NULL` is no equality, so the wide indexes above cannot return rows in
    order there (decision 0019). SQLite uses the wide indexes, `IS NULL` being an equality to it."""
    return Index(
        name,
        "organization_id",
        *columns,
        postgresql_where=text("archived_at IS NULL"),
        postgresql_include=list(include),
    ).ddl_if(dialect="postgresql")


LIVE_INDEXES = (
    live_index("ix_incidents_live_occurred", "occurred_on", "id", include=("state", *LIVE_COVERED)),
    live_index("ix_incidents_live_state", "state", "occurred_on", "id", include=LIVE_COVERED),
    live_index(
        "ix_incidents_live_status",
        "documentation_status",
        "occurred_on",
        "id",
        include=LIVE_COVERED,
    ),
    live_index(
        "ix_incidents_live_legal_status",
        "subject_legal_status",
        "occurred_on",
        "id",
        include=LIVE_COVERED,
    ),
    live_index("ix_incidents_live_outcome", "outcome", "occurred_on", "id", include=LIVE_COVERED),
    live_index("ix_incidents_live_reference", "reference", "id"),
    live_index("ix_incidents_live_updated", "updated_at", "id"),
)
POSTGRES_ONLY = {index.name for index in LIVE_INDEXES}
# SQLite only: a text search's few matches are looked up by id here (`INDEXED BY`, see
# cases.queries.filtered): what every search reads — organization, archived, date (the default
# order) — 150 entries to a page where the table holds one incident to a page. Other sorts and
# filters read the rest from the rows. PostgreSQL reads its matches from the GIN index and sorts
# them (decision 0019).
MATCHES_INDEX = "ix_incidents_matches"
MATCHES_COLUMNS = ("id", "organization_id", "archived_at", "occurred_on")
SQLITE_ONLY = {MATCHES_INDEX}


class Incident(Audited, table=True):
    """One event: a stop, detention or arrest in which FRT played a part."""

    __tablename__ = "incidents"
    __table_args__ = (
        UniqueConstraint("organization_id", "reference", name="uq_incidents_org_reference"),
        UniqueConstraint(
            "organization_id", "ref_year", "ref_number", name="uq_incidents_org_ref_seq"
        ),
        # The list always filters on organization and archived_at. Two wide indexes hold every
        # filterable column, so counting and paging any filter combination reads an index only;
        # (occurred_on, id) is the list's order, and the second index starts with the state,
        # the most common filter.
        Index("ix_incidents_list_facets", *LIST_FACETS),
        Index(
            "ix_incidents_list_state",
            "organization_id",
            "archived_at",
            "state",
            "occurred_on",
            "id",
            *LIST_FACETS[5:],
        ),
        Index("ix_incidents_list_reference", "organization_id", "archived_at", "reference"),
        Index("ix_incidents_list_updated", "organization_id", "archived_at", "updated_at"),
        Index("ix_incidents_caseworker", "assigned_caseworker_id", "documentation_status"),
        Index("ix_incidents_lawyer", "assigned_lawyer_id", "documentation_status"),
        *LIVE_INDEXES,
        Index(MATCHES_INDEX, *MATCHES_COLUMNS).ddl_if(dialect="sqlite"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False)
    reference: str = Field(max_length=24, nullable=False)
    ref_year: int = Field(nullable=False)
    ref_number: int = Field(nullable=False)
    version: int = Field(default=1, nullable=False)

    occurred_on: date = Field(nullable=False)
    date_precision: str = Field(default="day", max_length=5, nullable=False)
    occurred_time: time | None = None
    street_address: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=100)
    county: str | None = Field(default=None, max_length=100)
    state: str = Field(max_length=2, nullable=False)
    zip: str | None = Field(default=None, max_length=10)
    encounter_type: str = Field(max_length=30, nullable=False)
    enforcement_context: str = Field(
        default="derived",
        max_length=20,
        nullable=False,
        sa_column_kwargs={"server_default": "derived"},
    )
    narrative: str | None = Field(default=None, sa_type=Text)
    # moved only by the review workflow (review.services): draft → under_review → verified
    documentation_status: str = Field(default="draft", max_length=20, nullable=False)
    assigned_caseworker_id: int | None = Field(default=None, foreign_key="users.id")
    assigned_lawyer_id: int | None = Field(default=None, foreign_key="users.id")
    verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verified_by_id: int | None = Field(default=None, foreign_key="users.id")
    research_consent: str = Field(default="no", max_length=3, nullable=False)
    research_consent_on: date | None = None
    outcome: str | None = Field(default=None, max_length=40)
    detention_hours_entered: float | None = Field(default=None, sa_type=Float)
    # basis of the stop, status claims, biometrics and recordings (spec: sections basis, claims,
    # biometrics)
    stated_reason: str | None = Field(default=None, sa_type=Text)
    apparent_basis: str | None = Field(default=None, max_length=300)
    warrant_shown: str = Field(default="unknown", max_length=20, nullable=False)
    status_claimed: str = Field(default="unknown", max_length=10, nullable=False)
    status_claimed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=False))
    status_proven_by: str = Field(default="unknown", max_length=20, nullable=False)
    status_proven_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=False))
    fingerprints_taken: str = Field(default="unknown", max_length=10, nullable=False)
    photographs_taken: str = Field(default="unknown", max_length=10, nullable=False)
    dna_taken: str = Field(default="unknown", max_length=10, nullable=False)
    phone_searched: str = Field(default="unknown", max_length=10, nullable=False)
    retention_told: str = Field(default="unknown", max_length=10, nullable=False)
    body_camera: str = Field(default="unknown", max_length=10, nullable=False)
    bystander_video: str = Field(default="unknown", max_length=10, nullable=False)
    preservation_letter_on: date | None = None
    preservation_letter_to: str | None = Field(default=None, max_length=200)
    # harm (spec section harm)
    force_used: str | None = Field(default=None, max_length=300)
    injuries: str | None = Field(default=None, sa_type=Text)
    medical_care: str = Field(default="unknown", max_length=10, nullable=False)
    property_seized: str | None = Field(default=None, max_length=500)
    property_returned: str = Field(default="unknown", max_length=20, nullable=False)
    lost_wages: float | None = Field(default=None, sa_type=Float)
    job_lost: str = Field(default="unknown", max_length=10, nullable=False)
    missed_obligations: str | None = Field(default=None, max_length=200)
    effect: str | None = Field(default=None, sa_type=Text)

    # Derived from the rows below by the service (cases.derived), for fast filtering.
    subject_legal_status: str | None = Field(default=None, max_length=30)
    flag_sole_basis: bool = Field(default=False, nullable=False)
    flag_definitive_id: bool = Field(default=False, nullable=False)
    flag_docs_disregarded: bool = Field(default=False, nullable=False)
    # the FRT systems' codes, each between spaces (" clearview mobile_fortify "): the system
    # filter reads it in the list indexes instead of joining frt_uses
    frt_systems: str = Field(
        default="", max_length=400, nullable=False, sa_column_kwargs={"server_default": ""}
    )

    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    archived_by_id: int | None = Field(default=None, foreign_key="users.id")
    archive_reason: str | None = Field(default=None, max_length=500)


class FrtUse(SQLModel, table=True):
    """One use of facial recognition during the incident."""

    __tablename__ = "frt_uses"
    __table_args__ = (
        Index("ix_frt_uses_system_incident", "system", "incident_id"),
        Index("ix_frt_uses_sole_basis_incident", "sole_basis", "incident_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(
        foreign_key="incidents.id", index=True, nullable=False, ondelete="CASCADE"
    )
    position: int = Field(default=0, nullable=False)
    system: str = Field(max_length=30, nullable=False)
    operator_agency_id: int | None = Field(default=None, foreign_key="agencies.id")
    mode: str = Field(default="unknown", max_length=20, nullable=False)
    capture_source: str = Field(default="unknown", max_length=20, nullable=False)
    result: str = Field(default="unknown", max_length=20, nullable=False)
    treated_as: str = Field(default="unknown", max_length=20, nullable=False)
    sole_basis: str = Field(default="unknown", max_length=7, nullable=False)
    human_review: str = Field(default="unknown", max_length=20, nullable=False)
    independent_corroboration: str = Field(default="unknown", max_length=7, nullable=False)
    misidentified: str = Field(default="unknown", max_length=7, nullable=False)
    disclosed_to_person: str = Field(default="unknown", max_length=7, nullable=False)
    score: float | None = Field(default=None, sa_type=Float)
    scan_consent: str = Field(default="unknown", max_length=20, nullable=False)
    conditions: str | None = Field(default=None, max_length=200)
    returned: str | None = Field(default=None, max_length=200)
    gallery: str | None = Field(default=None, max_length=200)
    identity_differed: str | None = Field(default=None, max_length=200)
    scanned_by_id: int | None = Field(
        default=None, foreign_key="agents.id", ondelete="SET NULL"
    )  # the agent who scanned
    notes: str | None = Field(default=None, sa_type=Text)


class DocumentPresented(SQLModel, table=True):
    """An identity or citizenship document shown to the agents, and what they did with it."""

    __tablename__ = "documents_presented"
    __table_args__ = (Index("ix_documents_presented_response", "agent_response", "incident_id"),)

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(
        foreign_key="incidents.id", index=True, nullable=False, ondelete="CASCADE"
    )
    position: int = Field(default=0, nullable=False)
    document_type: str = Field(max_length=30, nullable=False)
    presented_by_id: int | None = Field(default=None, foreign_key="people.id")
    agent_response: str = Field(default="unknown", max_length=20, nullable=False)
    notes: str | None = Field(default=None, sa_type=Text)


class TimelineEvent(SQLModel, table=True):
    """A step of the incident. Times are local wall-clock times at the place of the event."""

    __tablename__ = "timeline_events"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(
        foreign_key="incidents.id", index=True, nullable=False, ondelete="CASCADE"
    )
    position: int = Field(default=0, nullable=False)
    kind: str = Field(max_length=20, nullable=False)
    starts_at: datetime = Field(sa_type=DateTime(timezone=False), nullable=False)
    ends_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=False))
    place: str | None = Field(default=None, max_length=200)
    place_type: str | None = Field(default=None, max_length=20)
    facility: str | None = Field(default=None, max_length=200)
    agent_id: int | None = Field(
        default=None, foreign_key="agents.id", ondelete="SET NULL"
    )  # the agent who acted
    description: str | None = Field(default=None, sa_type=Text)


class IncidentSearch(SQLModel, table=True):
    """The text searched for an incident: reference, narrative, people's names, FRT systems,
    agencies and outcome, folded to lower case without accents. SQLite indexes it with FTS5,
    PostgreSQL with a GIN index."""

    __tablename__ = "incident_search"

    incident_id: int = Field(foreign_key="incidents.id", primary_key=True, ondelete="CASCADE")
    body: str = Field(default="", sa_type=Text, nullable=False)


# Search index objects the models cannot describe (created by migration 0002 too); Alembic's
# autogenerate ignores them by these names.
SEARCH_OBJECTS = {"incident_fts", "ix_incident_search_fts", "body_words"}
SQLITE_DDL = [
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
# PostgreSQL keeps the words as a stored tsvector (migration 0029): a search checks a row's
# words without parsing its text again (the GIN recheck and a list walk's per-row test).
POSTGRES_DDL = [
    "ALTER TABLE incident_search ADD COLUMN body_words tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED",
    "CREATE INDEX ix_incident_search_fts ON incident_search USING gin (body_words)",
]

for _statement in SQLITE_DDL:
    event.listen(
        IncidentSearch.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite")
    )
for _statement in POSTGRES_DDL:
    event.listen(
        IncidentSearch.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql")
    )
event.listen(
    IncidentSearch.__table__,
    "before_drop",
    DDL("DROP TABLE IF EXISTS incident_fts").execute_if(dialect="sqlite"),
)


class Agent(SQLModel, table=True):
    """An officer or agent involved in the incident (never a Person: not matched, not exported)."""

    __tablename__ = "agents"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(
        foreign_key="incidents.id", index=True, nullable=False, ondelete="CASCADE"
    )
    position: int = Field(default=0, nullable=False)
    agency_id: int | None = Field(default=None, foreign_key="agencies.id")
    name: str | None = Field(default=None, max_length=200)
    badge: str | None = Field(default=None, max_length=60)
    role: str | None = Field(default=None, max_length=200)
    attire: str = Field(default="unknown", max_length=20, nullable=False)
    masked: str = Field(default="unknown", max_length=10, nullable=False)
    identified_self: str = Field(default="unknown", max_length=10, nullable=False)
    stated_reason: str = Field(default="unknown", max_length=10, nullable=False)
    description: str | None = Field(default=None, sa_type=Text)


class Paperwork(SQLModel, table=True):
    """A document issued or served in the incident (Form I-213, a warrant, a detainer, ...)."""

    __tablename__ = "paperwork"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(
        foreign_key="incidents.id", index=True, nullable=False, ondelete="CASCADE"
    )
    position: int = Field(default=0, nullable=False)
    kind: str = Field(max_length=20, nullable=False)
    issued_on: date | None = None
    served: str = Field(default="unknown", max_length=10, nullable=False)
    in_locker: str = Field(default="unknown", max_length=10, nullable=False)
    notes: str | None = Field(default=None, sa_type=Text)
