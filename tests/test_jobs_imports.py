"""Imports above IMPORT_JOB_ROWS as background jobs, with a real huey consumer (SQLite storage
and Redis): the check and the import run as jobs with progress, the row-by-row report is the
result file, the import page offers the confirmation; other users read and write while an
import job runs; a smaller file is still checked and imported in the request; nobody else
sees another's import."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from incidents.imports import big
from incidents.models import AuditEvent, Incident, Job
from tests.case_forms import submit_new
from tests.conftest import fresh, login, post_form
from tests.import_files import count, minimal, upload, write_csv
from tests.jobs_helpers import BACKENDS, latest_job, queue_settings, wait_for


@pytest.fixture(params=BACKENDS)
def app_config(app_config, request):
    """Each test runs on both queues, with a low threshold."""
    app_config.update(queue_settings(request.param))
    app_config["IMPORT_JOB_ROWS"] = 5
    return app_config


def rows(n: int, bad: set[int] = frozenset()) -> list[dict]:
    """n distinct rows (row i on day i of a year); the rows in `bad` name an unknown state."""
    return [
        minimal(occurred_on=f"{2000 + i // 365}-01-01", city=f"Town {i}", state="ZZ")
        if i in bad
        else minimal(occurred_on=f"{2000 + i // 365}-01-01", city=f"Town {i}")
        for i in range(n)
    ]


def confirm(client, token_page: str, **data):
    token = token_page.split('name="token" type="hidden" value="')[1].split('"')[0]
    return post_form(client, "/import/confirm", {"token": token, **data}, token_from="/import")


def test_a_large_file_is_checked_and_imported_by_jobs(
    client, session, caseworker, tmp_path, job_consumer
):
    path = write_csv(tmp_path / "big.csv", rows(8, bad={3}))
    response = upload(client, path.read_bytes())
    check = latest_job(session)
    assert response.status_code == 302 and response.headers["Location"] == f"/jobs/{check.id}"
    assert check.kind == "import_check" and "upload" not in check.params  # a token, no name
    check = wait_for(session, check.id)
    assert check.status == "done", check.message
    assert (check.progress_done, check.progress_total) == (8, 8)
    assert check.message.startswith("Checked: 1 of 8 rows have problems")
    assert count(session, Incident) == 0  # a check writes nothing
    page = client.get(f"/jobs/{check.id}").get_data(as_text=True)
    assert f'href="/import/checked/{check.id}"' in page
    report = client.get(f"/jobs/{check.id}/result").get_data(as_text=True)
    assert "row 5, state ('ZZ')" in report and "Rows read: 8; valid: 7" in report

    checked = client.get(f"/import/checked/{check.id}")
    text = checked.get_data(as_text=True)
    assert checked.status_code == 200 and "Import 7 rows" in text and "row" in text
    assert f"Job {check.id}</a>" in text  # the import page links its jobs

    response = confirm(client, text, skip_invalid="y")
    write = latest_job(session)
    assert write.kind == "import_write" and response.headers["Location"] == f"/jobs/{write.id}"
    write = wait_for(session, write.id)
    assert write.status == "done", write.message
    assert (write.progress_done, write.progress_total) == (16, 16)  # checked, then imported
    assert write.message == "Imported 7 incidents; 1 row with problems skipped."
    assert count(session, Incident) == 7
    report = client.get(f"/jobs/{write.id}/result").get_data(as_text=True)
    assert "Imported: 7" in report and "row 5, state" in report
    # the upload is gone: the check cannot be confirmed twice
    assert client.get(f"/import/checked/{check.id}").status_code == 409
    actions = fresh(session).exec(select(AuditEvent.action)).all()
    for action in ("incidents_import_checked", "incidents_imported", "import_check_viewed"):
        assert action in actions
    assert actions.count("incident_created") == 7


def test_a_small_file_is_still_imported_in_the_request(client, session, caseworker, tmp_path):
    path = write_csv(tmp_path / "small.csv", rows(4))
    page = upload(client, path.read_bytes())
    assert page.status_code == 200 and "Import 4 rows" in page.get_data(as_text=True)
    assert confirm(client, page.get_data(as_text=True)).status_code == 200
    assert count(session, Incident) == 4 and latest_job(session) is None


def test_others_read_and_write_while_an_import_job_runs(
    app, client, session, caseworker, make_user, tmp_path, job_consumer, monkeypatch
):
    """The job stops between two batches (one committed); meanwhile a colleague records an
    incident and reads the list — nobody waits for the import."""
    arrived, go = threading.Event(), threading.Event()
    original = big.record_progress

    def pausing(job_id, done, total, message):
        original(job_id, done, total, message)
        if "imported" in message and done >= total // 2 + 1000:  # a batch of 500 committed
            arrived.set()
            assert go.wait(60)

    monkeypatch.setattr(big, "record_progress", pausing)
    app.config["IMPORT_JOB_ROWS"] = 100
    path = write_csv(tmp_path / "large.csv", rows(1600))
    page = upload(client, path.read_bytes())
    check = wait_for(session, latest_job(session).id)
    text = client.get(f"/import/checked/{check.id}").get_data(as_text=True)
    confirm(client, text)
    try:
        assert arrived.wait(60), "the import did not reach its second batch"
        written = count(session, Incident)
        assert 0 < written < 1600  # under way
        colleague, password = make_user("caseworker")
        other = app.test_client()
        assert login(other, colleague.email, password).status_code == 302
        saved = submit_new(other)
        assert saved.status_code == 302, saved.get_data(as_text=True)[:500]
        listing = other.get("/incidents")
        assert listing.status_code == 200
        job = fresh(session).get(Job, latest_job(session).id)
        assert job.status == "running" and "rows imported" in job.message
    finally:
        go.set()
    job = wait_for(session, job.id)
    assert job.status == "done", job.message
    assert count(session, Incident) == 1601
    assert page.status_code == 302


def test_nobody_else_sees_an_import_job(app, client, session, make_user, tmp_path, job_consumer):
    owner, password = make_user("caseworker")
    assert login(client, owner.email, password).status_code == 302
    upload(client, write_csv(tmp_path / "mine.csv", rows(6)).read_bytes())
    job = wait_for(session, latest_job(session).id)
    paths = [f"/jobs/{job.id}", f"/jobs/{job.id}/result", f"/import/checked/{job.id}"]
    for role, org, expected in [
        ("caseworker", "Test Legal Aid", [404, 404, 404]),
        ("admin", "Another Legal Aid", [404, 404, 404]),
        ("admin", "Test Legal Aid", [200, 200, 404]),  # sees the job, not the upload's report
    ]:
        user, user_password = make_user(role, org=org)
        other = app.test_client()
        assert login(other, user.email, user_password).status_code == 302
        assert [other.get(path).status_code for path in paths] == expected, (role, org)
    assert client.get(paths[2]).status_code == 200


def test_an_expired_upload_and_a_bad_token_say_so(client, session, caseworker, tmp_path, app):
    upload(client, write_csv(tmp_path / "gone.csv", rows(6)).read_bytes())
    job = latest_job(session)
    with app.app_context():
        big.upload_path(big.json.loads(job.params)["token"]).unlink()
    response = client.get(f"/import/checked/{job.id}")
    assert response.status_code == 409 and "Upload the file again" in response.get_data(
        as_text=True
    )
    assert client.get("/import/checked/999999").status_code == 404
    with app.app_context(), pytest.raises(big.UserError, match="upload it again"):
        big.upload_path("../../etc/passwd")
