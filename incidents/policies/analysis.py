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
)
from incidents.policies.left_out import left_out
from incidents.policies.rules import suggest


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
    bound = binding(provision, bundle)
    only_287g = bound and all(footing.through_287g for _, footing in bound)
    via = [agency for agency, _ in bound] if only_287g else []
    suggestion = in_context(provision, bundle, suggest(provision, bundle))
    suggestion = on_assumed_place(provision, bound, suggestion)
    return qualified(policy, suggestion, bundle, via)


def case_analysis(session: Session, bundle) -> list[AnalysisRow]:
    """Applicable provisions with live suggestions and stored decisions (three queries), then
    any provision a lawyer decided on that no longer applies, with why: a decision is never
    hidden by a later change of the facts or of an agency."""
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
    found = [
        (policy, provision, suggestion_for(policy, provision, bundle))
        for policy, provision in applicable(session, bundle)
    ]
    orphans = set(assessments) - {provision.id for _, provision, _ in found}
    if orphans:
        found += _no_longer_listed(session, bundle, orphans)
    rows = []
    for policy, provision, suggestion in found:
        assessment = assessments.get(provision.id)
        decided_by = names.get(assessment.decided_by_id) if assessment else None
        rows.append(AnalysisRow(policy, provision, suggestion, assessment, decided_by))
    return rows


def _no_longer_listed(session: Session, bundle, ids: set[int]) -> list:
    """(policy, provision, suggestion) for provisions a lawyer decided on that the engine no
    longer lists, with why: the incident's date or an agency changed since (left_out says how),
    or the organization's own version of the policy now stands in for it."""
    why = {p.id: reason for _, p, reason in left_out(session, bundle) if p.id in ids}
    rows = session.exec(
        select(Policy, Provision)
        .join(Provision, Provision.policy_id == Policy.id)
        .where(Provision.id.in_(ids))
        .order_by(Policy.title, Provision.position, Provision.id)
    ).all()
    replaced = "Your organization's own version of this policy stands in for it."
    return [
        (
            policy,
            provision,
            Suggestion(
                "not_applicable",
                f"No longer listed for this incident: {why.get(provision.id, replaced)} The "
                "decision below was made when it was listed.",
            ),
        )
        for policy, provision in rows
    ]
