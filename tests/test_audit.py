"""The audit trail: chained, append-only, verifiable, browsable by admins of the organization."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from incidents import audit
from incidents.models import AuditEvent
from tests.conftest import fresh, login, post_form


def verify(runner):
    return runner.invoke(args=["audit", "verify"])


def test_verify_passes_on_an_untouched_trail(client, make_user, runner):
    user, password = make_user("admin")
    login(client, user.email, password)
    login(client.application.test_client(), "x@example.org", "wrong-password-1")
    result = verify(runner)
    assert result.exit_code == 0, result.output
    assert "intact: 2 events verified" in result.output


def _tamper(session, sql: str, params: dict) -> None:
    """Change the table behind the application's back, as an intruder with file access would:
    first remove the append-only trigger, then edit."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DROP TRIGGER audit_events_no_update"))
        session.execute(text("DROP TRIGGER audit_events_no_delete"))
    else:
        session.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
    session.execute(text(sql), params)
    session.commit()


def _three_events(client, make_user, session):
    user, password = make_user("admin")
    for _ in range(3):
        login(client.application.test_client(), user.email, password)
    return [e.id for e in fresh(session).exec(select(AuditEvent).order_by(AuditEvent.seq)).all()]


def test_verify_names_the_first_edited_row(client, make_user, session, runner):
    ids = _three_events(client, make_user, session)
    _tamper(session, "UPDATE audit_events SET action = 'logout' WHERE id = :id", {"id": ids[1]})
    result = verify(runner)
    assert result.exit_code == 1
    assert f"BROKEN at row id {ids[1]}" in result.output


def test_verify_notices_a_deleted_row(client, make_user, session, runner):
    ids = _three_events(client, make_user, session)
    _tamper(session, "DELETE FROM audit_events WHERE id = :id", {"id": ids[1]})
    result = verify(runner)
    assert result.exit_code == 1 and f"row id {ids[2]}" in result.output


def test_verify_notices_the_newest_row_deleted(client, make_user, session, runner):
    ids = _three_events(client, make_user, session)
    _tamper(session, "DELETE FROM audit_events WHERE id = :id", {"id": ids[2]})
    result = verify(runner)
    assert result.exit_code == 1 and "newest rows are missing" in result.output


def test_verify_notices_newest_rows_deleted_and_the_head_moved_back(
    app, client, make_user, session, runner
):
    """An intruder without the key deletes the newest rows and sets the head to the new last
    row: the head's seal no longer matches; a database restored to an older copy is older than
    the sealed head kept outside it."""
    import os

    _three_events(client, make_user, session)
    events = fresh(session).exec(select(AuditEvent).order_by(AuditEvent.seq)).all()
    keep = events[-2]
    outside = app.config["AUDIT_HEAD_FILE"]
    kept = Path(outside).read_text()
    _tamper(session, "DELETE FROM audit_events WHERE seq = :seq", {"seq": events[-1].seq})
    session.execute(
        text("UPDATE audit_head SET seq = :seq, last_hash = :tip WHERE id = 1"),
        {"seq": keep.seq, "tip": keep.hash},
    )
    session.commit()
    os.remove(outside)  # the intruder found the outside copy too
    result = verify(runner)
    assert result.exit_code == 1 and "seal does not match" in result.output
    # a copy of the database from before the newest events, head and seal consistent
    seal = audit.seal_of(app.config["AUDIT_KEY"].encode(), keep.seq, keep.hash)
    session.execute(text("UPDATE audit_head SET seal = :seal WHERE id = 1"), {"seal": seal})
    session.commit()
    assert verify(runner).exit_code == 0  # consistent on its own...
    with open(outside, "w") as handle:
        handle.write(kept)
    restored = verify(runner)  # ...but older than the sealed head kept outside the database
    assert restored.exit_code == 1 and "older than the sealed head kept outside" in restored.output
    # the restored database goes on recording, past the kept head's number: the outside copy
    # is never advanced from it, so the restoration stays visible
    user, password = make_user("caseworker")
    for _ in range(4):
        login(client.application.test_client(), user.email, password)
    assert Path(outside).read_text() == kept
    later = verify(runner)
    assert later.exit_code == 1 and "older than the sealed head kept outside" in later.output


def test_the_database_refuses_updates_and_deletes(client, make_user, session):
    ids = _three_events(client, make_user, session)
    with pytest.raises(DBAPIError):
        session.execute(text("UPDATE audit_events SET action = 'x' WHERE id = :id"), {"id": ids[0]})
    session.rollback()
    with pytest.raises(DBAPIError):
        session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[0]})
    session.rollback()


