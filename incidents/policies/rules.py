"""The suggestion rules: what the recorded facts say about each kind of requirement — a match
as sole basis, corroboration, human review, disclosure, citizenship claims, protected grounds —
and, in `stop_rules`, the federal law of stops and arrests and the rules around a match."""

from __future__ import annotations

from incidents.models import Provision
from incidents.policies.stop_rules import RULES, basis, citizens, proof_disregarded
from incidents.policies.suggestion import Suggestion
from incidents.records.bundle import CaseBundle
from incidents.records.keyfacts import claim_ignored
from incidents.vocab import (
    CITIZENSHIP_DOCUMENTS,
    FRT_SYSTEM,
    HUMAN_REVIEW,
    ID_DOCUMENT,
    LEGAL_STATUS,
    STOP_BASIS,
)


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
    found_citizens = citizens(bundle)
    if not found_citizens:
        if any(p.legal_status in (None, "unknown") for p in bundle.subjects) or not bundle.subjects:
            return Suggestion("unclear", "The client's citizenship is not recorded.")
        return Suggestion("not_applicable", "No subject is recorded as a US citizen or national.")
    docs = [d for d in bundle.documents if d.document_type in CITIZENSHIP_DOCUMENTS]
    ignored = proof_disregarded(bundle)
    claimed = bundle.incident.status_claimed == "yes"
    held = claim_ignored(bundle.incident, bundle.timeline) if claimed else None
    first = found_citizens[0]
    who = f"{first.full_name} ({LEGAL_STATUS.label(first.legal_status)})"
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
