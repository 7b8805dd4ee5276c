"""People: subjects, witnesses and relatives, each linked to incidents with a role."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from incidents.models.base import Audited


class Person(Audited, table=True):
    """A person known to the organization. Personal data: never in URLs, logs or audit details."""

    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_org_a_number", "organization_id", "a_number"),
        Index("ix_people_org_name_key", "organization_id", "name_key"),
        Index("ix_people_org_legal_status", "organization_id", "legal_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", nullable=False)
    full_name: str = Field(max_length=200, nullable=False)
    # lower-cased, accent-free, single-spaced name, for duplicate detection
    name_key: str = Field(max_length=200, nullable=False)
    aliases: str | None = Field(default=None, max_length=500)
    date_of_birth: date | None = None
    a_number: str | None = Field(default=None, max_length=10)  # normalised: A + 9 digits
    phone: str | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=254)
    street_address: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=2)
    zip: str | None = Field(default=None, max_length=10)
    gender: str | None = Field(default=None, max_length=20)
    nationality: str | None = Field(default=None, max_length=2)  # ISO 3166-1 alpha-2
    language: str | None = Field(default=None, max_length=60)
    legal_status: str | None = Field(default=None, max_length=30)
    notes: str | None = Field(default=None, sa_type=Text)


class IncidentPerson(SQLModel, table=True):
    """A person's role in one incident."""

    __tablename__ = "incident_people"
    __table_args__ = (
        UniqueConstraint("incident_id", "person_id", name="uq_incident_people_incident_person"),
    )

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(
        foreign_key="incidents.id", index=True, nullable=False, ondelete="CASCADE"
    )
    person_id: int = Field(foreign_key="people.id", index=True, nullable=False)
    role: str = Field(max_length=20, nullable=False)
    position: int = Field(default=0, nullable=False)
