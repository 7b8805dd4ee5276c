"""An administrator starts the verification of every stored file as a background job."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import current_user

from incidents.db import get_session
from incidents.evidence import bp
from incidents.evidence.verify_job import start_verification
from incidents.forms_common import ConfirmForm
from incidents.i18n import gettext
from incidents.problems import UserError
from incidents.records.access import admin_only


@bp.route("/evidence/verify", methods=["POST"])
@admin_only
def start_verification_job():
    """Queue "verify all evidence" for the organization and show the job's page."""
    if not ConfirmForm().validate_on_submit():
        flash(
            gettext("The verification was not started: the form had expired. Try again."), "error"
        )
        return redirect(url_for("jobs.list_jobs"))
    try:
        job = start_verification(session=get_session(), actor=current_user)
    except UserError as error:
        flash(error.message, "error")
        return redirect(url_for("jobs.list_jobs"))
    return redirect(url_for("jobs.show", job_id=job.id))
