"""Policy library edits and lawyers' assessments. Each function commits and audits its work."""

from __future__ import annotations

from sqlmodel import Session, select

from incidents import audit
from incidents.db import utcnow
from incidents.i18n import N_, gettext
from incidents.models import Assessment, Incident, Policy, Provision, User
from incidents.policies.suggestion import Suggestion
from incidents.problems import UserError
from incidents.records import research as research_facts

POLICY_EDIT_FIELDS = (
    "title",
    "issuer",
    "jurisdiction_level",
    "state",
    "policy_type",
    "citation",
    "source_url",
    "effective_from",
    "effective_to",
    "in_force_by",
    "dates_note",
    "status",
    "status_note",
    "status_source",
    "successor_id",
)
PROVISION_EDIT_FIELDS = (
    "section",
    "text",
    "is_quotation",
    "requirement_type",
    "scope_levels",
    "scope_state",
    "scope_city",
    "scope_county",
    "contexts",
    "scope_agencies",
    "source_kind",
    "citation",
    "pinpoint",
    "source_url",
    "source_date",
)


class SharedEntry(UserError):
    """A built-in library entry is shared by every organization: read-only in the app."""

    default = N_("A built-in library entry is shared by every organization: read-only in the app.")

    status = 403

    def __init__(self):
        super().__init__(
            "Built-in library entries are shared by every organization and change only from "
            "the library data file (flask policies load). Make your organization's own "
            "version to record different wording."
        )


def ensure_editable(policy: Policy) -> Policy:
    """The policy if the app may change it (an organization's own), else SharedEntry."""
    if policy.organization_id is None:
        raise SharedEntry
    return policy


def own_version(session: Session, organization_id: int, policy: Policy) -> Policy | None:
    """The organization's own version of a built-in policy, if it made one."""
    return session.exec(
        select(Policy).where(
            Policy.organization_id == organization_id, Policy.copied_from_id == policy.id
        )
    ).first()


def copy_policy(*, session: Session, actor: User, policy: Policy) -> Policy:
    """The organization's own version of a policy, with its provisions as they are (a quotation
    stays marked as one until the organization changes the wording and the mark), visible to
    that organization only. A version of a built-in policy replaces it in the organization's
    analyses; there is one such version per built-in policy (asking again returns it)."""
    if policy.organization_id is None:
        existing = own_version(session, actor.organization_id, policy)
        if existing is not None:
            return existing
    copy = Policy(
        **{name: getattr(policy, name) for name in POLICY_EDIT_FIELDS},
        source_note=policy.source_note,
        copied_from_id=policy.id if policy.organization_id is None else None,
        organization_id=actor.organization_id,
        created_by_id=actor.id,
    )
    # the copy's title is the organization's own, in the language of whoever made it
    copy.title = gettext("%(title)s (our version)", title=policy.title)[:300]
    copy.successor_id = None
    session.add(copy)
    session.flush()
    provisions = session.exec(
        select(Provision).where(Provision.policy_id == policy.id).order_by(Provision.position)
    ).all()
    for provision in provisions:
        values = {name: getattr(provision, name) for name in PROVISION_EDIT_FIELDS}
        session.add(
            Provision(
                **values, policy_id=copy.id, position=provision.position, created_by_id=actor.id
            )
        )
    audit.record(
        session=session,
        action="policy_created",
        actor=actor,
        object_type="policy",
        object_id=copy.id,
        details={"copied_from": policy.id, "provisions": len(provisions)},
    )
    session.commit()
    return copy


def save_policy(
    *, session: Session, actor: User, values: dict, policy: Policy | None = None
) -> Policy:
    """Create a policy for the actor's organization, or edit one of its own (SharedEntry for a
    built-in one)."""
    created = policy is None
    if not created:
        ensure_editable(policy)
    if created:
        policy = Policy(
            organization_id=actor.organization_id,
            created_by_id=actor.id,
            title="",
            issuer="",
            jurisdiction_level="federal",
            policy_type="agency_policy",
        )
        session.add(policy)
    changed = [n for n in POLICY_EDIT_FIELDS if getattr(policy, n) != values.get(n)]
    for name in POLICY_EDIT_FIELDS:
        setattr(policy, name, values.get(name))
    if policy.builtin and changed:
        policy.user_modified = True
    policy.touch(actor.id)
    session.flush()
    audit.record(
        session=session,
        action="policy_created" if created else "policy_updated",
        actor=actor,
        object_type="policy",
        object_id=policy.id,
        details={"fields": changed},
    )
    session.commit()
    return policy


def save_provision(
    *,
    session: Session,
    actor: User,
    policy: Policy,
    values: dict,
    provision: Provision | None = None,
) -> Provision:
    """Add a provision to one of the organization's policies or edit one (SharedEntry for a
    built-in policy). A provision of a state's policy binds in that state only."""
    ensure_editable(policy)
    if policy.state and not values.get("scope_state"):
        values = {**values, "scope_state": policy.state}
    created = provision is None
    if created:
        position = len(
            session.exec(select(Provision.id).where(Provision.policy_id == policy.id)).all()
        )
        provision = Provision(
            policy_id=policy.id,
            text="",
            requirement_type="other",
            scope_levels="",
            position=position,
            created_by_id=actor.id,
        )
        session.add(provision)
    changed = [n for n in PROVISION_EDIT_FIELDS if getattr(provision, n) != values.get(n)]
    for name in PROVISION_EDIT_FIELDS:
        setattr(provision, name, values.get(name))
    if provision.key and changed:
        provision.user_modified = True
        policy.user_modified = True
    provision.touch(actor.id)
    session.flush()
    if "requirement_type" in changed and not created:
        research_facts.refresh_for_provisions(session, [provision.id])
    audit.record(
        session=session,
        action="provision_created" if created else "provision_updated",
        actor=actor,
        object_type="provision",
        object_id=provision.id,
        details={"policy": policy.id, "fields": changed},
    )
    session.commit()
    return provision


def decide(
    *,
    session: Session,
    actor: User,
    incident: Incident,
    provision: Provision,
    suggestion: Suggestion,
    decision: str,
    reasoning: str,
    evidence_ids: list[int],
) -> Assessment:
    """Record (or revise) a lawyer's decision, keeping the suggestion it answered."""
    assessment = session.exec(
        select(Assessment).where(
            Assessment.incident_id == incident.id, Assessment.provision_id == provision.id
        )
    ).first()
    revised = assessment is not None
    if assessment is None:
        assessment = Assessment(
            organization_id=incident.organization_id,
            incident_id=incident.id,
            provision_id=provision.id,
            created_by_id=actor.id,
            suggested="",
            suggested_reason="",
            decision="",
            reasoning="",
            decided_at=utcnow(),
            decided_by_id=actor.id,
        )
        session.add(assessment)
    assessment.suggested, assessment.suggested_reason = suggestion.value, suggestion.reason
    assessment.decision, assessment.reasoning = decision, reasoning
    assessment.evidence_ids = ",".join(str(i) for i in sorted(set(evidence_ids)))
    assessment.decided_at, assessment.decided_by_id = utcnow(), actor.id
    assessment.touch(actor.id)
    session.flush()
    research_facts.refresh(session, [incident.id])
    audit.record(
        session=session,
        action="assessment_revised" if revised else "assessment_made",
        actor=actor,
        object_type="incident",
        object_id=incident.id,
        details={
            "provision": provision.id,
            "suggested": suggestion.value,
            "decision": decision,
            "override": decision != suggestion.value,
            "evidence_cited": len(set(evidence_ids)),
        },
    )
    session.commit()
    return assessment
