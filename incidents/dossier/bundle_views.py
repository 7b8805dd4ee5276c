"""Asking for a bundle of dossiers from the incident list (thin: form → service → job page)."""

from __future__ import annotations

import re

from flask import current_app, flash, redirect, request, url_for
from flask_login import current_user
from sqlmodel import select

from incidents.cases import queries
from incidents.cases.list_forms import FilterForm
from incidents.cases.services import search_text
from incidents.db import get_session, is_sqlite
from incidents.dossier import bp
from incidents.dossier.bundle_forms import VERSIONS, BundleForm
from incidents.dossier.bundles import start_bundle
from incidents.forms_common import select_choices
from incidents.i18n import _l, gettext
from incidents.models import Incident
from incidents.problems import UserError
from incidents.records.access import agency_choices, case_staff

REFERENCE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,39}$")


@bp.route("/incidents/dossiers/bundle", methods=["POST"])
@case_staff
def start_bundle_job():
    """Start a bundle of the ticked incidents' dossiers, or of all that match the list's
    filters and search (up to JOB_BUNDLE_MAX), and show its job page."""
    form = BundleForm()
    back = {k: v for k, v in request.args.items() if k != "page"}
    if not form.validate_on_submit():
        flash(gettext("The bundle was not started: the form was not complete."), "error")
        return redirect(url_for("cases.list_incidents", **back))
    session = get_session()
    try:
        if form.scope.data == "matching":
            ids = _matching_ids(session)
        else:
            ids = _ticked_ids(session, request.form.getlist("reference"))
        profile, hide_agents = VERSIONS[form.version.data]
        job = start_bundle(
            session=session,
            actor=current_user,
            incident_ids=ids,
            profile=profile,
            hide_agents=hide_agents,
            language=form.language.data,
        )
    except UserError as error:
        flash(error.message, "error")
        return redirect(url_for("cases.list_incidents", **back))
    flash(gettext("The bundle is being made; this page follows it."), "success")
    return redirect(url_for("jobs.show", job_id=job.id))


def _ticked_ids(session, references: list[str]) -> list[int]:
    cap = current_app.config["JOB_BUNDLE_MAX"]
    cleaned = list(dict.fromkeys(r.strip().upper() for r in references if r.strip()))
    if len(cleaned) > cap:
        raise UserError(
            gettext(
                "A bundle holds at most %(cap)s dossiers; %(count)s were ticked.",
                cap=cap,
                count=len(cleaned),
            )
        )
    if any(not REFERENCE.match(r) for r in cleaned):
        raise UserError(gettext("The selection holds something that is not a case reference."))
    if not cleaned:
        raise UserError(gettext("Tick at least one incident, or choose all that match."))
    rows = session.exec(
        select(Incident.reference, Incident.id).where(
            Incident.organization_id == current_user.organization_id,
            Incident.reference.in_(cleaned),
        )
    ).all()
    by_reference = dict(rows)
    if len(by_reference) != len(set(cleaned)):
        raise UserError(
            gettext("Some of the ticked incidents could not be found; nothing was started.")
        )
    return [by_reference[r] for r in dict.fromkeys(cleaned)]


def _matching_ids(session) -> list[int]:
    cap = current_app.config["JOB_BUNDLE_MAX"]
    form = FilterForm(request.args)
    form.agency.choices = select_choices([("", _l("Any")), *agency_choices(session)])
    filters, dropped = form.valid_filters()
    if dropped:
        raise UserError(gettext("The list's filters were not understood; nothing was started."))
    text = search_text(session) if request.args.get("search") == "1" else ""
    statement = queries.filtered(
        current_user.organization_id,
        filters,
        text,
        "sqlite" if is_sqlite() else "postgresql",
        user_id=current_user.id,
    )
    statement = queries.ordered(statement, filters.get("sort"), filters.get("order"))
    found = [incident.id for incident in session.exec(statement.limit(cap + 1)).all()]
    if len(found) > cap:
        raise UserError(
            gettext(
                "More than %(cap)s incidents match: a bundle holds at most %(cap)s. Narrow the "
                "filters.",
                cap=cap,
            )
        )
    if not found:
        raise UserError(gettext("No incident matches the filters."))
    return found
