"""The dossier's layout (issue 18, point 8, and the dossier part of point 7): the "When and
where" section, evidence pins on the rows they are pinned to and in the exhibit index, per-event
durations, headings never alone at the foot of a page, every font embedded (none Helvetica),
vocabulary codes printed as their labels, and the document's title and language declared."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date, datetime, time

import pytest
from pypdf import PdfReader
from sqlmodel import select

from incidents.models import (
    Agency,
    DocumentPresented,
    EvidencePin,
    FrtUse,
    Incident,
    Paperwork,
    TimelineEvent,
    User,
)
from incidents.records.value import PaperworkValue
from tests.conftest import fresh
from tests.factories import jpeg_bytes
from tests.test_dossier import download, person, text_of
from tests.test_paperwork_copies import save as save_paperwork


def folded(pdf: bytes) -> str:
    return " ".join(text_of(pdf).split())


def agency_id(session, code) -> int:
    return session.exec(select(Agency).where(Agency.code == code)).one().id


def stop_day(hour, minute=0, day=12):
    return datetime(2025, 9, day, hour, minute)


@pytest.fixture
def pinned_case(app, signed_in, make_incident, make_evidence, session, library):
    """A case with a street address, two agencies (one under 287(g)), a timeline with end times,
    a paperwork row and four photos pinned to a timeline event, the FRT use, the document
    presented and the paperwork (with locators, one of them free words)."""
    lawyer, _ = signed_in("lawyer")
    subject = person(
        "Rosa Delgado Ibarra",
        role="subject",
        nationality="MX",
        city="El Paso",
        state="TX",
        street_address="2400 S Pulaski Rd",
    )
    subject["key"] = "n1"
    timeline = [
        {"id": None, "kind": "stop", "starts_at": stop_day(8), "ends_at": stop_day(8, 45)},
        {
            "id": None,
            "kind": "detention_start",
            "starts_at": stop_day(9),
            "ends_at": stop_day(2, 30, day=13),
            "place": "Broadview Processing Center",
        },
        {"id": None, "kind": "release", "starts_at": stop_day(2, 30, day=13), "ends_at": None},
    ]
    incident = make_incident(
        lawyer,
        people=[subject],
        timeline=timeline,
        agency_ids=[agency_id(session, "ice_ero")],
        agencies_287g=[agency_id(session, "sheriff")],
        street_address="2400 S Pulaski Rd",
        occurred_time=time(8, 15),
    )
    save_paperwork(
        app,
        session,
        fresh(session).get(Incident, incident.id),
        [PaperworkValue(kind="i213", issued_on=date(2025, 9, 12), served="no", in_locker="no")],
    )
    items = [
        make_evidence(lawyer, incident, name=f"photo{n}.jpg", data=jpeg_bytes(size=(64 + n, 48)))
        for n in range(4)
    ]
    session = fresh(session)
    stop = session.exec(
        select(TimelineEvent)
        .where(TimelineEvent.incident_id == incident.id)
        .order_by(TimelineEvent.starts_at)
    ).first()
    use = session.exec(select(FrtUse).where(FrtUse.incident_id == incident.id)).one()
    shown = session.exec(
        select(DocumentPresented).where(DocumentPresented.incident_id == incident.id)
    ).one()
    paper = session.exec(select(Paperwork).where(Paperwork.incident_id == incident.id)).one()
    session.add_all(
        [
            EvidencePin(evidence_id=items[0].id, timeline_event_id=stop.id, locator="p. 3"),
            EvidencePin(evidence_id=items[0].id, frt_use_id=use.id, locator="Rosa's own copy"),
            EvidencePin(evidence_id=items[1].id, document_id=shown.id),
            EvidencePin(evidence_id=items[2].id, timeline_event_id=stop.id, locator="00:01:42"),
            EvidencePin(evidence_id=items[3].id, paperwork_id=paper.id, locator="pp. 2-4"),
        ]
    )
    session.commit()
    return incident


def test_when_and_where_names_the_place_as_each_profile_may(client, pinned_case):
    full = folded(download(client, pinned_case))
    section = full[full.index("When and where") : full.index("People")]
    for shown in (
        "Date 12 September 2025",
        "Time (local) 08:15",
        "Street address or intersection 2400 S Pulaski Rd",
        "City Chicago",
        "County Cook",
        "State Illinois",
        "ZIP code 60623",
        "Type of encounter Street stop",
        "Federal: ICE Enforcement and Removal Operations (ERO)",
        "Local: County sheriff (under a 287(g) agreement)",
    ):
        assert shown in section, shown
    redacted = folded(download(client, pinned_case, "redacted"))
    section = redacted[redacted.index("When and where") : redacted.index("People")]
    assert "City Chicago" in section and "State Illinois" in section
    assert "Local: County sheriff (under a 287(g) agreement)" in section
    for hidden in ("Pulaski", "Street address", "Cook", "County Cook", "60623"):
        assert hidden not in section, hidden


def test_a_date_known_to_the_month_says_so(client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer, occurred_on=date(2025, 9, 1), date_precision="month")
    text = folded(download(client, incident))
    assert "Date September 2025 (the day is not known)" in text
    assert "Time (local) not recorded" in text
    assert "Exhibits pinned to it none" in text  # an FRT use with nothing pinned says so


def test_provisions_left_out_are_listed_once_each():
    from incidents.dossier.content import _grouped

    rows = [("Directive 026-11", "Not in force then."), ("Directive 026-11", "Not in force then.")]
    rows.append(("NYPD Patrol Guide 212-129", "Another city."))
    assert _grouped(rows) == [
        ("Directive 026-11 (2 provisions)", "Not in force then."),
        ("NYPD Patrol Guide 212-129", "Another city."),
    ]


def test_timeline_rows_show_their_hours_and_pinned_exhibits(client, pinned_case):
    ref = pinned_case.reference
    full = folded(download(client, pinned_case))
    timeline = full[full.index("Start (local)") : full.index("Total hours detained")]
    assert f"2025-09-12 08:00 2025-09-12 08:45 0.8 Stop Exhibits: {ref}-EX-001 (p. 3)" in timeline
    assert f"{ref}-EX-003 (00:01:42)" in timeline
    assert "2025-09-12 09:00 2025-09-13 02:30 17.5 Detention begins" in timeline
    assert f"Exhibits pinned to it {ref}-EX-001 (Rosa's own copy)" in full  # the FRT use
    assert f"Ignored Exhibits: {ref}-EX-002" in full  # the document presented
    assert f"Form I-213 2025-09-12 No {ref}-EX-004 (pp. 2-4)" in full  # the paperwork copy
    index = full[full.index("Exhibit index") :]
    assert (
        "Pinned to: Timeline 1: Stop, 2025-09-12 08:00 (p. 3); "
        "FRT use 1: Mobile Fortify (ICE/CBP app) (Rosa's own copy)"
    ) in index
    assert "Pinned to: Document 1: Birth certificate" in index
    assert "Pinned to: Paperwork 1: Form I-213 (pp. 2-4)" in index
    # the redacted profile prints page and time locators, never free words (a name may be one)
    redacted = folded(download(client, pinned_case, "redacted"))
    assert "Rosa" not in redacted
    assert f"Exhibits pinned to it {ref}-EX-001 Documents presented" in redacted
    assert "Pinned to: Timeline 1: Stop, 2025-09-12 08:00 (p. 3); FRT use 1:" in redacted


def placed_flowables(monkeypatch) -> list:
    """Record (page, flowable) for every flowable the dossier places, in order."""
    from incidents.dossier.keeping import KeepWithNext
    from incidents.dossier.layout import DossierTemplate

    placed = []
    original = DossierTemplate.afterFlowable

    def spy(self, flowable):
        if not isinstance(flowable, KeepWithNext):
            placed.append((self.page, flowable))
        return original(self, flowable)

    monkeypatch.setattr(DossierTemplate, "afterFlowable", spy)
    return placed


def assert_no_page_ends_with_a_heading(pdf: bytes, placed: list) -> None:
    """By the placed flowables: the last one of every page is not a heading (nor a table's
    column headings printed apart); by the text: no page ends with a section title."""
    from reportlab.platypus import Spacer
    from reportlab.platypus.doctemplate import ActionFlowable

    last = {}
    for page, flowable in placed:
        if not isinstance(flowable, ActionFlowable | Spacer):
            last[page] = flowable
    assert len(last) > 3
    ending = {
        page: f.outline_title if hasattr(f, "outline_title") else "column headings"
        for page, f in last.items()
        if getattr(f, "keep_with_next", False)
    }
    assert ending == {}, ending
    reader = PdfReader(io.BytesIO(pdf))
    titles = {" ".join(item.title.split()) for item in reader.outline if not isinstance(item, list)}
    for number, page in enumerate(reader.pages, 1):
        body = " ".join(page.extract_text().split()).rsplit(" page ", 1)[0]
        assert not any(body.endswith(title) for title in titles), (number, body[-80:])


def demo_dossiers(app, runner, session, count=10):
    """The full and redacted dossiers of `count` synthetic incidents (every section filled in,
    every vocabulary value used across them), with the flowables each one placed."""
    from incidents.dossier.builder import build_pdf
    from incidents.dossier.content import gather
    from incidents.policies.loader import load_library

    with app.app_context():
        load_library(session=session)
    result = runner.invoke(args=["seed-demo", "--incidents", str(count), "--seed", "5"])
    assert result.exit_code == 0, result.output
    session = fresh(session)
    lawyer = session.exec(select(User).where(User.email == "lawyer@demo.example.org")).one()
    demo = select(Incident).where(Incident.organization_id == lawyer.organization_id)
    with app.app_context():
        for incident in session.exec(demo.order_by(Incident.id)).all():
            for profile in ("full", "redacted"):
                content = gather(session=session, incident=incident, actor=lawyer, profile=profile)
                yield incident, profile, build_pdf(content)


def test_no_page_ends_with_a_heading(app, runner, session, monkeypatch):
    """Synthetic cases with every section filled in, in both profiles."""
    placed = placed_flowables(monkeypatch)
    checked = 0
    for _incident, _profile, pdf in demo_dossiers(app, runner, session, count=8):
        assert_no_page_ends_with_a_heading(pdf, placed)
        placed.clear()
        checked += 1
    assert checked == 16


def test_a_long_case_keeps_its_headings_with_their_content(
    client, signed_in, make_incident, make_evidence, monkeypatch
):
    """Long timelines and exhibit indexes (its column headings stay with its first entry)."""
    from datetime import timedelta

    lawyer, _ = signed_in("lawyer")
    for steps, exhibits, narrative in ((45, 30, 20), (28, 12, 60)):
        incident = make_incident(
            lawyer,
            people=[person(f"Witness Number {n}") for n in range(1, 7)],
            timeline=[
                {
                    "id": None,
                    "kind": "other",
                    "starts_at": datetime(2025, 1, 1) + timedelta(hours=n),
                    "ends_at": datetime(2025, 1, 1, 0, 30) + timedelta(hours=n),
                    "description": f"Step {n} of the night",
                }
                for n in range(steps)
            ],
            narrative=" ".join(["They were held without explanation."] * narrative),
        )
        for n in range(exhibits):
            data = f"statement {n}\n".encode()
            make_evidence(lawyer, incident, name=f"n{n}.txt", kind="document", data=data)
        placed = placed_flowables(monkeypatch)
        pdf = download(client, incident)
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= 6
        assert_no_page_ends_with_a_heading(pdf, placed)
        monkeypatch.undo()


def fonts_of(pdf: bytes) -> list[tuple[str, bool]]:
    """(base font name, embedded?) of every font the pages use, read with pypdf."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            described = [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]
            descriptor = next(
                (d["/FontDescriptor"].get_object() for d in described if "/FontDescriptor" in d),
                {},
            )
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
    return found


