"""The evidence locker: byte-exact storage, type checks, custody log, integrity, previews — on
the filesystem store and on S3 (moto's server)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from incidents.models import AuditEvent, CustodyEvent, Evidence, EvidenceFile, User
from tests.conftest import csrf_token, fresh, post_form
from tests.evidence_stores import BOTH_STORES, CONTENT_NAME, stored_originals, working_files
from tests.factories import jpeg_bytes

pytestmark = BOTH_STORES

PDF = b"%PDF-1.7\n" + os.urandom(3000) + b"\n%%EOF\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(5000)


def upload(client, incident, files, **fields):
    data = {
        "kind": "photo",
        "provenance": "Handed over by the client",
        **fields,
        "csrf_token": csrf_token(client, f"/incidents/{incident.reference}/evidence/new"),
        "files": [(io.BytesIO(content), name) for name, content in files],
    }
    return client.post(
        f"/incidents/{incident.reference}/evidence/new",
        data=data,
        content_type="multipart/form-data",
    )


def stored_files(app) -> list:
    """Every original in the store and every file left in the local working directory."""
    return [*stored_originals(app), *working_files(app)]


def items(session):
    return fresh(session).exec(select(Evidence).order_by(Evidence.id)).all()


def test_upload_then_download_is_byte_exact(app, client, case, session, make_user):
    from tests.conftest import login

    lawyer, password = make_user("lawyer")
    counsel = app.test_client()
    login(counsel, lawyer.email, password)
    photo = jpeg_bytes()
    response = upload(
        client, case, [("scan.pdf", PDF), ("photo.jpg", photo), ("clip.mp4", MP4)], kind="document"
    )
    assert response.status_code == 302
    made = items(session)
    assert [i.original_filename for i in made] == ["scan.pdf", "photo.jpg", "clip.mp4"]
    for item, original in zip(made, (PDF, photo, MP4), strict=True):
        download = counsel.get(f"/evidence/{item.id}/download")
        assert download.status_code == 200
        assert download.get_data() == original
        assert download.headers["Content-Disposition"].startswith("attachment;")
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in download.headers["Content-Security-Policy"]
    stored = fresh(session).exec(select(EvidenceFile)).all()
    assert {s.media_type for s in stored} == {"application/pdf", "image/jpeg", "video/mp4"}
    import hashlib

    assert {s.sha256 for s in stored} == {hashlib.sha256(b).hexdigest() for b in (PDF, photo, MP4)}
    log = session.exec(
        select(CustodyEvent)
        .where(CustodyEvent.evidence_id == made[0].id)
        .order_by(CustodyEvent.seq)
    ).all()
    assert [e.action for e in log] == ["received", "download_started", "downloaded"]
    assert (
        log[2].sha256 == hashlib.sha256(PDF).hexdigest() and log[2].prev_hash == log[1].entry_hash
    )
    actions = [e.action for e in session.exec(select(AuditEvent)).all()]
    assert actions.count("evidence_uploaded") == 3 and actions.count("evidence_downloaded") == 3
    assert working_files(app) == []  # nothing left over


def test_evidence_page_shows_hash_custody_and_is_logged(client, case, session):
    upload(client, case, [("scan.pdf", PDF)], kind="document")
    item = items(session)[0]
    html = client.get(f"/evidence/{item.id}").get_data(as_text=True)
    stored = session.get(EvidenceFile, item.file_id)
    assert stored.sha256 in html and "chain intact" in html and "Handed over by the client" in html
    assert "Received" in html and "Viewed" in html
    log = fresh(session).exec(select(CustodyEvent).where(CustodyEvent.evidence_id == item.id)).all()
    assert [e.action for e in log] == ["received", "viewed"]
    assert log[1].hash_source == "recorded"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "holiday.jpg",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "Web pages, SVG images and scripts cannot be uploaded",
        ),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
        ("run.txt", b"#!/bin/sh\nrm -rf /\n", "scripts cannot be uploaded"),
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, "Programs cannot be uploaded"),
        ("bundle.zip", b"PK\x03\x04" + b"\x00" * 100, "damaged"),
        ("scan.jpg", PDF, "content is PDF"),
        ("empty.pdf", b"", "the file is empty"),
        ("noise.bin", os.urandom(2000), "not accepted"),
    ],
)
def test_refused_files_leave_nothing_behind(app, client, case, session, name, content, message):
    response = upload(client, case, [("fine.pdf", PDF), (name, content)])
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html and 'id="files-error"' in html
    assert items(session) == [] and stored_files(app) == []  # all or nothing


def test_real_zip_archives_are_refused(app, client, case, session):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    response = upload(client, case, [("notes.docx", buffer.getvalue())])
    assert "Archives cannot be uploaded" in response.get_data(as_text=True)
    assert stored_files(app) == []


def test_oversize_upload_is_refused_with_a_clear_message(
    app_config, monkeypatch, tmp_path, make_user, make_incident
):
    from sqlmodel import SQLModel

    from incidents import create_app
    from tests.conftest import login

    app_config["EVIDENCE_MAX_BYTES"] = 4096
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    small = create_app(app_config)
    SQLModel.metadata.create_all(small.extensions["db_engine"]) if "sqlite" in app_config[
        "DATABASE_URL"
    ] else None
    client = small.test_client()
    user, password = make_user("caseworker")
    incident = make_incident(user)
    login(client, user.email, password)
    response = upload(client, incident, [("big.pdf", PDF + os.urandom(1024 * 1024 + 9000))])
    assert response.status_code == 413
    assert "One upload may hold up to 0 MB" in response.get_data(as_text=True)
    assert stored_files(small) == []
    small.extensions["db_engine"].dispose()


def test_hostile_file_names_are_harmless(app, client, case, session):
    response = upload(
        client, case, [("../../etc/passwd\x07\x1b.txt", b"just text\n")], kind="document"
    )
    assert response.status_code == 302
    item = items(session)[0]
    assert item.original_filename == "passwd.txt"
    assert [CONTENT_NAME.match(name) is not None for name in stored_files(app)] == [True]
    assert not Path("/etc/passwd.txt").exists()
    disposition = client.get(f"/evidence/{item.id}/download").headers["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and ".." not in disposition


def test_duplicates_are_linked_not_stored_twice(app, client, case, make_incident, session):
    upload(client, case, [("scan.pdf", PDF)])
    again = upload(client, case, [("copy-of-scan.pdf", PDF)])
    assert again.status_code == 302
    assert "already attached to this incident" in client.get(
        f"/incidents/{case.reference}"
    ).get_data(as_text=True)
    assert len(items(session)) == 1
    other = make_incident(fresh(session).get(User, case.created_by_id))
    upload(client, other, [("scan.pdf", PDF)])
    all_items = items(session)
    assert len(all_items) == 2 and all_items[0].file_id == all_items[1].file_id
    assert len(fresh(session).exec(select(EvidenceFile)).all()) == 1
    assert len(stored_files(app)) == 1


def test_preview_has_no_exif_but_the_original_keeps_it(client, case, session):
    upload(client, case, [("street.jpg", jpeg_bytes())])
    item = items(session)[0]
    page = client.get(f"/evidence/{item.id}").get_data(as_text=True)
    assert "12 Sep 2025, 08:03:11" in page and "TestCam Model 7" in page
    assert "GPS position in the file</dt><dd>yes" in page
    preview = Image.open(io.BytesIO(client.get(f"/evidence/{item.id}/preview").get_data()))
    assert dict(preview.getexif()) == {} and not preview.info.get("exif")
    thumb = Image.open(io.BytesIO(client.get(f"/evidence/{item.id}/thumbnail").get_data()))
    assert dict(thumb.getexif()) == {}
    original = Image.open(io.BytesIO(client.get(f"/evidence/{item.id}/download").get_data()))
    assert original.getexif().get(0x010F) == "TestCam"
    assert original.getexif().get_ifd(0x8825)


def test_links_as_evidence(client, case, session):
    path = f"/incidents/{case.reference}/evidence/link"
    bad = post_form(
        client,
        path,
        {
            "link-url": "javascript:alert(1)",
            "link-kind": "news_article",
            "link-retrieved_on": "2025-10-01",
        },
        token_from=f"/incidents/{case.reference}/evidence/new",
    )
    assert bad.status_code == 400 and "full web address" in bad.get_data(as_text=True)
    # said once: at the field and its line in the summary, not twice in each
    assert bad.get_data(as_text=True).count("Enter a full web address") == 2
    good = post_form(
        client,
        path,
        {
            "link-url": "https://news.example.org/story",
            "link-kind": "news_article",
            "link-retrieved_on": "2025-10-01",
            "link-title": "Local report",
        },
        token_from=f"/incidents/{case.reference}/evidence/new",
    )
    assert good.status_code == 302
    item = items(session)[0]
    assert item.url == "https://news.example.org/story" and item.file_id is None
    page = client.get(f"/evidence/{item.id}").get_data(as_text=True)
    assert 'rel="noopener noreferrer nofollow"' in page
    assert client.get(f"/evidence/{item.id}/download").status_code == 404


def test_other_organizations_and_researchers_cannot_reach_evidence(
    app, client, signed_in, make_user, make_incident, make_evidence
):
    from tests.conftest import login

    owner, _ = make_user("caseworker", org="Other Org")
    item = make_evidence(owner, make_incident(owner))
    signed_in("lawyer")
    for path in (
        f"/evidence/{item.id}",
        f"/evidence/{item.id}/download",
        f"/evidence/{item.id}/preview",
    ):
        assert client.get(path).status_code == 404
    researcher, password = make_user("researcher", org="Other Org")
    other = app.test_client()
    login(other, researcher.email, password)
    assert other.get(f"/evidence/{item.id}").status_code == 403


def test_an_interrupted_upload_leaves_nothing_behind(app, client, case, session):
    boundary = "XyZ"
    token = csrf_token(client, f"/incidents/{case.reference}/evidence/new")
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        f'{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode() + PDF[:500]
    response = client.post(
        f"/incidents/{case.reference}/evidence/new",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        environ_overrides={"CONTENT_LENGTH": str(len(body) + 100000)},
    )
    assert response.status_code == 400
    assert items(session) == [] and stored_files(app) == []


def test_no_database_lock_is_held_while_the_bytes_travel_to_the_store(
    app, client, case, session, monkeypatch
):
    """While an upload is being kept (a transfer that takes time on an object store), another
    writer gets SQLite's write lock at once: the upload's transaction starts afterwards."""
    import sqlite3

    from incidents.evidence import storage
    from tests.conftest import sqlite_file

    database, real_keep, writes = sqlite_file(app), storage.keep, []

    def keep_while_another_writes(incoming, organization_id):
        other = sqlite3.connect(database, timeout=0.1, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # raises "database is locked" if the upload holds it
        other.execute("ROLLBACK")
        other.close()
        writes.append(True)
        return real_keep(incoming, organization_id)

    monkeypatch.setattr(storage, "keep", keep_while_another_writes)
    assert upload(client, case, [("scan.pdf", PDF)], kind="document").status_code == 302
    assert writes == [True] and len(items(session)) == 1
