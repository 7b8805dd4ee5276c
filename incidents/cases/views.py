"""Incident list, search, case page and archive (thin: form → service → response)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from incidents.cases import bp, paging, queries, services
from incidents.cases.filter_cache import filters_html
from incidents.cases.history import edit_history
from incidents.cases.list_forms import ArchiveForm, ConfirmForm, FilterForm, SearchForm
from incidents.claims.services import section as claims_section
from incidents.db import get_session
from incidents.evidence import queries as evidence_queries
from incidents.forms_common import select_choices
from incidents.i18n import _l, gettext, number, shown_date, shown_moment, translate_label
from incidents.records.access import admin_only, agency_choices, case_staff, incident_or_404
from incidents.records.bundle import load_bundle
from incidents.records.custody_chain import custody_chain, hours_by_place
from incidents.records.display import detail_sections
from incidents.records.keyfacts import key_facts
from incidents.review.services import panel as review_panel


def _list(archived: bool):
    session = get_session()
    form = FilterForm(request.args)
    agencies = agency_choices(session)
    form.agency.choices = select_choices([("", _l("Any")), *agencies])
    filters, dropped = form.valid_filters()
    if dropped:  # a filter that does not make sense filters nothing: the whole list, said so
        filters = {k: v for k, v in filters.items() if k in ("sort", "order")}
    # the search applies to the list it was made in: the address says so (search=1), so that
    # coming back to "Incidents" shows every incident again
    searching = request.args.get("search") == "1" and not archived
    text = services.search_text(session) if searching else ""
    page, extras = queries.incident_page(
        session,
        organization_id=current_user.organization_id,
        filters=filters,
        text=text,
        place=paging.Place.from_args(request.args),
        archived=archived,
        user_id=current_user.id,
    )
    services.record_list_view(
        session=session,
        actor=current_user,
        details={
            "filters": sorted(filters),
            "search": bool(text),
            "page": page.page,
            "archived": archived,
        },
    )
    args = {k: v for k, v in request.args.items() if k not in paging.PLACE_ARGS}
    return render_template(
        "cases/list.html",
        filters_html=filters_html(form, agencies, args),
        page=page,
        extras=extras,
        args=args,
        search_form=SearchForm(q=text),
        searching=bool(text),
        dropped=dropped,
        problems=[f"{f.label.text}: {e}" for f in form if f.errors for e in f.errors],
        sort=filters.get("sort") or "occurred",
        descending=queries.is_descending(filters.get("sort"), filters.get("order")),
        archived=archived,
    )


@bp.route("/incidents")
@case_staff
def list_incidents():
    """The organization's incidents: filters, search, sorting, pages."""
    return _list(archived=False)


@bp.route("/incidents/archived")
@admin_only
def archived_incidents():
    """Archived incidents, to restore them."""
    return _list(archived=True)


@bp.route("/incidents/search", methods=["POST"])
@case_staff
def search_incidents():
    """Keep the search text with the server-side session (not the URL, not the cookie) and go
    back to the list."""
    form = SearchForm()
    args = {k: v for k, v in request.args.items() if k not in ("search", "page")}
    if form.validate_on_submit():
        text = (form.q.data or "").strip()
        services.remember_search(session=get_session(), text=text)
        if text:
            args["search"] = "1"
    else:
        flash(form.q.errors[0] if form.q.errors else gettext("The search was not sent."), "error")
    return redirect(url_for("cases.list_incidents", **args))


@bp.route("/incidents/search/clear", methods=["POST"])
@case_staff
def clear_search():
    """Forget the search text."""
    if ConfirmForm().validate_on_submit():
        services.remember_search(session=get_session(), text="")
    args = {k: v for k, v in request.args.items() if k not in ("search", "page")}
    return redirect(url_for("cases.list_incidents", **args))


@bp.route("/incidents/<reference>")
@case_staff
def show_incident(reference: str):
    """The case page: key facts first, then everything recorded, then the edit history."""
    session = get_session()
    return render_case_page(session, incident_or_404(session, reference))


