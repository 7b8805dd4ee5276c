"""Dossier download (thin: service → response)."""

from __future__ import annotations

from flask import Response, abort, request
from flask_login import current_user

from incidents.db import get_session
from incidents.dossier import bp, services
from incidents.dossier.content import PROFILES
from incidents.records.access import case_staff, incident_or_404


@bp.route("/incidents/<reference>/dossier.pdf")
@case_staff
def download(reference: str):
    """The case dossier as a PDF attachment (?profile=full or redacted; &agents=hidden names the
    agents of a redacted dossier by number only)."""
    profile = request.args.get("profile", "full")
    agents = request.args.get("agents", "named")
    if profile not in PROFILES or agents not in ("named", "hidden"):
        abort(400)
    session = get_session()
    incident = incident_or_404(session, reference)
    pdf = services.generate(
        session=session,
        actor=current_user,
        incident=incident,
        profile=profile,
        hide_agents=agents == "hidden",
    )
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{incident.reference}-dossier-{profile}.pdf"'
    )
    return response