def test_every_font_is_embedded_and_none_is_helvetica(client, pinned_case, tmp_path):
    for profile in ("full", "redacted"):
        pdf = download(client, pinned_case, profile)
        fonts = fonts_of(pdf)
        assert fonts and all(embedded for _, embedded in fonts), fonts
        assert {name.split("+")[-1] for name, _ in fonts} <= {
            "DejaVuSans",
            "DejaVuSans-Bold",
            "DejaVuSans-Oblique",
            "DejaVuSansMono",
        }, fonts
        if shutil.which("pdffonts"):  # poppler's own reading, where installed
            target = tmp_path / f"{profile}.pdf"
            target.write_bytes(pdf)
            rows = subprocess.run(
                ["pdffonts", str(target)], capture_output=True, text=True, check=True
            ).stdout.splitlines()[2:]
            assert rows and all(row.split()[-5] == "yes" for row in rows), rows
            assert not any("Helvetica" in row for row in rows), rows


def coded_words() -> dict[str, str]:
    """Codes that must never be printed where their label belongs: snake_case codes, codes with
    a digit ("i213") and lower-case acronyms ("daca", "fbi"), with the vocabulary they are from;
    and the codes of the seeded agencies ("ice_ero")."""
    from incidents.vocab import BY_NAME, SEEDED_AGENCIES

    found = {}
    for name, vocabulary in BY_NAME.items():
        for code, label in vocabulary.items:
            acronym = code.upper() in re.findall(r"\w+", label) and code != code.upper()
            if code != label and ("_" in code or re.search(r"\d", code) or acronym):
                found[code] = name
    for code, *_ in SEEDED_AGENCIES:  # "sheriff" and "unknown" are words too
        if "_" in code:
            found.setdefault(code, "agency")
    return found


