"""Matching a provision's scope to an agency: by the agency's type (`scope_agencies` lists agency
types) and by the agency's own jurisdiction — a city's rules bind that city's police wherever
they act (a Detroit arrest in Farmington Hills), and never a neighbour's police acting in the
city. Where an agency does not record the city or county a provision needs (a shared generic
agency, or one of an organization's own that needs details), the incident's place stands in,
and the match says so: the analysis then names the assumption and suggests no more than
unclear on that footing. A state or local agency's state, when not recorded, is taken to be the
incident's state (police do not act across state lines) without qualification."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.records.validation import fold

# What each place scope of a provision is matched against: (scope field, agency field, word).
PLACES = (("scope_city", "city", "city"), ("scope_county", "county", "county"))


@dataclass(frozen=True)
class Footing:
    """A provision binds an agency; `assumed` names the places ("city", "county") taken from
    the incident because the agency does not record them."""

    assumed: tuple[str, ...] = ()
    unknown_agency: bool = False  # "Unknown agency": its level and type are not known
    through_287g: bool = False  # bound only as acting under a 287(g) agreement with ICE


def type_of(agency) -> str | None:
    """An agency's type (AGENCY_TYPE); a stand-in without one (287(g)) is typed by its code;
    an organization's agency that needs details has none."""
    return getattr(agency, "agency_type", agency.code)


def scope_types(provision) -> list[str]:
    """The agency types a provision names (empty: any type at its levels)."""
    return [code for code in (provision.scope_agencies or "").split(",") if code]


def same_place(one: str | None, other: str | None) -> bool:
    """Place names compared without case, accents or a trailing "County"/"Parish"."""
    return _place(one) == _place(other)


def _place(text: str | None) -> str:
    folded = fold(text)
    for suffix in (" county", " parish"):
        folded = folded.removesuffix(suffix)
    return folded


def state_of(agency, incident) -> str | None:
    """The agency's state, or the incident's when the agency does not record one."""
    return getattr(agency, "state", None) or incident.state


def match(provision, agency, incident) -> Footing | None:
    """How the provision binds the agency in this incident, or None when it does not: the
    agency's level and type are in its scope and its state, city and county are the scope's.
    An agency recorded as unknown may be any agency: it matches on that stated footing."""
    unknown = type_of(agency) == "unknown"
    if not unknown and agency.level not in provision.scope_levels.split(","):
        return None
    types = scope_types(provision)
    if types and not unknown and type_of(agency) not in types:
        return None
    if provision.scope_state and state_of(agency, incident) != provision.scope_state:
        return None
    assumed = []
    for scope, field, word in PLACES:
        wanted = getattr(provision, scope)
        if not wanted:
            continue
        place = getattr(agency, field, None)
        if not place:
            place = getattr(incident, field)
            assumed.append(word)
        if not same_place(place, wanted):
            return None
    return Footing(tuple(assumed), unknown)


def scope_place(provision, words) -> str:
    """The place a provision's scope names, for the words assumed ("Detroit", "Los Angeles
    County")."""
    parts = []
    if "city" in words:
        parts.append(provision.scope_city)
    if "county" in words:
        parts.append(f"{provision.scope_county} County")
    return " and ".join(parts)


def assumption_note(provision, footings: list[tuple[object, Footing]]) -> str:
    """What a suggestion rests on when the agencies bound are bound only on the incident's
    place: "Assumes Local police department is Detroit's own (its jurisdiction is not
    recorded; …)"."""
    if any(footing.unknown_agency for _, footing in footings):
        return (
            "Assumes the agency recorded as unknown is one this provision binds (who acted is "
            "not identified; record the agency on the incident)."
        )
    words = sorted({word for _, footing in footings for word in footing.assumed})
    agencies = [agency for agency, _ in footings]
    names = " and ".join(agency.name for agency in agencies)
    one = len(agencies) == 1
    seeded = all(getattr(agency, "organization_id", None) is None for agency in agencies)
    todo = (
        "add the agency itself, with its jurisdiction, on the agencies page"
        if seeded
        else "record it on the agencies page"
    )
    return (
        f"Assumes {names} {'is' if one else 'are'} {scope_place(provision, words)}'s own "
        f"({'its' if one else 'their'} jurisdiction is not recorded; {todo})."
    )
