"""The custody chain: where a detained person was held, from the timeline. A stay begins when a
detention begins (at the place it names, if any), and at every later event that names another
place (a facility, or a kind of place: a transfer); it ends at the next such change, or at a
release or removal. Hours per stay, and per place over the whole detention."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from incidents.vocab import DETENTION_PLACE

ENDS = {"release", "removal"}
VISITS = {"hearing"}  # taken to court and back: the place of custody does not change
UNPLACED = "place not recorded"


class Step(NamedTuple):
    """What the chain reads of a timeline event (an output may print another facility text)."""

    kind: str
    starts_at: datetime
    place_type: str | None
    facility: str | None


@dataclass
class Stay:
    """A time in one place of custody."""

    place: str  # the facility's name, else the kind of place
    place_type: str | None
    start: datetime
    end: datetime | None = None

    @property
    def hours(self) -> float | None:
        """Hours in this place (None while it has no end)."""
        if self.end is None or self.end <= self.start:
            return None
        return round((self.end - self.start).total_seconds() / 3600, 1)


def custody_chain(events) -> list[Stay]:
    """The stays of every detention in the timeline, in order. The time from a detention's
    start to the first place named is a stay whose place is not recorded (so the stays add up
    to the hours detained); a hearing is a visit, not a move. A timeline that names no place
    has no chain."""
    stays: list[Stay] = []
    current: Stay | None = None
    held = False
    for event in sorted(events, key=lambda e: e.starts_at):
        if event.kind in ENDS:
            if current is not None:
                current.end = event.starts_at
            current, held = None, False
            continue
        place = event.facility or (
            DETENTION_PLACE.label(event.place_type) if event.place_type else None
        )
        if event.kind == "detention_start" and not held:
            held = True
            place = place or UNPLACED
        if not held or place is None or event.kind in VISITS:
            continue
        if current is None or (place, event.place_type) != (current.place, current.place_type):
            if current is not None:
                current.end = event.starts_at
            current = Stay(place, event.place_type, event.starts_at)
            stays.append(current)
    return stays if any(stay.place != UNPLACED for stay in stays) else []


def hours_by_place(stays: list[Stay]) -> list[tuple[str, float | None]]:
    """(place, total hours) in the order first held there; None when a stay has no end."""
    totals: OrderedDict[str, float | None] = OrderedDict()
    for stay in stays:
        known = totals.get(stay.place, 0.0)
        totals[stay.place] = None if known is None or stay.hours is None else known + stay.hours
    return [(place, None if total is None else round(total, 1)) for place, total in totals.items()]


def place_types(events) -> list[str]:
    """The kinds of place the person was held in (the custody chain's stays that name one), in
    the vocabulary's order. Every kind of place named while held begins or continues a stay of
    that kind, so the kinds do not depend on the facilities' names (the research facts give
    events whose facility is None: they never read the names)."""
    held = {stay.place_type for stay in custody_chain(events) if stay.place_type}
    return [code for code in DETENTION_PLACE.codes if code in held]
