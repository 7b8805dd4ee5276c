"""Audit details read as sentences: what an administrator sees for the details the code base
records (codes become labels, ids become names and references, counts agree in number)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from incidents.admin.trail_refs import Ref, Refs
from incidents.admin.trail_rows import _row

CASE = Ref("ABC-2025-0001", "cases.show_incident", (("reference", "ABC-2025-0001"),))
PEOPLE = {1: "Ada Admin", 2: "Lena Lawyer", 3: "Carl Caseworker"}
SAMPLES = [
    (
        "incident_assigned",
        "incident",
        {"caseworker_id": {"from": None, "to": 3}, "lawyer_id": {"from": 2, "to": 2}},
        "Lena Lawyer changed who works on ABC-2025-0001",
        "Caseworker: nobody → Carl Caseworker.",
    ),
    (
        "incident_updated",
        "incident",
        {"sections": ["people", "timeline"], "fields": ["a", "b"], "source": "import"},
        "Lena Lawyer edited ABC-2025-0001",
        "Sections changed: People, Timeline (2 fields). Through an import.",
    ),
    (
        "incident_returned",
        "incident",
        {"from": "under_review", "to": "draft"},
        "Lena Lawyer returned ABC-2025-0001 for changes",
        "From Submitted for review to Draft.",
    ),
    (
        "incident_list_viewed",
        None,
        {"filters": ["status", "agency"], "search": True, "page": 2, "archived": False},
        "Lena Lawyer viewed the list of cases",
        "Filters used: status, agency. With a search. Page 2.",
    ),
    (
        "user_sessions_ended",
        "user",
        {"sessions": 1, "calendar_feed_stopped": True},
        "Lena Lawyer signed Carl Caseworker out everywhere",
        "Calendar feed stopped. 1 session ended.",
    ),
    (
        "user_role_changed",
        "user",
        {"from": "caseworker", "to": "lawyer"},
        "Lena Lawyer changed the role of Carl Caseworker",
        "From Caseworker to Lawyer.",
    ),
    ("login_failure", "user", {"reason": "bad_password"}, None, "Why: wrong password."),
    (
        "incidents_imported",
        None,
        {"rows": 10, "imported": 8, "rejected": 1, "problems": 1, "refused": False},
        "Lena Lawyer imported cases from a file",
        "10 rows, 8 imported, 1 rejected, 1 problem.",
    ),
    ("audit_verified", None, {"ok": False}, None, "The chain was BROKEN."),
    (
        "calendar_feed_read",
        None,
        {"scope": "all"},
        "Lena Lawyer viewed the calendar feed of the whole organization",
        "",
    ),
    (
        "redaction_reviewed",
        "incident",
        {"review": 2, "found": {"name": 3, "a_number": 1}},
        "Lena Lawyer signed off the redaction of ABC-2025-0001",
        "Sign-off no. 2. Found: 1 A-number, 3 name.",
    ),
    (
        "records_request_created",
        "records_request",
        {"kind": "foia", "status": "sent", "incidents": [1, 55], "due_computed": True},
        "Lena Lawyer recorded records request no. 9 (not found)",
        "Kind: FOIA request (federal). Status: Sent. Cases: ABC-2025-0001, case no. 55 "
        "(not found). Answer date computed by the FOIA rule.",
    ),
    ("retired_code_name", "incident", {"some_key": [1, 2]}, None, "Some key: 1, 2."),
]


@pytest.mark.parametrize(("action", "kind", "details", "sentence", "words"), SAMPLES)
def test_details_read_as_sentences(app, action, kind, details, sentence, words):
    refs = Refs({("incident", 1): CASE}, PEOPLE)
    ids = {"incident": 1, "user": 3, "records_request": 9}
    event = SimpleNamespace(
        seq=1,
        occurred_at=datetime(2026, 1, 2, tzinfo=UTC),
        actor_id=2 if action not in ("login_failure", "audit_verified") else None,
        action=action,
        object_type=kind,
        object_id=str(ids[kind]) if kind else None,
        client_addr="192.0.2.1" if action == "login_failure" else None,
        details=json.dumps(details),
    )
    with app.test_request_context():
        row = _row(event, details, refs)
    if sentence:
        assert row.sentence == sentence
    assert row.details_text == words
    assert "_" not in row.sentence + row.details_text and "{" not in row.details_text


def test_who_did_it(app):
    refs = Refs({}, PEOPLE)
    with app.test_request_context():
        failed = _row(_event("login_failure", client_addr="192.0.2.1"), {}, refs)
        imported = _row(_event("incident_created"), {}, refs)
    assert failed.sentence.startswith("Someone not signed in failed to sign in as")
    assert imported.who == "command line / import"


def _event(action, **fields):
    found = {
        "seq": 1,
        "occurred_at": datetime(2026, 1, 2, tzinfo=UTC),
        "actor_id": None,
        "action": action,
        "object_type": None,
        "object_id": None,
        "client_addr": None,
        "details": "{}",
    }
    return SimpleNamespace(**{**found, **fields})
