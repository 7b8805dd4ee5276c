"""My jobs, one job's page (it refreshes itself), its progress as JSON, its result (thin)."""

from __future__ import annotations

from flask import abort, jsonify, render_template, send_file
from flask_login import current_user

from incidents.authz import roles_required
from incidents.db import get_session
from incidents.forms_common import ConfirmForm
from incidents.i18n import translate_label
from incidents.jobs import bp, messages, services
from incidents.jobs.kinds import kind_of, label_of
from incidents.vocab.jobs import JOB_STATUS

FINISHED = ("done", "failed", "expired")
# researchers too: they see their own jobs of the kinds they may start (services.may_see)
job_users = roles_required("admin", "caseworker", "lawyer", "researcher")
# a job's stored English message, in the reader's language (jobs, imports pages)
bp.add_app_template_filter(messages.shown, "job_message")


def shown_label(code: str) -> str:
    """A kind of job's label in the reader's language."""
    return translate_label(label_of(code))


def _job_or_404(job_id: int):
    job = services.visible(get_session(), job_id, current_user)
    if job is None:
        abort(404)
    return job


@bp.route("/jobs")
@job_users
def list_jobs():
    """The user's jobs (an administrator's: the organization's), newest first."""
    session = get_session()
    jobs = services.listed(session, current_user)
    names = services.starters(session, jobs)
    services.record_view(session=session, actor=current_user)
    return render_template(
        "jobs/list.html",
        jobs=jobs,
        names=names,
        label_of=shown_label,
        status_label=lambda code: translate_label(JOB_STATUS.label(code)),
        start_form=ConfirmForm(),
    )


@bp.route("/jobs/<int:job_id>")
@job_users
def show(job_id: int):
    """One job: status, progress (the page refreshes itself until it ends), its result."""
    session = get_session()
    job = _job_or_404(job_id)
    services.record_view(session=session, actor=current_user, job=job)
    kind = kind_of(job.kind)
    finished = job.status in FINISHED
    return render_template(
        "jobs/show.html",
        job=job,
        kind=kind,
        next_step=kind.next_step(job) if kind and kind.next_step and finished else None,
        kind_label=shown_label(job.kind),
        status_label=translate_label(JOB_STATUS.label(job.status)),
        finished=finished,
        waiting_long=services.waiting_long(job),
        starter=services.starters(session, [job]).get(job.started_by_id, "—"),
    )


@bp.route("/jobs/<int:job_id>/progress")
@job_users
def progress(job_id: int):
    """Where a job stands, for the page's refresh: status and counts only (no case data, so
    not audited — opening the page is)."""
    job = _job_or_404(job_id)
    return jsonify(
        status=job.status,
        label=translate_label(JOB_STATUS.label(job.status)),
        done=job.progress_done,
        total=job.progress_total,
        message=messages.shown(job.message),
        finished=job.status in FINISHED,
        waiting_long=services.waiting_long(job),
    )


@bp.route("/jobs/<int:job_id>/result")
@job_users
def download(job_id: int):
    """The job's result file as an attachment (re-hashed first; audited)."""
    job = _job_or_404(job_id)
    kind = kind_of(job.kind)
    if kind and kind.deliver:  # a kind whose download is itself recorded (research exports)
        return kind.deliver(session=get_session(), actor=current_user, job=job)
    path = services.result_file(session=get_session(), actor=current_user, job=job)
    name = kind.result_name if kind else "result.bin"
    return send_file(
        path,
        mimetype=kind.media_type if kind else "application/octet-stream",
        as_attachment=True,
        download_name=f"job-{job.id}-{name}",
        max_age=0,
    )
