"""Review views: move an incident through the workflow, assign who works on it (thin:
form → service → flash and back to the case page's review panel)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import current_user

from incidents.db import get_session
from incidents.forms_common import select_choices
from incidents.problems import UserError
from incidents.records.access import case_staff, incident_or_404
from incidents.review import bp, services
from incidents.review.forms import AssignForm, ReviewForm
from incidents.vocab import REVIEW_ACTION

DONE = {
    "submitted": "Submitted for review: a lawyer will check it.",
    "verified": "Verified. The dossier now names you as the verifier.",
    "returned": "Returned to draft with your comment.",
}


def _back(incident):
    return redirect(url_for("cases.show_incident", reference=incident.reference) + "#review")


@bp.route("/incidents/<reference>/review", methods=["POST"])
@case_staff
def move(reference: str):
    """Submit for review, verify, or return for changes."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = ReviewForm()
    if not form.validate_on_submit():
        problem = next(iter(form.errors.values()))[0] if form.errors else "The form expired."
        flash(f"Status not changed: {problem}", "error")
        return _back(incident)
    try:
        services.move_incident(
            session=session,
            actor=current_user,
            incident=incident,
            action=form.action.data,
            comment=form.comment.data,
        )
    except UserError as problem:
        flash(f"{REVIEW_ACTION.label(form.action.data)}: not done. {problem.message}", "error")
        return _back(incident)
    flash(DONE[form.action.data], "success")
    return _back(incident)


@bp.route("/incidents/<reference>/assign", methods=["POST"])
@case_staff
def assign(reference: str):
    """Assign (or unassign) the incident's caseworker and lawyer."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = AssignForm()
    for name, role in (("caseworker", "caseworker"), ("lawyer", "lawyer")):
        choices = services.staff_choices(session, incident.organization_id, role)
        form[name].choices = select_choices(choices)
    if not form.validate_on_submit():
        problem = next(iter(form.errors.values()))[0] if form.errors else "The form expired."
        flash(f"Assignments not changed: {problem}", "error")
        return _back(incident)
    try:
        changed = services.assign_incident(
            session=session,
            actor=current_user,
            incident=incident,
            caseworker_id=_id(form.caseworker.data),
            lawyer_id=_id(form.lawyer.data)
            if current_user.role != "caseworker"
            else incident.assigned_lawyer_id,
        )
    except UserError as problem:
        flash(f"Assignments not changed: {problem.message}", "error")
        return _back(incident)
    flash("Assignments saved." if changed else "Assignments unchanged.", "success")
    return _back(incident)


def _id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
