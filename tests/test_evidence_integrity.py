"""Evidence integrity: files altered, truncated or missing in the store (on disk, or in the
S3 bucket), and a tampered custody log."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import select

from incidents.models import CustodyEvent, EvidenceFile
from tests.conftest import fresh
from tests.evidence_stores import BOTH_STORES, delete_stored, write_stored
from tests.test_evidence import PDF, items, upload

pytestmark = BOTH_STORES


def _stored_name(session, item) -> str:
    return fresh(session).get(EvidenceFile, item.file_id).stored_name


def test_a_file_altered_on_disk_is_caught_by_verify_and_by_download(
    app, client, case, session, runner
):
    upload(client, case, [("scan.pdf", PDF)])
    item = items(session)[0]
    assert runner.invoke(args=["evidence", "verify"]).exit_code == 0
    altered = bytearray(PDF)
    altered[100] ^= 0xFF  # same size, one byte changed
    write_stored(app, _stored_name(session, item), bytes(altered))
    result = runner.invoke(args=["evidence", "verify"])
    assert result.exit_code == 1 and "ALTERED" in result.output and "1 altered" in result.output
    assert fresh(session).get(EvidenceFile, item.file_id).integrity == "altered"
    with pytest.raises(Exception, match="altered"):  # the stream is cut before its last chunk
        client.get(f"/evidence/{item.id}/download").get_data()
    page = client.get(f"/evidence/{item.id}").get_data(as_text=True)
    assert "ALTERED" in page and "Alteration detected" in page
    actions = [
        e.action
        for e in fresh(session).exec(
            select(CustodyEvent)
            .where(CustodyEvent.evidence_id == item.id)
            .order_by(CustodyEvent.seq)
        )
    ]
    assert actions[:3] == ["received", "verified", "altered_detected"]
    assert "downloaded" not in actions


def test_a_truncated_file_is_refused_before_streaming(app, client, case, session):
    upload(client, case, [("scan.pdf", PDF)])
    item = items(session)[0]
    write_stored(app, _stored_name(session, item), PDF[:100])
    response = client.get(f"/evidence/{item.id}/download")
    assert response.status_code == 409 and "not delivered" in response.get_data(as_text=True)


def test_a_missing_file_is_reported_without_crashing(app, client, case, session, runner):
    upload(client, case, [("scan.pdf", PDF)])
    item = items(session)[0]
    delete_stored(app, _stored_name(session, item))
    response = client.get(f"/evidence/{item.id}/download")
    assert response.status_code == 410 and "missing" in response.get_data(as_text=True)
    assert "MISSING" in client.get(f"/evidence/{item.id}").get_data(as_text=True)
    result = runner.invoke(args=["evidence", "verify"])
    assert result.exit_code == 1 and "MISSING" in result.output


def test_a_tampered_custody_log_shows_as_broken(client, case, session):
    upload(client, case, [("scan.pdf", PDF)])
    item = items(session)[0]
    client.get(f"/evidence/{item.id}")
    session.rollback()
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DROP TRIGGER custody_events_no_update"))
    else:
        session.execute(text("ALTER TABLE custody_events DISABLE TRIGGER USER"))
    session.execute(text("UPDATE custody_events SET actor_id = NULL WHERE seq = 1"))
    session.commit()
    assert "chain broken" in client.get(f"/evidence/{item.id}").get_data(as_text=True)
    if session.get_bind().dialect.name != "sqlite":
        session.execute(text("ALTER TABLE custody_events ENABLE TRIGGER USER"))
        session.commit()


def test_removing_the_newest_custody_entries_shows_and_is_never_sealed_over(client, case, session):
    """The item's custody head is sealed with the audit key: deleting the newest entries and
    moving the head back (no key needed) leaves the log broken, and later entries do not
    seal over the gap."""
    upload(client, case, [("scan.pdf", PDF)])
    item = items(session)[0]
    client.get(f"/evidence/{item.id}")  # "viewed"
    assert "chain intact" in client.get(f"/evidence/{item.id}").get_data(as_text=True)
    session.rollback()
    postgres = session.get_bind().dialect.name != "sqlite"
    if postgres:
        session.execute(text("ALTER TABLE custody_events DISABLE TRIGGER USER"))
    else:
        session.execute(text("DROP TRIGGER custody_events_no_delete"))
    newest = session.execute(
        text("SELECT MAX(seq) FROM custody_events WHERE evidence_id = :id"), {"id": item.id}
    ).scalar()
    session.execute(
        text("DELETE FROM custody_events WHERE evidence_id = :id AND seq = :seq"),
        {"id": item.id, "seq": newest},
    )
    tip = session.execute(
        text("SELECT entry_hash FROM custody_events WHERE evidence_id = :id AND seq = :seq"),
        {"id": item.id, "seq": newest - 1},
    ).scalar()
    session.execute(
        text("UPDATE evidence SET custody_seq = :seq, custody_tip = :tip WHERE id = :id"),
        {"seq": newest - 1, "tip": tip, "id": item.id},
    )
    session.commit()
    if postgres:
        session.execute(text("ALTER TABLE custody_events ENABLE TRIGGER USER"))
        session.commit()
    assert "chain broken" in client.get(f"/evidence/{item.id}").get_data(as_text=True)
    assert "chain broken" in client.get(f"/evidence/{item.id}").get_data(as_text=True)
