"""Redacted copies of photos (lawyers and administrators): mark areas, get face suggestions,
make the copy. Views stay thin: form → service → response."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from incidents.authz import roles_required
from incidents.db import get_session
from incidents.errors import render_error
from incidents.evidence import bp, copies, integrity, queries
from incidents.evidence.file_views import INTEGRITY_MESSAGES
from incidents.evidence.forms import RedactForm
from incidents.i18n import N_

redactors = roles_required(*copies.REDACTORS)
MADE = "Redacted copy made: a new file with its own SHA-256; the original is unchanged."
SAME = "The same areas were blacked out before: this is that copy."


@bp.route("/evidence/<int:evidence_id>/redact", methods=["GET", "POST"])
@redactors
def redact(evidence_id: int):
    """The image with a drawing layer: boxes drawn or typed, faces suggested and ticked; the
    submit makes the copy and leads to its page."""
    session = get_session()
    item, stored = queries.evidence_or_404(session, evidence_id)
    if not copies.redactable(stored):
        abort(404)
    try:
        size = copies.image_size(session=session, stored=stored, actor=current_user)
        form = RedactForm()
        form.prepare(size)
        found = None
        if form.validate_on_submit():
            if form.suggest.data:
                found = copies.suggest_faces(
                    session=session, actor=current_user, item=item, stored=stored
                )
                form.offer(found)
            else:
                copy, made = copies.make_redacted_copy(
                    session=session, actor=current_user, item=item, stored=stored, boxes=form.boxes
                )
                flash(MADE if made else SAME, "success" if made else "info")
                return redirect(url_for("evidence.show", evidence_id=copy.id))
    except integrity.IntegrityProblem as problem:
        return render_error(409 if problem.kind == "altered" else 410, _problem(problem))
    return render_template(
        "evidence/redact.html", item=item, form=form, size=size, found=found
    ), 400 if form.errors else 200


def _problem(problem: integrity.IntegrityProblem) -> str:
    """The integrity message, said of redaction rather than download."""
    if problem.kind == "altered":
        return N_(
            "The stored file no longer matches the SHA-256 recorded when it was received. "
            "Nothing was made; the item is flagged as altered and the event is recorded."
        )
    return INTEGRITY_MESSAGES[problem.kind]
