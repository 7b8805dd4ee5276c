"""Evidence views (thin: form → service → response)."""

from __future__ import annotations

import json

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from incidents.db import get_session
from incidents.evidence import bp, copies, custody, queries, services
from incidents.evidence.forms import (
    ConfirmForm,
    EditLinkForm,
    EvidenceFields,
    LinkForm,
    PinForm,
    ReasonForm,
    UploadForm,
)
from incidents.evidence.images import OTHER_MAX_PIXELS, PREVIEW_MAX_PIXELS
from incidents.evidence.storage import IncomingFile
from incidents.forms_common import select_choices
from incidents.i18n import gettext, ngettext, number
from incidents.models import Evidence, EvidencePin
from incidents.records.access import admin_only, case_staff, incident_or_404
from incidents.records.bundle import load_bundle


def _meta(form) -> services.EvidenceMeta:
    return services.EvidenceMeta(
        kind=form.kind.data,
        title=form.title.data or None,
        description=form.description.data or None,
        provenance=form.provenance.data or None,
        captured_on=form.captured_on.data,
    )


@bp.route("/incidents/<reference>/evidence/new", methods=["GET", "POST"])
@case_staff
def upload(reference: str):
    """Upload files to an incident (streamed, hashed as received)."""
    session = get_session()
    incident = incident_or_404(session, reference)
    form, link_form = UploadForm(), LinkForm(formdata=None, prefix="link")
    if form.validate_on_submit():
        uploads = [
            services.Upload(f.filename, f.stream)
            for f in request.files.getlist("files")
            if f.filename and isinstance(f.stream, IncomingFile)
        ]
        problems = services.check_uploads(uploads, _limit())
        if not problems:
            items, notices = services.store_uploads(
                session=session,
                actor=current_user,
                incident=incident,
                uploads=uploads,
                meta=_meta(form),
            )
            for notice in notices:
                flash(notice, "info")
            if items:
                flash(
                    ngettext(
                        "%(count)s file received and hashed.",
                        "%(count)s files received and hashed.",
                        len(items),
                        count=number(len(items)),
                    ),
                    "success",
                )
            return redirect(url_for("cases.show_incident", reference=reference) + "#evidence")
        form.files.errors = [*form.files.errors, *problems]
    status = 400 if form.errors else 200
    return render_template(
        "evidence/new.html",
        incident=incident,
        form=form,
        link_form=link_form,
        limit_mb=_limit() // 2**20,
    ), status


@bp.route("/incidents/<reference>/evidence/link", methods=["POST"])
@case_staff
def add_link(reference: str):
    """Add a link (web page or public record) as evidence."""
    session = get_session()
    incident = incident_or_404(session, reference)
    link_form = LinkForm(prefix="link")
    if link_form.validate_on_submit():
        services.add_link(
            session=session,
            actor=current_user,
            incident=incident,
            url=link_form.url.data,
            retrieved_on=link_form.retrieved_on.data,
            meta=_meta(link_form),
        )
        flash(gettext("Link added as evidence."), "success")
        return redirect(url_for("cases.show_incident", reference=reference) + "#evidence")
    return render_template(
        "evidence/new.html",
        incident=incident,
        form=UploadForm(formdata=None),
        link_form=link_form,
        limit_mb=_limit() // 2**20,
    ), 400


@bp.route("/evidence/<int:evidence_id>")
@case_staff
def show(evidence_id: int):
    """An item: description, hash, capture metadata, preview, pins and custody log."""
    session = get_session()
    item, stored = queries.evidence_or_404(session, evidence_id, archived_ok=True)
    return _item_page(session, item, stored)


def _item_page(session, item, stored, *, pin_form=None, archive_form=None, status=200):
    """Render (and audit the view of) an item's page; a refused pin or archive form is shown in
    its place with what was typed and why."""
    incident = _incident_of(session, item)
    bundle = load_bundle(session, incident)
    if pin_form is None:
        pin_form = PinForm(formdata=None)
        pin_form.target.choices = select_choices(queries.pin_targets(bundle))
    services.record_view(session=session, actor=current_user, item=item, stored=stored)
    events = custody.log(session, item.id)
    pins = queries.pins_by_item(session, [item.id])
    labels = {**dict(queries.pin_targets(bundle)), **queries.filing_labels(pins)}
    return render_template(
        "evidence/show.html",
        item=item,
        stored=stored,
        incident=incident,
        events=events,
        chain_ok=custody.intact(item, events, _key()),
        pins=pins,
        preview_max_megapixels=PREVIEW_MAX_PIXELS // 1_000_000,
        other_max_megapixels=OTHER_MAX_PIXELS // 1_000_000,
        pin_labels=labels,
        pin_key=queries.pin_key,
        pin_form=pin_form,
        archive_form=archive_form or ReasonForm(formdata=None),
        confirm_form=ConfirmForm(),
        actions=custody.ACTIONS,
        capture=json.loads(stored.capture_meta) if stored else {},
        people=_names(session, [e.actor_id for e in events]),
        redacted_copies=copies.copies_of(session, item.id),
        areas=copies.area_count,
        original=session.get(Evidence, item.redacted_from_id) if item.redacted_from_id else None,
        can_redact=copies.redactable(stored) and current_user.role in copies.REDACTORS,
    ), status


