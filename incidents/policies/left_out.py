"""Why a provision of the library is not in an incident's analysis — the question lawyers ask
("why isn't X listed?"): not in force on the incident's date, or binding none of the agencies
involved (another level, state, city, county or named agency)."""

from __future__ import annotations

from sqlmodel import Session

from incidents.models import Policy, Provision
from incidents.policies.applicability import ICE_287G, binding, in_force, library
from incidents.records.bundle import CaseBundle
from incidents.records.validation import fold


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
    day = incident.occurred_on.isoformat()
    if policy.effective_from and incident.occurred_on < policy.effective_from:
        return f"Not yet in force on {day}: in force from {policy.effective_from.isoformat()}."
    return f"No longer in force on {day}: it ended on {policy.effective_to.isoformat()}."


def _scope(provision: Provision, bundle: CaseBundle) -> str:
    """What the provision binds that none of the incident's agencies is."""
    incident = bundle.incident
    levels = provision.scope_levels.split(",")
    agencies = bundle.agencies
    if not any(a.level in levels for a in agencies):
        under = [a for a in agencies if bundle.linked.get(a.id)]
        extra = "" if under or ICE_287G.level not in levels else " (and none under 287(g))"
        kinds = ", ".join(sorted({a.level for a in agencies}))
        return f"It binds {', '.join(levels)} agencies; the agencies here are {kinds}{extra}."
    codes = [c for c in (provision.scope_agencies or "").split(",") if c]
    if codes and not any(a.code in codes for a in agencies):
        return f"It binds only these agencies: {', '.join(codes)}."
    if provision.scope_state and not any(
        (a.state or incident.state) == provision.scope_state for a in agencies
    ):
        return f"It binds agencies in {provision.scope_state}; the incident is in {incident.state}."
    city = incident.city or "not recorded"
    if provision.scope_city and fold(incident.city) != fold(provision.scope_city):
        return f"It binds only in {provision.scope_city}; the incident's city is {city}."
    return (
        f"It binds only in {provision.scope_county} County; the incident's county is "
        f"{incident.county or 'not recorded'}."
    )
