"""Redacted copies of photos: the pixels of the marked areas replaced with black, no metadata,
a file of its own linked to its original in both custody logs; lawyers and administrators only;
face suggestions; the redacted dossier shows the copy, never the original."""

from __future__ import annotations

import hashlib
import io
import json
import re

import numpy as np
import pytest
from PIL import Image
from sqlmodel import select

from incidents.models import AuditEvent, CustodyEvent, Evidence, EvidenceFile
from tests.conftest import csrf_token, fresh, login, post_form
from tests.evidence_stores import BOTH_STORES, read_stored, write_stored
from tests.redaction_images import photo_bytes, png_chunks, scene, upright

FACE = (320, 240)  # where scene() draws its face, upright


@pytest.fixture
def lawyer(client, signed_in):
    """A lawyer signed in on `client`."""
    return signed_in("lawyer")[0]


def photo(make_incident, make_evidence, user, *, orientation=1, image=None):
    """An incident with one photo (EXIF, GPS, comment) uploaded through the service."""
    incident = make_incident(user)
    data = photo_bytes(image or scene(), orientation=orientation)
    return make_evidence(user, incident, data=data, name="street.jpg"), data


def redact(client, item, regions="", **fields):
    """Submit the redaction form as a browser without JavaScript would."""
    path = f"/evidence/{item.id}/redact"
    return post_form(client, path, {"regions": regions, "submit": "1", **fields})


def stored_bytes(app, session, item) -> bytes:
    stored = fresh(session).get(EvidenceFile, fresh(session).get(Evidence, item.id).file_id)
    return read_stored(app, stored.stored_name)


def incident_reference(session, item) -> str:
    from incidents.models import Incident

    return session.get(Incident, item.incident_id).reference


def copies_of(session, item):
    return fresh(session).exec(select(Evidence).where(Evidence.redacted_from_id == item.id)).all()


@BOTH_STORES
def test_the_copy_replaces_the_pixels_of_each_box_and_keeps_no_metadata(
    app, client, lawyer, make_incident, make_evidence, session
):
    # stored turned on its side with EXIF orientation 6: the boxes refer to the upright picture
    item, original = photo(make_incident, make_evidence, lawyer, orientation=6)
    boxes = [(250, 150, 140, 170), (0, 0, 40, 30), (600, 440, 40, 40)]
    lines = "\n".join(", ".join(map(str, b)) for b in boxes)
    response = redact(client, item, lines)
    (copy,) = copies_of(session, item)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/evidence/{copy.id}")

    data = stored_bytes(app, session, copy)
    stored = session.get(EvidenceFile, copy.file_id)
    assert stored.sha256 == hashlib.sha256(data).hexdigest() != hashlib.sha256(original).hexdigest()
    assert stored.media_type == "image/png" and stored.has_preview
    assert stored_bytes(app, session, item) == original  # the original is never changed

    result = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    before = np.asarray(upright(original))
    assert result.shape == before.shape == (480, 640, 3)  # upright, full size
    mask = np.zeros(result.shape[:2], bool)
    for x, y, w, h in boxes:
        mask[y : y + h, x : x + w] = True
    assert (result[mask] == 0).all()  # every pixel in every box is black
    assert (result[~mask] == before[~mask]).all()  # every other pixel is as it was
    assert before[mask].mean() > 60  # (there was something there to hide)

    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif() and not image.info
    assert png_chunks(data) == ["IHDR", *["IDAT"] * (len(png_chunks(data)) - 2), "IEND"]
    for secret in (b"TestCam", b"Exif", b"GPS", b"Rosa", b"xmp", b"2025:09:12"):
        assert secret not in data

    assert (copy.kind, copy.incident_id, json.loads(copy.redaction_regions)) == (
        "photo",
        item.incident_id,
        [list(b) for b in boxes],
    )


def test_both_custody_logs_name_each_other_and_still_verify(
    app, client, lawyer, make_incident, make_evidence, session, runner
):
    from incidents.evidence import custody

    item, _ = photo(make_incident, make_evidence, lawyer)
    redact(client, item, "10, 10, 50, 50")
    (copy,) = copies_of(session, item)
    original_sha = session.get(EvidenceFile, item.file_id).sha256
    copy_sha = session.get(EvidenceFile, copy.file_id).sha256

    made = (
        fresh(session)
        .exec(select(CustodyEvent).where(CustodyEvent.action == "redacted_copy_made"))
        .one()
    )
    created = session.exec(
        select(CustodyEvent).where(CustodyEvent.evidence_id == copy.id).order_by(CustodyEvent.seq)
    ).first()
    assert made.evidence_id == item.id and made.sha256 == original_sha
    assert f"evidence {copy.id}" in made.detail and copy_sha[:16] in made.detail
    assert created.action == "redacted_copy_created" and created.sha256 == copy_sha
    assert f"evidence {item.id}" in created.detail and original_sha[:16] in created.detail
    for detail in (made.detail, created.detail):
        assert "Rosa" not in detail and "street" not in detail  # ids and hashes only

    key = app.config["AUDIT_KEY"].encode()
    result = runner.invoke(args=["evidence", "verify"])
    assert result.exit_code == 0, result.output
    for evidence in (item, copy):
        row = fresh(session).get(Evidence, evidence.id)
        log = custody.log(session, evidence.id)
        assert log[-1].action == "verified" and custody.intact(row, log, key)

    original_page = client.get(f"/evidence/{item.id}").get_data(as_text=True)
    assert "Redacted copies" in original_page and f'href="/evidence/{copy.id}"' in original_page
    assert "Redacted copy made" in original_page
    copy_page = client.get(f"/evidence/{copy.id}").get_data(as_text=True)
    assert "Redacted copy of" in copy_page and f'href="/evidence/{item.id}"' in copy_page
    assert "Created as a redacted copy" in copy_page and "chain intact" in copy_page
    case_page = client.get(f"/incidents/{incident_reference(session, item)}").get_data(as_text=True)
    assert case_page.count("redacted copy</span>") == 1
    audit = session.exec(
        select(AuditEvent).where(AuditEvent.action == "evidence_redacted_copy_made")
    ).one()
    assert audit.object_id == str(copy.id) and json.loads(audit.details)["original"] == item.id