def assert_labels_only(text: str, what) -> None:
    codes = coded_words()
    printed = {word: codes[word] for word in re.findall(r"[\w-]+", text) if word in codes}
    assert printed == {}, (what, printed)
    assert not re.search(r"\b\d{4}:\d\d:\d\d\b", text), what  # an EXIF time, not a date


def test_codes_print_as_labels_in_every_section(app, runner, session, client, pinned_case):
    assert {"ice_ero", "us_citizen_birth", "i213", "daca", "street_stop"} <= set(coded_words())
    full = download(client, pinned_case)
    text = folded(full)
    assert_labels_only(text, "full")
    assert "Nationality Mexico" in text and "Address 2400 S Pulaski Rd, El Paso, Texas" in text
    assert "camera clock 2025-09-12 08:03" in text  # the photo's EXIF time, as a date
    assert not re.search(r"\b(MX|TX|IL)\b", text)
    redacted = folded(download(client, pinned_case, "redacted"))
    assert_labels_only(redacted, "redacted")
    assert "Nationality Mexico" in redacted and "camera clock" not in redacted
    for incident, profile, pdf in demo_dossiers(app, runner, session, count=12):
        assert_labels_only(folded(pdf), (incident.reference, profile))


def test_the_document_declares_its_title_and_language(client, pinned_case):
    for profile in ("full", "redacted"):
        reader = PdfReader(io.BytesIO(download(client, pinned_case, profile)))
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == "en-US"
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
        assert "/MarkInfo" not in catalog  # not tagged: nothing claims it is
        assert reader.metadata.title == f"Case dossier {pinned_case.reference}"
        assert reader.metadata.subject == f"FRT incident dossier ({profile} profile)"
