"""The jobs framework with a real huey consumer (SQLite storage and Redis): progress on the
page while a job runs, who may see a job and take its result, retention, the command line,
evidence verification as a job, and a queue that cannot be reached."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlmodel import select

from incidents.db import utcnow
from incidents.jobs import results, services
from incidents.jobs.kinds import REGISTRY, Kind, register
from incidents.models import AuditEvent, Job
from incidents.problems import UserError
from tests.conftest import fresh, login, post_form
from tests.jobs_helpers import BACKENDS, latest_job, queue_settings, wait_for

GATE = threading.Event()


def _slow(work):
    """A test kind: one step done, then it waits for the test to let it finish."""
    work.progress(1, 3, "1 of 3 steps")
    assert GATE.wait(30)
    work.output.write_bytes(b"finished\n")
    work.progress(3, 3, "3 of 3 steps")


SLOW = Kind("test_slow", "Slow test job", _slow, "slow.txt", "text/plain", frozenset({"admin"}))


@pytest.fixture(params=BACKENDS)
def app_config(app_config, request):
    """Each test runs on both queues."""
    app_config.update(queue_settings(request.param))
    return app_config


@pytest.fixture
def slow_kind():
    GATE.clear()
    register(SLOW)
    yield SLOW
    GATE.set()
    REGISTRY.pop(SLOW.code, None)


def start(app, session, actor, kind="test_slow"):
    with app.test_request_context():
        return services.start(session=session, actor=actor, kind=kind, params={}, summary={})


def test_progress_is_on_the_page_while_the_job_runs(
    app, client, session, signed_in, slow_kind, job_consumer
):
    admin, _ = signed_in("admin")
    job = start(app, session, admin)
    wait_for(session, job.id, until=("running",))
    for _ in range(300):
        if fresh(session).get(Job, job.id).progress_done == 1:
            break
        time.sleep(0.1)
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Running" in page and "1 of 3" in page and 'value="1"' in page
    assert "js/jobs.js" in page and 'http-equiv="refresh"' in page  # follows the job
    progress = client.get(f"/jobs/{job.id}/progress").get_json()
    assert progress == {
        "status": "running",
        "label": "Running",
        "done": 1,
        "total": 3,
        "message": "1 of 3 steps",
        "finished": False,
        "waiting_long": False,
    }
    GATE.set()
    job = wait_for(session, job.id)
    assert job.status == "done" and job.message == "3 of 3 steps"
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Done" in page and 'http-equiv="refresh"' not in page
    assert client.get(f"/jobs/{job.id}/result").data == b"finished\n"


def test_only_the_starter_and_the_organizations_admins_see_a_job(
    app, session, make_user, slow_kind
):
    owner, owner_password = make_user("admin")
    GATE.set()
    job = start(app, session, owner)
    colleague_admin, colleague_admin_pw = make_user("admin")
    caseworker, caseworker_pw = make_user("caseworker")
    outsider, outsider_pw = make_user("admin", org="Another Legal Aid")
    researcher, researcher_pw = make_user("researcher")
    paths = [f"/jobs/{job.id}", f"/jobs/{job.id}/progress", f"/jobs/{job.id}/result"]
    expected = [
        (owner, owner_password, 200),
        (colleague_admin, colleague_admin_pw, 200),
        (caseworker, caseworker_pw, 404),  # another user's job: nothing there
        (outsider, outsider_pw, 404),  # another organization's: nothing there
        (researcher, researcher_pw, 404),  # a researcher sees only their research exports
    ]
    for user, password, status in expected:
        client = app.test_client()
        assert login(client, user.email, password).status_code == 302
        for path in paths[:2]:
            assert client.get(path).status_code == status, (user.role, path)
        result = client.get(paths[2]).status_code
        assert result == (410 if status == 200 else status)  # queued: no result yet
        listing = client.get("/jobs").get_data(as_text=True)
        assert (f"Job {job.id}<" in listing) == (status == 200), user.email


def test_the_result_is_deleted_after_its_kept_period(
    app, client, session, signed_in, slow_kind, job_consumer
):
    admin, _ = signed_in("admin")
    GATE.set()
    job = wait_for(session, start(app, session, admin).id)
    with app.app_context():
        path = results.absolute(job.result_path)
    assert path.is_file()
    assert job.expires_at - job.finished_at == timedelta(days=7)
    result = app.test_cli_runner().invoke(args=["jobs", "purge"])
    assert "0 job result(s)" in result.output and path.is_file()  # not yet due
    job.expires_at = utcnow() - timedelta(seconds=1)
    session.add(job)
    session.commit()
    result = app.test_cli_runner().invoke(args=["jobs", "purge"])
    assert result.exit_code == 0 and "1 job result(s) expired" in result.output
    job = fresh(session).get(Job, job.id)
    assert job.status == "expired" and job.result_path is None and not path.exists()
    response = client.get(f"/jobs/{job.id}/result")
    assert response.status_code == 410 and "kept period" in response.get_data(as_text=True)
    assert "Result deleted" in client.get(f"/jobs/{job.id}").get_data(as_text=True)
    expired = session.exec(
        select(AuditEvent).where(AuditEvent.action == "job_results_expired")
    ).one()
    assert f"[{job.id}]" in expired.details


def test_an_altered_result_is_not_sent(app, client, session, signed_in, slow_kind, job_consumer):
    admin, _ = signed_in("admin")
    GATE.set()
    job = wait_for(session, start(app, session, admin).id)
    with app.app_context():
        results.absolute(job.result_path).write_bytes(b"tampered\n")
    response = client.get(f"/jobs/{job.id}/result")
    assert response.status_code == 410 and b"tampered" not in response.data
    actions = fresh(session).exec(select(AuditEvent.action)).all()
    assert "job_result_refused" in actions and "job_result_downloaded" not in actions


def test_command_line_list_watch_and_bad_input(app, session, make_user, slow_kind, job_consumer):
    admin, _ = make_user("admin")
    GATE.set()
    job = wait_for(session, start(app, session, admin).id)
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["jobs", "list"])
    assert listed.exit_code == 0 and "Slow test job" in listed.output and "done" in listed.output
    watched = runner.invoke(args=["jobs", "watch", str(job.id)])
    assert watched.exit_code == 0, watched.output
    assert "done: 3 of 3 steps" in watched.output and job.result_sha256 in watched.output
    missing = runner.invoke(args=["jobs", "watch", "999999"])
    assert missing.exit_code == 2 and "no job 999999" in missing.output
    assert runner.invoke(args=["jobs", "watch", "abc"]).exit_code == 2


def test_an_administrator_verifies_all_evidence_as_a_job(
    client, session, signed_in, make_incident, make_evidence, job_consumer
):
    admin, _ = signed_in("admin")
    incident = make_incident(admin)
    make_evidence(admin, incident)
    make_evidence(admin, incident, name="note.txt", data=b"a witness statement\n")
    response = post_form(client, "/evidence/verify", token_from="/jobs")
    job = latest_job(session)
    assert response.headers["Location"] == f"/jobs/{job.id}"
    job = wait_for(session, job.id)
    assert job.status == "done" and (job.progress_done, job.progress_total) == (2, 2)
    report = client.get(f"/jobs/{job.id}/result").get_data(as_text=True)
    assert "2 files checked: 0 missing, 0 altered." in report
    actions = fresh(session).exec(select(AuditEvent.action)).all()
    assert "evidence_verified" in actions and "job_result_downloaded" in actions


def test_only_administrators_start_a_verification(app, session, make_user):
    caseworker, _ = make_user("caseworker")
    with pytest.raises(UserError, match="may not start"):
        start(app, session, caseworker, kind="evidence_verification")


def test_an_unreachable_queue_is_said_clearly(app, client, session, signed_in, make_incident):
    app.config["REDIS_URL"] = "redis://127.0.0.1:9/0"  # nothing listens there
    app.extensions.pop("jobs_queue", None)
    user, _ = signed_in("caseworker")
    incident = make_incident(user)
    response = post_form(
        client,
        "/incidents/dossiers/bundle",
        {"scope": "selected", "version": "full", "reference": [incident.reference]},
        token_from="/incidents",
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "job queue is not reachable" in page
    job = latest_job(session)
    assert job.status == "failed" and "could not be reached" in job.message
