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

from sqlmodel import Session, select

from incidents.models import Agency, Incident, Policy, Provision
from incidents.policies import jurisdiction
from incidents.policies.provenance import (
    date_notes,
    period,
    start_known,
    status_notes,
    unknown_start_note,
)
from incidents.policies.stop_rules import RULES, basis
from incidents.policies.suggestion import Suggestion
from incidents.records.bundle import CaseBundle
from incidents.records.keyfacts import claim_ignored
from incidents.vocab import (
    CITIZENSHIP_DOCUMENTS,
    DISREGARDED_RESPONSES,
    FRT_SYSTEM,
    HUMAN_REVIEW,
    ID_DOCUMENT,
    LEGAL_STATUS,
    STOP_BASIS,
    US_CITIZEN_STATUSES,
)


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


def binding(provision: Provision, bundle: CaseBundle) -> list[tuple[Agency, bool]]:
    """The incident's agencies a provision binds, each with whether only through a 287(g)
    agreement."""
    incident, found = bundle.incident, []
    for agency in bundle.agencies:
        if binds(provision, agency, incident):
            found.append((agency, False))
        elif bundle.linked.get(agency.id) and binds(provision, ICE_287G, incident):
            found.append((agency, True))
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
        return chosen, "as recorded"
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
    return context, "from the agencies involved"


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
    if context == "both" and how != "as recorded" and suggestion.value in ("violated", "complied"):
        return Suggestion(
            "unclear",
            f"{suggestion.reason} But this rule governs criminal investigations only, and the "
            "agencies involved (state or local police with immigration agencies) may mean a "
            "criminal investigation or a hand-over for civil immigration enforcement: record "
            "the enforcement context on the incident.",
        )
    if context == "unknown" and suggestion.value in ("violated", "complied"):
        return Suggestion(
            "unclear",
            f"{suggestion.reason} But this rule governs criminal investigations only, and "
            "whether this was one is not recorded (set the enforcement context on the incident).",
        )
    return suggestion


def qualified(policy: Policy, suggestion: Suggestion, bundle: CaseBundle, via) -> Suggestion:
    """A suggestion with what a lawyer must know of its footing: the agencies it binds only
    through a 287(g) agreement, the policy's status (with its note and source), and dates the
    library or the record leave open — an entry into force not known for the incident's date,
    a month-only date straddling the start or end, a status that ended on a date not recorded.
    Any of those makes it no more than unclear."""
    notes, value = [], suggestion.value
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
    if (capped or dated) and value in ("violated", "complied"):
        value = "unclear"
    return Suggestion(value, " ".join([suggestion.reason, *notes]))


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
    """Every provision an organization's analysis reads (the built-in library and its own),
    in library order."""
    return session.exec(
        select(Policy, Provision)
        .join(Provision, Provision.policy_id == Policy.id)
        .where((Policy.organization_id.is_(None)) | (Policy.organization_id == organization_id))
        .order_by(Policy.jurisdiction_level, Policy.title, Provision.position, Provision.id)
    ).all()


def _uses(bundle):
    return [(n, use, FRT_SYSTEM.label(use.system)) for n, use in enumerate(bundle.frt_uses, 1)]


def _by_field(bundle, field, bad, good, what_bad, what_good, unknown):
    uses = _uses(bundle)
    if not uses:
        return Suggestion("not_applicable", "No facial recognition use is recorded.")
    offending = [
        f"FRT use {n} ({label}) {what_bad}" for n, use, label in uses if getattr(use, field) in bad
    ]
    if offending:
        return Suggestion("violated", "; ".join(offending) + ".")
    if all(getattr(use, field) in good for _, use, _ in uses):
        return Suggestion("complied", what_good)
    missing = [
        f"FRT use {n} ({label})" for n, use, label in uses if getattr(use, field) not in good
    ]
    return Suggestion("unclear", f"{unknown} for " + ", ".join(missing) + ".")


