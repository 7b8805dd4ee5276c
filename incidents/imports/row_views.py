"""Adding rows to recorded incidents from a file keyed by reference (thin: upload → check →
confirm → service), and each kind's template. The checked file waits under IMPORT_DIR as the
incident file does; its token is kept in the signed session and the confirmation form."""

from __future__ import annotations

import secrets
from pathlib import Path

import flask
from flask import Response, current_app, flash
from flask_login import current_user

from incidents import audit
from incidents.db import get_session
from incidents.i18n import gettext
from incidents.imports import bp, guide
from incidents.imports.columns import ROW_FILES
from incidents.imports.row_files import run_rows_import
from incidents.imports.row_forms import RowsConfirmForm, RowsUploadForm
from incidents.imports.views import importers, pending_dir, render_page
from incidents.models import Organization


def _run(path: Path, kind: str, dry_run: bool):
    session = get_session()
    return run_rows_import(
        session=session,
        organization=session.get(Organization, current_user.organization_id),
        actor=current_user,
        path=path,
        list_name=kind,
        dry_run=dry_run,
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
    )


@bp.route("/import/rows", methods=["POST"])
@importers
def upload_rows():
    """Check a file of rows (nothing is written) and show the report."""
    form = RowsUploadForm()
    if not form.validate_on_submit():
        return render_page(rows_form=form), 400
    token = secrets.token_urlsafe(24)
    path = pending_dir() / f"{token}.csv"
    form.rows_file.data.save(path)
    path.chmod(0o600)
    report = _run(path, form.kind.data, dry_run=True)
    confirm = None
    if report.added and not report.problem_count and not report.file_problem:
        flask.session["rows_token"], flask.session["rows_kind"] = token, form.kind.data
        confirm = RowsConfirmForm(rows_token=token, formdata=None)
    else:
        path.unlink(missing_ok=True)
    page = render_page(rows_report=report, rows_confirm=confirm)
    failed = report.problem_count or report.file_problem
    return page, 422 if failed else 200


@bp.route("/import/rows/confirm", methods=["POST"])
@importers
def confirm_rows():
    """Add the rows of the file checked a moment ago."""
    form = RowsConfirmForm()
    token, kind = flask.session.get("rows_token"), flask.session.get("rows_kind")
    path = Path(current_app.config["IMPORT_DIR"]) / f"{token}.csv"
    valid = form.validate_on_submit() and token and form.rows_token.data == token
    if not valid or kind not in ROW_FILES or not path.is_file():
        flask.session.pop("rows_token", None)
        flash(gettext("This check has expired. Upload the file again."), "error")
        return render_page(), 409
    report = _run(path, kind, dry_run=False)
    flask.session.pop("rows_token", None)
    path.unlink(missing_ok=True)
    if report.committed:
        flash(report.verdict(), "success")
    return render_page(rows_report=report), 200 if report.committed else 422


@bp.route("/import/rows/<kind>/template.csv")
@importers
def rows_template(kind: str):
    """The template of a file of rows: header and one example row."""
    if kind not in ROW_FILES:
        flask.abort(404)
    audit.record_read(
        session=get_session(),
        action="import_template_downloaded",
        actor=current_user,
        details={"rows_of": kind},
    )
    response = Response(guide.template_csv(kind), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{kind}-import-template.csv"'
    return response
