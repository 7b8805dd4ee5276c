"""Bundles of dossiers made by a real huey consumer, on huey's SQLite storage and on Redis:
the ZIP holds one PDF per incident and a manifest whose hashes match the files; every step is
in the audit trail; bad requests get a clear message."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

import pytest
from sqlmodel import select

from incidents.models import AuditEvent
from tests.conftest import csrf_token, fresh
from tests.jobs_helpers import BACKENDS, latest_job, queue_settings, wait_for


@pytest.fixture(params=BACKENDS)
def app_config(app_config, request):
    """Each test runs on both queues."""
    app_config.update(queue_settings(request.param))
    return app_config


def ask_bundle(client, references, *, version="full", scope="selected", query="", language=None):
    data = {"csrf_token": csrf_token(client, "/incidents"), "scope": scope, "version": version}
    if language is not None:  # the form's default (English) when left out
        data["language"] = language
    data["reference"] = references
    return client.post(f"/incidents/dossiers/bundle{query}", data=data)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_bundle_of_ticked_incidents(client, session, caseworker, make_incident, job_consumer):
    incidents = [make_incident(caseworker) for _ in range(3)]
    references = [i.reference for i in incidents]
    response = ask_bundle(client, references)
    job = latest_job(session)
    assert response.status_code == 302 and response.headers["Location"] == f"/jobs/{job.id}"
    job = wait_for(session, job.id)
    assert job.status == "done", job.message
    assert (job.progress_done, job.progress_total) == (3, 3)

    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "3 of 3" in page and "Download the result" in page and job.result_sha256 in page

    download = client.get(f"/jobs/{job.id}/result")
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "application/zip"
    assert f"job-{job.id}-dossiers.zip" in download.headers["Content-Disposition"]
    body = download.data
    assert hashlib.sha256(body).hexdigest() == job.result_sha256 and len(body) == job.result_size
    files = unzip(body)
    manifest = list(csv.DictReader(io.StringIO(files.pop("MANIFEST.csv").decode())))
    assert sorted(row["file"] for row in manifest) == sorted(files)
    assert sorted(files) == sorted(f"{r}-dossier-full.pdf" for r in references)
    for row in manifest:
        pdf = files[row["file"]]
        assert pdf.startswith(b"%PDF")
        assert row["sha256"] == hashlib.sha256(pdf).hexdigest()
        assert int(row["bytes"]) == len(pdf)

    actions = fresh(session).exec(select(AuditEvent.action)).all()
    assert actions.count("dossier_generated") == 3
    for action in ("job_started", "job_done", "job_viewed", "job_result_downloaded"):
        assert action in actions
    downloaded = session.exec(
        select(AuditEvent).where(AuditEvent.action == "job_result_downloaded")
    ).one()
    assert downloaded.actor_id == caseworker.id and downloaded.object_id == str(job.id)
    assert job.result_sha256 in downloaded.details


def test_all_matching_the_filters_in_the_redacted_version(
    client, session, caseworker, make_incident, job_consumer
):
    texas = [make_incident(caseworker, state="TX") for _ in range(2)]
    make_incident(caseworker, state="IL")
    response = ask_bundle(client, [], version="redacted", scope="matching", query="?state=TX")
    assert response.status_code == 302
    job = wait_for(session, latest_job(session).id)
    assert job.status == "done", job.message
    files = unzip(client.get(f"/jobs/{job.id}/result").data)
    assert sorted(files) == sorted(
        ["MANIFEST.csv", *(f"{i.reference}-dossier-redacted.pdf" for i in texas)]
    )


def test_a_bundle_in_spanish(client, session, caseworker, make_incident, job_consumer):
    from tests.test_redaction_review import pdftotext

    incidents = [make_incident(caseworker) for _ in range(2)]
    references = [i.reference for i in incidents]
    ask_bundle(client, references, version="redacted", language="es")
    job = wait_for(session, latest_job(session).id)
    assert job.status == "done", job.message
    files = unzip(client.get(f"/jobs/{job.id}/result").data)
    names = sorted(f"{r}-dossier-redacted-es.pdf" for r in references)
    assert sorted(files) == sorted(["MANIFEST.csv", *names])
    text = pdftotext(files[names[0]])
    assert "Datos clave" in text and "Perfil: censurado" in text and "Key facts" not in text
    languages = [
        json.loads(event.details)["language"]
        for event in fresh(session).exec(
            select(AuditEvent).where(AuditEvent.action == "dossier_generated")
        )
    ]
    assert languages == ["es", "es"]


def test_a_language_not_offered_starts_no_bundle(client, session, caseworker, make_incident):
    reference = make_incident(caseworker).reference
    response = ask_bundle(client, [reference], language="fr")
    assert response.status_code == 302 and "/incidents" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The bundle was not started" in page
    assert latest_job(session) is None


@pytest.mark.parametrize(
    ("references", "scope", "query", "message"),
    [
        ([], "selected", "", "Tick at least one incident"),
        (["NOPE-2025-0001"], "selected", "", "could not be found"),
        (["<script>"], "selected", "", "not a case reference"),
        ([], "matching", "?state=WY", "No incident matches"),
    ],
)
def test_bad_requests_say_why_and_start_nothing(
    client, session, caseworker, make_incident, references, scope, query, message
):
    make_incident(caseworker)
    response = ask_bundle(client, references, scope=scope, query=query)
    assert response.status_code == 302 and "/incidents" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert message in page
    assert latest_job(session) is None


def test_more_than_the_cap_is_refused(app, client, session, caseworker, make_incident):
    app.config["JOB_BUNDLE_MAX"] = 2
    references = [make_incident(caseworker).reference for _ in range(3)]
    response = ask_bundle(client, references)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "at most 2 dossiers" in page
    response = ask_bundle(client, [], scope="matching")
    assert "More than 2 incidents match" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert latest_job(session) is None


def test_the_list_offers_the_bundle_form(client, caseworker, make_incident):
    incident = make_incident(caseworker)
    page = client.get("/incidents").get_data(as_text=True)
    assert 'id="bundle-form"' in page and 'name="csrf_token"' in page
    assert '<option value="en" selected>' in page and '<option value="es">' in page
    assert f'value="{incident.reference}" form="bundle-form"' in page