def suggest(provision: Provision, bundle: CaseBundle) -> Suggestion:
    """The suggested assessment of one provision from the recorded facts."""
    kind = provision.requirement_type
    if kind == "not_sole_basis":
        return _by_field(
            bundle,
            "sole_basis",
            {"yes"},
            {"no"},
            "was recorded as the sole basis",
            "Every FRT use was recorded as not being the sole basis.",
            "Whether the match was the sole basis is not recorded",
        )
    if kind == "corroboration_required":
        return _by_field(
            bundle,
            "independent_corroboration",
            {"no"},
            {"yes"},
            "had no independent corroboration",
            "Independent corroboration is recorded for every FRT use.",
            "Independent corroboration is not recorded",
        )
    if kind == "human_review_required":
        reviewed = {"field_visual", "trained_examiner"}
        suggestion = _by_field(
            bundle,
            "human_review",
            {"none"},
            reviewed,
            "had no human review",
            "",
            "Human review is not recorded",
        )
        if suggestion.value == "complied":
            kinds = sorted({HUMAN_REVIEW.label(u.human_review).lower() for u in bundle.frt_uses})
            suggestion.reason = (
                "Human review is recorded for every FRT use: " + ", ".join(kinds) + "."
            )
        return suggestion
    if kind == "disclosure_required":
        return _by_field(
            bundle,
            "disclosed_to_person",
            {"no"},
            {"yes"},
            "was not disclosed to the person",
            "Every FRT use was disclosed to the person.",
            "Disclosure is not recorded",
        )
    if kind == "citizenship_claims_investigated":
        return _citizenship(bundle)
    if kind == "no_immigration_status_use":
        seen = [c for c in ("apparent_race_ethnicity", "language_accent") if c in basis(bundle)]
        shown = (
            " The recorded basis of the stop includes: "
            + ", ".join(STOP_BASIS.label(c).lower() for c in seen)
            + "."
            if seen
            else ""
        )
        return Suggestion(
            "unclear",
            "The record does not say whether race, ethnicity, citizenship, place of origin or "
            "immigration status was a reason for the use; assess from the narrative and evidence."
            + shown,
        )
    if kind in RULES:
        return RULES[kind](bundle)
    if kind == "warrant_or_court_order":
        return Suggestion("unclear", "Whether a warrant or court order existed is not recorded.")
    return Suggestion("unclear", "No automatic rule for this provision; assess it from the record.")


def _citizenship(bundle) -> Suggestion:
    """Claims of US citizenship — documents shown and spoken claims alike — must be
    investigated; ICE cannot detain a US citizen."""
    citizens = [p for p in bundle.subjects if p.legal_status in US_CITIZEN_STATUSES]
    if not citizens:
        if any(p.legal_status in (None, "unknown") for p in bundle.subjects) or not bundle.subjects:
            return Suggestion("unclear", "The client's citizenship is not recorded.")
        return Suggestion("not_applicable", "No subject is recorded as a US citizen or national.")
    docs = [d for d in bundle.documents if d.document_type in CITIZENSHIP_DOCUMENTS]
    ignored = [d for d in docs if d.agent_response in DISREGARDED_RESPONSES]
    claimed = bundle.incident.status_claimed == "yes"
    held = claim_ignored(bundle.incident, bundle.timeline) if claimed else None
    who = f"{citizens[0].full_name} ({LEGAL_STATUS.label(citizens[0].legal_status)})"
    found = []
    if ignored:
        shown = ", ".join(
            f"{ID_DOCUMENT.label(d.document_type)} — agents' response: "
            f"{d.agent_response.replace('_', ' ')}"
            for d in ignored
        )
        found.append(f"presented proof of citizenship that was disregarded: {shown}")
    proven = bundle.incident.status_proven_at
    if held is not None and held.value == "yes" and proven and not ignored:
        claimed_at = bundle.incident.status_claimed_at
        asked = f" at {claimed_at:%Y-%m-%d %H:%M}" if claimed_at else ""
        return Suggestion(
            "unclear",
            f"{who} said they were a US citizen or lawful resident{asked} and was held after "
            f"saying so ({held.detail}); the record shows their status proven at "
            f"{proven:%Y-%m-%d %H:%M}: weigh whether the claim was immediately and carefully "
            "investigated.",
        )
    if held is not None and held.value == "yes":
        found.append(
            "said they were a US citizen or lawful resident and was held after saying so"
            + (f" ({held.detail})" if held.detail else "")
        )
    if found:
        return Suggestion("violated", f"{who} " + "; and ".join(found) + ".")
    if docs and all(d.agent_response in ("accepted", "verified_later") for d in docs):
        return Suggestion("complied", f"{who}'s citizenship documents were accepted or verified.")
    if held is not None and held.value == "no":
        return Suggestion(
            "complied", f"{who} said they were a US citizen and was not held after saying so."
        )
    return Suggestion(
        "unclear",
        f"{who} is a US citizen, but the record does not show how a citizenship claim was handled.",
    )


def on_assumed_place(
    provision: Provision, bundle: CaseBundle, suggestion: Suggestion
) -> Suggestion:
    """A suggestion for a provision that binds the incident's agencies only on the incident's
    place (none records the city or county the provision needs): the assumption is said, and
    the suggestion is no more than unclear. Unchanged when one agency is bound on its own
    recorded jurisdiction or through a 287(g) agreement."""
    footings = []
    for agency, through_287g in binding(provision, bundle):
        footing = None if through_287g else jurisdiction.match(provision, agency, bundle.incident)
        if footing is None or not (footing.assumed or footing.unknown_agency):
            return suggestion
        footings.append((agency, footing))
    if not footings:
        return suggestion
    note = jurisdiction.assumption_note(provision, footings)
    if suggestion.value in ("violated", "complied"):
        return Suggestion(
            "unclear", f"{suggestion.reason} {note} On that assumption it is no more than unclear."
        )
    return Suggestion(suggestion.value, f"{suggestion.reason} {note}")
