"""Which provisions applied to an incident, and what the recorded facts suggest about each.

A provision applies when its policy was in force on the incident date and it binds one of the
agencies involved (the incident's agencies and the operators of its FRT uses): the agency's
level is in the provision's scope, its type is one the scope names (if it names any), and its
own state, city and county match where the scope names them (the incident's place stands in for
an agency that does not record its own, as a stated assumption: `jurisdiction`). A state statute
therefore binds that state's state and local agencies, never ICE or CBP; a DHS directive binds
ICE and CBP. Every suggestion carries its reason in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_request_context, request
from sqlmodel import Session, select

from incidents.i18n import N_
from incidents.models import Agency, Incident, Policy, Provision
from incidents.policies import jurisdiction
from incidents.policies.jurisdiction import Footing
from incidents.policies.provenance import (
    date_notes,
    period,
    start_known,
    status_notes,
    unknown_start_note,
)
from incidents.policies.suggestion import Suggestion
from incidents.records.bundle import CaseBundle


def in_force(policy: Policy, incident: Incident) -> bool:
    """Whether the policy may have been in force on the incident's date (a month-only date
    counts when any day of the month could be: the suggestion then says what to check)."""
    first, last = period(incident)
    if policy.effective_from and last < policy.effective_from:
        return False
    return not (policy.effective_to and first >= policy.effective_to)


def binds(provision: Provision, agency: Agency, incident: Incident) -> bool:
    """Whether a provision's scope covers this agency in this incident: its level, its type
    and its own state, city and county (the incident's where it records none; see
    `jurisdiction.match`)."""
    return jurisdiction.match(provision, agency, incident) is not None


@dataclass(frozen=True)
class _Standing:
    """What a provision's scope is matched against when an agency stands in for another."""

    code: str
    level: str
    state: str | None = None


# State or local officers acting under a 287(g) agreement exercise ICE's authority: the rules
# that bind ICE bind them too (8 U.S.C. §1357(g)).
ICE_287G = _Standing("ice_ero", "federal")


def binding(provision: Provision, bundle: CaseBundle) -> list[tuple[Agency, Footing]]:
    """The incident's agencies a provision binds, each with its footing: on the agency's own
    jurisdiction, on the incident's place (`assumed`), or only through a 287(g) agreement."""
    incident, found = bundle.incident, []
    for agency in bundle.agencies:
        footing = jurisdiction.match(provision, agency, incident)
        if footing is None and bundle.linked.get(agency.id):
            standing = jurisdiction.match(provision, ICE_287G, incident)
            footing = standing and Footing(through_287g=True)
        if footing is not None:
            found.append((agency, footing))
    return found


# Agencies whose involvement makes a stop civil immigration enforcement, or a criminal matter.
IMMIGRATION_AGENCIES = {"ice_ero", "cbp_ofo", "border_patrol"}
CRIMINAL_AGENCIES = {"fbi"}


def enforcement_context(bundle: CaseBundle) -> tuple[str, str]:
    """(context, how it was found): as the caseworker recorded it, or from the agencies —
    ICE ERO, CBP, the Border Patrol and officers under 287(g) make it civil immigration
    enforcement; state and local police (not under 287(g)) and the FBI a criminal matter; both
    kinds make it both; anything else unknown."""
    chosen = bundle.incident.enforcement_context
    if chosen != "derived":
        return chosen, N_("as recorded")
    civil = criminal = False
    for agency in bundle.agencies:
        under_287g = bundle.linked.get(agency.id, False)
        kind = jurisdiction.type_of(agency)
        civil |= kind in IMMIGRATION_AGENCIES or under_287g
        criminal |= kind in CRIMINAL_AGENCIES or (
            agency.level in ("state", "local") and not under_287g
        )
    context = "both" if civil and criminal else "civil_immigration" if civil else None
    context = context or ("criminal" if criminal else "unknown")
    return context, N_("from the agencies involved")