def test_verify_with_another_key_fails(client, make_user, session, app):
    _three_events(client, make_user, session)
    result = audit.verify_chain(session=fresh(session), key=b"some other key")
    assert not result.ok and result.checked == 0


def test_details_refuse_personal_data_keys(app, session):
    with app.test_request_context(), pytest.raises(ValueError, match="personal data"):
        audit.record(session=session, action="x", details={"email": "someone@example.org"})


def test_admin_browses_filters_and_pages_the_trail(client, signed_in, make_user, session):
    admin, _ = signed_in("admin")
    other, _ = make_user("lawyer", display_name="Lou Lawyer")
    helper = client.application.test_client()
    for _ in range(55):
        login(helper, other.email, "wrong-password-1")
    html = client.get("/admin/audit").get_data(as_text=True)
    assert "Page 1 of 2" in html and "login_failure" in html
    page2 = client.get("/admin/audit?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in page2
    only = client.get(f"/admin/audit?action=login_success&actor={admin.id}").get_data(as_text=True)
    assert "login_success" in only and "login_failure" not in only.split("<tbody>")[1]
    bad = client.get("/admin/audit?date_from=2026-05-01&date_to=2026-01-01")
    assert "The end date is before the start date." in bad.get_data(as_text=True)


def test_admins_only_see_their_own_organizations_events(client, signed_in, make_user):
    signed_in("admin", org="Org A")
    outsider, password = make_user("lawyer", org="Org B")
    login(client.application.test_client(), outsider.email, password)
    html = client.get("/admin/audit?action=login_success").get_data(as_text=True)
    rows = html.split("<tbody>")[1]
    assert rows.count("login_success") == 1  # our own sign-in, not the other organization's


def test_user_administration_is_audited_without_names(client, signed_in, session):
    signed_in("admin")
    post_form(
        client,
        "/admin/users/new",
        {"email": "ana.perez@example.org", "display_name": "Ana Pérez", "role": "lawyer"},
    )
    details = " ".join(e.details for e in fresh(session).exec(select(AuditEvent)).all())
    assert "Ana" not in details and "ana.perez" not in details


def test_trail_names_people_and_the_command_line(client, signed_in, make_user, runner):
    signed_in("admin")
    lawyer, _ = make_user("lawyer")
    assert runner.invoke(args=["reset-password", lawyer.email]).exit_code == 0
    html = client.get("/admin/audit?action=user_password_reset").get_data(as_text=True)
    row = html.split("<tbody>")[1]
    assert "command line" in row  # the reset came from the CLI, not from a person
    assert f'href="/admin/users/{lawyer.id}">{lawyer.display_name}</a>' in row


def test_an_unwritable_outside_copy_never_fails_a_request(app, client, make_user, caplog):
    """The commit has happened when the copy is written: a full disk or a wrong path is logged
    (and `flask audit verify` still checks the chain and its seal), never a 500."""
    app.config["AUDIT_HEAD_FILE"] = "/dev/null/audit-head.json"
    user, password = make_user("caseworker")
    assert login(client, user.email, password).status_code == 302
    assert "could not be kept outside the database" in caplog.text


def test_a_view_that_began_reading_before_another_commit_raises_no_false_alarm(
    app, make_user, caplog
):
    """Review of issue 21: with several people at once, a view whose read began before another
    request committed (and kept the newer head outside) checked that head in its old snapshot,
    logged "does not hold the sealed audit head" and kept no head of its own."""
    from incidents import audit
    from incidents.db import get_session, reading
    from incidents.models import AuditEvent

    user, _ = make_user("caseworker")
    with app.test_request_context("/incidents"):
        reading()  # as the request guards mark a GET view
        reader = get_session()
        reader.exec(select(AuditEvent)).all()  # the view's read has begun
        with app.app_context():  # meanwhile another request records and commits
            other = get_session()
            audit.record(session=other, action="incident_list_viewed", actor=user)
            other.commit()
        audit.record(session=reader, action="incident_list_viewed", actor=user)
        reader.commit()
    assert "does not hold the sealed audit head" not in caplog.text
    kept = audit.read_outside(app.config["AUDIT_HEAD_FILE"])
    newest = fresh_session_max_seq(app)
    assert kept["seq"] == newest


def fresh_session_max_seq(app) -> int:
    from sqlalchemy import func

    from incidents.db import get_session
    from incidents.models import AuditEvent

    with app.app_context():
        return get_session().exec(select(func.max(AuditEvent.seq))).one()
