"""Starting jobs, finding the ones a user may see, and auditing what they read.

Who may see a job: whoever started it, and the administrators of its organization. Anyone
else — another user, another organization — is told there is nothing there (404)."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, select

from incidents import audit
from incidents.db import utcnow
from incidents.i18n import N_, gettext
from incidents.jobs import results
from incidents.jobs.kinds import REGISTRY, kind_of
from incidents.jobs.queue import queue
from incidents.models import Job, User
from incidents.problems import UserError

log = logging.getLogger("incidents.jobs")
LIST_LIMIT = 200


class QueueUnreachable(UserError):
    """The job could not be queued: the job queue is not reachable. Nothing will run; try
    again later or tell your administrator."""

    default = N_(
        "The job could not be queued: the job queue is not reachable. Nothing will run; try "
        "again later or tell your administrator."
    )

    status = 503


class ResultGone(UserError):
    """This job's result is no longer available."""

    default = N_("This job's result is no longer available.")

    status = 410


def start(*, session: Session, actor: User, kind: str, params: dict, summary: dict) -> Job:
    """Record a job for `actor`'s organization and queue it. `params` (ids and codes only) are
    what the job reads; `summary` (counts and codes) goes into the audit record."""
    found = kind_of(kind)
    if found is None:
        raise UserError(gettext("There is no such kind of job."))
    if actor.role not in found.roles:
        raise UserError(gettext("Your role may not start this kind of job."))
    job = Job(
        organization_id=actor.organization_id,
        started_by_id=actor.id,
        kind=kind,
        status="queued",
        params=json.dumps(params, sort_keys=True, separators=(",", ":")),
        message="Waiting for a worker",
    )
    session.add(job)
    session.flush()
    audit.record(
        session=session,
        action="job_started",
        actor=actor,
        object_type="job",
        object_id=job.id,
        details={"job_kind": kind, **summary},
    )
    session.commit()
    try:
        queue().enqueue(job.id)
    except Exception as error:  # Redis down, queue file unwritable: the job cannot run
        log.error("job %s could not be queued: %s", job.id, type(error).__name__)
        job.status, job.finished_at = "failed", utcnow()
        job.expires_at = job.finished_at
        job.message = "Not started: the job queue could not be reached."
        session.add(job)
        session.commit()
        raise QueueUnreachable() from None
    return job


def may_see(job: Job | None, user: User) -> bool:
    """Whether `user` may see this job and take its result."""
    if job is None or job.organization_id != user.organization_id:
        return False
    if user.role == "researcher":  # only their own jobs of a kind a researcher may start
        kind = kind_of(job.kind)
        return job.started_by_id == user.id and kind is not None and user.role in kind.roles
    return job.started_by_id == user.id or user.role == "admin"


def visible(session: Session, job_id: int, user: User) -> Job | None:
    """The job if `user` may see it, else None."""
    job = session.get(Job, job_id)
    return job if may_see(job, user) else None


def listed(session: Session, user: User) -> list[Job]:
    """The jobs a user's list shows, newest first: their own; an administrator's, the whole
    organization's."""
    statement = select(Job).where(Job.organization_id == user.organization_id)
    if user.role != "admin":
        statement = statement.where(Job.started_by_id == user.id)
    if user.role == "researcher":
        mine = [code for code, kind in REGISTRY.items() if user.role in kind.roles]
        statement = statement.where(Job.kind.in_(mine))
    return list(session.exec(statement.order_by(Job.id.desc()).limit(LIST_LIMIT)).all())


def starters(session: Session, jobs: list[Job]) -> dict[int, str]:
    """Display names of the users who started these jobs (staff, not clients)."""
    ids = {job.started_by_id for job in jobs}
    if not ids:
        return {}
    rows = session.exec(select(User.id, User.display_name).where(User.id.in_(ids))).all()
    return dict(rows)


def record_view(*, session: Session, actor: User, job: Job | None = None) -> None:
    """Audit a look at the list of jobs, or at one job."""
    if job is None:
        audit.record_read(session=session, action="job_list_viewed", actor=actor)
        return
    audit.record_read(
        session=session,
        action="job_viewed",
        actor=actor,
        object_type="job",
        object_id=job.id,
        details={"job_kind": job.kind},
    )


def result_file(*, session: Session, actor: User, job: Job) -> Path:
    """The job's result file, re-hashed, with its download audited; `ResultGone` when it
    expired, was deleted or no longer matches the hash recorded when the job ended."""
    if job.status != "done" or not job.result_path:
        raise ResultGone(
            gettext("This job has no result to download.")
            if job.status != "expired"
            else gettext("This job's result was deleted when its kept period ended.")
        )
    path = results.absolute(job.result_path)
    observed = results.digest(path)[0] if path.is_file() else None
    if observed != job.result_sha256:
        audit.record_read(
            session=session,
            action="job_result_refused",
            actor=actor,
            object_type="job",
            object_id=job.id,
            details={"job_kind": job.kind, "reason": "missing" if observed is None else "altered"},
        )
        raise ResultGone(
            gettext("This job's result file is missing or was altered; it was not sent.")
        )
    audit.record_read(
        session=session,
        action="job_result_downloaded",
        actor=actor,
        object_type="job",
        object_id=job.id,
        details={"job_kind": job.kind, "sha256": job.result_sha256, "size": job.result_size},
    )
    return path


WAITING_LONG = timedelta(minutes=1)


def waiting_long(job: Job) -> bool:
    """Whether a job has waited for a worker for over a minute: no consumer seems to run."""
    return job.status == "queued" and utcnow() - job.created_at > WAITING_LONG
