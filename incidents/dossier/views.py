"""Dossier download (thin: service → response): a link for the English dossier (GET, the
default), and the case page's form for a version in a chosen language (POST, with CSRF)."""

from __future__ import annotations

from flask import Response, abort, request
from flask_login import current_user

from incidents.db import get_session
from incidents.dossier import bp, services
from incidents.dossier.bundle_forms import VERSIONS, DossierForm
from incidents.dossier.content import PROFILES
from incidents.dossier.words import DEFAULT
from incidents.records.access import case_staff, incident_or_404


@bp.app_context_processor
def _blank_dossier_form() -> dict:
    """The case page's dossier form, blank (the cases package does not import this one)."""
    return {"blank_dossier_form": lambda: DossierForm(formdata=None)}


@bp.route("/incidents/<reference>/dossier.pdf")
@case_staff
def download(reference: str):
    """The case dossier in English as a PDF attachment (?profile=full or redacted;
    &agents=hidden names the agents of a redacted dossier by number only)."""
    profile = request.args.get("profile", "full")
    agents = request.args.get("agents", "named")
    if profile not in PROFILES or agents not in ("named", "hidden"):
        abort(400)
    return _pdf(reference, profile, agents == "hidden", DEFAULT)


@bp.route("/incidents/<reference>/dossier", methods=["POST"])
@case_staff
def generate_dossier(reference: str):
    """The case page's dossier form: a version in the language chosen (English or Spanish);
    a value not offered shows the case page again with the form's message."""
    form = DossierForm()
    if not form.validate_on_submit():
        from incidents.cases.views import render_case_page

        session = get_session()
        incident = incident_or_404(session, reference)
        return render_case_page(session, incident, failed={"dossier": form}, status=400)
    profile, hide_agents = VERSIONS[form.version.data]
    return _pdf(reference, profile, hide_agents, form.language.data)


def _pdf(reference: str, profile: str, hide_agents: bool, language: str) -> Response:
    session = get_session()
    incident = incident_or_404(session, reference)
    pdf = services.generate(
        session=session,
        actor=current_user,
        incident=incident,
        profile=profile,
        hide_agents=hide_agents,
        language=language,
    )
    response = Response(pdf, mimetype="application/pdf")
    suffix = "" if language == DEFAULT else f"-{language}"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{incident.reference}-dossier-{profile}{suffix}.pdf"'
    )
    return response
