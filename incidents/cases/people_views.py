"""Person pages."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user
from sqlmodel import select

from incidents.authz import get_in_org_or_404
from incidents.cases import bp, services
from incidents.db import get_session
from incidents.models import Incident, IncidentPerson, Person
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
