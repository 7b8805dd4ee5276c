"""Research facts: one row per incident holding only the coded, level-0 values the anonymized
research export and the aggregate tables read — no names, dates, places below the state, free
text or identifiers. Derived data, like the list flags: services refresh it after every change
(`incidents.records.research`), and the export fills in any row that is missing."""

from __future__ import annotations

from sqlalchemy import Float
from sqlmodel import Field, SQLModel


class ResearchFacts(SQLModel, table=True):
    """The export record of one incident; column names are the export's."""

    __tablename__ = "research_facts"

    incident_id: int = Field(foreign_key="incidents.id", primary_key=True, ondelete="CASCADE")
    period: str = Field(max_length=7, nullable=False)  # YYYY-Qn
    age_band: str = Field(max_length=8, nullable=False)  # 10-year band, 90+ or unknown
    region: str = Field(max_length=16, nullable=False)
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