def in_context(provision: Provision, bundle: CaseBundle, suggestion: Suggestion) -> Suggestion:
    """A rule of criminal investigations only is not applicable to civil immigration
    enforcement, and only unclear when the context is unknown — never violated there."""
    if provision.contexts != "criminal":
        return suggestion
    context, how = enforcement_context(bundle)
    if context == "civil_immigration":
        return Suggestion(
            "not_applicable",
            "Criminal investigations only; this was civil immigration enforcement "
            f"({how}; set the enforcement context on the incident if that is wrong).",
        )
    left_open = context == "unknown" or (context == "both" and how != "as recorded")
    if left_open and suggestion.value in ("violated", "complied"):
        return suggestion.at_most_unclear(
            f"But this rule governs criminal investigations only, and {OPEN_CONTEXT[context]}"
        )
    return suggestion


# Why a criminal-only rule cannot be judged yet, by the context the record leaves open.
OPEN_CONTEXT = {
    "both": (
        "the agencies involved (state or local police with immigration agencies) may mean a "
        "criminal investigation or a hand-over for civil immigration enforcement: record the "
        "enforcement context on the incident."
    ),
    "unknown": (
        "whether this was one is not recorded (set the enforcement context on the incident)."
    ),
}


def qualified(policy: Policy, suggestion: Suggestion, bundle: CaseBundle, via) -> Suggestion:
    """A suggestion with what a lawyer must know of its footing: the agencies it binds only
    through a 287(g) agreement, the policy's status (with its note and source), and dates the
    library or the record leave open — an entry into force not known for the incident's date,
    a month-only date straddling the start or end, a status that ended on a date not recorded.
    Any of those makes it no more than unclear."""
    notes = []
    incident = bundle.incident
    if via:
        names = ", ".join(agency.name for agency in via)
        notes.append(f"It binds {names} here as acting under a 287(g) agreement.")
    said, capped = status_notes(policy, incident)
    notes += said
    dated = date_notes(policy, incident)
    notes += dated
    if not start_known(policy, incident.occurred_on):
        capped = True
        notes.append(unknown_start_note(policy, incident.occurred_on))
    note = " ".join(notes)
    if not note:
        return suggestion
    return suggestion.at_most_unclear(note) if capped or dated else suggestion.noted(note)


def applicable(session: Session, bundle: CaseBundle) -> list[tuple[Policy, Provision]]:
    """The provisions that applied to the incident, library order (two queries)."""
    incident = bundle.incident
    if not bundle.agencies:
        return []
    return [
        (policy, provision)
        for policy, provision in library(session, incident.organization_id)
        if in_force(policy, incident) and binding(provision, bundle)
    ]


def library(session: Session, organization_id: int) -> list[tuple[Policy, Provision]]:
    """Every provision an organization's analysis reads — the built-in library and its own,
    its own version of a built-in policy standing in for that policy — in library order. Read
    once per page shown (a GET request asks several parts of the case page)."""
    memo = g.setdefault("policy_library", {}) if _reading() else {}
    if organization_id not in memo:
        memo[organization_id] = _library(session, organization_id)
    return memo[organization_id]


def _reading() -> bool:
    """Whether this is a request that only reads (a write may change the library)."""
    return has_request_context() and request.method in ("GET", "HEAD")


def _library(session: Session, organization_id: int) -> list[tuple[Policy, Provision]]:
    replaced = select(Policy.copied_from_id).where(
        Policy.organization_id == organization_id, Policy.copied_from_id.is_not(None)
    )
    return session.exec(
        select(Policy, Provision)
        .join(Provision, Provision.policy_id == Policy.id)
        .where((Policy.organization_id.is_(None)) | (Policy.organization_id == organization_id))
        .where(Policy.id.not_in(replaced))
        .order_by(Policy.jurisdiction_level, Policy.title, Provision.position, Provision.id)
    ).all()


def on_assumed_place(
    provision: Provision, bound: list[tuple[Agency, Footing]], suggestion: Suggestion
) -> Suggestion:
    """A suggestion for a provision that binds the incident's agencies only on the incident's
    place (none records the city or county the provision needs) or only as an agency recorded
    as unknown: the assumption is said, and the suggestion is no more than unclear. Unchanged
    when one agency is bound on its own recorded jurisdiction or through a 287(g) agreement."""
    if not bound or any(
        footing.through_287g or not (footing.assumed or footing.unknown_agency)
        for _, footing in bound
    ):
        return suggestion
    note = jurisdiction.assumption_note(provision, bound)
    if suggestion.value in ("violated", "complied"):
        return suggestion.at_most_unclear(f"{note} On that assumption it is no more than unclear.")
    return suggestion.noted(note)
