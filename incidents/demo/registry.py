"""The agencies the demo organization registers with their jurisdiction (data/agencies.json):
where a demo incident happens in a city one of them serves, it stands in for the generic
shared agency of its type, so that city and county rules apply on a recorded jurisdiction."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from incidents.demo.words import load
from incidents.models import Agency, Organization
from incidents.vocab import AGENCY_TYPE, AGENCY_TYPE_LEVEL, US_STATE

FIELDS = ("name", "agency_type", "level", "state", "county", "city")


def _entries() -> list[dict]:
    entries = load("agencies.json")["agencies"]
    for entry in entries:
        kind = entry["agency_type"]
        if kind not in AGENCY_TYPE.labels or AGENCY_TYPE_LEVEL[kind] != entry["level"]:
            raise ValueError(f"demo data: bad type or level for {entry['name']!r}")
        if entry["state"] not in US_STATE.labels:
            raise ValueError(f"demo data: unknown state for {entry['name']!r}")
    return entries


ENTRIES = _entries()


def register(session: Session, organization: Organization) -> dict[tuple[str, str, str], Agency]:
    """The organization's demo agencies, added (flushed, not committed) where missing:
    (type, state, city served) → agency."""
    own = {
        a.name: a
        for a in session.exec(select(Agency).where(Agency.organization_id == organization.id)).all()
    }
    found = {}
    for entry in ENTRIES:
        agency = own.get(entry["name"])
        if agency is None:
            code = re.sub(r"[^a-z0-9]+", "_", entry["name"].lower()).strip("_")[:36]
            while code in {a.code for a in own.values()}:
                code += "_x"
            agency = Agency(
                organization_id=organization.id,
                code=code,
                **{name: entry[name] for name in FIELDS},
            )
            session.add(agency)
            session.flush()
            own[agency.name] = agency
        for city in entry["serves"]:
            found[(entry["agency_type"], entry["state"], city)] = agency
    return found
