"""The review workflow of an incident's documentation: draft → submitted for review
(`under_review`) → verified by a lawyer or an administrator; returned to draft with a comment
when changes are asked; a verified incident that is changed goes back to review. Each move is a
review event (with its comment) and an audit event (without it: comments may hold anything).
Assignments of a caseworker and a lawyer live here too: they are written to `incidents`, which
only `incidents.records` writes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlalchemy import update as sql_update
from sqlmodel import Session

from incidents import audit
from incidents.db import utcnow
from incidents.i18n import gettext
from incidents.models import Incident, ReviewEvent, User
from incidents.problems import Conflict, UserError

VERIFIERS = ("lawyer", "admin")
EDITORS = ("caseworker", "lawyer", "admin")


@dataclass(frozen=True)
class Move:
    """A move of the workflow: from which statuses, to which, who may make it, and whether a
    comment is required."""

    action: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    comment_required: bool = False


MOVES = {
    "submitted": Move("submitted", ("draft",), "under_review", EDITORS),
    "verified": Move("verified", ("under_review",), "verified", VERIFIERS),
    "returned": Move("returned", ("under_review", "verified"), "draft", VERIFIERS, True),
}


def allowed_moves(incident: Incident, role: str) -> list[Move]:
    """The moves this role may make on the incident now."""
    if incident.archived_at is not None:
        return []
    return [
        m for m in MOVES.values() if incident.documentation_status in m.sources and role in m.roles
    ]


def move(session: Session, *, actor, incident: Incident, action: str, comment: str | None) -> None:
    """Make a workflow move (flushes; the caller commits). Refuses a move the actor's role may
    not make, one that does not start from the incident's status (someone else moved it
    first) and a return without a comment."""
    step = MOVES.get(action)
    if step is None or actor.role not in step.roles:
        raise UserError(gettext("Your role cannot make this change of status."))
    if incident.archived_at is not None:
        raise Conflict(gettext("An archived incident is not reviewed; restore it first."))
    comment = (comment or "").strip() or None
    if step.comment_required and not comment:
        raise UserError(gettext("Say what needs changing: the comment is required."))
    table = Incident.__table__
    claimed = session.execute(
        sql_update(table)
        .where(table.c.id == incident.id, table.c.documentation_status.in_(step.sources))
        .values(
            documentation_status=step.target,
            verified_at=utcnow() if step.target == "verified" else None,
            verified_by_id=actor.id if step.target == "verified" else None,
        )
    )
    if claimed.rowcount != 1:
        raise Conflict(
            gettext("Someone changed this incident's status meanwhile; see its status now.")
        )
    before = incident.documentation_status
    session.refresh(incident, ["documentation_status", "verified_at", "verified_by_id"])
    _event(session, actor, incident, step.action, before, comment)


def reopen_after_change(session: Session, *, actor, incident: Incident) -> bool:
    """A verified incident that was just changed goes back to review (its verification covered
    what it said before). Returns whether it was reopened."""
    if incident.documentation_status != "verified":
        return False
    incident.documentation_status = "under_review"
    incident.verified_at = incident.verified_by_id = None
    _event(session, actor, incident, "reopened", "verified", None)
    return True


def assign(
    session: Session,
    *,
    actor,
    incident: Incident,
    caseworker: User | None,
    lawyer: User | None,
) -> bool:
    """Assign (or unassign) the incident's caseworker and lawyer; returns whether anything
    changed. Each must be an active member of the incident's organization with that role; only
    a lawyer or an administrator changes the lawyer (a caseworker could otherwise take a case,
    and its deadlines, off a lawyer's calendar)."""
    for user, role in ((caseworker, "caseworker"), (lawyer, "lawyer")):
        if user is not None and (
            user.organization_id != incident.organization_id or user.role != role or not user.active
        ):
            raise UserError(
                gettext("Choose an active caseworker of your organization.")
                if role == "caseworker"
                else gettext("Choose an active lawyer of your organization.")
            )
    wanted = (getattr(caseworker, "id", None), getattr(lawyer, "id", None))
    before = (incident.assigned_caseworker_id, incident.assigned_lawyer_id)
    if wanted == before:
        return False
    if wanted[1] != before[1] and getattr(actor, "role", "admin") not in VERIFIERS:
        raise UserError(gettext("Only a lawyer or an administrator changes the lawyer of a case."))
    incident.assigned_caseworker_id, incident.assigned_lawyer_id = wanted
    audit.record(
        session=session,
        action="incident_assigned",
        actor=actor,
        organization_id=incident.organization_id,
        object_type="incident",
        object_id=incident.id,
        details={
            "caseworker_id": {"from": before[0], "to": wanted[0]},
            "lawyer_id": {"from": before[1], "to": wanted[1]},
        },
    )
    session.flush()
    return True


def set_statuses(session: Session, statuses: dict[int, str]) -> None:
    """Set the documentation status of incidents just written in bulk (id → status; the demo
    generator's), in one statement."""
    if not statuses:
        return
    table = Incident.__table__
    session.connection().execute(
        sql_update(table)
        .where(table.c.id == bindparam("incident_id"))
        .values(documentation_status=bindparam("status")),
        [{"incident_id": i, "status": s} for i, s in statuses.items()],
    )


def set_assignments(session: Session, rows: list[dict]) -> None:
    """Set assignments and who verified incidents written in bulk (the demo generator's): each
    row has incident_id, caseworker_id, lawyer_id, verified_by_id and verified_at."""
    if not rows:
        return
    table = Incident.__table__
    session.connection().execute(
        sql_update(table)
        .where(table.c.id == bindparam("incident_id"))
        .values(
            assigned_caseworker_id=bindparam("caseworker_id"),
            assigned_lawyer_id=bindparam("lawyer_id"),
            verified_by_id=bindparam("verified_by_id"),
            verified_at=bindparam("verified_at"),
        ),
        rows,
    )


def _event(session, actor, incident, action, before, comment) -> None:
    session.add(
        ReviewEvent(
            organization_id=incident.organization_id,
            incident_id=incident.id,
            action=action,
            from_status=before,
            to_status=incident.documentation_status,
            comment=comment,
            actor_id=getattr(actor, "id", None),
        )
    )
    audit.record(
        session=session,
        action=f"incident_{action}",
        actor=actor,
        organization_id=incident.organization_id,
        object_type="incident",
        object_id=incident.id,
        details={"from": before, "to": incident.documentation_status},
    )
    session.flush()