@bp.route("/evidence/<int:evidence_id>/edit", methods=["GET", "POST"])
@case_staff
def edit(evidence_id: int):
    """Change an item's description (never its bytes)."""
    session = get_session()
    item, stored = queries.evidence_or_404(session, evidence_id)
    form = (EvidenceFields if stored else EditLinkForm)(obj=item)
    if form.validate_on_submit():
        services.update_metadata(
            session=session,
            actor=current_user,
            item=item,
            meta=_meta(form),
            url=getattr(form, "url", None) and form.url.data,
            retrieved_on=getattr(form, "retrieved_on", None) and form.retrieved_on.data,
        )
        flash(gettext("Saved."), "success")
        return redirect(url_for("evidence.show", evidence_id=item.id))
    return render_template("evidence/edit.html", item=item, form=form), 400 if form.errors else 200


@bp.route("/evidence/<int:evidence_id>/pins", methods=["POST"])
@case_staff
def add_pin(evidence_id: int):
    """Pin the item to a timeline event, FRT use or document of its incident."""
    session = get_session()
    item, stored = queries.evidence_or_404(session, evidence_id)
    form = PinForm()
    form.target.choices = select_choices(
        queries.pin_targets(load_bundle(session, _incident_of(session, item)))
    )
    if form.validate_on_submit():
        kind, _, target_id = form.target.data.partition(":")
        pinned = services.pin(
            session=session,
            actor=current_user,
            item=item,
            target=(kind, int(target_id)),
            locator=form.locator.data or None,
        )
        if pinned is not None:
            flash(gettext("Pinned."), "success")
            return redirect(url_for("evidence.show", evidence_id=item.id) + "#pins")
        form.target.errors.append(gettext("The evidence is already pinned there."))
    elif not form.errors:
        form.form_errors.append(gettext("The form expired; please try again."))
    return _item_page(session, item, stored, pin_form=form, status=400)


@bp.route("/evidence/<int:evidence_id>/pins/<int:pin_id>/delete", methods=["POST"])
@case_staff
def remove_pin(evidence_id: int, pin_id: int):
    """Remove a pin."""
    session = get_session()
    item, _ = queries.evidence_or_404(session, evidence_id)
    pin_row = session.get(EvidencePin, pin_id)
    if pin_row is None or pin_row.evidence_id != item.id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        services.unpin(session=session, actor=current_user, item=item, pin_row=pin_row)
    return redirect(url_for("evidence.show", evidence_id=item.id) + "#pins")


@bp.route("/evidence/<int:evidence_id>/archive", methods=["POST"])
@admin_only
def archive(evidence_id: int):
    """Hide an item (the file is kept)."""
    session = get_session()
    item, stored = queries.evidence_or_404(session, evidence_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        if not form.errors:
            form.form_errors.append(gettext("The form expired; please try again."))
        return _item_page(session, item, stored, archive_form=form, status=400)
    services.archive(
        session=session, actor=current_user, item=item, reason=form.reason.data.strip()
    )
    flash(gettext("Evidence archived; the file is kept and can be restored."), "success")
    return redirect(url_for("cases.show_incident", reference=_incident_of(session, item).reference))


@bp.route("/evidence/<int:evidence_id>/restore", methods=["POST"])
@admin_only
def restore(evidence_id: int):
    """Bring an archived item back."""
    session = get_session()
    item, _ = queries.evidence_or_404(session, evidence_id, archived_ok=True)
    if item.archived_at is not None and ConfirmForm().validate_on_submit():
        services.restore(session=session, actor=current_user, item=item)
        flash(gettext("Evidence restored."), "success")
    return redirect(url_for("evidence.show", evidence_id=item.id))


def _incident_of(session, item):
    from incidents.models import Incident

    return session.get(Incident, item.incident_id)


def _limit() -> int:
    from flask import current_app

    return current_app.config["EVIDENCE_MAX_BYTES"]


def _key() -> bytes:
    from incidents.audit import audit_key

    return audit_key()


def _names(session, ids) -> dict[int, str]:
    from sqlmodel import select

    from incidents.models import User

    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(session.exec(select(User.id, User.display_name).where(User.id.in_(wanted))).all())