@pytest.mark.parametrize(
    ("regions", "message"),
    [
        ("", "Mark at least one area"),
        ("   \n\n", "Mark at least one area"),
        ("ten, 10, 50, 50", "Line 1: write four whole numbers"),
        ("10, 10, 50", "Line 1: write four whole numbers"),
        ("10, -10, 50, 50", "write four whole numbers"),
        ("10.5, 10, 50, 50", "write four whole numbers"),
        ("0, 0, 10, 10\n600, 400, 50, 50", "Line 2: the box goes outside the image (640 by 480"),
        ("0, 0, 0, 10", "at least 1 pixel"),
        ("99999999, 0, 1, 1", "write four whole numbers"),
        ("\n".join("0, 0, 5, 5" for _ in range(101)), "Mark at most 100 areas"),
        ("\x00\ufffd<script>", "write four whole numbers"),
    ],
)
def test_bad_boxes_are_refused_with_a_message(
    client, lawyer, make_incident, make_evidence, session, regions, message
):
    item, _ = photo(make_incident, make_evidence, lawyer)
    response = redact(client, item, regions)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html and 'id="regions-error"' in html
    assert copies_of(session, item) == []


def test_a_forged_suggestion_is_refused(client, lawyer, make_incident, make_evidence, session):
    item, _ = photo(make_incident, make_evidence, lawyer)
    response = redact(client, item, suggestions="0,0,10,10", confirmed="5,5,700,700")
    assert response.status_code == 400  # a ticked box that was never suggested counts for nothing
    assert "Mark at least one area" in response.get_data(as_text=True)
    assert copies_of(session, item) == []


def test_only_lawyers_and_admins_of_the_organization_may_redact(
    app, client, make_user, make_incident, make_evidence, session
):
    owner, _ = make_user("caseworker")
    item, _ = photo(make_incident, make_evidence, owner)
    path = f"/evidence/{item.id}/redact"
    for role, org, status in [
        ("caseworker", "Test Legal Aid", 403),
        ("researcher", "Test Legal Aid", 403),
        ("lawyer", "Other Org", 404),
        ("admin", "Other Org", 404),
        ("lawyer", "Test Legal Aid", 200),
        ("admin", "Test Legal Aid", 200),
    ]:
        user, password = make_user(role, org=org)
        other = app.test_client()
        login(other, user.email, password)
        assert other.get(path).status_code == status, (role, org)
        token = csrf_token(other, "/home")
        sent = other.post(path, data={"regions": "1, 1, 5, 5", "submit": "1", "csrf_token": token})
        assert sent.status_code == (302 if status == 200 else status), (role, org)
        page = other.get(f"/evidence/{item.id}").get_data(as_text=True)
        assert ("Make a redacted copy" in page) == (status == 200), (role, org)
    assert len(copies_of(session, item)) == 1  # the same box twice: one copy
    lawyer, password = make_user("lawyer")
    counsel = app.test_client()
    login(counsel, lawyer.email, password)
    no_token = counsel.post(path, data={"regions": "2, 2, 5, 5", "submit": "1"})
    assert no_token.status_code == 400 and len(copies_of(session, item)) == 1
    pdf = b"%PDF-1.7\n" + b"x" * 300 + b"\n%%EOF\n"
    document = make_evidence(owner, make_incident(owner), data=pdf, name="scan.pdf")
    assert counsel.get(f"/evidence/{document.id}/redact").status_code == 404  # images only


