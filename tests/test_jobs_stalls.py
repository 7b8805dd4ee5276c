"""Jobs that wait or stop: watching a job takes no lock, a job no worker picks up says so,
a job left running by a consumer that stopped is marked failed when the (only) consumer of
the SQLite queue starts again (issue 20 review), and on any queue once its consumer has not said
it is alive for five minutes."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import timedelta

import pytest
from sqlmodel import select

from incidents.db import utcnow
from incidents.jobs import runner, services
from incidents.jobs.kinds import REGISTRY, Kind, register
from incidents.models import AuditEvent, Job
from tests.conftest import fresh, sqlite_file

QUIET = Kind(
    "test_quiet", "Quiet test job", lambda work: None, "", "text/plain", frozenset({"admin"})
)


@pytest.fixture
def quiet_kind():
    register(QUIET)
    yield QUIET
    REGISTRY.pop(QUIET.code, None)


@pytest.fixture
def app_config(app_config):
    app_config.update(REDIS_URL="")  # the SQLite queue, no consumer: jobs stay queued
    return app_config


def queued(app, session, actor, minutes_ago: float = 0) -> Job:
    with app.test_request_context():
        job = services.start(session=session, actor=actor, kind="test_quiet", params={}, summary={})
    job = fresh(session).get(Job, job.id)
    job.created_at = utcnow() - timedelta(minutes=minutes_ago)
    session.add(job)
    session.commit()
    return job


def test_a_job_no_worker_picks_up_says_a_consumer_must_run(
    app, client, session, signed_in, quiet_kind
):
    admin, _ = signed_in("admin")
    fresh_job = queued(app, session, admin)
    page = client.get(f"/jobs/{fresh_job.id}").get_data(as_text=True)
    assert 'id="job-waiting" class="flash flash--error" hidden' in page
    stale = queued(app, session, admin, minutes_ago=2)
    page = client.get(f"/jobs/{stale.id}").get_data(as_text=True)
    assert "No worker has started this job yet" in page and "flask jobs consumer" in page
    assert 'id="job-waiting" class="flash flash--error" hidden' not in page
    assert client.get(f"/jobs/{stale.id}/progress").get_json()["waiting_long"] is True
    assert client.get(f"/jobs/{fresh_job.id}/progress").get_json()["waiting_long"] is False


def test_watching_a_job_takes_no_lock(app, session, make_user, quiet_kind):
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's write lock")
    admin, _ = make_user("admin")
    job = queued(app, session, admin)
    cli = app.test_cli_runner()
    watched = {}
    watcher = threading.Thread(
        target=lambda: watched.update(
            r=cli.invoke(args=["jobs", "watch", str(job.id), "--every", "0.2"])
        )
    )
    watcher.start()
    try:
        other = sqlite3.connect(sqlite_file(app), timeout=0.5)  # another writer, waiting 0.5 s
        for _ in range(10):  # while the watch goes on, writes get through at once
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE jobs SET message = 'still waiting' WHERE id = ?", (job.id,))
            other.execute("COMMIT")
            threading.Event().wait(0.1)
        other.execute("UPDATE jobs SET status = 'done' WHERE id = ?", (job.id,))
        other.commit()
    finally:
        watcher.join(timeout=10)
    assert watched["r"].exit_code == 0, watched["r"].output


def test_a_job_left_running_by_a_stopped_consumer_is_marked_failed(
    app, session, make_user, quiet_kind
):
    admin, _ = make_user("admin")
    job = queued(app, session, admin)
    job.status, job.started_at = "running", utcnow()
    session.add(job)
    session.commit()
    with app.app_context():
        from incidents.db import get_session

        assert runner.interrupt_running(get_session()) == 1
    ended = fresh(session).get(Job, job.id)
    assert ended.status == "failed" and ended.message.startswith("Interrupted")
    events = session.exec(
        select(AuditEvent).where(AuditEvent.action == "job_failed", AuditEvent.object_id == job.id)
    ).all()
    assert len(events) == 1


RELEASE = threading.Event()
SLOW = Kind(
    "test_slow",
    "Slow test job",
    lambda work: RELEASE.wait(20),
    "",
    "text/plain",
    frozenset({"admin"}),
)


@pytest.fixture
def slow_kind(monkeypatch):
    monkeypatch.setattr(runner, "BEAT_SECONDS", 0.1)
    RELEASE.clear()
    register(SLOW)
    yield SLOW
    RELEASE.set()
    REGISTRY.pop(SLOW.code, None)


def wait_for(check, seconds: float = 15):
    """Poll `check()` until it gives a true value (returned) or the time is up (None)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    return None


def test_a_running_job_says_it_is_alive_until_it_ends(
    app, session, make_user, slow_kind, job_consumer
):
    admin, _ = make_user("admin")
    with app.test_request_context():
        job = services.start(session=session, actor=admin, kind="test_slow", params={}, summary={})
    started = wait_for(lambda: (j := fresh(session).get(Job, job.id)).status == "running" and j)
    assert started, "the consumer never started the job"
    first = started.beat_at
    assert first is not None
    later = wait_for(lambda: (j := fresh(session).get(Job, job.id)).beat_at > first and j)
    assert later and later.status == "running", "no heartbeat while the job ran"
    # however long it runs without a progress step, the periodic sweep leaves it alone
    with app.app_context():
        from incidents.db import get_session

        assert runner.interrupt_running(get_session(), stalled_only=True) == 0
    RELEASE.set()
    ended = wait_for(lambda: (j := fresh(session).get(Job, job.id)).status == "done" and j)
    assert ended, "the job did not end once released"


def test_a_job_whose_consumer_stopped_beating_is_marked_failed_on_any_queue(
    app, session, make_user, quiet_kind
):
    admin, _ = make_user("admin")
    silent, beating = queued(app, session, admin), queued(app, session, admin)
    now = utcnow()
    for job, beat in ((silent, now - timedelta(minutes=6)), (beating, now)):
        job.status, job.started_at, job.beat_at = "running", now - timedelta(hours=1), beat
        session.add(job)
    session.commit()
    result = app.test_cli_runner().invoke(args=["jobs", "purge"])
    assert result.exit_code == 0, result.output
    assert "1 job(s) left running by a stopped consumer marked failed." in result.output
    assert fresh(session).get(Job, silent.id).status == "failed"
    assert fresh(session).get(Job, silent.id).message.startswith("Interrupted")
    assert fresh(session).get(Job, beating.id).status == "running"


def test_a_starting_sqlite_consumer_leaves_the_database_free(app, runner, monkeypatch):
    """Review of issue 21: `flask jobs consumer` looked for jobs left running, found none and
    then waited for jobs inside that transaction — on SQLite holding the write lock, so every
    page answered "busy" while it ran (`make run` starts it)."""
    import sqlite3

    from sqlalchemy.engine import make_url

    from incidents.jobs import queue as queue_module

    url = make_url(app.config["DATABASE_URL"])
    if url.get_backend_name() != "sqlite":
        pytest.skip("the write lock is SQLite's")
    app.config.update(REDIS_URL="")
    written = []

    class Waiting:
        def run(self):  # instead of waiting for jobs: another connection writes
            other = sqlite3.connect(url.database, timeout=0.5)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.rollback()
                written.append(True)
            finally:
                other.close()

    monkeypatch.setattr(queue_module.Queue, "consumer", lambda self, **_: Waiting())
    result = runner.invoke(args=["jobs", "consumer", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert written == [True]
