"""Evidence file views: the original (re-hashed while it streams) and image previews."""

from __future__ import annotations

from flask import Response, abort, send_file, stream_with_context
from flask_login import current_user

from incidents import audit
from incidents.db import get_session
from incidents.errors import render_error
from incidents.evidence import bp, integrity, queries, storage
from incidents.i18n import N_
from incidents.records.access import case_staff

INTEGRITY_MESSAGES = {
    "missing": N_(
        "The stored file is missing from the evidence store. The item is flagged; tell "
        "your administrator."
    ),
    "altered": N_(
        "The stored file no longer matches the SHA-256 recorded when it was received. "
        "It was not delivered; the item is flagged as altered and the event is recorded."
    ),
}


@bp.route("/evidence/<int:evidence_id>/download")
@case_staff
def download(evidence_id: int):
    """The original bytes as an attachment, re-hashed while streaming."""
    session = get_session()
    item, stored = queries.evidence_or_404(session, evidence_id)
    if stored is None:
        abort(404)
    try:
        reader = integrity.open_checked(session=session, stored=stored, actor=current_user)
    except integrity.IntegrityProblem as problem:
        return render_error(
            409 if problem.kind == "altered" else 410, INTEGRITY_MESSAGES[problem.kind]
        )
    try:
        integrity.record_download_start(session=session, item=item, actor=current_user)
    except BaseException:
        reader.close()
        raise
    body = stream_with_context(
        integrity.stream_verified(
            reader=reader, stored=stored, item=item, session=session, actor=current_user
        )
    )
    response = Response(body, mimetype=stored.media_type, direct_passthrough=True)
    response.headers["Content-Length"] = str(stored.size_bytes)
    response.headers["Content-Disposition"] = _attachment(item.original_filename or "evidence")
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/evidence/<int:evidence_id>/preview")
@case_staff
def preview(evidence_id: int):
    """The EXIF-free preview of an image."""
    return _derived(evidence_id, 0)


@bp.route("/evidence/<int:evidence_id>/thumbnail")
@case_staff
def thumbnail(evidence_id: int):
    """The EXIF-free thumbnail of an image."""
    return _derived(evidence_id, 1)


def _derived(evidence_id: int, which: int):
    """A preview (0) or thumbnail (1), each fetch recorded in the audit trail."""
    session = get_session()
    item, stored = queries.evidence_or_404(session, evidence_id)
    if stored is None or not stored.has_preview:
        abort(404)
    handle = storage.store().open_derived(
        storage.derived_names(stored.organization_id, stored.sha256)[which]
    )
    if handle is None:
        abort(404)
    audit.record_read(
        session=session,
        action="evidence_preview_viewed",
        actor=current_user,
        object_type="evidence",
        object_id=item.id,
        details={"size": ("preview", "thumbnail")[which]},
    )
    response = send_file(
        handle, mimetype="image/jpeg", max_age=0, etag=f"{stored.sha256[:32]}-{which}"
    )
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response


def _attachment(name: str) -> str:
    from urllib.parse import quote

    from werkzeug.utils import secure_filename

    ascii_name = secure_filename(name) or "evidence"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