def test_faces_are_suggested_and_blacked_out_only_once_ticked(
    app, client, lawyer, make_incident, make_evidence, session
):
    # a large photo stored turned, with EXIF orientation 6: the detector sees it upright and
    # downscaled, and its boxes come back in the original's pixels
    faces = (((1200, 1400), 500),)
    item, _ = photo(
        make_incident, make_evidence, lawyer, orientation=6, image=scene((4000, 3000), faces)
    )
    page = post_form(client, f"/evidence/{item.id}/redact", {"suggest": "1"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and re.search(r"\d+ faces? suggested", html)
    assert copies_of(session, item) == []  # nothing is blacked out by a suggestion
    suggestions = re.search(r'name="suggestions" type="hidden" value="([^"]+)"', html).group(1)
    boxes = [tuple(map(int, b.split(","))) for b in suggestions.split(";")]
    assert all(x >= 0 and y >= 0 and x + w <= 4000 and y + h <= 3000 for x, y, w, h in boxes)
    face = next(b for b in boxes if b[0] < 1200 < b[0] + b[2] and b[1] < 1400 < b[1] + b[3])
    assert 500 < face[2] < 1400  # about the face's size, in full-size pixels
    value = ",".join(map(str, face))
    assert f'value="{value}"' in html and "checked" not in html.split(value)[1][:30]

    response = redact(client, item, suggestions=suggestions, confirmed=value)
    assert response.status_code == 302
    (copy,) = copies_of(session, item)
    result = Image.open(io.BytesIO(stored_bytes(app, session, copy))).convert("RGB")
    assert result.size == (4000, 3000) and result.getpixel((1200, 1400)) == (0, 0, 0)
    assert json.loads(copy.redaction_regions) == [list(face)]


@BOTH_STORES
def test_the_redacted_dossier_shows_the_copy_and_never_an_original(
    client, lawyer, make_incident, make_evidence, session
):
    from pypdf import PdfReader

    incident = make_incident(lawyer)
    with_copy = make_evidence(lawyer, incident, data=photo_bytes(scene()), name="a.jpg")
    make_evidence(lawyer, incident, data=photo_bytes(scene(seed=3)), name="b.jpg")
    assert redact(client, with_copy, "250, 150, 140, 170").status_code == 302

    def images(profile):
        response = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile={profile}")
        assert response.status_code == 200
        reader = PdfReader(io.BytesIO(response.get_data()))
        text = "\n".join(page.extract_text() for page in reader.pages)
        return [i.image.convert("RGB") for page in reader.pages for i in page.images], text

    full, _ = images("full")
    assert len(full) == 3  # both originals and the copy
    shown, text = images("redacted")
    assert len(shown) == 1 and "Originals are not shown" in text
    assert "Received: —" not in text  # a copy entered the locker when it was made
    (image,) = shown
    scale = image.width / 640
    assert max(image.getpixel((int(320 * scale), int(235 * scale)))) < 40  # the face: black
    assert max(image.getpixel((int(100 * scale), int(400 * scale)))) > 60  # the rest: not


@BOTH_STORES
def test_an_altered_original_is_flagged_and_never_redacted(
    app, client, lawyer, make_incident, make_evidence, session
):
    item, original = photo(make_incident, make_evidence, lawyer)
    stored = session.get(EvidenceFile, item.file_id)
    altered = bytearray(original)
    altered[-100] ^= 0xFF  # same size, one byte of the picture changed
    write_stored(app, stored.stored_name, bytes(altered))
    response = redact(client, item, "10, 10, 50, 50")
    assert response.status_code == 409 and "Nothing was made" in response.get_data(as_text=True)
    assert copies_of(session, item) == []
    assert fresh(session).get(EvidenceFile, item.file_id).integrity == "altered"


def test_a_later_copy_replaces_an_earlier_one_in_the_redacted_dossier(
    client, lawyer, make_incident, make_evidence, session
):
    from pypdf import PdfReader

    incident = make_incident(lawyer)
    item = make_evidence(lawyer, incident, data=photo_bytes(scene()), name="a.jpg")
    assert redact(client, item, "100, 100, 200, 50").status_code == 302  # the face missed
    assert redact(client, item, "250, 150, 140, 170").status_code == 302  # the face covered
    assert len(copies_of(session, item)) == 2
    response = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile=redacted")
    reader = PdfReader(io.BytesIO(response.get_data()))
    (image,) = [i.image.convert("RGB") for page in reader.pages for i in page.images]
    scale = image.width / 640
    assert max(image.getpixel((int(320 * scale), int(235 * scale)))) < 40  # the newest copy
    page = client.get(f"/evidence/{item.id}").get_data(as_text=True)
    assert "The redacted dossier shows the newest copy only" in page


def test_a_copy_of_a_copy_replaces_the_first_copy(
    client, lawyer, make_incident, make_evidence, session
):
    from pypdf import PdfReader

    incident = make_incident(lawyer)
    item = make_evidence(lawyer, incident, data=photo_bytes(scene()), name="a.jpg")
    assert redact(client, item, "100, 100, 200, 50").status_code == 302  # the face missed
    (first,) = copies_of(session, item)
    assert redact(client, first, "250, 150, 140, 170").status_code == 302  # fixed from the copy
    response = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile=redacted")
    reader = PdfReader(io.BytesIO(response.get_data()))
    (image,) = [i.image.convert("RGB") for page in reader.pages for i in page.images]
    scale = image.width / 640
    assert max(image.getpixel((int(320 * scale), int(235 * scale)))) < 40
