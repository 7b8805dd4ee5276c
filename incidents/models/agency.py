"""Agencies: a seeded shared list plus each organization's own additions."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import UniqueConstraint, event
from sqlmodel import Field, SQLModel

from incidents.db import utcnow
from incidents.models.base import Timestamped
from incidents.vocab import SEEDED_AGENCIES


class Agency(Timestamped, table=True):
    """A law-enforcement or private body. `organization_id` is None for the seeded list."""

    __tablename__ = "agencies"
    __table_args__ = (UniqueConstraint("organization_id", "code", name="uq_agencies_org_code"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int | None = Field(default=None, foreign_key="organizations.id", index=True)
    code: str = Field(max_length=40, nullable=False)
    name: str = Field(max_length=200, nullable=False)
    level: str = Field(max_length=20, nullable=False)
    state: str | None = Field(default=None, max_length=2)
    agency_type: str | None = Field(default=None, max_length=30)  # AGENCY_TYPE; None: needs details
    county: str | None = Field(default=None, max_length=100)
    city: str | None = Field(default=None, max_length=100)


class IncidentAgency(SQLModel, table=True):
    """Which agencies took part in an incident."""

    __tablename__ = "incident_agencies"

    incident_id: int = Field(foreign_key="incidents.id", primary_key=True, ondelete="CASCADE")
    agency_id: int = Field(foreign_key="agencies.id", primary_key=True, index=True)
    under_287g: bool = Field(
        default=False, nullable=False, sa_column_kwargs={"server_default": sa.false()}
    )  # a state or local agency acting under a 287(g) agreement with ICE


@event.listens_for(Agency.__table__, "after_create")
def _seed_agencies(target, connection, **_kw):
    """create_all (tests) seeds the shared agencies as migration 0002 does."""
    now = utcnow()
    connection.execute(
        target.insert(),
        [
            {
                "created_at": now,
                "updated_at": now,
                "organization_id": None,
                "code": code,
                "name": name,
                "level": level,
                "agency_type": code,
            }
            for code, name, level in SEEDED_AGENCIES
        ],
    )
