"""`flask jobs consumer | list | watch ID | purge`: run the background jobs, follow them,
delete expired results."""

from __future__ import annotations

import logging
import sys
import time

import click
from flask import current_app
from flask.cli import AppGroup
from sqlmodel import select

from incidents.clikit import CliError, command, org_by_name
from incidents.db import get_session, reading_in_background
from incidents.jobs.kinds import label_of
from incidents.models import Job

jobs_group = AppGroup("jobs", help="Background jobs (huey).")
FINISHED = ("done", "failed", "expired")


@command(jobs_group, "consumer")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 16))
def consumer(workers):
    """Run a consumer in the foreground: it executes queued jobs and the periodic purge of
    expired results. Stop it with Ctrl-C (a running job is finished first)."""
    from incidents.jobs.queue import queue

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    found = queue(current_app._get_current_object())
    click.echo(f"Job consumer on the {found.backend} queue, {workers} worker(s).")
    from incidents.jobs.runner import interrupt_running

    # one consumer per SQLite queue: what was running stopped; on Redis other consumers may
    # be running jobs, so only those whose consumer stopped saying it is alive
    left = interrupt_running(get_session(), stalled_only=found.backend != "sqlite")
    if left:
        click.echo(f"{left} job(s) left running by a stopped consumer marked failed.")
    found.consumer(workers=workers).run()


@command(jobs_group, "list")
@click.option("--org", "org_name", help="Only this organization's jobs.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
def list_jobs(org_name, limit):
    """The newest jobs: id, organization, kind, status, progress."""
    session = get_session()
    statement = select(Job).order_by(Job.id.desc()).limit(limit)
    if org_name:
        statement = statement.where(Job.organization_id == org_by_name(session, org_name).id)
    rows = session.exec(statement).all()
    if not rows:
        click.echo("No jobs.")
    for job in rows:
        progress = f"{job.progress_done}/{job.progress_total}" if job.progress_total else "-"
        click.echo(
            f"{job.id:>6}  org {job.organization_id:<4} {label_of(job.kind):<24} "
            f"{job.status:<8} {progress:>11}  {job.created_at:%Y-%m-%d %H:%M} UTC  {job.message}"
        )


@command(jobs_group, "watch")
@click.argument("job_id", type=click.IntRange(1, 2**63 - 1))
@click.option("--every", default=1.0, show_default=True, type=click.FloatRange(0.1, 60))
def watch(job_id, every):
    """Follow one job with a progress bar until it ends (exit 1 if it failed). It only reads,
    each look in a deferred transaction ended before it sleeps: watching takes no lock."""
    reading_in_background()
    session = get_session()
    job = session.get(Job, job_id)
    if job is None:
        raise CliError(f"no job {job_id} (see `flask jobs list`)")
    click.echo(f"Job {job.id}: {label_of(job.kind)}")
    with click.progressbar(length=job.progress_total or 1, label=job.status) as bar:
        shown = 0
        while True:
            session.rollback()
            session.expire_all()
            job = session.get(Job, job_id)
            if job.progress_total and bar.length != job.progress_total:
                bar.length = job.progress_total
            bar.label = job.status
            done = job.progress_done if job.progress_total else int(job.status == "done")
            if done > shown:
                bar.update(done - shown)
                shown = done
            if job.status in FINISHED:
                break
            session.rollback()  # no snapshot held while sleeping
            time.sleep(every)
    click.echo(f"{job.status}: {job.message}")
    if job.status == "done" and job.result_path:
        click.echo(f"Result: {job.result_path} ({job.result_size} bytes)")
        click.echo(f"SHA-256: {job.result_sha256}")
    if job.status != "done":
        sys.exit(1)


@command(jobs_group, "purge")
def purge():
    """Delete the result files of jobs past their kept period (JOB_RESULT_DAYS); mark jobs
    whose consumer stopped (no heartbeat for five minutes) as failed."""
    from incidents.jobs.retention import purge as purge_results
    from incidents.jobs.runner import interrupt_running

    stalled = interrupt_running(get_session(), stalled_only=True)
    if stalled:
        click.echo(f"{stalled} job(s) left running by a stopped consumer marked failed.")
    count = purge_results(session=get_session())
    click.echo(f"{count} job result(s) expired and deleted.")


COMMANDS = (jobs_group,)
