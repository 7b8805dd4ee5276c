"""A researcher's release written to a file by a job (real huey consumer, SQLite storage and
Redis), with decision 0017's guarantees: taken when asked for, the download's own statement
(the one disclosure-control path), the file's download is the release's download — complete
only when the last byte left, then deleted — one at a time, no second copy; only its
researcher takes the file."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest
from sqlmodel import select

from incidents.exports.columns import NAMES
from incidents.exports.hierarchy import BY_NAME
from incidents.models import AuditEvent, Job, ResearchRelease
from tests.conftest import fresh, login, post_form
from tests.jobs_helpers import BACKENDS, latest_job, queue_settings, wait_for
from tests.test_exports import seed


@pytest.fixture(params=BACKENDS)
def app_config(app_config, request):
    """Each test runs on both queues."""
    app_config.update(queue_settings(request.param))
    return app_config


def offered(client) -> str:
    page = client.get("/research?k=5").get_data(as_text=True)
    return re.findall(r"release=(\d(?:-\d){4})", page.split('id="releases"')[1])[0]


def start_job(client, release: str):
    url = f"/research/export-job?k=5&release={release}"
    return post_form(client, url, token_from=f"/research?k=5&release={release}")


def actions(session) -> list[str]:
    return fresh(session).exec(select(AuditEvent.action).order_by(AuditEvent.seq)).all()


def test_a_release_written_by_a_job_is_downloaded_once(
    client, signed_in, runner, session, job_consumer
):
    seed(runner, session, count=400)
    researcher, _ = signed_in("researcher", org="Export Org")
    release = offered(client)
    response = start_job(client, release)
    job = latest_job(session)
    assert response.status_code == 302 and response.headers["Location"] == f"/jobs/{job.id}"
    assert job.kind == "research_export" and job.started_by_id == researcher.id
    streamed = client.get(f"/research/export.csv?k=5&release={release}")  # held by the job
    assert streamed.status_code == 409 and f"job {job.id}" in streamed.get_data(as_text=True)
    job = wait_for(session, job.id)
    assert job.status == "done", job.message
    assert "Download the result" in client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert f"Job {job.id}<" in client.get("/jobs").get_data(as_text=True)

    download = client.get(f"/jobs/{job.id}/result")
    assert download.status_code == 200 and download.headers["Content-Type"].startswith("text/csv")
    body = download.get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == list(NAMES) and len(rows) == job.progress_total
    sizes = Counter(tuple(r[name] for name in BY_NAME) for r in rows)
    assert min(sizes.values()) >= 5  # k held: the rows of the download's own statement

    mine = fresh(session).exec(select(ResearchRelease)).one()
    assert mine.code == release and mine.completed_at is not None
    assert mine.streaming_since is None
    job = fresh(session).get(Job, job.id)
    assert job.result_path is None and "deleted" in job.message  # no second copy kept
    trail = actions(session)
    for action in ("research_export_written", "job_result_downloaded"):
        assert action in trail
    ended = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "research_export_downloaded"))
        .one()
    )
    details = json.loads(ended.details)
    assert details["complete"] is True and details["release"] == release
    assert ended.actor_id == researcher.id and details["sha256"] == job.result_sha256

    again = client.get(f"/jobs/{job.id}/result")
    assert again.status_code == 410  # the file is gone, and the release complete
    streamed = client.get(f"/research/export.csv?k=5&release={release}")
    assert streamed.status_code == 409 and "downloaded this release in full" in streamed.get_data(
        as_text=True
    )
    assert start_job(client, release).status_code == 409
    refused = actions(session).count("research_export_refused")
    assert refused == trail.count("research_export_refused") + 3  # file, stream, job: audited


def test_a_download_of_the_file_cut_off_may_start_again(
    client, signed_in, runner, session, job_consumer
):
    seed(runner, session, count=400)
    signed_in("researcher", org="Export Org")
    start_job(client, offered(client))
    job = wait_for(session, latest_job(session).id)
    response = client.get(f"/jobs/{job.id}/result")
    chunks = response.iter_encoded()
    assert next(chunks).startswith(b"row_id,")  # handed over, but the reader stalls
    meanwhile = client.get(f"/jobs/{job.id}/result")  # two at once would be two copies
    assert meanwhile.status_code == 409
    assert "under way" in meanwhile.get_data(as_text=True)
    response.close()  # the reader goes away
    mine = fresh(session).exec(select(ResearchRelease)).one()
    assert mine.completed_at is None and mine.streaming_since is None
    cut = (
        fresh(session)
        .exec(select(AuditEvent.details).where(AuditEvent.action == "research_export_downloaded"))
        .one()
    )
    assert json.loads(cut)["complete"] is False
    full = client.get(f"/jobs/{job.id}/result")
    assert full.status_code == 200 and full.get_data().startswith(b"row_id,")
    assert fresh(session).exec(select(ResearchRelease)).one().completed_at is not None


def test_only_its_researcher_takes_the_file(
    app, client, signed_in, make_user, runner, session, job_consumer
):
    seed(runner, session, count=400)
    signed_in("researcher", org="Export Org")
    start_job(client, offered(client))
    job = wait_for(session, latest_job(session).id)
    paths = [f"/jobs/{job.id}", f"/jobs/{job.id}/result"]
    for role, org, expected in [
        ("researcher", "Export Org", [404, 404]),  # another researcher
        ("admin", "Export Org", [200, 404]),  # sees the job, not the data
        ("admin", "Test Legal Aid", [404, 404]),  # another organization
        ("caseworker", "Export Org", [404, 404]),
    ]:
        user, password = make_user(role, org=org)
        other = app.test_client()
        assert login(other, user.email, password).status_code == 302
        assert [other.get(path).status_code for path in paths] == expected, (role, org)
    assert fresh(session).exec(select(ResearchRelease)).one().completed_at is None
    assert client.get(paths[1]).status_code == 200


def test_a_release_that_does_not_pass_fails_the_job_and_is_given_back(
    client, signed_in, runner, session, job_consumer
):
    seed(runner, session, count=400)
    signed_in("researcher", org="Export Org")
    start_job(client, "0-0-0-0-0")  # every detail kept: beyond the suppression budget
    job = wait_for(session, latest_job(session).id)
    assert job.status == "failed" and "does not reach k=5" in job.message
    assert fresh(session).exec(select(ResearchRelease)).all() == []  # given back
    refused = (
        fresh(session)
        .exec(select(AuditEvent.details).where(AuditEvent.action == "research_export_refused"))
        .one()
    )
    assert "does not reach k=5" in json.loads(refused)["refused_because"]
    gone = client.get(f"/jobs/{job.id}/result")
    assert gone.status_code == 410 and "no file to download" in gone.get_data(as_text=True)
    release = offered(client)
    assert client.get(f"/research/export.csv?k=5&release={release}").status_code == 200


def test_a_bad_request_starts_nothing(client, signed_in, runner, session):
    seed(runner, session, count=400)
    signed_in("researcher", org="Export Org")
    response = post_form(client, "/research/export-job?k=2", token_from="/research?k=5")
    assert response.status_code == 400 and latest_job(session) is None
    no_token = client.post(f"/research/export-job?k=5&release={offered(client)}")
    assert no_token.status_code == 400 and latest_job(session) is None
