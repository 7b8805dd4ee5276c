"""Bulk import from spreadsheets (command line): round trip, every rule reported by row and
column, all-or-nothing, --skip-invalid, --update, codes and labels, encodings, duplicates, people
matched as the forms match them, audit, template and guide."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from incidents.imports.columns import COLUMNS
from incidents.imports.guide import markdown, template_csv
from incidents.models import AuditEvent, Incident, IncidentPerson, Person
from incidents.vocab import ENCOUNTER_TYPE, ID_DOCUMENT, LEGAL_STATUS, OUTCOME
from tests.conftest import fresh
from tests.import_files import FULL_ROW, count, minimal, run, write_csv


def test_round_trip_every_column_reaches_the_case_pages(
    client, signed_in, runner, session, tmp_path
):
    signed_in("caseworker")
    result = run(runner, write_csv(tmp_path / "full.csv", [FULL_ROW]))
    assert result.exit_code == 0, result.output
    assert "Imported 1 incident." in result.output
    incident = fresh(session).execute(select(Incident)).scalar_one()
    assert (incident.date_precision, incident.occurred_on.isoformat()) == ("month", "2025-03-01")
    case = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    person_id = fresh(session).execute(select(IncidentPerson.person_id)).scalar_one()
    person = client.get(f"/people/{person_id}").get_data(as_text=True)
    pages = case + person
    for shown in (
        "March 2025",
        "Joliet",
        "Will",
        "Will, IL, 60435",
        "60435",
        "Traffic stop",
        "ICE Enforcement and Removal Operations (ERO)",
        "Local police department",
        "Clearview AI",
        "1:N (search)",
        "Probable cause",
        "Agent&#39;s visual check in the field",
        "Marisol Quintanilla Vega",
        "Mari Q; M. Vega",
        "1988-11-30",
        "A098-765-432",
        "+1 815 555 0110",
        "marisol.q@example.org",
        "410 Cass Street",
        "Female",
        "Mexico",
        "Spanish",
        "Lawful permanent resident",
        "Green card",
        "Driver",
        "Ignored",
        "Confiscated",
        "30",
        "Detainer lodged",
        "Stopped on I-80",
    ):
        assert shown in pages, shown


def test_every_rule_is_reported_by_row_and_column_and_nothing_is_written(
    runner, session, tmp_path, make_user
):
    make_user("caseworker")
    bad = [
        minimal(occurred_on="2025-13-01"),
        minimal(occurred_on="2999-01-01"),
        minimal(state="ZZ"),
        minimal(encounter_type="alien abduction"),
        minimal(zip="1234"),
        minimal(subject_name="A B", subject_a_number="B123"),
        minimal(subject_name="A B", subject_phone="12"),
        minimal(subject_name="A B", subject_email="not-an-email"),
        minimal(subject_name="A B", subject_dob="1850-01-01"),
        minimal(subject_name="A B", subject_nationality="Atlantis"),
        minimal(frt_system="skynet"),
        minimal(frt_sole_basis="maybe"),
        minimal(detained_hours="-3"),
        minimal(agencies="Pinkertons"),
        minimal(documents_presented="library card"),
        minimal(documents_presented="green_card", documents_response="ignored;accepted"),
        minimal(frt_mode="one_to_one"),
        minimal(subject_dob="1990-01-01"),
        minimal(reference="XYZ-12"),
        minimal(city="x" * 101),
        minimal(occurred_on=""),
    ]
    good = minimal()
    path = write_csv(tmp_path / "bad.csv", [good, *bad], header=[c.name for c in COLUMNS])
    result = run(runner, path)
    assert result.exit_code != 0
    expected = [
        (3, "occurred_on"),
        (4, "occurred_on"),
        (5, "state"),
        (6, "encounter_type"),
        (7, "zip"),
        (8, "subject_a_number"),
        (9, "subject_phone"),
        (10, "subject_email"),
        (11, "subject_dob"),
        (12, "subject_nationality"),
        (13, "frt_system"),
        (14, "frt_sole_basis"),
        (15, "detained_hours"),
        (16, "agencies"),
        (17, "documents_presented"),
        (18, "documents_response"),
        (19, "frt_system"),
        (20, "subject_name"),
        (21, "reference"),
        (22, "city"),
        (23, "occurred_on"),
    ]
    for row, column in expected:
        assert f"row {row}, {column}" in result.output, (row, column, result.output)
    assert "row 2," not in result.output
    assert "Nothing imported" in result.output and "21 of 22 rows" in result.output
    assert count(session, Incident) == 0 and count(session, Person) == 0
    for personal in ("B123", "not-an-email", "1850-01-01"):
        assert personal not in result.output  # personal values are masked
    assert "(hidden, 4 characters)" in result.output
    event = (
        fresh(session).execute(select(AuditEvent).order_by(AuditEvent.seq.desc())).scalars().first()
    )
    details = json.loads(event.details)
    assert event.action == "incidents_imported" and details["refused"] is True
    assert details["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_skip_invalid_imports_the_valid_rows(runner, session, tmp_path, make_user):
    make_user("caseworker")
    path = write_csv(tmp_path / "mixed.csv", [minimal(), minimal(state="ZZ"), minimal(state="NM")])
    assert run(runner, path).exit_code != 0 and count(session, Incident) == 0
    result = run(runner, path, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "row 3, state" in result.output and "Imported 2 incidents" in result.output
    assert sorted(fresh(session).execute(select(Incident.state)).scalars()) == ["NM", "TX"]
    dry = run(runner, path, "--dry-run", "--skip-invalid")
    assert "nothing was written" in dry.output and count(session, Incident) == 2


def test_codes_and_labels_any_case(runner, session, tmp_path, make_user):
    make_user("caseworker")
    rows = []
    for vocabulary, column in (
        (ENCOUNTER_TYPE, "encounter_type"),
        (OUTCOME, "outcome"),
        (LEGAL_STATUS, "subject_legal_status"),
    ):
        code, label = vocabulary.items[1]
        extra = {"subject_name": "P Q"} if column.startswith("subject") else {}
        rows.append(minimal(**{column: code.upper(), **extra}))
        rows.append(minimal(**{column: label.lower(), **extra, "occurred_on": "2025-05-02"}))
    result = run(runner, write_csv(tmp_path / "codes.csv", rows))
    assert result.exit_code == 0, result.output
    stored = (
        fresh(session).execute(
            select(Incident.encounter_type, Incident.outcome).order_by(Incident.id)
        )
    ).all()
    assert stored[0].encounter_type == stored[1].encounter_type == ENCOUNTER_TYPE.codes[1]
    assert stored[2].outcome == stored[3].outcome == OUTCOME.codes[1]
    statuses = fresh(session).execute(select(Person.legal_status)).scalars().all()
    assert statuses == [LEGAL_STATUS.codes[1]] * 2


def test_labels_as_the_spanish_guide_shows_them(runner, session, tmp_path, make_user):
    """The Spanish column guide shows Spanish labels and says a cell may hold one: a state,
    an encounter type and a legal status given in Spanish (any case) are read as their codes."""
    make_user("caseworker")
    row = minimal(
        state="Nueva York",
        encounter_type="detención en la calle",
        subject_name="P Q",
        subject_legal_status="CIUDADANO ESTADOUNIDENSE DE NACIMIENTO",
    )
    result = run(runner, write_csv(tmp_path / "spanish.csv", [row]))
    assert result.exit_code == 0, result.output
    incident = fresh(session).execute(select(Incident)).scalar_one()
    assert (incident.state, incident.encounter_type) == ("NY", "street_stop")
    assert fresh(session).execute(select(Person.legal_status)).scalar_one() == "us_citizen_birth"


def test_latin1_refused_excel_bom_and_crlf_accepted(runner, session, tmp_path, make_user):
    make_user("caseworker")
    latin = write_csv(tmp_path / "latin.csv", [minimal(city="Peñasco")], encoding="latin-1")
    result = run(runner, latin)
    assert result.exit_code != 0 and "not UTF-8" in result.output and "CSV UTF-8" in result.output
    assert "Traceback" not in result.output and count(session, Incident) == 0
    excel = write_csv(
        tmp_path / "excel.csv",
        [minimal(city="Peñasco", narrative="Line one\r\nline two")],
        encoding="utf-8-sig",
        newline="\r\n",
    )
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
    result = run(runner, excel)
    assert result.exit_code == 0, result.output
    incident = fresh(session).execute(select(Incident)).scalar_one()
    assert (incident.city, incident.narrative) == ("Peñasco", "Line one\nline two")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["occurred_on", "state", "encounter_type", "shoe_size"], "Unknown column(s): 'shoe_size'"),
        (["occurred_on", "encounter_type"], "Missing required column(s): state"),
        (["occurred_on", "state", "state", "encounter_type"], "Repeated column(s): state"),
    ],
)
def test_bad_headers_are_named(runner, session, tmp_path, make_user, header, message):
    make_user("caseworker")
    path = write_csv(tmp_path / "h.csv", [minimal()], header=header)
    result = run(runner, path)
    assert result.exit_code != 0 and message in result.output, result.output
    assert count(session, Incident) == 0


def test_duplicate_references_are_refused(runner, session, tmp_path, make_user, make_incident):
    user, _ = make_user("caseworker")
    existing = make_incident(user)
    code = existing.reference.split("-")[0]
    rows = [
        minimal(reference=existing.reference.lower()),
        minimal(reference=f"{code}-2024-0007"),
        minimal(reference=f"{code}-2024-7"),
        minimal(),
    ]
    result = run(runner, write_csv(tmp_path / "dup.csv", rows))
    assert result.exit_code != 0
    assert "row 2, reference" in result.output and "row 4, reference" in result.output
    assert "row 3," not in result.output and count(session, Incident) == 1
    result = run(runner, write_csv(tmp_path / "dup.csv", rows), "--skip-invalid")
    references = set(fresh(session).execute(select(Incident.reference)).scalars())
    assert f"{code}-2024-0007" in references and len(references) == 3


def test_people_are_matched_as_the_forms_match_them(
    runner, session, tmp_path, make_user, make_incident
):
    user, _ = make_user("caseworker")
    make_incident(user)  # Rosa Delgado Ibarra, born 1996-04-02
    rows = [
        minimal(subject_name="ROSA DELGADO IBARRA", subject_dob="1996-04-02"),
        minimal(subject_name="Someone Else", subject_a_number="A 123 456 78"),
        minimal(subject_name="S. Else", subject_a_number="A012345678"),
        minimal(subject_name="Rosa Delgado Ibarra", occurred_on="2025-05-02"),  # no birth date: new
    ]
    assert run(runner, write_csv(tmp_path / "p.csv", rows)).exit_code == 0
    assert count(session, Person) == 3
    links = (
        fresh(session).execute(select(func.count(func.distinct(IncidentPerson.person_id)))).scalar()
    )
    assert links == 3
    # a new person met twice in the file keeps the details of the first row, as a known one does
    names = fresh(session).execute(select(Person.full_name).where(Person.a_number.is_not(None)))
    assert names.scalars().all() == ["Someone Else"]


def test_import_is_audited_per_incident_and_as_one_event(runner, session, tmp_path, make_user):
    make_user("caseworker")
    path = write_csv(tmp_path / "a.csv", [minimal(), minimal(state="CA")])
    assert run(runner, path).exit_code == 0
    events = fresh(session).execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars().all()
    created = [e for e in events if e.action == "incident_created"]
    assert len(created) == 2 and all('"source":"import"' in e.details for e in created)
    summary = [e for e in events if e.action == "incidents_imported"]
    assert len(summary) == 1 and json.loads(summary[0].details)["imported"] == 2
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0


def test_oversize_and_empty_files_are_refused(app, runner, session, tmp_path, make_user):
    make_user("caseworker")
    app.config["IMPORT_MAX_BYTES"] = 1024
    big = write_csv(tmp_path / "big.csv", [minimal(narrative="x" * 2000)])
    result = run(runner, big)
    assert result.exit_code != 0 and "the limit is 1.0 KB" in result.output, result.output
    assert "Split it" in result.output and count(session, Incident) == 0
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "The file is empty" in run(runner, empty).output


def test_template_imports_cleanly_and_guide_is_generated(runner, session, tmp_path, make_user):
    make_user("caseworker")
    template = tmp_path / "template.csv"
    template.write_text(template_csv(), encoding="utf-8", newline="")
    result = run(runner, template)
    assert result.exit_code == 0, result.output
    committed = Path(__file__).resolve().parent.parent / "docs" / "import-guide.md"
    assert committed.read_text(encoding="utf-8") == markdown(), (
        "docs/import-guide.md is stale: run `flask import-guide > docs/import-guide.md`"
    )
    for code in (*ID_DOCUMENT.codes, *LEGAL_STATUS.codes):
        assert f"`{code}`" in markdown()


def test_update_changes_filled_cells_only(client, signed_in, runner, session, tmp_path):
    signed_in("caseworker")
    first = write_csv(tmp_path / "first.csv", [FULL_ROW])
    assert run(runner, first).exit_code == 0
    incident = fresh(session).execute(select(Incident)).scalar_one()
    version = incident.version
    change = {
        "reference": incident.reference.lower(),
        "occurred_on": "2025-03-04",
        "state": "IL",
        "encounter_type": "traffic_stop",
        "outcome": "charges_dismissed",
        "subject_name": "Marisol Quintanilla Vega",
        "subject_phone": "+1 815 555 0199",
    }
    path = write_csv(tmp_path / "change.csv", [change])
    refused = run(runner, path)
    assert refused.exit_code != 0 and "already recorded (use --update" in refused.output
    result = run(runner, path, "--update")
    assert result.exit_code == 0 and "updated 1 incident" in result.output, result.output
    stored = fresh(session).get(Incident, incident.id)
    assert (stored.outcome, stored.city, stored.date_precision) == (
        "charges_dismissed",
        "Joliet",
        "day",
    )
    assert stored.version == version + 1 and count(session, Incident) == 1
    person = fresh(session).execute(select(Person)).scalar_one()
    assert (person.phone, person.email) == ("+1 815 555 0199", "marisol.q@example.org")
    history = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "Outcome and consent" in history
    again = run(runner, path, "--update")  # the same file again changes nothing
    assert again.exit_code == 0 and fresh(session).get(Incident, incident.id).version == version + 1
    events = fresh(session).execute(select(AuditEvent.action)).scalars().all()
    assert events.count("incident_updated") == 1


def test_importing_the_same_file_again_warns(runner, session, tmp_path, make_user):
    make_user("caseworker")
    path = write_csv(tmp_path / "twice.csv", [minimal()])
    first = run(runner, path, "--dry-run")
    assert first.exit_code == 0 and "warning" not in first.output
    assert run(runner, path).exit_code == 0
    again = run(runner, path, "--dry-run")
    assert "warning: This same file (SHA-256) was imported on" in again.output
    other = run(runner, write_csv(tmp_path / "other.csv", [minimal(state="OK")]), "--dry-run")
    assert "warning" not in other.output


def test_a_reference_taken_meanwhile_rolls_back_with_a_clear_message(
    runner, session, tmp_path, make_user, make_incident, monkeypatch
):
    from incidents.records.references import Allocator

    user, _ = make_user("caseworker")
    existing = make_incident(user)
    taken = (existing.reference, existing.ref_year, existing.ref_number)
    # as if a caseworker saved an incident between the number lookup and the insert
    monkeypatch.setattr(Allocator, "next", lambda self, year: taken)
    result = run(runner, write_csv(tmp_path / "race.csv", [minimal(), minimal()]))
    assert result.exit_code != 0 and "try again" in result.output
    assert "Traceback" not in result.output and count(session, Incident) == 1
