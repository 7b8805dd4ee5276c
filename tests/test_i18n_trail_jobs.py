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
from incidents.jobs import messages, runner
from incidents.models import AuditEvent, Job
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


# what the job kinds store (English, as the code writes it) → what a Spanish reader sees
STORED = {
    "Waiting for a worker": "Esperando un proceso disponible",
    "Done": "Hecho",
    runner.INTERRUPTED: "Interrumpido: el proceso que lo ejecutaba se detuvo antes de terminar.",
    "12 of 40 dossiers": "12 de 40 expedientes",
    "39 dossiers in the bundle; 1 left out (archived or removed since)": (
        "39 expedientes en el paquete; 1 omitido (archivado o eliminado desde entonces)"
    ),
    "1,200 of 15,000 rows checked": "1.200 de 15.000 filas comprobadas",
    "0 of 15,000 rows written": "0 de 15.000 filas escritas",
    "15,000 rows written; yours to download once": "15.000 filas escritas; puede descargarlas",
    "30 of 40 files checked": "30 de 40 archivos comprobados",
    "40 files checked: 1 missing, 0 altered.": "40 archivos comprobados; faltantes: 1;",
    "Imported 1200 incidents; updated 3 incidents; 2 rows with problems skipped.": (
        "Se importaron 1.200 incidentes; se actualizaron 3 incidentes; 2 filas con problemas"
    ),
    "Checked: 1200 rows, all valid; nothing was written yet.": "Comprobado: 1.200 filas",
    "Failed: an unexpected error. An administrator finds job 7 in the server log.": (
        "Un administrador encuentra el trabajo 7 en el registro del servidor."
    ),
}


def test_the_messages_jobs_store_read_in_spanish_and_unknown_ones_as_stored(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        for stored, spanish in STORED.items():
            assert spanish in messages.shown(stored), stored
        unknown = "Something a later version writes: 3 of 4 widgets"
        assert messages.shown(unknown) == unknown
        assert messages.shown("Nothing imported: a problem this version never wrote") == (
            "Nothing imported: a problem this version never wrote"
        )
    with app.test_request_context(headers={"Accept-Language": "en"}):
        for stored in STORED:
            assert messages.shown(stored) == stored  # English: exactly as stored


def test_a_spanish_user_reads_a_jobs_message_in_spanish(client, signed_in, session):
    admin, _ = signed_in("admin")
    job = Job(
        organization_id=admin.organization_id,
        started_by_id=admin.id,
        kind="evidence_verification",
        status="running",
        progress_done=30,
        progress_total=40,
        message="30 of 40 files checked",
    )
    session.add(job)
    session.commit()
    english = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "30 of 40 files checked" in english and "Verification of all evidence" in english
    _spanish(client, f"/jobs/{job.id}")
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "30 de 40 archivos comprobados" in page and "30 of 40 files checked" not in page
    assert "Verificación de todas las pruebas" in page
    assert "30 de 40 archivos comprobados" in client.get("/jobs").get_data(as_text=True)
    progress = client.get(f"/jobs/{job.id}/progress").get_json()
    assert progress["message"] == "30 de 40 archivos comprobados"
    assert fresh(session).get(Job, job.id).message == "30 of 40 files checked"  # as stored
