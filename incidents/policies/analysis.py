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
    for policy, provision in pairs:
        assessment = assessments.get(provision.id)
        rows.append(
            AnalysisRow(
                policy,
                provision,
                suggestion_for(policy, provision, bundle),
                assessment,
                names.get(assessment.decided_by_id) if assessment else None,
            )
        )
    return rows
