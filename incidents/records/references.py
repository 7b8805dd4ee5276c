"""Incident references, e.g. ABC-2025-0042: the organization's code, the year of the incident
and a number counted per organization and year."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from incidents.i18n import gettext
from incidents.models import Incident

PATTERN = re.compile(r"^([A-Z0-9]{2,10})-(\d{4})-(\d{1,6})$")
EARLIEST_YEAR = 1990  # as incidents (records.validation.EARLIEST_INCIDENT)
LARGEST_GIVEN = 99_999  # a given number leaves room for those assigned after it (6 digits)
Reference = tuple[str, int, int]  # (text, year, number)


def format_reference(code: str, year: int, number: int) -> str:
    """The text of a reference."""
    return f"{code}-{year}-{number:04d}"


class NotAReference(ValueError):
    """The text is not a reference of the organization at all (not merely a bad year or
    number)."""


def parse_reference(code: str, text: str) -> Reference:
    """A reference of the organization with this code, as typed (any case, short numbers)."""
    match = PATTERN.match((text or "").strip().upper())
    if not match or match.group(1) != code:
        raise NotAReference(
            gettext(
                "Use %(code)s-YYYY-NNNN, or leave blank to have a reference assigned.", code=code
            )
        )
    year, number = int(match.group(2)), int(match.group(3))
    if not EARLIEST_YEAR <= year <= date.today().year:
        raise ValueError(
            gettext(
                "The year of a reference must be from %(year)s to this year.", year=EARLIEST_YEAR
            )
        )
    if not 1 <= number <= LARGEST_GIVEN:
        raise ValueError(
            gettext("The number of a reference must be from 1 to %(most)s.", most=LARGEST_GIVEN)
        )
    return format_reference(code, year, number), year, number


class Allocator:
    """Hands out the next free references of one organization, never one in `taken`."""

    def __init__(self, session: Session, organization_id: int, code: str, taken=()):
        self.session, self.organization_id, self.code = session, organization_id, code
        self.taken = set(taken)
        self.next_number: dict[int, int] = {}

    def next(self, year: int) -> Reference:
        """The next free reference of a year."""
        if year not in self.next_number:
            highest = self.session.execute(
                select(func.max(Incident.ref_number)).where(
                    Incident.organization_id == self.organization_id, Incident.ref_year == year
                )
            ).scalar()
            self.next_number[year] = (highest or 0) + 1
        while True:
            number = self.next_number[year]
            self.next_number[year] += 1
            text = format_reference(self.code, year, number)
            if text not in self.taken:  # numbers only grow: what it hands out is never taken
                return text, year, number
