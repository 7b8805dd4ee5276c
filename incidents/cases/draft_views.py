"""Draft endpoints of the incident form: the page's script saves what is typed every few
seconds; a person throws a draft away. (Restoring is a GET of the form with ?draft=1.)"""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_login import current_user

from incidents.cases import bp, drafts
from incidents.db import get_session
from incidents.forms_common import ConfirmForm
from incidents.records.access import case_staff


@bp.route("/drafts/<key>", methods=["POST"])
@case_staff
def save_draft(key: str):
    """Keep the form's fields as they are now (204)."""
    session = get_session()
    if not drafts.valid_key(session, current_user, key):
        abort(404)
    drafts.save(
        session=session, actor=current_user, key=key, fields=list(request.form.items(multi=True))
    )
    return "", 204


@bp.route("/drafts/<key>/discard", methods=["POST"])
@case_staff
def discard_draft(key: str):
    """Throw the draft away and open the form as saved."""
    session = get_session()
    if not drafts.valid_key(session, current_user, key):
        abort(404)
    if ConfirmForm().validate_on_submit():
        drafts.discard(session=session, actor=current_user, key=key)
    incident = drafts.incident_of(session, key)
    if incident is None:
        return redirect(url_for("cases.new_incident"))
    return redirect(url_for("cases.edit_incident", reference=incident.reference))
