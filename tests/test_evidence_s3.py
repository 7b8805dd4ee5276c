"""Evidence on S3-compatible object storage, against moto's S3 server on a local port: what is
in the bucket (content addresses under the prefix, previews under derived/, server-side
encryption), large files in several parts, a file changed before it reached the bucket, the
dossier's photo exhibits, `flask evidence verify` on objects altered or deleted in the bucket,
a store that cannot be reached, and the one-line errors of a misconfigured store. The evidence
tests of test_evidence*.py also run on this store (tests/evidence_stores.BOTH_STORES)."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from incidents.models import EvidenceFile
from tests.conftest import fresh
from tests.evidence_stores import (
    CONTENT_NAME,
    CREDENTIALS,
    ONLY_S3,
    delete_stored,
    head,
    keys,
    stored_originals,
    working_files,
    write_stored,
)
from tests.factories import jpeg_bytes
from tests.test_evidence import PDF, items, upload

pytestmark = ONLY_S3


def _stored(session, item) -> EvidenceFile:
    return fresh(session).get(EvidenceFile, item.file_id)


def _blue_jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 40, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_uploads_live_in_the_bucket_encrypted_and_come_back_byte_exact(
    app_config, s3_bucket, make_user, make_incident, session
):
    """Upload through the form, download the same bytes; the bucket holds the original at its
    content address under the prefix and the previews under derived/, every object encrypted
    (SSE header present); nothing of it stays on the local disk."""
    from tests.conftest import login

    app_config.update(EVIDENCE_S3_PREFIX="team-a", EVIDENCE_S3_SSE="AES256")
    from incidents import create_app

    app = create_app(app_config)
    client = app.test_client()
    user, password = make_user("caseworker")
    case = make_incident(user)
    login(client, user.email, password)
    photo = jpeg_bytes()
    assert upload(client, case, [("scan.pdf", PDF), ("photo.jpg", photo)]).status_code == 302
    document, image = items(session)
    for item, original in ((document, PDF), (image, photo)):
        download = client.get(f"/evidence/{item.id}/download")
        assert download.status_code == 200 and download.get_data() == original
        assert _stored(session, item).sha256 == hashlib.sha256(original).hexdigest()
    sha = hashlib.sha256(photo).hexdigest()
    assert all(key.startswith("team-a/") for key in keys(app))
    assert f"team-a/derived/{_stored(session, image).organization_id}/{sha}-preview.jpg" in keys(
        app
    )
    names = stored_originals(app)
    assert len(names) == 2 and all(CONTENT_NAME.match(name) for name in names)
    for key in keys(app):
        assert head(app, key.removeprefix("team-a/"))["ServerSideEncryption"] == "AES256"
    assert client.get(f"/evidence/{image.id}/preview").status_code == 200
    assert client.get(f"/evidence/{image.id}/thumbnail").status_code == 200
    evidence_dir = Path(app_config["EVIDENCE_DIR"])
    assert [p for p in evidence_dir.rglob("*") if p.is_file()] == []  # no local copy kept
    app.extensions["db_engine"].dispose()


def test_kms_encryption_names_its_key(app_config, s3_bucket, make_user, make_incident, session):
    """EVIDENCE_S3_SSE=aws:kms with a key id: each object says so, with the key."""
    from incidents import create_app
    from tests.conftest import login

    app_config.update(EVIDENCE_S3_SSE="aws:kms", EVIDENCE_S3_KMS_KEY_ID="alias/evidence")
    app = create_app(app_config)
    client = app.test_client()
    user, password = make_user("caseworker")
    login(client, user.email, password)
    upload(client, make_incident(user), [("scan.pdf", PDF)])
    (name,) = stored_originals(app)
    meta = head(app, name)
    assert meta["ServerSideEncryption"] == "aws:kms" and meta["SSEKMSKeyId"] == "alias/evidence"
    app.extensions["db_engine"].dispose()


def test_a_file_of_several_parts_comes_back_whole(app, client, case, session):
    """A file larger than one part (8 MiB) is sent in two and downloaded byte-exact."""
    big = b"%PDF-1.7\n" + os.urandom(9 * 1024 * 1024) + b"\n%%EOF\n"
    assert upload(client, case, [("big.pdf", big)], kind="document").status_code == 302
    (item,) = items(session)
    assert client.get(f"/evidence/{item.id}/download").get_data() == big
    assert working_files(app) == []


def test_a_file_changed_before_it_reached_the_bucket_is_not_stored(app, session):
    """The upload is hashed as received, then again on its way to the bucket: if the bytes
    differ, the multipart upload is aborted and nothing is stored."""
    from incidents.evidence import storage
    from incidents.evidence.stores import HashMismatch
    from tests.evidence_stores import client as s3_client

    with app.test_request_context():
        incoming = storage.incoming_file()
        incoming.write(PDF)
        incoming.flush()
        with open(incoming.path, "r+b") as handle:  # the local file changes after receipt
            handle.seek(50)
            handle.write(b"X")
        with pytest.raises(HashMismatch):
            storage.keep(incoming, 1)
        storage.discard_unclaimed()
    s3 = s3_client(app.config["EVIDENCE_S3_ENDPOINT_URL"])
    assert keys(app) == []
    assert not s3.list_multipart_uploads(Bucket=app.config["EVIDENCE_S3_BUCKET"]).get("Uploads")
    assert working_files(app) == []


def test_the_dossier_shows_photos_from_the_bucket_and_a_deleted_one_as_missing(
    app, client, signed_in, make_incident, make_evidence, session
):
    """The dossier's photo appendix draws the previews kept in the bucket; an original deleted
    from the bucket is listed as missing."""
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    kept = make_evidence(lawyer, incident, data=jpeg_bytes(), name="kept.jpg")
    gone = make_evidence(lawyer, incident, data=_blue_jpeg(), name="gone.jpg")
    delete_stored(app, _stored(session, gone).stored_name)
    response = client.get(f"/incidents/{incident.reference}/dossier.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.get_data()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert sum(len(page.images) for page in reader.pages) == 2  # both previews, from the bucket
    assert "MISSING from the evidence store" in text
    assert _stored(session, kept).sha256 in text


def test_verify_reports_objects_altered_or_deleted_in_the_bucket(
    app, client, case, session, runner
):
    """`flask evidence verify` re-reads every object: one changed in the bucket is ALTERED,
    one deleted is MISSING, and the command exits 1."""
    upload(client, case, [("scan.pdf", PDF), ("photo.jpg", jpeg_bytes())])
    document, photo = items(session)
    assert runner.invoke(args=["evidence", "verify"]).exit_code == 0
    write_stored(app, _stored(session, document).stored_name, PDF.replace(b"%PDF", b"%PDX"))
    delete_stored(app, _stored(session, photo).stored_name)
    result = runner.invoke(args=["evidence", "verify"])
    assert result.exit_code == 1
    assert "ALTERED" in result.output and "MISSING" in result.output
    assert "2 files checked: 1 missing, 1 altered." in result.output
    assert _stored(session, document).integrity == "altered"
    assert _stored(session, photo).integrity == "missing"


def test_a_store_out_of_reach_is_said_so_and_flags_nothing(
    app, client, case, session, runner, s3_server
):
    """A bucket that is not there (or a store that cannot be reached) is an error page and a
    one-line command error; no item is flagged missing for it."""
    from tests.evidence_stores import client as s3_client

    upload(client, case, [("scan.pdf", PDF)])
    (item,) = items(session)
    s3 = s3_client(s3_server)
    bucket = app.config["EVIDENCE_S3_BUCKET"]
    for key in keys(app):
        s3.delete_object(Bucket=bucket, Key=key)
    s3.delete_bucket(Bucket=bucket)
    response = client.get(f"/evidence/{item.id}/download")
    assert response.status_code == 503
    assert "evidence store refused the request (S3 NoSuchBucket)" in response.get_data(as_text=True)
    result = runner.invoke(args=["evidence", "verify"])
    assert result.exit_code != 0 and "NoSuchBucket" in result.output
    assert _stored(session, item).integrity != "missing"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"EVIDENCE_S3_BUCKET": ""}, "EVIDENCE_STORAGE=s3 needs EVIDENCE_S3_BUCKET"),
        ({"EVIDENCE_STORAGE": "ftp"}, "EVIDENCE_STORAGE must be filesystem or s3"),
        ({"EVIDENCE_S3_SSE": "DES"}, "EVIDENCE_S3_SSE must be AES256 or aws:kms"),
        ({"EVIDENCE_S3_KMS_KEY_ID": "k"}, "EVIDENCE_S3_KMS_KEY_ID is set but EVIDENCE_S3_SSE"),
        ({"EVIDENCE_S3_ENDPOINT_URL": "minio:9000"}, "must start with https:// or http://"),
    ],
)
def test_a_misconfigured_store_stops_the_start_with_one_line(
    app_config, s3_bucket, settings, message
):
    from incidents import create_app

    app_config.update(settings)
    with pytest.raises(SystemExit, match=message) as stopped:
        create_app(app_config)
    assert str(stopped.value.code).startswith("Configuration error: ")
    assert "\n" not in str(stopped.value.code)


def test_missing_credentials_are_named_on_the_command_line(app_config, s3_bucket, tmp_path):
    """`flask …` with the S3 store chosen but no credentials: one line on stderr, exit 1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        FLASK_APP="wsgi.py",
        INSTANCE_PATH=str(tmp_path / "instance"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}",
        AWS_EC2_METADATA_DISABLED=CREDENTIALS["AWS_EC2_METADATA_DISABLED"],
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        **s3_bucket,
    )
    flask = Path(sys.executable).with_name("flask")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [str(flask), "evidence", "verify"], cwd=root, env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Configuration error: EVIDENCE_STORAGE=s3 but no credentials were found: set "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or an instance role)"
    )
