"""The administrators' button that verifies the audit chain from the home page (the home page
itself is `main.home`)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from incidents.authz import roles_required
from incidents.dashboard import bp, services
from incidents.db import get_session
from incidents.i18n import gettext


@bp.route("/home/verify-audit", methods=["POST"])
@roles_required("admin")
def verify_audit():
    """Verify the audit trail's chain now, record and say whether it held."""
    if FlaskForm().validate_on_submit():
        if services.verify_audit_chain(session=get_session(), actor=current_user):
            flash(
                gettext("The audit trail's chain holds: no event was changed or removed."),
                "success",
            )
        else:
            flash(
                gettext(
                    "The audit trail's chain is BROKEN: run `flask audit verify` on the server to "
                    "see where, and keep a copy of the database as it is."
                ),
                "error",
            )
    return redirect(url_for("main.home"))
