"""Legal actions and deadlines of an incident (thin: form → service → flash and back to the
case page). Lawyers and administrators write them; everyone on the case team reads them on the
case page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import select

from incidents import audit, clock
from incidents.authz import roles_required
from incidents.claims import bp, services
from incidents.claims.forms import DeadlineForm, LegalActionForm
from incidents.claims.rules import MILESTONES
from incidents.db import get_session
from incidents.evidence import queries as evidence_queries
from incidents.forms_common import ConfirmForm, select_choices
from incidents.i18n import gettext, ngettext, pgettext, translate_label
from incidents.models import Deadline, Incident, LegalAction
from incidents.records.access import incident_or_404
from incidents.vocab import LEGAL_ACTION_KIND

lawyers = roles_required("lawyer", "admin")


def _in_org(model, object_id: int):
    row = get_session().get(model, object_id)
    if row is None or row.organization_id != current_user.organization_id:
        abort(404)
    incident = get_session().get(Incident, row.incident_id)
    if incident.archived_at is not None or getattr(row, "archived_at", None) is not None:
        abort(404)
    return row, incident


def _back(incident):
    return redirect(url_for("cases.show_incident", reference=incident.reference) + "#claims")


def _action_form(session, incident, action=None) -> LegalActionForm:
    form = LegalActionForm(obj=action)
    items = evidence_queries.incident_items(session, incident.id)
    form.evidence.choices = [(item.id, item.title) for item, _ in items]
    return form


def _action_page(session, incident, form, action=None):
    if action is not None:
        _viewed(session, "legal_action", action.id, incident)
    page = render_template("claims/action_form.html", incident=incident, form=form, action=action)
    return page, 400 if form.errors else 200


@bp.route("/incidents/<reference>/legal-actions/new", methods=["GET", "POST"])
@lawyers
def new_action(reference: str):
    """Record a claim, suit or complaint brought for the client."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = _action_form(session, incident)
    if not form.validate_on_submit():
        return _action_page(session, incident, form)
    action = services.save_action(
        session=session,
        actor=current_user,
        incident=incident,
        data=form.data_for_service(),
        evidence_ids=form.evidence.data or [],
    )
    flash(
        gettext("%(kind)s recorded.", kind=translate_label(LEGAL_ACTION_KIND.label(action.kind))),
        "success",
    )
    return _back(incident)


@bp.route("/legal-actions/<int:action_id>/edit", methods=["GET", "POST"])
@lawyers
def edit_action(action_id: int):
    """Change a legal action (its computed deadlines follow)."""
    session = get_session()
    action, incident = _in_org(LegalAction, action_id)
    form = _action_form(session, incident, action)
    if not form.is_submitted():
        form.evidence.data = services.filed_evidence_ids(session, action)
    if not form.validate_on_submit():
        return _action_page(session, incident, form, action)
    services.save_action(
        session=session,
        actor=current_user,
        incident=incident,
        data=form.data_for_service(),
        evidence_ids=form.evidence.data or [],
        action=action,
    )
    flash(
        gettext("%(kind)s saved.", kind=translate_label(LEGAL_ACTION_KIND.label(action.kind))),
        "success",
    )
    return _back(incident)


@bp.route("/legal-actions/<int:action_id>/archive", methods=["POST"])
@lawyers
def archive_action(action_id: int):
    """Remove a legal action from the case (it is kept, archived)."""
    session = get_session()
    action, incident = _in_org(LegalAction, action_id)
    if _csrf_only():
        services.archive_action(session=session, actor=current_user, action=action)
        flash(
            gettext("Legal action removed from the case; its computed deadlines with it."),
            "success",
        )
    return _back(incident)


