"""The redaction review page and its decisions (lawyers and admins; thin: form → service)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from incidents.authz import roles_required
from incidents.db import get_session
from incidents.dossier import bp, review
from incidents.dossier.forms import ConfirmForm, ManualRedactionForm, RestoreForm, SignOffForm
from incidents.i18n import gettext
from incidents.problems import UserError
from incidents.records.access import incident_or_404
from incidents.redaction.engine import KIND_LABELS

reviewers = roles_required("lawyer", "admin")


@bp.route("/incidents/<reference>/redaction")
@reviewers
def review_page(reference: str):
    """What the redacted dossier hides in every free-text value, and why."""
    return _render(reference)


def _render(
    reference: str, *, manual=None, restore=None, error_key=None, sign_off=None, status=200
):
    session = get_session()
    incident = incident_or_404(session, reference)
    page = review.review_page(session=session, actor=current_user, incident=incident)
    return (
        render_template(
            "dossier/review.html",
            incident=incident,
            page=page,
            kinds=KIND_LABELS,
            field_labels={f.text.key: f.text.label for f in page.fields},
            manual=manual or ManualRedactionForm(formdata=None),
            restore=restore or RestoreForm(formdata=None),
            error_key=error_key,
            confirm=ConfirmForm(formdata=None),
            sign_off=sign_off or SignOffForm(formdata=None, seen=page.fingerprint),
        ),
        status,
    )


def _back(reference: str, anchor: str = ""):
    return redirect(url_for("dossier.review_page", reference=reference) + anchor)


@bp.route("/incidents/<reference>/redaction/manual", methods=["POST"])
@reviewers
def add_manual(reference: str):
    """Hide words everywhere in the incident's redacted outputs."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = ManualRedactionForm()
    if not form.validate_on_submit():
        return _render(reference, manual=form, status=400)
    try:
        review.add_manual(
            session=session,
            actor=current_user,
            incident=incident,
            term=form.term.data,
            reason=form.reason.data,
        )
    except UserError as error:
        form.term.errors = [str(error)]
        return _render(reference, manual=form, status=400)
    flash(gettext("Hidden everywhere in this incident's redacted outputs."), "success")
    return _back(reference, "#decisions")


@bp.route("/incidents/<reference>/redaction/restore", methods=["POST"])
@reviewers
def restore(reference: str):
    """Print one find as written, with the reason it is not an identifier."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = RestoreForm()
    if not form.validate_on_submit():
        return _render(reference, restore=form, error_key=form.field_key.data, status=400)
    try:
        review.restore(
            session=session,
            actor=current_user,
            incident=incident,
            field_key=form.field_key.data,
            index=form.index.data,
            digest=form.digest.data,
            kind=form.kind.data,
            term=form.term.data,
            reason=form.reason.data,
        )
    except UserError as error:
        form.reason.errors = [str(error)]
        return _render(reference, restore=form, error_key=form.field_key.data, status=409)
    flash(gettext("Restored: it will print as written."), "success")
    return _back(reference, "#decisions")


@bp.route("/incidents/<reference>/redaction/decisions/<int:decision_id>/withdraw", methods=["POST"])
@reviewers
def withdraw(reference: str, decision_id: int):
    """Take back a manual redaction or a restoration."""
    session = get_session()
    incident = incident_or_404(session, reference)
    if not ConfirmForm().validate_on_submit():
        return _render(reference, status=400)
    try:
        review.withdraw(
            session=session, actor=current_user, incident=incident, decision_id=decision_id
        )
    except UserError as error:
        flash(str(error), "error")
        return _back(reference, "#decisions")
    flash(gettext("Decision withdrawn."), "success")
    return _back(reference, "#decisions")


@bp.route("/incidents/<reference>/redaction/sign-off", methods=["POST"])
@reviewers
def sign_off(reference: str):
    """Record that the redaction was reviewed as it stands."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = SignOffForm()
    if not form.validate_on_submit():
        return _render(reference, status=400)
    try:
        review.sign_off(session=session, actor=current_user, incident=incident, seen=form.seen.data)
    except UserError as error:
        flash(str(error), "error")
        return _render(reference, status=409)
    flash(gettext("Redaction review recorded; redacted dossiers will say so."), "success")
    return _back(reference)
