"""Import page (thin: upload → check → confirm → service), template and column guide. The
uploaded file waits under IMPORT_DIR between the check and the confirmation; its name is a
random token kept in the signed session and in the confirmation form, never in a URL."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import flask
from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField

from incidents import audit
from incidents.authz import roles_required
from incidents.db import get_session
from incidents.i18n import _l, gettext, shown_moment, translate_label
from incidents.imports import big, bp, guide
from incidents.imports.row_forms import RowsUploadForm
from incidents.imports.services import WEB_OPTIONS, run_import
from incidents.jobs import services as jobs
from incidents.jobs.kinds import label_of
from incidents.models import Organization
from incidents.problems import UserError
from incidents.records.access import agency_choices
from incidents.vocab.jobs import JOB_STATUS

importers = roles_required("admin", "caseworker")
PENDING_HOURS = 24


class UploadForm(FlaskForm):
    """The spreadsheet to check."""

    file = FileField(_l("CSV file (UTF-8)"), [FileRequired(message=_l("Choose a CSV file."))])
    update = BooleanField(
        _l("Rows whose reference is already recorded update that incident (filled cells only)")
    )
    allow_duplicates = BooleanField(
        _l(
            "Record rows that look like recorded incidents (same client, date and place) as new "
            "incidents"
        )
    )


class ConfirmForm(FlaskForm):
    """Import the checked file."""

    token = HiddenField()
    skip_invalid = BooleanField(_l("Import the valid rows and skip the rows with problems"))
    again = BooleanField(_l("Import this file again"))


def _confirm_form(token: str, report) -> ConfirmForm:
    """The confirmation form; 'import again' names the earlier import's date."""
    form = ConfirmForm(token=token, formdata=None)
    if report.imported_before:
        form.again.label.text = gettext(
            "Import this file again (it was imported on %(when)s UTC)",
            when=shown_moment(report.imported_before),
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
    context.setdefault("import_jobs", big.recent(get_session(), current_user))
    context.setdefault("job_label", lambda code: translate_label(label_of(code)))
    context.setdefault("job_status", lambda code: translate_label(JOB_STATUS.label(code)))
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
    if big.is_large(path):
        return _start_job(path, token, choices, big.start_check)
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
        flash(gettext("This check has expired. Upload the file again."), "error")
        return render_page(form=UploadForm(), report=None, confirm=None), 409
    path = Path(current_app.config["IMPORT_DIR"]) / f"{token}.csv"
    if not path.is_file():
        flask.session.pop("import_token", None)
        flash(gettext("This check has expired. Upload the file again."), "error")
        return render_page(form=UploadForm(), report=None, confirm=None), 409
    choices = {
        "skip_invalid": bool(form.skip_invalid.data),
        "again": bool(form.again.data),
        **flask.session.get("import_choices", {}),
    }
    if big.is_large(path):
        flask.session.pop("import_token", None)  # the job has the file now
        return _start_job(path, token, choices, big.start_write)
    report = _run(path, **choices)
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


def _start_job(path: Path, token: str, choices: dict, start):
    """A file above IMPORT_JOB_ROWS: its check or import runs as a job; show the job."""
    try:
        job = start(session=get_session(), actor=current_user, token=token, choices=choices)
    except UserError as error:
        path.unlink(missing_ok=True)
        flask.session.pop("import_token", None)
        flash(gettext("%(problem)s Nothing was started.", problem=error.message), "error")
        return render_page(form=UploadForm(formdata=None)), error.status
    if start is big.start_check:
        flask.session["import_token"] = token
    flask.session["import_choices"] = {
        k: choices[k] for k in ("update", "allow_duplicates") if k in choices
    }
    return redirect(url_for("jobs.show", job_id=job.id))


@bp.route("/import/checked/<int:job_id>")
@importers
def checked(job_id: int):
    """The report of a large file's check (a job), with the confirmation to import it."""
    session = get_session()
    job = jobs.visible(session, job_id, current_user)
    if job is None or job.started_by_id != current_user.id:
        abort(404)
    report = big.checked_report(job=job, token=flask.session.get("import_token"))
    if report is None:
        flash(
            gettext(
                "This check has expired, or another file was checked since. Upload the file again."
            ),
            "error",
        )
        return render_page(form=UploadForm(formdata=None)), 409
    audit.record_read(
        session=session,
        action="import_check_viewed",
        actor=current_user,
        object_type="job",
        object_id=job.id,
        details={"rows": report.rows, "problems": report.problem_count},
    )
    confirm = None
    if report.valid and not report.file_problem:
        confirm = _confirm_form(flask.session["import_token"], report)
    return render_page(form=UploadForm(formdata=None), report=report, confirm=confirm)


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
        entries=guide.entries(translate=translate_label),
        row_files=guide.row_files(translate_label),
        agencies=agency_choices(get_session()),
    )
