"""Evidence files on their way out: previews made only within a pixel budget, and every
download recorded when it starts and how it ended (complete, interrupted, or with the database
busy at that moment); every preview and thumbnail fetch audited. On both stores."""

from __future__ import annotations

import os

from sqlmodel import select

from incidents.models import AuditEvent, EvidenceFile
from tests.conftest import fresh
from tests.evidence_stores import BOTH_STORES
from tests.factories import jpeg_bytes
from tests.test_evidence import PDF, items, upload

pytestmark = BOTH_STORES


def bomb_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of these dimensions, all black: a few KB that decode to megapixels."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    raw = (b"\x00" * (width // 8 + 2)) * height  # filter byte + a row of bits, each row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def test_an_image_over_the_pixel_limit_is_kept_without_a_preview(app, client, case, session):
    """A decompression bomb (a small file claiming 144 megapixels) is stored byte-exact, but no
    preview is decoded: the pixel count is read from the header first."""
    import hashlib

    from incidents.evidence.images import PREVIEW_MAX_PIXELS

    bomb = bomb_png(12_000, 12_000)
    assert len(bomb) < 64 * 1024 and PREVIEW_MAX_PIXELS < 12_000 * 12_000
    assert upload(client, case, [("bomb.png", bomb)]).status_code == 302
    item = items(session)[0]
    stored = session.get(EvidenceFile, item.file_id)
    assert stored.sha256 == hashlib.sha256(bomb).hexdigest() and not stored.has_preview
    page = client.get(f"/evidence/{item.id}").get_data(as_text=True)
    assert "12000 \u00d7 12000" in page and "more than 100 megapixels" in page
    assert client.get(f"/evidence/{item.id}/preview").status_code == 404
    download = client.get(f"/evidence/{item.id}/download")
    assert download.status_code == 200 and download.data == bomb
    # a PNG is decoded whole (no reduced-scale decoding as for JPEG): 64 megapixels is too many
    upload(client, case, [("big.png", bomb_png(8_000, 8_000))])
    png = items(session)[-1]
    assert not session.get(EvidenceFile, png.file_id).has_preview


def test_an_interrupted_download_and_every_preview_are_recorded(
    app, client, case, session, make_user
):
    """A download is recorded when it starts and when it ends — complete, or cut short with the
    bytes sent; every preview and thumbnail fetch is in the audit trail."""
    import json

    from incidents.evidence import custody

    big = b"%PDF-1.7\n" + os.urandom(3 * 1024 * 1024) + b"\n%%EOF\n"
    upload(client, case, [("big.pdf", big), ("photo.jpg", jpeg_bytes())], kind="document")
    document, photo = items(session)
    response = client.get(f"/evidence/{document.id}/download")
    first = next(iter(response.response))  # the client reads one chunk, then goes away
    assert first and len(first) < len(big)
    response.close()
    log = custody.log(fresh(session), document.id)
    assert [e.action for e in log][-2:] == ["download_started", "download_interrupted"]
    assert f"of {len(big)} bytes sent" in log[-1].detail
    with app.app_context():
        assert custody.chain_intact(log, custody.audit_key())
    events = fresh(session).exec(select(AuditEvent).order_by(AuditEvent.seq)).all()
    cut = next(e for e in events if e.action == "evidence_download_interrupted")
    assert json.loads(cut.details)["size"] == len(big)
    assert client.get(f"/evidence/{photo.id}/thumbnail").status_code == 200
    assert client.get(f"/evidence/{photo.id}/preview").status_code == 200
    viewed = [
        json.loads(e.details)["size"]
        for e in fresh(session).exec(select(AuditEvent)).all()
        if e.action == "evidence_preview_viewed" and e.object_id == str(photo.id)
    ]
    assert sorted(viewed) == ["preview", "thumbnail"]


def test_a_small_file_is_logged_downloaded_only_once_it_was_all_handed_over(client, case, session):
    """A file of one chunk: 'downloaded' is written after the server took the last bytes and
    asked for more, not before — a client gone at that moment leaves 'download_interrupted'."""
    from incidents.evidence import custody

    upload(client, case, [("scan.pdf", PDF)], kind="document")
    item = items(session)[0]
    response = client.get(f"/evidence/{item.id}/download")
    chunks = iter(response.response)
    assert next(chunks) == PDF  # handed to the server...
    response.close()  # ...which never asked for more: the client went away
    assert custody.log(fresh(session), item.id)[-1].action == "download_interrupted"
    whole = client.get(f"/evidence/{item.id}/download")
    assert whole.get_data() == PDF
    assert custody.log(fresh(session), item.id)[-1].action == "downloaded"


def test_the_end_of_a_download_is_recorded_even_if_the_database_was_busy(
    client, case, session, monkeypatch
):
    """The bytes have left: if the database is busy at that moment, the record is retried
    rather than lost (it was a traceback and no end entry)."""
    from sqlalchemy.exc import OperationalError

    from incidents.evidence import custody, integrity

    upload(client, case, [("scan.pdf", PDF)], kind="document")
    item = items(session)[0]
    real_append, busy = custody.append, []

    def append_once_busy(**kwargs):
        if kwargs.get("action") == "downloaded" and not busy:
            busy.append(True)
            raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
        return real_append(**kwargs)

    monkeypatch.setattr(integrity.custody, "append", append_once_busy)
    monkeypatch.setattr(integrity.time, "sleep", lambda _seconds: None)
    assert client.get(f"/evidence/{item.id}/download").get_data() == PDF
    assert busy and custody.log(fresh(session), item.id)[-1].action == "downloaded"
