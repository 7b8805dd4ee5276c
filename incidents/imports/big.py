"""Imports above a threshold, as background jobs (issue 20, item 5). A file of more than
IMPORT_JOB_ROWS rows is checked by one job (`import_check`) and, once the user confirms on the
import page, written by another (`import_write`): the same `run_import` as in the request —
a read-only check, then batches committed one by one (decision 0008), so other users are never
locked out — with its progress on the job's page ("1,500 of 40,000 rows checked") and the
row-by-row report as the job's result file. Smaller files are checked and written in the
request, as before.

The uploaded file waits under IMPORT_DIR with a random name (the token, kept in the signed
session and in the job's parameters, never in a URL). A check job leaves its report beside it
(`<token>.check.json`), which the import page reads to offer the confirmation."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from flask import current_app, url_for
from sqlmodel import Session, select

from incidents.i18n import N_, gettext, translate_label
from incidents.imports import reader
from incidents.imports.rows import Problem
from incidents.imports.services import WEB_OPTIONS, Report, run_import
from incidents.jobs import services as jobs
from incidents.jobs.kinds import Kind, Work, record_progress
from incidents.models import Job, Organization, User
from incidents.problems import UserError

CHECK, WRITE = "import_check", "import_write"
IMPORTERS = frozenset({"admin", "caseworker"})
GONE = N_("The uploaded file is no longer kept (it waits 24 hours); upload it again.")


def is_large(path: Path) -> bool:
    """Whether the file has more rows than an import in the request may take."""
    return reader.count_rows(path) > current_app.config["IMPORT_JOB_ROWS"]


def upload_path(token: str) -> Path:
    """The uploaded file of a token (the token is ours: letters, digits, - and _)."""
    if not token or not all(c.isalnum() or c in "-_" for c in token):
        raise UserError(gettext(GONE))
    return Path(current_app.config["IMPORT_DIR"]) / f"{token}.csv"


def _check_path(token: str) -> Path:
    return upload_path(token).with_suffix(".check.json")


def start_check(*, session: Session, actor: User, token: str, choices: dict) -> Job:
    """Queue the check of an uploaded file (nothing is written)."""
    rows = reader.count_rows(upload_path(token))
    return jobs.start(
        session=session,
        actor=actor,
        kind=CHECK,
        params={"token": token, **_flags(choices)},
        summary={"rows": rows},
    )


def start_write(*, session: Session, actor: User, token: str, choices: dict) -> Job:
    """Queue the import of a checked file (checked again, then written in batches)."""
    path = upload_path(token)
    if not path.is_file():
        raise UserError(gettext(GONE))
    return jobs.start(
        session=session,
        actor=actor,
        kind=WRITE,
        params={"token": token, **_flags(choices)},
        summary={"rows": reader.count_rows(path)},
    )


def _flags(choices: dict) -> dict:
    names = ("update", "allow_duplicates", "skip_invalid", "again")
    return {name: bool(choices.get(name)) for name in names}


def checked_report(*, job: Job, token: str | None) -> Report | None:
    """The report of a finished check job of this user's pending upload (None when the job is
    not such a check, the upload is no longer theirs or no longer kept)."""
    params = json.loads(job.params or "{}")
    if job.kind != CHECK or job.status != "done" or not token or params.get("token") != token:
        return None
    try:
        stored = _check_path(token)
    except UserError:
        return None
    if not stored.is_file() or not upload_path(token).is_file():
        return None
    return report_from_dict(json.loads(stored.read_text(encoding="utf-8")))


def recent(session: Session, user: User, limit: int = 5) -> list[Job]:
    """The user's latest import jobs, newest first (the import page links to them)."""
    return list(
        session.exec(
            select(Job)
            .where(
                Job.organization_id == user.organization_id,
                Job.started_by_id == user.id,
                Job.kind.in_((CHECK, WRITE)),
            )
            .order_by(Job.id.desc())
            .limit(limit)
        ).all()
    )


