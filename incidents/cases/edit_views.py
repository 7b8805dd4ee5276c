"""Creating and editing incidents (thin: form → service → response)."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from incidents.authz import access_of
from incidents.cases import bp, drafts, services
from incidents.cases.agency_forms import AgencyForm
from incidents.cases.form_flow import (
    apply_duplicate_decisions,
    apply_row_action,
    drop_blank_rows,
    undecided,
)
from incidents.cases.forms import IncidentForm
from incidents.cases.mapping import duplicate_choices, fill_form, form_to_value
from incidents.db import get_session
from incidents.i18n import gettext, translate_label
from incidents.records.access import agency_choices, case_staff, incident_or_404
from incidents.records.bundle import load_bundle
from incidents.records.spec import SECTIONS as SECTION_LABELS
from incidents.records.value import from_bundle


@bp.route("/incidents/new", methods=["GET", "POST"])
@case_staff
def new_incident():
    """Record a new incident (from the user's draft with ?draft=1)."""
    form = _from_draft(None)
    if form is None:
        form = IncidentForm()
        if request.method == "GET":
            form.people.append_entry()
            form.frt_uses.append_entry()
    return _form_flow(form, incident=None)


@bp.route("/incidents/<reference>/edit", methods=["GET", "POST"])
@case_staff
def edit_incident(reference: str):
    """Edit an incident; a save on top of someone else's newer save is refused."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = _from_draft(incident)
    if form is None:
        form = IncidentForm()
        if request.method == "GET":
            value = from_bundle(load_bundle(session, incident))
            fill_form(form, value, incident.version)
    return _form_flow(form, incident=incident)


def _from_draft(incident):
    """The form filled from the user's draft when asked (GET ?draft=1), else None."""
    if request.method != "GET" or request.args.get("draft") != "1":
        return None
    session = get_session()
    draft = drafts.find(session, current_user, drafts.key_for(incident))
    if draft is None:
        return None
    drafts.restored(session=session, actor=current_user, draft=draft)
    g.draft_restored = draft.saved_at
    return IncidentForm(formdata=MultiDict(drafts.fields_of(draft)))


def _form_flow(form: IncidentForm, *, incident):
    session = get_session()
    _choices(form)
    duplicates, status = {}, 200
    action = request.form.get("action", "save")
    if request.method == "POST" and apply_row_action(form, action, request.form):
        _choices(form)
    elif request.method == "POST" and _drop_blank(form) and form.validate_on_submit():
        value, choices = form_to_value(form), duplicate_choices(form)
        apply_duplicate_decisions(session, current_user.organization_id, value, choices)
        duplicates = services.find_duplicates(
            session=session,
            organization_id=current_user.organization_id,
            entries=undecided(value, choices),
        )
        if not duplicates:
            return _save(form, value, incident)
        status = 409
    elif request.method == "POST":
        status = 400
    key = drafts.key_for(incident)
    return render_template(
        "cases/form.html",
        form=form,
        incident=incident,
        duplicates=duplicates,
        sections=SECTION_LABELS,
        agency_form=_agency_form(),
        draft_key=key,
        draft=None if request.method == "POST" else drafts.find(session, current_user, key),
        draft_restored=g.get("draft_restored"),
        fresh=request.method == "GET",
    ), status


def _agency_form():
    """The "Add a missing agency" dialog's form, for those who may add agencies."""
    if current_user.role not in access_of("cases.agencies"):  # the agencies page's own roles
        return None
    return AgencyForm(formdata=None, prefix="new_agency")


def _drop_blank(form) -> bool:
    drop_blank_rows(form)
    _choices(form)
    return True


def _choices(form) -> None:
    """The agencies (state and local ones for 287(g)), people and agents to choose from."""
    session = get_session()
    form.set_dynamic_choices(
        agency_choices(session), agency_choices(session, levels=("state", "local"))
    )


def _save(form, value, incident):
    session = get_session()
    if incident is None:
        incident = services.create_incident(session=session, actor=current_user, value=value)
        drafts.discard(session=session, actor=current_user, key=drafts.key_for(None))
        flash(gettext("Incident %(reference)s recorded.", reference=incident.reference), "success")
        return redirect(url_for("cases.show_incident", reference=incident.reference))
    try:
        text = form.version.data or "0"  # hidden, but sent by the browser: any text may come
        version = int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else -1
        sections = services.update_incident(
            session=session,
            actor=current_user,
            incident=incident,
            value=value,
            expected_version=version,
        )
    except services.StaleEdit as error:
        flash(
            gettext(
                "%(problem)s Your entries are still in the form: open the incident in a new "
                "tab, compare, then edit again.",
                problem=error.message,
            ),
            "error",
        )
        return render_template(
            "cases/form.html",
            form=form,
            incident=incident,
            duplicates={},
            sections=SECTION_LABELS,
            stale=True,
            agency_form=_agency_form(),
        ), 409
    drafts.discard(session=session, actor=current_user, key=drafts.key_for(incident))
    labels = ", ".join(translate_label(SECTION_LABELS[s]) for s in sections)
    flash(
        gettext("Saved (%(sections)s).", sections=labels or gettext("nothing changed")), "success"
    )
    return redirect(url_for("cases.show_incident", reference=incident.reference))
