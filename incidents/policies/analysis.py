"""The policy analysis of one incident: applicable provisions, suggestions and decisions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from incidents.models import Assessment, Policy, Provision, User
from incidents.policies.applicability import (
    Suggestion,
    applicable,
    binding,
    in_context,
    on_assumed_place,
    qualified,
    suggest,
)
from incidents.policies.left_out import left_out


@dataclass
class AnalysisRow:
    """One applicable provision of an incident."""

    policy: Policy
    provision: Provision
    suggestion: Suggestion
    assessment: Assessment | None
    decided_by: str | None


def suggestion_for(policy: Policy, provision: Provision, bundle) -> Suggestion:
    """What the recorded facts suggest about an applicable provision, in the incident's
    enforcement context, with its footing (287(g), a jurisdiction assumed from the incident's
    place, status, unknown entry into force): the case page, the dossier and a lawyer's
    decision all read this one."""
    agencies = binding(provision, bundle)
    only_287g = agencies and all(through for _, through in agencies)
    via = [agency for agency, _ in agencies] if only_287g else []
    suggestion = in_context(provision, bundle, suggest(provision, bundle))
    suggestion = on_assumed_place(provision, bundle, suggestion)
    return qualified(policy, suggestion, bundle, via)


def case_analysis(session: Session, bundle) -> list[AnalysisRow]:
    """Applicable provisions with live suggestions and stored decisions (three queries)."""
    pairs = applicable(session, bundle)
    gone: dict[int, str] = {}
    assessments = {
        a.provision_id: a
        for a in session.exec(
            select(Assessment).where(Assessment.incident_id == bundle.incident.id)
        ).all()
    }
    ids = {a.decided_by_id for a in assessments.values()}
    names = (
        dict(session.exec(select(User.id, User.display_name).where(User.id.in_(ids))).all())
        if ids
        else {}
    )
    rows = []
    listed = {provision.id for _, provision in pairs}
    if set(assessments) - listed:  # decided, and no longer listed: never hidden
        extra = _no_longer_listed(session, bundle, set(assessments) - listed)
        gone = {provision.id: why for _, provision, why in extra}
        pairs = pairs + [(policy, provision) for policy, provision, _ in extra]
    for policy, provision in pairs:
        assessment = assessments.get(provision.id)
        suggestion = (
            suggestion_for(policy, provision, bundle)
            if provision.id in listed
            else Suggestion(
                "not_applicable",
                "No longer listed for this incident: "
                + gone.get(provision.id, "the provision is no longer in the library.")
                + " The decision below was made when it was listed.",
            )
        )
        rows.append(
            AnalysisRow(
                policy,
                provision,
                suggestion,
                assessment,
                names.get(assessment.decided_by_id) if assessment else None,
            )
        )
    return rows


def _no_longer_listed(session: Session, bundle, ids: set[int]) -> list:
    """(policy, provision, why) for provisions a lawyer decided on that the engine no longer
    lists (an agency's jurisdiction or the incident's date changed since)."""
    reasons = {p.id: (policy, p, why) for policy, p, why in left_out(session, bundle)}
    found = []
    for provision_id in sorted(ids):
        if provision_id in reasons:
            found.append(reasons[provision_id])
        else:
            provision = session.get(Provision, provision_id)
            policy = session.get(Policy, provision.policy_id)
            found.append((policy, provision, "it no longer applies."))
    return found
