"""Review services: the review panel of a case page, moves and assignments (one transaction
each; the moves themselves are in records.review)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from incidents.forms_common import select_choices
from incidents.i18n import gettext
from incidents.models import Incident, ReviewEvent, User
from incidents.problems import UserError
from incidents.records import review
from incidents.review.forms import AssignForm, ReviewForm


@dataclass
class Move:
    """A review event as the panel shows it."""

    at: datetime
    who: str
    action: str
    comment: str | None


@dataclass
class Panel:
    """What the case page shows about review and assignments."""

    status: str
    verified_by: str | None
    verified_at: datetime | None
    caseworker: str | None
    lawyer: str | None
    moves: list = field(default_factory=list)  # allowed records.review.Move
    events: list[Move] = field(default_factory=list)  # newest first
    returned_comment: str | None = None  # the latest return's comment, while still a draft
    form: ReviewForm | None = None
    assign_form: AssignForm | None = None


def staff_choices(session: Session, organization_id: int, role: str) -> list[tuple[str, str]]:
    """Active users of a role in the organization, as (id, name) choices after 'Nobody' (read
    as plain rows: every case page asks, twice)."""
    users = session.connection().execute(
        select(User.id, User.display_name)
        .where(User.organization_id == organization_id, User.role == role, User.active)
        .order_by(User.display_name)
    )
    return [("", gettext("Nobody")), *((str(user_id), name) for user_id, name in users)]


def panel(
    session: Session,
    incident: Incident,
    viewer: User,
    *,
    form: ReviewForm | None = None,
    assign: AssignForm | None = None,
) -> Panel:
    """The review panel of an incident for the signed-in user (names in one query); a
    refused review or assignment form given is shown as it was posted, with its errors."""
    events = session.exec(
        select(ReviewEvent)
        .where(ReviewEvent.incident_id == incident.id)
        .order_by(ReviewEvent.occurred_at.desc(), ReviewEvent.id.desc())
    ).all()
    ids = {e.actor_id for e in events}
    ids |= {incident.verified_by_id, incident.assigned_caseworker_id, incident.assigned_lawyer_id}
    names = dict(session.exec(select(User.id, User.display_name).where(User.id.in_(ids))).all())
    assign_form = assign or AssignForm(
        formdata=None,
        caseworker=str(incident.assigned_caseworker_id or ""),
        lawyer=str(incident.assigned_lawyer_id or ""),
    )
    assign_form.caseworker.choices = select_choices(
        staff_choices(session, incident.organization_id, "caseworker")
    )
    assign_form.lawyer.choices = select_choices(
        staff_choices(session, incident.organization_id, "lawyer")
    )
    latest = events[0] if events else None
    return Panel(
        status=incident.documentation_status,
        verified_by=names.get(incident.verified_by_id),
        verified_at=incident.verified_at,
        caseworker=names.get(incident.assigned_caseworker_id),
        lawyer=names.get(incident.assigned_lawyer_id),
        moves=review.allowed_moves(incident, viewer.role),
        events=[
            Move(e.occurred_at, names.get(e.actor_id) or gettext("someone"), e.action, e.comment)
            for e in events
        ],
        returned_comment=latest.comment
        if latest and latest.action == "returned" and incident.documentation_status == "draft"
        else None,
        form=form or ReviewForm(formdata=None),
        assign_form=assign_form,
    )


def move_incident(
    *, session: Session, actor: User, incident: Incident, action: str, comment: str | None
) -> None:
    """Make a review move and commit it (UserError when it cannot be made)."""
    try:
        review.move(session, actor=actor, incident=incident, action=action, comment=comment)
    except UserError:
        session.rollback()
        raise
    session.commit()


def assign_incident(
    *,
    session: Session,
    actor: User,
    incident: Incident,
    caseworker_id: int | None,
    lawyer_id: int | None,
) -> bool:
    """Assign the incident's caseworker and lawyer and commit; returns whether anything
    changed (UserError for someone who is not an active caseworker/lawyer of the team)."""
    caseworker = session.get(User, caseworker_id) if caseworker_id else None
    lawyer = session.get(User, lawyer_id) if lawyer_id else None
    if (caseworker_id and caseworker is None) or (lawyer_id and lawyer is None):
        raise UserError(gettext("Choose an active member of your organization."))
    try:
        changed = review.assign(
            session, actor=actor, incident=incident, caseworker=caseworker, lawyer=lawyer
        )
    except UserError:
        session.rollback()
        raise
    session.commit()
    return changed
