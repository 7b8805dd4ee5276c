"""PDF case dossiers: contents, outline, every-page marks, Unicode, redaction, records."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import select

from incidents.models import AuditEvent, CustodyEvent
from tests.conftest import fresh

NAMES = [
    "José Núñez",
    "Nguyễn Thị Thu",
    "Zoë Łukasiewicz",
    "Σωκράτης Παπαδόπουλος",
    "Андрей Смирнов",
]


def person(name, role="witness", **extra):
    return {
        "key": f"k{abs(hash(name))}",
        "person_id": None,
        "role": role,
        "person": {
            "full_name": name,
            "aliases": None,
            "date_of_birth": date(1988, 2, 3),
            "a_number": None,
            "phone": None,
            "email": None,
            "street_address": None,
            "city": None,
            "state": None,
            "zip": None,
            "gender": None,
            "nationality": None,
            "language": None,
            "legal_status": "us_citizen_birth",
            **extra,
        },
    }


@pytest.fixture
def case(signed_in, make_incident, make_evidence, library_loaded):
    from incidents.models import Agency

    lawyer, _ = signed_in("lawyer")
    session = library_loaded
    ice = session.exec(select(Agency).where(Agency.code == "ice_ero")).one().id
    subject = person(
        "Rosa Delgado Ibarra",
        role="subject",
        a_number="A123456789",
        phone="+1 312 555 0142",
        email="rosa@example.org",
        street_address="2400 S Pulaski Rd",
        date_of_birth=date(1996, 4, 2),
    )
    subject["key"] = "n1"
    incident = make_incident(
        lawyer,
        agency_ids=[ice],
        people=[subject, *map(person, NAMES)],
        narrative="Rosa Delgado showed her birth certificate; José Núñez saw it all.",
    )
    make_evidence(lawyer, incident, name="street.jpg")
    return incident


@pytest.fixture
def library_loaded(app, session):
    from incidents.policies.loader import load_library

    with app.app_context():
        load_library(session=session)
    return session


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def outline_titles(pdf: bytes) -> list[str]:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title

    return list(walk(PdfReader(io.BytesIO(pdf)).outline))


def images_in(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def download(client, incident, profile="full"):
    response = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile={profile}")
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return response.get_data()


def test_full_dossier_has_every_section_in_the_outline_and_marks_on_every_page(client, case):
    pdf = download(client, case)
    titles = outline_titles(pdf)
    for section in (
        "Case dossier",
        "Key facts",
        "People",
        "Facial recognition",
        "Documents presented",
        "Timeline",
        "Policy analysis",
        "Narrative",
        "Exhibit index",
        "Appendix: photo exhibits",
    ):
        assert section in titles, section
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert case.reference in text and "attorney work product" in text
        assert f"page {number} of {total}" in text and "Generated " in text
    text = text_of(pdf)
    assert f"{case.reference}-EX-001" in text
    assert "Total hours detained: 18.5 (computed from the timeline)" in text
    assert "cannot be used as the sole basis" in text and "(quotation)" in text
    assert "Violated — FRT use 1 (Mobile Fortify (ICE/CBP app)) was recorded as the sole" in text
    assert "A123-456-789" in text and "rosa@example.org" in text
    assert images_in(pdf) >= 1


def test_unicode_names_print_and_copy_out(client, case):
    text = text_of(download(client, case))
    for name in NAMES:
        assert name in text, name


def test_redacted_profile_leaves_out_personal_data(client, case):
    pdf = download(client, case, "redacted")
    text = text_of(pdf)
    for secret in (
        "Rosa",
        "Delgado",
        "Ibarra",
        "A123-456-789",
        "0142",
        "rosa@example.org",
        "Pulaski",
        "1996-04-02",
        "José",
        "Núñez",
    ):
        assert secret not in text, secret
    # names became role labels, in the narrative too
    assert "[Client] showed her birth certificate; [Witness 1] saw it all." in text
    # the people section: by the role's label, which says the role once
    assert "\nPeople\nClient\nLegal status\n" in text and "Subject (client)" not in text
    assert "Redaction not reviewed" in text
    assert images_in(pdf) == 0  # no photo exhibits
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    flat = " ".join(str(v) for v in metadata.values())
    assert "Rosa" not in flat and case.reference in flat


def test_generation_is_recorded_in_the_audit_trail_and_custody_logs(client, case, session):
    pdf = download(client, case)
    event = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "dossier_generated"))
        .one()
    )
    details = json.loads(event.details)
    sha256 = hashlib.sha256(pdf).hexdigest()
    assert details == {"profile": "full", "language": "en", "sha256": sha256, "exhibits": 1}
    custody = session.exec(
        select(CustodyEvent).where(CustodyEvent.action == "included_in_dossier")
    ).one()
    assert f"{case.reference}-EX-001" in custody.detail


def test_who_may_download(app, client, signed_in, make_user, make_incident):
    from tests.conftest import login

    owner, _ = make_user("caseworker", org="Other Org")
    theirs = make_incident(owner)
    signed_in("researcher")
    assert client.get(f"/incidents/{theirs.reference}/dossier.pdf").status_code == 403
    lawyer, password = make_user("lawyer")
    other = app.test_client()
    login(other, lawyer.email, password)
    assert other.get(f"/incidents/{theirs.reference}/dossier.pdf").status_code == 404
    mine = make_incident(lawyer)
    assert (
        other.get(f"/incidents/{mine.reference}/dossier.pdf?profile=everything").status_code == 400
    )


def test_cli_writes_a_dossier_and_refuses_bad_input(runner, case, tmp_path):
    target = tmp_path / "out.pdf"
    result = runner.invoke(
        args=["dossier", case.reference, "-o", str(target), "--profile", "redacted"]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")
    for args in (
        ["dossier", "NOPE-2025-0001", "-o", str(target)],
        ["dossier", case.reference, "-o", str(target), "--profile", "all"],
        ["dossier", case.reference, "-o", str(tmp_path / "missing" / "x.pdf")],
    ):
        bad = runner.invoke(args=args)
        assert bad.exit_code != 0 and len(bad.output.strip().splitlines()) == 1, args


def test_a_long_case_lists_every_exhibit_and_hash_with_right_page_numbers(
    client, signed_in, make_incident, make_evidence, session
):
    from datetime import datetime, timedelta

    lawyer, _ = signed_in("lawyer")
    timeline = [
        {
            "id": None,
            "kind": "other",
            "starts_at": datetime(2025, 1, 1) + timedelta(hours=n),
            "ends_at": None,
            "place": None,
            "description": f"Step {n}",
        }
        for n in range(60)
    ]
    incident = make_incident(lawyer, timeline=timeline)
    items = [
        make_evidence(
            lawyer,
            incident,
            name=f"note-{n}.txt",
            kind="document",
            data=f"statement {n}\n".encode(),
        )
        for n in range(40)
    ]
    pdf = download(client, incident)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 5
    for number, page in enumerate(reader.pages, 1):
        assert f"page {number} of {len(reader.pages)}" in page.extract_text()
    text = text_of(pdf)
    from incidents.models import EvidenceFile

    for n, item in enumerate(items, 1):
        assert f"{incident.reference}-EX-{n:03d}" in text
        stored = fresh(session).get(EvidenceFile, item.file_id)
        assert f"SHA-256 {stored.sha256}" in text


def test_missing_facts_read_not_recorded_and_a_missing_file_is_marked(
    app, client, signed_in, make_incident, make_evidence, session
):
    from pathlib import Path

    from incidents.models import EvidenceFile

    lawyer, _ = signed_in("lawyer")
    sparse = person("Ana Sin Datos", role="subject", date_of_birth=None, legal_status=None)
    incident = make_incident(
        lawyer,
        people=[sparse],
        frt_uses=[],
        documents=[],
        timeline=[],
        narrative=None,
        outcome=None,
    )
    item = make_evidence(lawyer, incident)
    stored = fresh(session).get(EvidenceFile, item.file_id)
    (Path(app.config["EVIDENCE_DIR"]) / stored.stored_name).unlink()
    text = " ".join(text_of(download(client, incident)).split())
    assert "not recorded" in text and "No facial recognition use recorded." in text
    assert "Total hours detained: not known" in text
    assert "MISSING from the evidence store" in text


def test_a_draft_with_only_date_state_and_type_prints(client, signed_in, make_incident, runner):
    """The smallest incident the form accepts (no people, no FRT use, nothing else) still
    gives a dossier, on the page and on the command line."""
    lawyer, _ = signed_in("lawyer")
    draft = make_incident(
        lawyer, people=[], frt_uses=[], documents=[], timeline=[], narrative=None, outcome=None
    )
    text = " ".join(text_of(download(client, draft)).split())
    assert "No people recorded" in text and "No facial recognition use recorded." in text
    result = runner.invoke(args=["dossier", draft.reference, "-o", "/dev/null"])
    assert result.exit_code == 0 and "Traceback" not in result.output
