"""Import page (thin: upload → check → confirm → service), template and column guide. The
uploaded file waits under IMPORT_DIR between the check and the confirmation; its name is a
random token kept in the signed session and in the confirmation form, never in a URL."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import flask
from flask import Response, current_app, flash, render_template
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField

from incidents import audit
from incidents.authz import roles_required
from incidents.db import get_session
from incidents.imports import bp, guide
from incidents.imports.row_forms import RowsUploadForm
from incidents.imports.services import Options, run_import
from incidents.models import Organization
from incidents.records.access import agency_choices

importers = roles_required("admin", "caseworker")
PENDING_HOURS = 24


class UploadForm(FlaskForm):
    """The spreadsheet to check."""

    file = FileField("CSV file (UTF-8)", [FileRequired(message="Choose a CSV file.")])
    update = BooleanField(
        "Rows whose reference is already recorded update that incident (filled cells only)"
    )
    allow_duplicates = BooleanField(
        "Record rows that look like recorded incidents (same client, date and place) as new "
        "incidents"
    )


class ConfirmForm(FlaskForm):
    """Import the checked file."""

    token = HiddenField()
    skip_invalid = BooleanField("Import the valid rows and skip the rows with problems")
    again = BooleanField("Import this file again")


WEB_OPTIONS = Options(
    skip_invalid="tick “Import the valid rows and skip the rows with problems”",
    again="tick “Import this file again” before importing",
    allow_duplicates="tick “Record rows that look like recorded incidents … as new incidents” "
    "and check the file again",
    update="tick “Rows whose reference is already recorded update that incident” and check "
    "the file again",
)


def _confirm_form(token: str, report) -> ConfirmForm:
    """The confirmation form; 'import again' names the earlier import's date."""
    form = ConfirmForm(token=token, formdata=None)
    if report.imported_before:
        form.again.label.text = (
            f"Import this file again (it was imported on "
            f"{report.imported_before:%Y-%m-%d %H:%M} UTC)"
        )
    return form


def render_page(**context) -> str:
    """The import page: the incident file's form and report, and the form of a file of rows."""
    context.setdefault("form", UploadForm(formdata=None))
    context.setdefault("report", None)
    context.setdefault("confirm", None)
    context.setdefault("rows_form", RowsUploadForm(formdata=None))
    context.setdefault("rows_report", None)
    context.setdefault("rows_confirm", None)
    return render_template("imports/page.html", **context)


def pending_dir() -> Path:
    folder = Path(current_app.config["IMPORT_DIR"])
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    cutoff = time.time() - PENDING_HOURS * 3600
    for old in folder.glob("*.csv"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)  # checked but never confirmed
    return folder


def _run(path: Path, **options):
    session = get_session()
    organization = session.get(Organization, current_user.organization_id)
    return run_import(
        session=session,
        organization=organization,
        actor=current_user,
        path=path,
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
        options=WEB_OPTIONS,
        **options,
    )


@bp.route("/import", methods=["GET"])
@importers
def page():
    """Upload a CSV; links to the template and the column guide."""
    return render_page(form=UploadForm(), report=None, confirm=None)


@bp.route("/import", methods=["POST"])
@importers
def upload():
    """Check the uploaded file (nothing is written) and show the report."""
    form = UploadForm()
    if not form.validate_on_submit():
        return render_page(form=form, report=None, confirm=None), 400
    token = secrets.token_urlsafe(24)
    path = pending_dir() / f"{token}.csv"
    form.file.data.save(path)
    path.chmod(0o600)
    choices = {"update": form.update.data, "allow_duplicates": form.allow_duplicates.data}
    report = _run(path, dry_run=True, **choices)
    confirm = None
    if report.valid and not report.file_problem:
        flask.session["import_token"], flask.session["import_choices"] = token, choices
        confirm = _confirm_form(token, report)
    else:
        path.unlink(missing_ok=True)
    status = 200 if confirm else 422
    return render_page(form=UploadForm(formdata=None), report=report, confirm=confirm), status


@bp.route("/import/confirm", methods=["POST"])
@importers
def confirm():
    """Import the file checked a moment ago."""
    form = ConfirmForm()
    token = flask.session.get("import_token")
    if not form.validate_on_submit() or not token or form.token.data != token:
        flash("This check has expired. Upload the file again.", "error")
        return render_page(form=UploadForm(), report=None, confirm=None), 409
    path = Path(current_app.config["IMPORT_DIR"]) / f"{token}.csv"
    if not path.is_file():
        flask.session.pop("import_token", None)
        flash("This check has expired. Upload the file again.", "error")
        return render_page(form=UploadForm(), report=None, confirm=None), 409
    report = _run(
        path,
        skip_invalid=bool(form.skip_invalid.data),
        again=bool(form.again.data),
        **flask.session.get("import_choices", {}),
    )
    if report.committed:
        flask.session.pop("import_token", None)
        path.unlink(missing_ok=True)
        flash(report.verdict(), "success")
    status = 200 if report.committed else 422
    return render_page(
        form=UploadForm(formdata=None),
        report=report,
        confirm=None if report.committed else _confirm_form(token, report),
    ), status


@bp.route("/import/template.csv")
@importers
def template():
    """The template: header and one example row."""
    audit.record_read(
        session=get_session(), action="import_template_downloaded", actor=current_user
    )
    response = Response(guide.template_csv(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="incidents-import-template.csv"'
    return response


@bp.route("/import/guide")
@importers
def column_guide():
    """The column guide, with the codes of every coded column."""
    return render_template(
        "imports/guide.html",
        entries=guide.entries(),
        row_files=guide.row_files(),
        agencies=agency_choices(get_session()),
    )
