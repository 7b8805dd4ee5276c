"""The agencies page: the seeded agencies and the organization's own, which it adds and edits
(type, level and jurisdiction, which the policy analysis reads)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import select

from incidents.authz import get_in_org_or_404, roles_required
from incidents.cases import bp
from incidents.cases.agency_forms import AgencyForm
from incidents.cases.agency_services import (
    acts_under_287g,
    add_agency,
    detail_problems,
    details_of,
    jurisdiction_text,
    name_taken,
    needs_details,
    update_agency,
)
from incidents.db import get_session
from incidents.form_errors import summary_items
from incidents.i18n import gettext
from incidents.models import Agency


@bp.route("/agencies", methods=["GET", "POST"])
@roles_required("admin", "caseworker")
def agencies():
    """The seeded agencies and the organization's own, each with its type, level and
    jurisdiction (own agencies lacking them marked "needs details"); add one. Asked for JSON
    (the incident form's "Add a missing agency"), it answers with the new agency or the
    errors by field."""
    session = get_session()
    # the incident form's dialog names its fields new_agency-…: the incident's own state,
    # county and city fields are on the same page
    form = AgencyForm(prefix="new_agency") if "new_agency-name" in request.form else AgencyForm()
    wants_json = request.accept_mimetypes.best == "application/json"
    if form.validate_on_submit() and _name_is_free(session, form):
        agency = add_agency(session=session, actor=current_user, details=form.details())
        if wants_json:  # added from the incident form, which stays as the user left it
            level = agency.level in ("state", "local")
            return {"id": agency.id, "name": agency.name, "local": level}, 201
        flash(gettext("Agency “%(name)s” added.", name=agency.name), "success")
        return redirect(url_for("cases.agencies"))
    if wants_json and request.method == "POST":  # each message with its field, in order
        return {"summary": summary_items(form)}, 400
    rows = session.exec(
        select(Agency)
        .where(
            Agency.organization_id.is_(None)
            | (Agency.organization_id == current_user.organization_id)
        )
        .order_by(Agency.organization_id.is_(None), Agency.level, Agency.name)
    ).all()
    return render_template(
        "cases/agencies.html",
        form=form,
        agencies=rows,
        needing={a.id for a in rows if needs_details(a)},
        places={a.id: jurisdiction_text(a) for a in rows},
    ), 400 if form.errors else 200


@bp.route("/agencies/<int:agency_id>/edit", methods=["GET", "POST"])
@roles_required("admin", "caseworker")
def edit_agency(agency_id: int):
    """Record the type, level and jurisdiction of one of the organization's own agencies
    (seeded agencies and other organizations' are not found)."""
    session = get_session()
    agency = get_in_org_or_404(session, Agency, agency_id)
    form = AgencyForm(obj=details_of(agency) if request.method == "GET" else None)
    form.submit.label.text = gettext("Save agency")
    if form.validate_on_submit() and _name_is_free(session, form, agency.id):
        if form.level.data not in ("state", "local") and acts_under_287g(session, agency.id):
            form.level.errors.append(
                gettext(
                    "An incident records this agency as acting under a 287(g) agreement, which "
                    "only a state or local agency can: keep it state or local, or correct that "
                    "incident first."
                )
            )
        else:
            changed = update_agency(
                session=session, actor=current_user, agency=agency, details=form.details()
            )
            flash(
                gettext("Agency “%(name)s” saved.", name=agency.name)
                if changed
                else gettext("Nothing changed."),
                "success",
            )
            return redirect(url_for("cases.agencies"))
    return render_template(
        "cases/agency_edit.html",
        form=form,
        agency=agency,
        missing=detail_problems(details_of(agency)),
    ), 400 if form.errors else 200


def _name_is_free(session, form: AgencyForm, agency_id: int | None = None) -> bool:
    """No other agency the organization sees has the name (else the error is at the field)."""
    if name_taken(session, current_user.organization_id, form.name.data, agency_id):
        form.name.errors.append(
            gettext(
                "An agency of this name is already on the list: edit that one, or tell them apart "
                "in the name (“Detroit Police Department, 8th Precinct”)."
            )
        )
        return False
    return True
