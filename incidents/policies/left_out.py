"""Why a provision of the library is not in an incident's analysis — the question lawyers ask
("why isn't X listed?"): not in force on the incident's date, or binding none of the agencies
involved (another level, type of agency, state, or the city or county the agencies serve)."""

from __future__ import annotations

from sqlmodel import Session

from incidents.models import Policy, Provision
from incidents.policies.applicability import ICE_287G, binding, in_force, library
from incidents.policies.jurisdiction import PLACES, same_place, scope_types, state_of, type_of
from incidents.policies.provenance import when
from incidents.records.bundle import CaseBundle
from incidents.vocab import AGENCY_LEVEL, AGENCY_TYPE, US_STATE


def left_out(session: Session, bundle: CaseBundle) -> list[tuple[Policy, Provision, str]]:
    """(policy, provision, why) for every provision not applied to the incident."""
    incident = bundle.incident
    found = []
    for policy, provision in library(session, incident.organization_id):
        if not in_force(policy, incident):
            found.append((policy, provision, _dates(policy, incident)))
        elif not bundle.agencies:
            found.append((policy, provision, "No agency is recorded for this incident."))
        elif not binding(provision, bundle):
            found.append((policy, provision, _scope(provision, bundle)))
    return found


def _dates(policy: Policy, incident) -> str:
    day = when(incident)
    if policy.effective_from and incident.occurred_on < policy.effective_from:
        return f"Not yet in force on {day}: in force from {policy.effective_from.isoformat()}."
    return f"No longer in force on {day}: it ended on {policy.effective_to.isoformat()}."


def _scope(provision: Provision, bundle: CaseBundle) -> str:
    """What the provision binds that none of the incident's agencies is: another level, type,
    state, city or county — the agencies' own, or the incident's where they record none."""
    incident = bundle.incident
    levels = provision.scope_levels.split(",")
    agencies = [a for a in bundle.agencies if a.level in levels]
    if not agencies:
        under = [a for a in bundle.agencies if bundle.linked.get(a.id)]
        extra = "" if under or ICE_287G.level not in levels else " (and none under 287(g))"
        kinds = " and ".join(sorted({AGENCY_LEVEL.label(a.level).lower() for a in bundle.agencies}))
        binds = " and ".join(AGENCY_LEVEL.label(level).lower() for level in levels)
        return f"It binds {binds} agencies; the agencies here are {kinds}{extra}."
    types = scope_types(provision)
    if types and not any(type_of(a) in types for a in agencies):
        untyped = [a.name for a in agencies if type_of(a) is None]
        extra = (
            f" The type of {', '.join(untyped)} is not recorded (record it on the agencies page)."
            if untyped
            else ""
        )
        names = "; ".join(AGENCY_TYPE.label(code) for code in types)
        return f"It binds only these kinds of agency: {names}.{extra}"
    agencies = [a for a in agencies if not types or type_of(a) in types]
    wanted = provision.scope_state
    if wanted and not any(state_of(a, incident) == wanted for a in agencies):
        if not any(a.state for a in agencies):
            return (
                f"It binds agencies in {US_STATE.label(wanted)}; the incident is in "
                f"{US_STATE.label(incident.state)}."
            )
        return (
            f"It binds agencies in {US_STATE.label(wanted)}; {_whose(agencies, 'state', incident)}."
        )
    agencies = [a for a in agencies if not wanted or state_of(a, incident) == wanted]
    for scope, field, word in PLACES:
        place = getattr(provision, scope)
        if place and not any(
            same_place(getattr(a, field) or getattr(incident, field), place) for a in agencies
        ):
            named = place if word == "city" else f"{place} County"
            return f"It binds only agencies of {named}; {_whose(agencies, field, incident)}."
    return "It binds none of the agencies involved."


def _whose(agencies, field: str, incident) -> str:
    """Where the agencies are from: "the agencies involved are of Farmington Hills (Farmington
    Hills Police Department)", naming the incident's place where an agency records none."""
    groups: dict[tuple[str, bool], list[str]] = {}
    for agency in agencies:
        own = getattr(agency, field)
        place = own or getattr(incident, field) or "a place not recorded"
        if field == "state" and place in US_STATE:
            place = US_STATE.label(place)
        groups.setdefault((place, not own), []).append(agency.name)
    parts = []
    for (place, assumed), names in groups.items():
        shown = f"{place} County" if field == "county" and not place.startswith("a ") else place
        if assumed:
            its = "its" if len(names) == 1 else "their"
            parts.append(
                f"{shown}, the incident's {field} ({', '.join(names)}: {its} {field} is "
                "not recorded)"
            )
        else:
            parts.append(f"{shown} ({', '.join(names)})")
    verb = "is" if len(agencies) == 1 else "are"
    noun = "agency involved" if len(agencies) == 1 else "agencies involved"
    return f"the {noun} {verb} of {'; '.join(parts)}"
