"""Records request pages: the organization's list, a request's page, the new and edit forms,
archive and restore (thin: form → service → response)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from incidents import clock
from incidents.audit import audit_key
from incidents.db import get_session
from incidents.evidence.custody import ACTIONS as CUSTODY_ACTIONS
from incidents.forms_common import ConfirmForm, select_choices
from incidents.i18n import _l, gettext
from incidents.pagination import parse_page
from incidents.records.access import admin_only, agency_choices, case_staff
from incidents.records_requests import bp, due, queries, received, services
from incidents.records_requests.forms import (
    ChoiceForm,
    FilterForm,
    LinkIncidentForm,
    LinkRecordForm,
    RequestForm,
    UploadRecordsForm,
)


@bp.route("/records-requests")
@case_staff
def list_requests():
    """The organization's requests, earliest due first; filters by status, kind, overdue."""
    session = get_session()
    form = FilterForm(request.args)
    filters = form.valid_filters()
    if current_user.role != "admin":
        filters.pop("archived", None)
    today = clock.today()
    page = queries.requests_page(
        session,
        current_user.organization_id,
        filters=filters,
        page=parse_page(request.args.get("page")),
        today=today,
    )
    services.record_list_view(session=session, actor=current_user, filters=filters, page=page.page)
    return render_template(
        "records_requests/list.html",
        form=form,
        page=page,
        args={k: v for k, v in request.args.items() if k != "page"},
        references=queries.references_by_request(session, [r.id for r in page.items]),
        agencies=queries.agency_names(session, [r.agency_id for r in page.items]),
        overdue=lambda r: queries.is_overdue(r, today),
        archived=bool(filters.get("archived")),
        due=due,
    )


@bp.route("/records-requests/new", methods=["GET", "POST"])
@case_staff
def new_request():
    """A new request; `?incident_id=` pre-links one incident (the case page's button)."""
    session = get_session()
    form = _request_form(session, new=True)
    incident_id = request.args.get("incident_id", type=int)
    if request.method == "GET" and incident_id is not None:
        form.incidents.data = queries.incident_in_org_or_404(session, incident_id).reference
    if form.validate_on_submit():
        incidents, unknown = services.incidents_by_reference(
            session, current_user.organization_id, form.references
        )
        if unknown:
            form.incidents.errors.append(
                "No incident of your organization has the reference "
                + ", ".join(unknown)
                + " (archived incidents cannot be linked)."
            )
        else:
            made = services.create_request(
                session=session, actor=current_user, details=form.details(), incidents=incidents
            )
            flash(gettext("Records request recorded."), "success")
            return redirect(url_for("records_requests.show_request", request_id=made.id))
    return render_template(
        "records_requests/form.html", form=form, records_request=None
    ), 400 if form.errors else 200


@bp.route("/records-requests/<int:request_id>")
@case_staff
def show_request(request_id: int):
    """A request: every field, its incidents, the due date with its rule and source, and the
    records received with their custody entries."""
    session = get_session()
    return render_request_page(
        session, queries.request_or_404(session, request_id, archived_ok=True)
    )


@bp.route("/records-requests/<int:request_id>/edit", methods=["GET", "POST"])
@case_staff
def edit_request(request_id: int):
    """Edit a request's fields (its incidents are linked on its page)."""
    session = get_session()
    records_request = queries.request_or_404(session, request_id)
    form = _request_form(
        session, new=False, obj=records_request if request.method == "GET" else None
    )
    if request.method == "GET":  # the form shows the request: a read of case data
        services.record_view(session=session, actor=current_user, request=records_request)
        if services.due.is_foia(records_request.kind):
            form.due_on.data = form.due_rule.data = None  # computed: not entered
    if form.validate_on_submit():
        changed = services.update_request(
            session=session, actor=current_user, request=records_request, details=form.details()
        )
        flash(gettext("Saved.") if changed else gettext("Nothing changed."), "success")
        return redirect(url_for("records_requests.show_request", request_id=request_id))
    return render_template(
        "records_requests/form.html", form=form, records_request=records_request
    ), 400 if form.errors else 200


@bp.route("/records-requests/<int:request_id>/archive", methods=["POST"])
@admin_only
def archive_request(request_id: int):
    """Archive a request: it leaves the lists, the case pages and the calendar."""
    session = get_session()
    records_request = queries.request_or_404(session, request_id)
    if ConfirmForm().validate_on_submit():
        services.archive_request(session=session, actor=current_user, request=records_request)
        flash(gettext("Records request archived; an administrator can restore it."), "success")
    return redirect(url_for("records_requests.list_requests"))


@bp.route("/records-requests/<int:request_id>/restore", methods=["POST"])
@admin_only
def restore_request(request_id: int):
    """Bring an archived request back."""
    session = get_session()
    records_request = queries.request_or_404(session, request_id, archived_ok=True)
    if records_request.archived_at is not None and ConfirmForm().validate_on_submit():
        services.restore_request(session=session, actor=current_user, request=records_request)
        flash(gettext("Records request restored."), "success")
    return redirect(url_for("records_requests.show_request", request_id=request_id))


def _request_form(session, *, new: bool, obj=None) -> RequestForm:
    form = RequestForm(obj=obj, new=new)
    form.agency_id.choices = select_choices([("", _l("Choose")), *agency_choices(session)])
    form.agency_levels = queries.agency_levels(session, current_user.organization_id)
    if obj is not None:
        form.agency_id.data = str(obj.agency_id) if obj.agency_id else ""
    return form


def render_request_page(session, records_request, *, status: int = 200, **failed):
    """Render (and audit the view of) a request's page; a rejected form (`link_form`,
    `record_form`, `upload_form`) is shown with its messages."""
    incidents = queries.linked_incidents(session, records_request.id)
    open_incidents = [i for i in incidents if i.archived_at is None]
    record_form = failed.get("record_form") or LinkRecordForm(formdata=None)
    record_form.evidence_id.choices = select_choices(
        received.record_choices(session, records_request.id, open_incidents)
    )
    upload_form = failed.get("upload_form") or UploadRecordsForm(formdata=None)
    upload_form.incident_id.choices = select_choices(
        [(str(i.id), i.reference) for i in open_incidents]
    )
    items = received.received_items(session, records_request.id, audit_key())
    services.record_view(session=session, actor=current_user, request=records_request)
    return render_template(
        "records_requests/show.html",
        r=records_request,
        agency=queries.agency_names(session, [records_request.agency_id]),
        incidents=incidents,
        overdue=queries.is_overdue(records_request, clock.today()),
        due=due,
        items=items,
        people=_names(session, [e.actor_id for x in items for e in x.events]),
        actions=CUSTODY_ACTIONS,
        link_form=failed.get("link_form") or LinkIncidentForm(formdata=None),
        record_form=record_form,
        upload_form=upload_form,
        choice_form=ChoiceForm(formdata=None),
        confirm_form=ConfirmForm(),
        limit_mb=_limit() // 2**20,
    ), status


def _limit() -> int:
    from flask import current_app

    return current_app.config["EVIDENCE_MAX_BYTES"]


def _names(session, ids) -> dict[int, str]:
    from sqlmodel import select

    from incidents.models import User

    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(session.exec(select(User.id, User.display_name).where(User.id.in_(wanted))).all())
