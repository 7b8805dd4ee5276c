"""Running one job in the consumer: status, progress, result file, audit — in short
transactions, so that the web pages show where it stands while it runs."""

from __future__ import annotations

import logging
import threading
import traceback
from datetime import timedelta

from flask import current_app
from sqlalchemy import update
from sqlmodel import Session, select

from incidents import audit
from incidents.db import get_engine, get_session, reading_in_background, utcnow
from incidents.jobs import results
from incidents.jobs.kinds import Kind, Work, kind_of
from incidents.models import Job, User
from incidents.problems import UserError

log = logging.getLogger("incidents.jobs")
BEAT_SECONDS = 60  # how often the consumer running a job says it is alive (`beat_at`)
STALLED = timedelta(minutes=5)  # a running job without a beat for this long is nobody's
INTERRUPTED = "Interrupted: the worker running it stopped before it ended. Start it again."


class Heartbeat:
    """While a job runs, a thread of the consumer writes the job's `beat_at` every
    BEAT_SECONDS in a short transaction of its own (a dossier being built may take minutes
    between two progress steps). A consumer killed stops beating: `interrupt_stalled`."""

    def __init__(self, job_id: int):
        self.job_id, self.stop, self.engine = job_id, threading.Event(), get_engine()
        self.thread = threading.Thread(target=self._beat, name=f"job-{job_id}-beat", daemon=True)

    def _beat(self) -> None:
        while not self.stop.wait(BEAT_SECONDS):
            try:
                with Session(self.engine) as side:
                    side.execute(update(Job).where(Job.id == self.job_id).values(beat_at=utcnow()))
                    side.commit()
            except Exception as error:  # the job goes on; the next beat tries again
                log.warning("job %s: its heartbeat was not written (%s)", self.job_id, error)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join(timeout=BEAT_SECONDS + 5)


def run(job_id: int) -> None:
    """Run a queued job to its end (done or failed). A job already started or gone is left
    alone: a queue that hands a task out twice does not run it twice."""
    reading_in_background()
    session = get_session()
    job = session.get(Job, job_id)
    if job is None or job.status != "queued":
        return
    kind = kind_of(job.kind)
    actor = session.get(User, job.started_by_id)
    if kind is None or actor is None or not actor.active:
        _finish(session, job, "failed", "This job can no longer run: its kind or user is gone.")
        return
    job.status, job.started_at = "running", utcnow()
    job.beat_at, job.message = job.started_at, "Started"
    if kind.result_name:
        job.result_path = results.new_path(job.organization_id, job.id, kind.result_name)
    session.commit()
    with Heartbeat(job.id):
        _run_kind(session, job, kind, actor)


def _run_kind(session: Session, job: Job, kind: Kind, actor: User) -> None:
    final = results.absolute(job.result_path) if job.result_path else None
    part = final.with_name(final.name + ".part") if final else None
    if part:
        part.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    work = Work(session=session, job=job, actor=actor, output=part)
    try:
        kind.run(work)
    except UserError as error:
        session.rollback()
        results.remove(job.result_path)
        _finish(session, job, "failed", error.message)
        return
    except Exception as error:  # any failure ends the job; the log says where, not what
        session.rollback()
        results.remove(job.result_path)
        log.error(
            "job %s (%s) failed with %s; stack (message withheld, it may hold personal data):\n%s",
            job.id,
            job.kind,
            type(error).__name__,
            "\n".join(
                f"  {frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(error.__traceback__)
            ),
        )
        _finish(
            session,
            job,
            "failed",
            f"Failed: an unexpected error. An administrator finds job {job.id} in the server log.",
        )
        return
    if part is not None:
        part.replace(final)
        job.result_sha256, job.result_size = results.digest(final)
    _finish(session, job, "done", job.message if job.message != "Started" else "Done")


def _finish(session: Session, job: Job, status: str, message: str) -> None:
    """End a job: its status, message, end and expiry times, and the audit record."""
    now = utcnow()
    job.status, job.message, job.finished_at = status, message[:200], now
    job.expires_at = now + timedelta(days=current_app.config["JOB_RESULT_DAYS"])
    if status != "done":
        job.result_path = None
    details = {"job_kind": job.kind}
    if job.result_sha256:
        details.update(sha256=job.result_sha256, size=job.result_size)
    audit.record(
        session=session,
        action="job_done" if status == "done" else "job_failed",
        actor=session.get(User, job.started_by_id),
        organization_id=job.organization_id,
        object_type="job",
        object_id=job.id,
        details=details,
    )
    session.add(job)
    session.commit()


def interrupt_running(session: Session, *, stalled_only: bool = False, now=None) -> int:
    """Mark the jobs left running by a consumer that stopped (killed, machine restarted) as
    failed, each with its audit record; returns how many. Every running job when the only
    consumer of huey's SQLite queue starts (nothing else can be running them); otherwise
    (`stalled_only`: Redis, whose queue may have several consumers, and the periodic sweep)
    those whose consumer has not said it is alive for STALLED."""
    statement = select(Job).where(Job.status == "running")
    if stalled_only:
        silent_since = (now or utcnow()) - STALLED
        statement = statement.where(
            (Job.beat_at < silent_since) | (Job.beat_at.is_(None) & (Job.started_at < silent_since))
        )
    left = session.exec(statement).all()
    for job in left:
        results.remove(job.result_path)
        _finish(session, job, "failed", INTERRUPTED)
    session.commit()  # with nothing to mark too: a consumer then waits holding no transaction
    return len(left)
