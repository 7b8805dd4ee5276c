"""What hangs off a request's page: its incidents (link, unlink) and the records received
(upload, link an existing item, unlink) — thin views over the services."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_login import current_user

from incidents.db import get_session
from incidents.evidence import services as evidence
from incidents.evidence.storage import IncomingFile
from incidents.i18n import gettext, ngettext, number
from incidents.models import Evidence
from incidents.records.access import case_staff
from incidents.records_requests import bp, queries, received, services
from incidents.records_requests.forms import (
    ChoiceForm,
    LinkIncidentForm,
    LinkRecordForm,
    UploadRecordsForm,
)
from incidents.records_requests.views import render_request_page


def _back(request_id: int, anchor: str):
    return redirect(url_for("records_requests.show_request", request_id=request_id) + anchor)


@bp.route("/records-requests/<int:request_id>/incidents", methods=["POST"])
@case_staff
def link_incident(request_id: int):
    """Link one more incident of the organization, by reference."""
    session = get_session()
    records_request = queries.request_or_404(session, request_id)
    form = LinkIncidentForm()
    if form.validate_on_submit():
        found, _ = services.incidents_by_reference(
            session,
            current_user.organization_id,
            services.parse_references(form.reference.data)[:1],
        )
        if found:
            linked = services.link_incident(
                session=session, actor=current_user, request=records_request, incident=found[0]
            )
            flash(
                gettext("Incident linked.")
                if linked
                else gettext("That incident is already linked."),
                "success",
            )
            return _back(request_id, "#incidents")
        form.reference.errors.append(
            gettext(
                "No incident of your organization has this reference (archived incidents cannot "
                "be linked)."
            )
        )
    return render_request_page(session, records_request, status=400, link_form=form)


@bp.route("/records-requests/<int:request_id>/incidents/unlink", methods=["POST"])
@case_staff
def unlink_incident(request_id: int):
    """Unlink an incident (a request keeps at least one)."""
    session = get_session()
    records_request = queries.request_or_404(session, request_id)
    form = ChoiceForm()
    if not form.validate_on_submit():
        flash(gettext("Choose the incident to unlink."), "error")
        return _back(request_id, "#incidents")
    refusal = services.unlink_incident(
        session=session, actor=current_user, request=records_request, incident_id=form.choice.data
    )
    flash(refusal or gettext("Incident unlinked."), "error" if refusal else "success")
    return _back(request_id, "#incidents")


@bp.route("/records-requests/<int:request_id>/records/upload", methods=["POST"])
@case_staff
def upload_records(request_id: int):
    """Upload the records received: evidence of kind FOIA record of one of the request's
    incidents (stored byte-exact, hashed as received), filed with the request."""
    session = get_session()
    records_request = queries.request_or_404(session, request_id)
    form = UploadRecordsForm()
    incidents = [i for i in queries.linked_incidents(session, request_id) if i.archived_at is None]
    form.incident_id.choices = [(str(i.id), i.reference) for i in incidents]
    if form.validate_on_submit():
        uploads = [
            evidence.Upload(f.filename, f.stream)
            for f in request.files.getlist("files")
            if f.filename and isinstance(f.stream, IncomingFile)
        ]
        problems = evidence.check_uploads(uploads, current_app.config["EVIDENCE_MAX_BYTES"])
        if not problems:
            items, notices = received.receive_records(
                session=session,
                actor=current_user,
                request=records_request,
                incident=next(i for i in incidents if str(i.id) == form.incident_id.data),
                uploads=uploads,
                meta=_meta(form),
            )
            for notice in notices:
                flash(notice, "info")
            if items:
                flash(
                    ngettext(
                        "%(count)s file received, hashed and filed with this request.",
                        "%(count)s files received, hashed and filed with this request.",
                        len(items),
                        count=number(len(items)),
                    ),
                    "success",
                )
            return _back(request_id, "#records")
        form.files.errors = [*form.files.errors, *problems]
    return render_request_page(session, records_request, status=400, upload_form=form)


@bp.route("/records-requests/<int:request_id>/records/link", methods=["POST"])
@case_staff
def link_record(request_id: int):
    """File an existing evidence item (kind FOIA record, of one of the request's incidents)
    with the request."""
    session = get_session()
    records_request = queries.request_or_404(session, request_id)
    incidents = [i for i in queries.linked_incidents(session, request_id) if i.archived_at is None]
    form = LinkRecordForm()
    form.evidence_id.choices = received.record_choices(session, request_id, incidents)
    if form.validate_on_submit():
        item = session.get(Evidence, int(form.evidence_id.data))
        received.link_record(
            session=session, actor=current_user, request=records_request, item=item
        )
        flash(gettext("Evidence item filed with this request."), "success")
        return _back(request_id, "#records")
    return render_request_page(session, records_request, status=400, record_form=form)


@bp.route("/records-requests/<int:request_id>/records/unlink", methods=["POST"])
@case_staff
def unlink_record(request_id: int):
    """Take an item off the records received (it stays in the evidence locker)."""
    session = get_session()
    records_request = queries.request_or_404(session, request_id)
    form = ChoiceForm()
    done = form.validate_on_submit() and received.unlink_record(
        session=session, actor=current_user, request=records_request, pin_id=form.choice.data
    )
    if done:
        flash(gettext("Unlinked; the item stays in the evidence locker."), "success")
    else:
        flash(gettext("Choose an item of this request's records received."), "error")
    return _back(request_id, "#records")


def _meta(form: UploadRecordsForm) -> evidence.EvidenceMeta:
    return evidence.EvidenceMeta(
        kind=received.RECORD_KIND,
        title=form.title.data or None,
        description=None,
        provenance=form.provenance.data or None,
        captured_on=form.captured_on.data,
    )
