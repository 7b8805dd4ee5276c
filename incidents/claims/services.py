"""Legal actions and deadlines of an incident: one transaction per public function, each write
audited (ids and codes only). Computed deadlines are rewritten from the verified rules
(claims.rules) whenever an action of the incident changes; entered deadlines are the lawyer's,
with the rule relied on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, delete, select

from incidents import audit, clock
from incidents.claims import rules
from incidents.db import utcnow
from incidents.models import Deadline, Evidence, EvidencePin, Incident, LegalAction, User
from incidents.vocab import LEGAL_ACTION_KIND

ACTION_FIELDS = ("kind", "against", "accrued_on", "filed_on", "denial_mailed_on", "status")
ACTION_FIELDS += ("outcome", "notes")
DEADLINE_FIELDS = ("kind", "due_on", "rule", "source", "note", "legal_action_id")


@dataclass
class ActionRow:
    """A legal action with its deadlines and the evidence filed with it."""

    action: LegalAction
    deadlines: list[Deadline] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Section:
    """The case page's claims section."""

    rows: list[ActionRow]
    loose: list[Deadline]
    today: date
    rule_table: dict = field(default_factory=lambda: rules.RULES)
    caution: str = rules.CAUTION
    milestones: frozenset = rules.MILESTONES

    def pin_labels(self) -> dict[str, str]:
        """How the evidence list names an item filed with one of these actions."""
        label = LEGAL_ACTION_KIND.label
        return {
            f"legal_action:{r.action.id}": f"Legal action: {label(r.action.kind)}"
            for r in self.rows
        }


def section(session: Session, incident: Incident) -> Section:
    """The legal actions and deadlines of an incident as its case page shows them."""
    rows, loose = actions_of(session, incident)
    return Section(rows, loose, clock.today())


def actions_of(session: Session, incident: Incident) -> tuple[list[ActionRow], list[Deadline]]:
    """The incident's legal actions (oldest first) with their deadlines and documents, and the
    deadlines entered without an action (three queries)."""
    actions = session.exec(
        select(LegalAction)
        .where(LegalAction.incident_id == incident.id, LegalAction.archived_at.is_(None))
        .order_by(LegalAction.created_at, LegalAction.id)
    ).all()
    rows = {a.id: ActionRow(a) for a in actions}
    loose = []
    for deadline in session.exec(
        select(Deadline)
        .where(Deadline.incident_id == incident.id)
        .order_by(Deadline.due_on, Deadline.id)
    ).all():
        if deadline.legal_action_id in rows:
            rows[deadline.legal_action_id].deadlines.append(deadline)
        elif deadline.legal_action_id is None:
            loose.append(deadline)
    if rows:
        for pin, item in session.exec(
            select(EvidencePin, Evidence)
            .join(Evidence, Evidence.id == EvidencePin.evidence_id)
            .where(EvidencePin.legal_action_id.in_(list(rows)), Evidence.archived_at.is_(None))
        ).all():
            rows[pin.legal_action_id].evidence.append(item)
    return list(rows.values()), loose


def filed_evidence_ids(session: Session, action: LegalAction) -> list[int]:
    """Ids of the evidence items filed with a legal action."""
    return list(
        session.exec(
            select(EvidencePin.evidence_id).where(EvidencePin.legal_action_id == action.id)
        ).all()
    )


def save_action(
    *,
    session: Session,
    actor: User,
    incident: Incident,
    data: dict,
    evidence_ids: list[int],
    action: LegalAction | None = None,
) -> LegalAction:
    """Create or update a legal action, file the chosen evidence items of the incident with it,
    recompute the incident's FTCA deadlines, audit and commit."""
    created = action is None
    if created:
        action = LegalAction(
            organization_id=incident.organization_id,
            incident_id=incident.id,
            created_by_id=actor.id,
            kind=data["kind"],
        )
        session.add(action)
    changed = sorted(k for k in ACTION_FIELDS if getattr(action, k) != data.get(k))
    for name in ACTION_FIELDS:
        setattr(action, name, data.get(name))
    action.touch(actor.id)
    session.flush()
    _file_evidence(session, incident, action, evidence_ids)
    refresh_computed(session, incident)
    audit.record(
        session=session,
        action="legal_action_created" if created else "legal_action_updated",
        actor=actor,
        organization_id=incident.organization_id,
        object_type="legal_action",
        object_id=action.id,
        details={"incident_id": incident.id, "kind": action.kind, "fields": changed},
    )
    session.commit()
    return action


