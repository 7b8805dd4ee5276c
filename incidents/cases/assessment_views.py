"""A lawyer's decision on a provision that applies to a case, posted from the case page (a
refused form is shown again there, at its provision)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user

from incidents.authz import roles_required
from incidents.cases import bp
from incidents.cases.views import render_case_page
from incidents.db import get_session
from incidents.evidence import queries as evidence_queries
from incidents.forms_common import select_choices
from incidents.i18n import gettext
from incidents.policies import services as policy_services
from incidents.policies.analysis import suggestion_for
from incidents.policies.applicability import applicable
from incidents.policies.forms import AssessmentForm
from incidents.records.access import incident_or_404
from incidents.records.bundle import load_bundle


@bp.route("/incidents/<reference>/assessments/<int:provision_id>", methods=["POST"])
@roles_required("lawyer", "admin")
def assess(reference: str, provision_id: int):
    """Confirm or override the suggestion for one applicable provision."""
    session = get_session()
    incident = incident_or_404(session, reference)
    bundle = load_bundle(session, incident)
    policy, provision = next(
        ((po, p) for po, p in applicable(session, bundle) if p.id == provision_id), (None, None)
    )
    if provision is None:
        abort(404)
    form = AssessmentForm(prefix=f"a{provision.id}")
    items = evidence_queries.incident_items(session, incident.id)
    form.evidence.choices = select_choices([(item.id, item.title) for item, _ in items])
    if not form.validate_on_submit():
        return render_case_page(
            session, incident, failed_form=form, failed_provision=provision.id, status=400
        )
    policy_services.decide(
        session=session,
        actor=current_user,
        incident=incident,
        provision=provision,
        suggestion=suggestion_for(policy, provision, bundle),
        decision=form.decision.data,
        reasoning=form.reasoning.data.strip(),
        evidence_ids=form.evidence.data,
    )
    flash(gettext("Assessment saved."), "success")
    return redirect(
        url_for("cases.show_incident", reference=incident.reference) + f"#provision-{provision.id}"
    )
