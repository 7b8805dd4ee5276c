"""The team's workbench: review moves of an incident, legal actions (claims, suits, complaints)
with their deadlines, and records requests (FOIA, Privacy Act, state public records,
preservation letters) linked to one or more incidents."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Float, Index, Text
from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime, utcnow
from incidents.models.base import Audited


class ReviewEvent(SQLModel, table=True):
    """One move of an incident's documentation status (submitted, verified, returned with a
    comment, reopened by a change after verification). Append-only by use."""

    __tablename__ = "review_events"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False)
    incident_id: int = Field(foreign_key="incidents.id", nullable=False, index=True)
    action: str = Field(max_length=20, nullable=False)  # REVIEW_ACTION
    from_status: str = Field(max_length=20, nullable=False)
    to_status: str = Field(max_length=20, nullable=False)
    comment: str | None = Field(default=None, sa_type=Text)
    actor_id: int | None = Field(default=None, foreign_key="users.id")
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class LegalAction(Audited, table=True):
    """A claim, suit or complaint brought for the client of an incident."""

    __tablename__ = "legal_actions"
    __table_args__ = (Index("ix_legal_actions_incident", "incident_id", "archived_at"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False, index=True)
    incident_id: int = Field(foreign_key="incidents.id", nullable=False)
    kind: str = Field(max_length=30, nullable=False)  # LEGAL_ACTION_KIND
    against: str | None = Field(default=None, max_length=300)
    accrued_on: date | None = None  # FTCA: when the claim accrued (the lawyer's judgement)
    filed_on: date | None = None  # presented, filed or sent
    denial_mailed_on: date | None = None  # FTCA: the agency mailed its final denial
    status: str = Field(default="planned", max_length=20, nullable=False)
    outcome: str | None = Field(default=None, sa_type=Text)
    notes: str | None = Field(default=None, sa_type=Text)
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    archived_by_id: int | None = Field(default=None, foreign_key="users.id")


class Deadline(Audited, table=True):
    """A date by which something must be done: computed from a verified rule (`rule` names it
    in claims.rules) or entered by a lawyer with the rule relied on."""

    __tablename__ = "deadlines"
    __table_args__ = (Index("ix_deadlines_org_due", "organization_id", "done_on", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False)
    incident_id: int = Field(foreign_key="incidents.id", nullable=False, index=True)
    legal_action_id: int | None = Field(
        default=None, foreign_key="legal_actions.id", index=True, ondelete="CASCADE"
    )
    kind: str = Field(max_length=30, nullable=False)  # DEADLINE_KIND
    due_on: date = Field(nullable=False)
    computed: bool = Field(default=False, nullable=False)
    rule: str = Field(max_length=500, nullable=False)  # a rule code, or the rule relied on
    source: str | None = Field(default=None, max_length=500)  # where an entered rule comes from
    done_on: date | None = None
    note: str | None = Field(default=None, sa_type=Text)


class RecordsRequest(Audited, table=True):
    """A FOIA, Privacy Act or state public-records request, or a preservation letter, about one
    or more incidents of the organization."""

    __tablename__ = "records_requests"
    __table_args__ = (Index("ix_records_requests_org_due", "organization_id", "status", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False)
    kind: str = Field(max_length=30, nullable=False)  # RECORDS_REQUEST_KIND
    agency_id: int | None = Field(default=None, foreign_key="agencies.id")
    component: str | None = Field(default=None, max_length=200)  # "ICE FOIA Office"
    subject: str | None = Field(default=None, sa_type=Text)  # what was asked for
    sent_on: date | None = None
    received_on: date | None = None  # received by the agency (its acknowledgement says)
    tracking_number: str | None = Field(default=None, max_length=100)
    extension_days: int = Field(default=0, nullable=False)  # working days the agency added
    due_on: date | None = None  # computed (due_rule "foia") or entered with due_rule text
    due_rule: str | None = Field(default=None, max_length=500)
    status: str = Field(default="sent", max_length=20, nullable=False)
    status_on: date | None = None
    fees: float | None = Field(default=None, sa_type=Float)
    notes: str | None = Field(default=None, sa_type=Text)
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    archived_by_id: int | None = Field(default=None, foreign_key="users.id")


class RecordsRequestIncident(SQLModel, table=True):
    """A records request concerns this incident (a request may concern several)."""

    __tablename__ = "records_request_incidents"

    records_request_id: int = Field(
        foreign_key="records_requests.id", primary_key=True, ondelete="CASCADE"
    )
    incident_id: int = Field(foreign_key="incidents.id", primary_key=True, index=True)
