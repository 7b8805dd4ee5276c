"""The audit trail's words and the job pages in Spanish (issue 21): a Spanish administrator
reads the trail's sentences, details and filter menu in Spanish while the stored action codes
and the CSV export stay exactly as they were (evidence); a job's stored English message reads
in the reader's language without being changed."""

from __future__ import annotations

import csv
import io
import re

from sqlmodel import select

from incidents import audit
from incidents.admin import trail_labels
from incidents.i18n import in_english
from incidents.models import AuditEvent
from tests.conftest import fresh, login
from tests.test_i18n_pages import _spanish

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_a_spanish_administrator_reads_the_trail_in_spanish(
    client, make_user, make_incident, session
):
    admin, password = make_user("admin", display_name="Ada Admin")
    caseworker, _ = make_user("caseworker", display_name="Carl Caseworker")
    case = make_incident(caseworker)
    with client.application.test_request_context():
        audit.record(
            session=session,
            action="incidents_imported",
            actor=caseworker,
            details={"imported": 1200, "rejected": 1, "reason": "bad_password"},
        )
        session.commit()
    login(client, admin.email, password)
    english = client.get("/admin/audit").get_data(as_text=True)
    assert "Why: wrong password. 1,200 imported, 1 rejected." in english
    assert f'recorded <a href="/incidents/{case.reference}">' in english
    assert "Recorded a case" in english and ">signed in<" in english
    assert "Download the whole trail (CSV)" in english
    codes_before = fresh(session).exec(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    _spanish(client, "/admin/audit")
    html = client.get("/admin/audit").get_data(as_text=True)
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert f'registró <a href="/incidents/{case.reference}">{case.reference}</a>' in body
    assert ">inició sesión<" in body and "signed in" not in body
    assert "Registró un caso" in html and "Recorded a case" not in html  # the filter menu
    assert "Inicio de sesión y cuenta propia" in html and "Cualquier acción" in html
    assert "Descargar todo el registro (CSV)" in html
    assert "Motivo: contraseña incorrecta. 1.200 importados, 1 rechazado." in body
    assert 'data-action="incident_created"' in body  # the code, as stored
    stored = fresh(session).exec(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert stored[: len(codes_before)] == codes_before
    assert "incident_created" in stored and "login_success" in stored
    exported = client.get("/admin/audit/export.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported)))
    created = next(row for row in rows if row["action"] == "incident_created")
    assert created["what_happened"] == f"Carl Caseworker recorded {case.reference}"
    imported = next(row for row in rows if row["action"] == "incidents_imported")
    assert imported["details_in_words"] == "Why: wrong password. 1,200 imported, 1 rejected."
    assert "registró" not in exported and "inició sesión" not in exported  # evidence: English
    page = client.get("/admin/audit").get_data(as_text=True)  # the export left Spanish intact
    assert "Registró un caso" in page


def test_every_spanish_sentence_keeps_its_placeholders(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        for action in trail_labels.ACTIONS.values():
            spanish = trail_labels.sentence_of(action)
            wanted = set(PLACEHOLDER.findall(action.sentence))
            assert set(PLACEHOLDER.findall(spanish)) == wanted, action.code
            assert spanish != action.sentence or not re.search("[a-z]{4}", spanish), action.code
        with in_english():
            assert trail_labels.sentence_of(trail_labels.ACTIONS["logout"]) == "signed out"
        assert trail_labels.sentence_of(trail_labels.ACTIONS["logout"]) == "cerró sesión"
