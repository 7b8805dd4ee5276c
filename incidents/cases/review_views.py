"""The case page's review panel posts here: move an incident through the workflow, assign who
works on it (thin: form → the review service → flash and back to the panel; a refused form is
shown again in the panel of the case page, with what was typed and an error summary)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import current_user

from incidents.cases import bp
from incidents.cases.views import render_case_page
from incidents.db import get_session
from incidents.forms_common import select_choices
from incidents.i18n import N_, gettext, translate_label
from incidents.problems import UserError
from incidents.records.access import case_staff, incident_or_404
from incidents.review import services
from incidents.review.forms import AssignForm, ReviewForm

DONE = {  # English; translated when flashed
    "submitted": N_("Submitted for review: a lawyer will check it."),
    "verified": N_("Verified. The dossier now names you as the verifier."),
    "returned": N_("Returned to draft with your comment."),
}

BUTTONS = {
    "submitted": N_("Submit for review"),
    "verified": N_("Verify"),
    "returned": N_("Return for changes"),
}


def _back(incident):
    return redirect(url_for("cases.show_incident", reference=incident.reference) + "#review")


@bp.route("/incidents/<reference>/review", methods=["POST"])
@case_staff
def review_move(reference: str):
    """Submit for review, verify, or return for changes."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = ReviewForm()
    if not form.validate_on_submit():
        return _refused(session, incident, "review", form)
    try:
        services.move_incident(
            session=session,
            actor=current_user,
            incident=incident,
            action=form.action.data,
            comment=form.comment.data,
        )
    except UserError as problem:
        button = translate_label(BUTTONS.get(form.action.data, N_("Change of status")))
        message = gettext(
            "%(button)s: not done. %(problem)s", button=button, problem=problem.message
        )
        return _refused(session, incident, "review", form, message, problem.status)
    flash(translate_label(DONE[form.action.data]), "success")
    return _back(incident)


@bp.route("/incidents/<reference>/assign", methods=["POST"])
@case_staff
def review_assign(reference: str):
    """Assign (or unassign) the incident's caseworker and lawyer."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = AssignForm()
    for name, role in (("caseworker", "caseworker"), ("lawyer", "lawyer")):
        choices = services.staff_choices(session, incident.organization_id, role)
        form[name].choices = select_choices(choices)
    if not form.validate_on_submit():
        return _refused(session, incident, "assign", form)
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
        message = gettext("Assignments not changed: %(problem)s", problem=problem.message)
        return _refused(session, incident, "assign", form, message, problem.status)
    flash(
        gettext("Assignments saved.") if changed else gettext("Assignments unchanged."), "success"
    )
    return _back(incident)


def _refused(session, incident, name, form, message=None, status=400):
    """The case page again, with the refused form in its place and why (a form that expired
    says so)."""
    if message:
        form.form_errors.append(message)
    elif not form.errors:
        form.form_errors.append(gettext("The form expired; please try again."))
    return render_case_page(session, incident, failed={name: form}, status=status)


def _id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