def archive_action(*, session: Session, actor: User, action: LegalAction) -> None:
    """Remove a legal action from the case (kept, archived) with its computed deadlines."""
    action.archived_at, action.archived_by_id = utcnow(), actor.id
    session.exec(delete(Deadline).where(Deadline.legal_action_id == action.id, Deadline.computed))
    incident = session.get(Incident, action.incident_id)
    refresh_computed(session, incident)
    audit.record(
        session=session,
        action="legal_action_archived",
        actor=actor,
        organization_id=action.organization_id,
        object_type="legal_action",
        object_id=action.id,
        details={"incident_id": action.incident_id},
    )
    session.commit()


def refresh_computed(session: Session, incident: Incident) -> None:
    """Rewrite the computed deadlines of the incident's FTCA claims from the recorded dates."""
    actions = session.exec(
        select(LegalAction).where(
            LegalAction.incident_id == incident.id, LegalAction.archived_at.is_(None)
        )
    ).all()
    suits = [a.filed_on for a in actions if a.kind == "ftca_suit" and a.filed_on]
    existing = {
        (d.legal_action_id, d.kind): d
        for d in session.exec(
            select(Deadline).where(Deadline.incident_id == incident.id, Deadline.computed)
        ).all()
    }
    for action in actions:
        for found in rules.ftca_deadlines(action, suits):
            row = existing.pop((action.id, found.kind), None) or Deadline(
                organization_id=incident.organization_id,
                incident_id=incident.id,
                legal_action_id=action.id,
                kind=found.kind,
                computed=True,
                rule=found.kind,
                due_on=found.due_on,
            )
            row.due_on, row.done_on = found.due_on, found.done_on
            row.source = rules.RULES[found.kind].source
            session.add(row)
    for stale in existing.values():
        session.delete(stale)
    session.flush()


def save_deadline(
    *,
    session: Session,
    actor: User,
    incident: Incident,
    data: dict,
    deadline: Deadline | None = None,
) -> Deadline:
    """Create or update a deadline entered by a lawyer (with the rule relied on); commit."""
    created = deadline is None
    if created:
        deadline = Deadline(
            organization_id=incident.organization_id,
            incident_id=incident.id,
            created_by_id=actor.id,
            computed=False,
            kind=data["kind"],
            due_on=data["due_on"],
            rule=data["rule"],
        )
        session.add(deadline)
    for name in DEADLINE_FIELDS:
        setattr(deadline, name, data.get(name))
    deadline.touch(actor.id)
    session.flush()
    _audit_deadline(session, actor, deadline, "deadline_created" if created else "deadline_updated")
    session.commit()
    return deadline


def mark_done(*, session: Session, actor: User, deadline: Deadline, on: date | None) -> None:
    """Record that a deadline was met (or, with on=None, that it is open again); commit."""
    deadline.done_on = on
    deadline.touch(actor.id)
    _audit_deadline(session, actor, deadline, "deadline_done" if on else "deadline_reopened")
    session.commit()


def remove_deadline(*, session: Session, actor: User, deadline: Deadline) -> None:
    """Delete an entered deadline (computed ones follow their rule and cannot be removed)."""
    _audit_deadline(session, actor, deadline, "deadline_removed")
    session.delete(deadline)
    session.commit()


def _audit_deadline(session, actor, deadline, action) -> None:
    audit.record(
        session=session,
        action=action,
        actor=actor,
        organization_id=deadline.organization_id,
        object_type="deadline",
        object_id=deadline.id,
        details={"incident_id": deadline.incident_id, "kind": deadline.kind},
    )


def _file_evidence(session, incident, action, evidence_ids) -> None:
    wanted = set(
        session.exec(
            select(Evidence.id).where(
                Evidence.incident_id == incident.id,
                Evidence.id.in_(evidence_ids or [-1]),
                Evidence.archived_at.is_(None),
            )
        ).all()
    )
    pins = session.exec(select(EvidencePin).where(EvidencePin.legal_action_id == action.id)).all()
    for pin in pins:
        if pin.evidence_id not in wanted:
            session.delete(pin)
        wanted.discard(pin.evidence_id)
    for evidence_id in sorted(wanted):
        session.add(EvidencePin(evidence_id=evidence_id, legal_action_id=action.id))
