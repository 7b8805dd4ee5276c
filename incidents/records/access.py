"""Loading case records for the signed-in user: their organization only, else 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlmodel import Session, select

from incidents.authz import roles_required
from incidents.models import Agency, Incident
from incidents.vocab.agencies import shown_agency_name

case_staff = roles_required("admin", "caseworker", "lawyer")
admin_only = roles_required("admin")


def incident_or_404(session: Session, reference: str, *, archived: bool = False) -> Incident:
    """An incident of the user's organization by reference; archived ones only if asked."""
    incident = session.exec(
        select(Incident).where(
            Incident.organization_id == current_user.organization_id,
            Incident.reference == reference.upper(),
        )
    ).first()
    if incident is None or (incident.archived_at is not None) != archived:
        abort(404)
    return incident


def agency_choices(session: Session, *, levels: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Seeded agencies and the organization's own (of these `levels` if given), as (id, name)
    choices. Read as plain rows: every list page asks (its agency filter)."""
    agencies = session.connection().execute(
        select(Agency.id, Agency.name, Agency.level, Agency.organization_id)
        .where(
            (Agency.organization_id.is_(None))
            | (Agency.organization_id == current_user.organization_id)
        )
        .order_by(Agency.organization_id.is_(None).desc(), Agency.name)
    )
    return [
        (str(a.id), shown_agency_name(a.name, a.organization_id))
        for a in agencies
        if not levels or a.level in levels
    ]
