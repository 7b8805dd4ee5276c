"""Policy aggregate: versioned policies and laws, their provisions (with the scope they bind),
and a lawyer's assessment of an incident against a provision."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from incidents.db import UTCDateTime
from incidents.models.base import Audited


class Policy(Audited, table=True):
    """A policy, directive, statute or court settlement. `organization_id` is None for the
    built-in library (shared); otherwise the policy was added by that organization."""

    __tablename__ = "policies"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int | None = Field(default=None, foreign_key="organizations.id", index=True)
    key: str | None = Field(default=None, max_length=60, unique=True)  # built-in entries only
    title: str = Field(max_length=300, nullable=False)
    issuer: str = Field(max_length=200, nullable=False)
    jurisdiction_level: str = Field(max_length=20, nullable=False)
    state: str | None = Field(default=None, max_length=2)
    policy_type: str = Field(max_length=30, nullable=False)
    citation: str | None = Field(default=None, max_length=300)
    source_url: str | None = Field(default=None, max_length=2000)
    source_note: str | None = Field(default=None, max_length=500)
    effective_from: date | None = None
    effective_to: date | None = None
    dates_note: str | None = Field(default=None, max_length=500)
    status: str = Field(default="in_force", max_length=20, nullable=False)
    status_note: str | None = Field(default=None, max_length=500)
    status_source: str | None = Field(default=None, max_length=500)
    # Entry into force unknown: the date from which a dated source shows it in force.
    in_force_by: date | None = None
    successor_id: int | None = Field(default=None, foreign_key="policies.id")
    # An organization's own version names the built-in policy it replaces in its analyses.
    copied_from_id: int | None = Field(default=None, foreign_key="policies.id")
    builtin: bool = Field(default=False, nullable=False)
    user_modified: bool = Field(default=False, nullable=False)


class Provision(Audited, table=True):
    """One clause: its text (a quotation or a paraphrase), the requirement it sets and the
    agencies it binds (levels, optionally a state, city, county or named agencies)."""

    __tablename__ = "provisions"

    id: int | None = Field(default=None, primary_key=True)
    policy_id: int = Field(foreign_key="policies.id", index=True, nullable=False)
    key: str | None = Field(default=None, max_length=80, unique=True)  # built-in entries only
    section: str | None = Field(default=None, max_length=100)
    text: str = Field(sa_type=Text, nullable=False)
    is_quotation: bool = Field(default=False, nullable=False)
    requirement_type: str = Field(max_length=40, nullable=False, index=True)
    scope_levels: str = Field(max_length=60, nullable=False)  # "state,local"
    scope_state: str | None = Field(default=None, max_length=2)
    scope_city: str | None = Field(default=None, max_length=100)
    scope_county: str | None = Field(default=None, max_length=100)
    scope_agencies: str | None = Field(default=None, max_length=300)  # "ice_ero,ice_hsi"
    contexts: str = Field(
        default="any", max_length=20, nullable=False, sa_column_kwargs={"server_default": "any"}
    )  # PROVISION_CONTEXT: "criminal" for rules of criminal investigations only
    source_kind: str | None = Field(default=None, max_length=30)  # SOURCE_KIND
    citation: str | None = Field(default=None, max_length=300)
    pinpoint: str | None = Field(default=None, max_length=200)
    source_url: str | None = Field(default=None, max_length=2000)
    source_date: date | None = None
    position: int = Field(default=0, nullable=False)
    user_modified: bool = Field(default=False, nullable=False)


class Assessment(Audited, table=True):
    """A lawyer's decision on an incident against a provision, with the suggestion it answered."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("incident_id", "provision_id", name="uq_assessments_incident_provision"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False, index=True)
    incident_id: int = Field(
        foreign_key="incidents.id", nullable=False, index=True, ondelete="CASCADE"
    )
    provision_id: int = Field(foreign_key="provisions.id", nullable=False, index=True)
    suggested: str = Field(max_length=20, nullable=False)
    suggested_reason: str = Field(sa_type=Text, nullable=False)
    decision: str = Field(max_length=20, nullable=False)
    reasoning: str = Field(sa_type=Text, nullable=False)
    evidence_ids: str = Field(default="", max_length=500, nullable=False)  # "12,15"
    decided_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    decided_by_id: int = Field(foreign_key="users.id", nullable=False)
