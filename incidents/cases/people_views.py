"""Person pages and the organization's own agencies."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlmodel import select

from incidents.authz import get_in_org_or_404, roles_required
from incidents.cases import bp, services
from incidents.cases.agency_forms import AgencyForm
from incidents.cases.agency_services import add_agency
from incidents.db import get_session
from incidents.models import Agency, Incident, IncidentPerson, Person
from incidents.records.access import case_staff


@bp.route("/people/<int:person_id>")
@case_staff
def show_person(person_id: int):
    """A person's details and every incident they appear in."""
    session = get_session()
    person = get_in_org_or_404(session, Person, person_id)
    incidents = session.exec(
        select(Incident, IncidentPerson.role)
        .join(IncidentPerson, IncidentPerson.incident_id == Incident.id)
        .where(IncidentPerson.person_id == person.id, Incident.archived_at.is_(None))
        .order_by(Incident.occurred_on.desc())
    ).all()
    services.record_person_view(session=session, actor=current_user, person=person)
    return render_template("cases/person.html", person=person, incidents=incidents)


@bp.route("/agencies", methods=["GET", "POST"])
@roles_required("admin", "caseworker")
def agencies():
    """The seeded agencies and the organization's own; add one."""
    session = get_session()
    form = AgencyForm()
    if form.validate_on_submit():
        agency = add_agency(
            session=session,
            actor=current_user,
            name=form.name.data,
            level=form.level.data,
            state=form.state.data or None,
        )
        flash(f"Agency “{agency.name}” added.", "success")
        return redirect(url_for("cases.agencies"))
    rows = session.exec(
        select(Agency)
        .where(
            Agency.organization_id.is_(None)
            | (Agency.organization_id == current_user.organization_id)
        )
        .order_by(Agency.level, Agency.name)
    ).all()
    return render_template(
        "cases/agencies.html", form=form, agencies=rows
    ), 400 if form.errors else 200
