"""The audit trail as a spreadsheet: the filtered events in words and raw, streamed a batch at a
time, and the download itself recorded in the trail."""

from __future__ import annotations

import csv
import io
import json

from sqlmodel import select

from incidents.admin import trail
from incidents.models import AuditEvent
from tests.conftest import fresh, login


def _csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_export_holds_sentences_and_raw_columns_and_is_audited(
    client, make_user, make_incident, session, monkeypatch
):
    admin, password = make_user("admin", display_name="Ada Admin")
    caseworker, _ = make_user("caseworker", display_name="=HYPERLINK(evil)")
    case = make_incident(caseworker)
    login(client, admin.email, password)
    monkeypatch.setattr(trail, "EXPORT_BATCH", 2)  # several batches, each its own query
    response = client.get("/admin/audit/export.csv")
    assert response.is_streamed
    rows = _csv(response)
    assert list(rows[0]) == [
        "seq",
        "time_utc",
        "who",
        "what_happened",
        "details_in_words",
        "actor_id",
        "action",
        "object",
        "details",
    ]
    assert [int(r["seq"]) for r in rows] == sorted(int(r["seq"]) for r in rows)  # oldest first
    created = next(r for r in rows if r["action"] == "incident_created")
    assert created["what_happened"] == f"'=HYPERLINK(evil) recorded {case.reference}"
    assert created["who"].startswith("'=")  # never read as a formula
    assert created["object"] == f"incident:{case.id}"
    assert json.loads(created["details"]) == {"reference": case.reference}
    assert created["time_utc"].endswith("Z") and created["actor_id"] == str(caseworker.id)
    signed_in = next(r for r in rows if r["action"] == "login_success")
    assert signed_in["what_happened"] == "Ada Admin signed in"
    # the download is in the trail, with what it held
    exported = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "audit_trail_exported"))
        .one()
    )
    details = json.loads(exported.details)
    assert exported.actor_id == admin.id and details["rows"] == len(rows)
    assert details["complete"] is True and len(details["sha256"]) == 64
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "downloaded the audit trail as a spreadsheet (CSV)" in page
    assert f"{len(rows)} rows." in page


def test_the_export_keeps_the_filters_and_says_so(client, make_user, make_incident, session):
    admin, password = make_user("admin", display_name="Ada Admin")
    lawyer, lawyer_password = make_user("lawyer", display_name="Lena Lawyer")
    login(client.application.test_client(), lawyer.email, lawyer_password)
    login(client, admin.email, password)
    rows = _csv(client.get(f"/admin/audit/export.csv?actor={lawyer.id}&action=login_success"))
    assert [r["what_happened"] for r in rows] == ["Lena Lawyer signed in"]
    exported = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "audit_trail_exported"))
        .one()
    )
    assert json.loads(exported.details)["filters"] == {
        "actor": lawyer.id,
        "action": "login_success",
    }
    page = client.get("/admin/audit?action=audit_trail_exported").get_data(as_text=True)
    assert f'by <a href="/admin/users/{lawyer.id}">Lena Lawyer</a>' in page
    assert "Filters: action “Signed in”" in page and "1 row." in page


def test_bad_filters_export_nothing(client, signed_in, session):
    signed_in("admin")
    response = client.get("/admin/audit/export.csv?object=Maria+Lopez")
    assert response.status_code == 302 and "/admin/audit" in response.headers["Location"]
    assert (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "audit_trail_exported"))
        .first()
        is None
    )


def test_a_download_cut_off_is_recorded_as_such(
    app, make_user, make_incident, session, monkeypatch
):
    """Memory does not grow with the trail: a batch at a time; closing the stream early still
    leaves its record."""
    from incidents.admin.trail_export import stream_csv

    admin, _ = make_user("admin")
    for _ in range(3):
        make_incident(admin)
    monkeypatch.setattr(trail, "EXPORT_BATCH", 1)
    with app.test_request_context():
        fresh(session)
        chunks = stream_csv(session=session, actor=admin, filters=trail.Filters())
        assert next(chunks).startswith("seq,")
        next(chunks)
        chunks.close()
    exported = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "audit_trail_exported"))
        .one()
    )
    assert json.loads(exported.details)["complete"] is False