def render_case_page(
    session, incident, *, failed_form=None, failed_provision=None, failed=None, status=200
):
    """Render (and audit the view of) a case page; a rejected assessment form is shown at its
    provision with its messages, and a rejected review, assignment or archive form (`failed`,
    by name: "review", "assign", "archive", "dossier") in its place with what was typed and
    why."""
    from incidents.policies.analysis import case_analysis
    from incidents.policies.applicability import enforcement_context
    from incidents.policies.forms import AssessmentForm
    from incidents.policies.left_out import left_out

    bundle = load_bundle(session, incident)
    items = evidence_queries.incident_items(session, incident.id)
    analysis = case_analysis(session, bundle)
    evidence_choices = select_choices([(item.id, item.title) for item, _ in items])
    forms = {}
    for row in analysis:
        if failed_form is not None and row.provision.id == failed_provision:
            forms[row.provision.id] = failed_form
            continue
        form = AssessmentForm(
            formdata=None,
            prefix=f"a{row.provision.id}",
            decision=row.assessment.decision if row.assessment else row.suggestion.value,
            reasoning=row.assessment.reasoning if row.assessment else "",
            evidence=[int(i) for i in (row.assessment.evidence_ids or "").split(",") if i]
            if row.assessment
            else [],
        )
        forms[row.provision.id] = form
    for form in forms.values():
        form.evidence.choices = evidence_choices
    failed = failed or {}
    archived = current_user.role == "admin"
    custody = custody_chain(bundle.timeline)
    pins = evidence_queries.pins_by_item(session, [item.id for item, _ in items])
    claims = claims_section(session, incident)
    services.record_view(session=session, actor=current_user, incident=incident)
    return render_template(
        "cases/show.html",
        bundle=bundle,
        incident=incident,
        facts=key_facts(bundle, translate_label),
        details=detail_sections(incident, translate_label, number, shown_date, shown_moment),
        custody=custody,
        context=enforcement_context(bundle),
        left_out=left_out(session, bundle),
        custody_totals=hours_by_place(custody),
        history=edit_history(session, incident),
        review=review_panel(
            session, incident, current_user, form=failed.get("review"), assign=failed.get("assign")
        ),
        claims=claims,
        archive_form=failed.get("archive") or ArchiveForm(formdata=None),
        dossier_form=failed.get("dossier"),  # else the dossier blueprint's blank form
        evidence=items,
        archived_evidence=evidence_queries.incident_items(session, incident.id, archived=True)
        if archived
        else [],
        pins=pins,
        copies=evidence_queries.paperwork_copies(items, pins),
        pin_labels=dict(evidence_queries.pin_targets(bundle))
        | claims.pin_labels()
        | evidence_queries.filing_labels(pins),
        pin_key=evidence_queries.pin_key,
        analysis=analysis,
        assessment_forms=forms,
        evidence_titles={item.id: item.title for item, _ in items},
    ), status


@bp.route("/incidents/<reference>/archive", methods=["POST"])
@admin_only
def archive_incident(reference: str):
    """Archive an incident (admin only, with a reason)."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form = ArchiveForm()
    if not form.validate_on_submit():
        return render_case_page(session, incident, failed={"archive": form}, status=400)
    services.archive_incident(
        session=session, actor=current_user, incident=incident, reason=form.reason.data.strip()
    )
    flash(
        gettext(
            "%(reference)s archived. Undo it from the archive list.",
            reference=incident.reference,
        ),
        "success",
    )
    return redirect(url_for("cases.list_incidents"))


@bp.route("/incidents/<reference>/restore", methods=["POST"])
@admin_only
def restore_incident(reference: str):
    """Bring an archived incident back."""
    session = get_session()
    incident = incident_or_404(session, reference, archived=True)
    if ConfirmForm().validate_on_submit():
        services.restore_incident(session=session, actor=current_user, incident=incident)
        flash(gettext("%(reference)s restored.", reference=incident.reference), "success")
    return redirect(url_for("cases.archived_incidents"))