class Progress:
    """Counts the rows `run_import` reports and records them on the job in a session of its
    own: the import's session may be inside its read transaction (the check's temporary table
    lives there) or between batches, and must not be committed from here."""

    def __init__(self, job_id: int, rows: int, passes: tuple[str, ...]):
        self.job_id, self.rows, self.passes = job_id, max(rows, 1), passes
        self.done = 0

    def __call__(self, step: int) -> None:
        self.done += step
        index = min((self.done - 1) // self.rows, len(self.passes) - 1) if self.done else 0
        within = min(self.done - index * self.rows, self.rows)
        message = f"{within:,} of {self.rows:,} rows {self.passes[index]}"
        record_progress(self.job_id, self.done, self.rows * len(self.passes), message)


def _run(work: Work, *, dry_run: bool) -> None:
    params = work.params
    path = upload_path(params.get("token", ""))
    if not path.is_file():
        raise UserError(gettext(GONE))
    if not dry_run:
        _check_path(params["token"]).unlink(missing_ok=True)  # confirmed: the check is spent
    rows = reader.count_rows(path)
    passes = ("checked",) if dry_run else ("checked", "imported")
    progress = Progress(work.job.id, rows, passes)
    record_progress(work.job.id, 0, rows * len(passes), f"0 of {rows:,} rows {passes[0]}")
    report = run_import(
        session=work.session,
        organization=work.session.get(Organization, work.organization_id),
        actor=work.actor,
        path=path,
        dry_run=dry_run,
        skip_invalid=params.get("skip_invalid", False) and not dry_run,
        update=params.get("update", False),
        again=params.get("again", False) and not dry_run,
        allow_duplicates=params.get("allow_duplicates", False),
        options=WEB_OPTIONS,
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
        progress=progress,
    )
    write_report(work.output, report)
    if dry_run:
        _check_path(params["token"]).write_text(
            json.dumps(report_to_dict(report)), encoding="utf-8"
        )
    elif report.committed or report.imported or report.updated:
        path.unlink(missing_ok=True)  # imported: the upload is not kept
    total = rows * len(passes)
    work.progress(total, total, report.verdict())


def run_check(work: Work) -> None:
    """The check of a large file, as a job: the report, and what the page needs to confirm."""
    _run(work, dry_run=True)


def run_write(work: Work) -> None:
    """The import of a large file, as a job: checked again, written in batches."""
    _run(work, dry_run=False)


def write_report(output: Path, report: Report) -> None:
    """The row-by-row report as text: each problem, then the counts and the verdict."""
    from incidents.imports.cli import report_lines

    head = [
        "Import of incidents: " + ("check (nothing written)" if report.dry_run else "import"),
        f"Rows read: {report.rows}; valid: {report.valid}; with problems: {report.rejected}",
        f"Imported: {report.imported}; updated: {report.updated}",
        f"File SHA-256: {report.sha256}",
        "",
    ]
    if report.file_problem:
        head.append(f"File: {report.file_problem}")
    output.write_text("\n".join([*head, *report_lines(report)]) + "\n", encoding="utf-8")


FIELDS = (
    "rows", "valid", "imported", "updated", "rejected", "problem_count", "file_problem",
    "sha256", "content_sha256", "dry_run", "committed", "references", "skip_invalid",
    "would_update", "stopped_at",
)  # fmt: skip


def report_to_dict(report: Report) -> dict:
    """A report as JSON-ready values (kept beside the upload between check and confirmation)."""
    data = {name: getattr(report, name) for name in FIELDS}
    data["problems"] = [[p.row, p.column, p.value, p.reason] for p in report.problems]
    data["imported_before"] = report.imported_before.isoformat() if report.imported_before else None
    return data


def report_from_dict(data: dict) -> Report:
    """The report kept by `report_to_dict`, in the page's words."""
    report = Report(options=WEB_OPTIONS, **{name: data[name] for name in FIELDS})
    # the reasons were written by the job in English: a fixed one is shown in the reader's
    report.problems = [
        Problem(row, column, value, translate_label(reason))
        for row, column, value, reason in data["problems"]
    ]
    if data.get("imported_before"):
        report.imported_before = datetime.fromisoformat(data["imported_before"])
    return report


def next_step(job: Job) -> tuple[str, str] | None:
    """The job page's link back to the import: to confirm a check, or to import another file."""
    if job.kind == CHECK and job.status == "done":
        return gettext("Continue on the import page"), url_for("imports.checked", job_id=job.id)
    return gettext("Back to the import page"), url_for("imports.page")


CHECK_KIND = Kind(
    code=CHECK,
    label=N_("Check of a file to import"),
    run=run_check,
    result_name="import-check-report.txt",
    media_type="text/plain",
    roles=IMPORTERS,
    next_step=next_step,
)
WRITE_KIND = Kind(
    code=WRITE,
    label=N_("Import of incidents"),
    run=run_write,
    result_name="import-report.txt",
    media_type="text/plain",
    roles=IMPORTERS,
    next_step=next_step,
)
JOB_KINDS = (CHECK_KIND, WRITE_KIND)