def _deadline_form(session, incident, deadline=None) -> DeadlineForm:
    form = DeadlineForm(obj=deadline)
    actions = session.exec(
        select(LegalAction).where(
            LegalAction.incident_id == incident.id, LegalAction.archived_at.is_(None)
        )
    ).all()
    choices = [("", pgettext("legal action", "None"))]
    choices += [(str(a.id), translate_label(LEGAL_ACTION_KIND.label(a.kind))) for a in actions]
    form.legal_action.choices = select_choices(choices)
    if deadline is not None and not form.is_submitted():
        form.legal_action.data = str(deadline.legal_action_id or "")
    return form


@bp.route("/incidents/<reference>/deadlines/new", methods=["GET", "POST"])
@lawyers
def new_deadline(reference: str):
    """Enter a deadline with the rule it relies on."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = _deadline_form(session, incident)
    if not form.validate_on_submit():
        return render_template("claims/deadline_form.html", incident=incident, form=form)
    services.save_deadline(
        session=session, actor=current_user, incident=incident, data=form.data_for_service()
    )
    flash(gettext("Deadline added; it shows on the calendar."), "success")
    return _back(incident)


@bp.route("/deadlines/<int:deadline_id>/edit", methods=["GET", "POST"])
@lawyers
def edit_deadline(deadline_id: int):
    """Change a deadline the lawyer entered (computed ones follow their rule)."""
    session = get_session()
    deadline, incident = _in_org(Deadline, deadline_id)
    if deadline.computed:
        abort(404)
    form = _deadline_form(session, incident, deadline)
    if not form.validate_on_submit():
        if not form.is_submitted():
            _viewed(session, "deadline", deadline.id, incident)
        return render_template(
            "claims/deadline_form.html", incident=incident, form=form, deadline=deadline
        )
    services.save_deadline(
        session=session,
        actor=current_user,
        incident=incident,
        data=form.data_for_service(),
        deadline=deadline,
    )
    flash(gettext("Deadline saved."), "success")
    return _back(incident)


@bp.route("/deadlines/<int:deadline_id>/done", methods=["POST"])
@lawyers
def deadline_done(deadline_id: int):
    """Mark a deadline met today (done=yes), or open again (done=no). Saying it twice changes
    nothing: a double click never undoes the first."""
    session = get_session()
    deadline, incident = _in_org(Deadline, deadline_id)
    if not ConfirmForm().validate_on_submit():
        flash(gettext("The form expired; please try again."), "error")
        return _back(incident)
    done = request.form.get("done") == "yes"
    if deadline.kind in MILESTONES:
        flash(gettext("A date from which the client may act is not a deadline to meet."), "error")
        return _back(incident)
    if done == (deadline.done_on is not None):
        flash(gettext("Already marked as met.") if done else gettext("Already open."), "info")
        return _back(incident)
    services.mark_done(
        session=session, actor=current_user, deadline=deadline, on=clock.today() if done else None
    )
    late = (clock.today() - deadline.due_on).days
    if not done:
        flash(gettext("Deadline open again."), "success")
    elif late > 0:
        flash(
            ngettext(
                "Marked done today, %(num)s day after its date.",
                "Marked done today, %(num)s days after its date.",
                late,
            ),
            "success",
        )
    else:
        flash(gettext("Deadline marked as met today."), "success")
    return _back(incident)


@bp.route("/deadlines/<int:deadline_id>/remove", methods=["POST"])
@lawyers
def remove_deadline(deadline_id: int):
    """Remove a deadline the lawyer entered."""
    session = get_session()
    deadline, incident = _in_org(Deadline, deadline_id)
    if deadline.computed:
        flash(
            gettext("A computed deadline follows its rule: change the dates of the action."),
            "error",
        )
    elif _csrf_only():
        services.remove_deadline(session=session, actor=current_user, deadline=deadline)
        flash(gettext("Deadline removed."), "success")
    return _back(incident)


def _csrf_only() -> bool:
    return ConfirmForm().validate_on_submit()


def _viewed(session, object_type, object_id, incident) -> None:
    audit.record_read(
        session=session,
        action=f"{object_type}_viewed",
        actor=current_user,
        object_type=object_type,
        object_id=object_id,
        details={"incident_id": incident.id},
    )
