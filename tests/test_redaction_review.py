"""Redacted dossiers end to end: identifiers typed into every free-text field never reach the
PDF (checked with pdftotext and pypdf, digits-only too), and the review page's decisions are
stored, audited and applied to every later redacted dossier."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import date
from html import unescape

import pytest
from pypdf import PdfReader
from sqlmodel import select

from incidents.models import AuditEvent, RedactionDecision
from incidents.records import spec
from tests.conftest import csrf_token, fresh, require_or_skip
from tests.factories import incident_data
from tests.test_dossier import download, library_loaded, outline_titles, person  # noqa: F401

CANARY = (
    "Ximena Oyelaran-Quispe (A# 211-004-982, phone (708) 555-0143, "
    "x.oyelaran@example.net) lives at 4417 W Cermak Rd Apt 2B, 60804; born 07/19/1991."
)
SECRETS = ("Ximena", "Oyelaran", "Quispe", "x.oyelaran", "4417", "60804", "1991")
DIGITS = ("211004982", "7085550143", "60804")


def pdftotext(pdf: bytes) -> str:
    require_or_skip(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) missing")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def assert_no_identifier(text: str) -> None:
    for secret in SECRETS:
        assert secret.casefold() not in text.casefold(), secret
    digits = re.sub(r"\D", "", text)
    for number in DIGITS:
        assert number not in digits, number


@pytest.fixture
def canary_case(app, signed_in, make_incident, make_evidence, library_loaded, session):  # noqa: F811
    from incidents.models import Agency
    from incidents.policies import services as policy_services
    from incidents.policies.applicability import applicable
    from incidents.policies.rules import suggest
    from incidents.records.bundle import load_bundle

    lawyer, _ = signed_in("lawyer")
    ice = session.exec(select(Agency).where(Agency.code == "ice_ero")).one().id
    subject = person(
        "Ximena Oyelaran-Quispe",
        role="subject",
        a_number="A211004982",
        phone="708-555-0143",
        email="x.oyelaran@example.net",
        street_address="4417 W Cermak Rd Apt 2B",
        zip="60804",
        date_of_birth=date(1991, 7, 19),
    )
    subject["key"] = "n1"
    # the canary in every free-text field the specification declares, whatever is added later
    base = incident_data()
    incident = make_incident(
        lawyer,
        agency_ids=[ice],
        people=[subject],
        **canaries_in(spec.INCIDENT),
        agents=[{"id": None, **canaries_in(spec.AGENT)}],
        paperwork=[{"id": None, "kind": "i213", **canaries_in(spec.PAPERWORK_ROW)}],
        frt_uses=[{**base["frt_uses"][0], **canaries_in(spec.FRT_USE)}],
        documents=[
            {**base["documents"][0], "presented_by_key": "n1", **canaries_in(spec.DOCUMENT)}
        ],
        timeline=[{**base["timeline"][0], **canaries_in(spec.TIMELINE)}],
    )
    item = make_evidence(lawyer, incident, name="scan.jpg")
    for code, text in canaries_in(spec.EVIDENCE).items():
        setattr(item, code, text)
    session.add(item)
    session.commit()
    bundle = load_bundle(session, incident)
    _policy, provision = applicable(session, bundle)[0]
    with app.test_request_context():
        policy_services.decide(
            session=session,
            actor=lawyer,
            incident=incident,
            provision=provision,
            suggestion=suggest(provision, bundle),
            decision="violated",
            reasoning=CANARY,
            evidence_ids=[item.id],
        )
    return incident


def canaries_in(entity) -> dict[str, str]:
    """The canary in each free-text field of an entity (cut to the field's length)."""
    return {f.code: CANARY[: f.max_length] for f in entity if f.privacy == "free_text"}


def test_no_identifier_typed_in_any_free_text_field_reaches_the_redacted_dossier(
    client, canary_case
):
    pdf = download(client, canary_case, "redacted")
    for text in (
        pdftotext(pdf),
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages),
    ):
        assert_no_identifier(text)
        assert text.count("[Client]") >= 8  # narrative, notes, timeline, evidence, reasoning
        assert "[A-number]" in text and "[phone]" in text and "[street address]" in text
    full = pdftotext(download(client, canary_case, "full"))
    assert "Ximena Oyelaran-Quispe" in full  # counsel's profile keeps everything


def test_the_redacted_dossier_prints_only_the_texts_the_review_page_lists(
    app, session, canary_case, signed_in
):
    from incidents.dossier.content import gather
    from incidents.dossier.texts import free_texts
    from incidents.evidence import queries as evidence_queries
    from incidents.policies.analysis import case_analysis
    from incidents.records.bundle import load_bundle

    lawyer, _ = signed_in("lawyer")
    with app.test_request_context():
        from flask_login import login_user

        login_user(lawyer)
        content = gather(session=session, incident=canary_case, actor=lawyer, profile="redacted")
        bundle = load_bundle(session, canary_case)
        items = evidence_queries.incident_items(session, canary_case.id)
        texts = free_texts(bundle, items, case_analysis(session, bundle))
        listed = {t.key for t in texts}
    # every free text filled in is listed for review, and exactly those are printed
    assert content.printed_keys == listed
    assert {"narrative", "frt.1.notes", "document.1.notes", "timeline.1.place"} <= listed


def test_metadata_and_outline_hold_no_personal_data(client, canary_case):
    pdf = download(client, canary_case, "redacted")
    reader = PdfReader(io.BytesIO(pdf))
    flat = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert canary_case.reference in flat
    assert_no_identifier(flat + " ".join(outline_titles(pdf)))
    assert "/Metadata" not in reader.trailer["/Root"]  # no XMP packet
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    assert not reader.attachments


def first_restore(html: str) -> dict:
    """The hidden fields of the narrative's first restore form (the page as the lawyer saw it)."""
    article = html[html.index('id="field-narrative"') :]
    form = article[article.index('action="') : article.index("</form>")]
    return {
        name: unescape(value)
        for name, value in re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form)
    }


def _post(client, path, **data):
    return client.post(
        path, data={"csrf_token": csrf_token(client, path.rsplit("/", 1)[0]), **data}
    )


def review_url(incident) -> str:
    return f"/incidents/{incident.reference}/redaction"


def test_the_review_page_highlights_each_redaction_with_its_reason(client, canary_case, session):
    page = client.get(review_url(canary_case))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert (
        '<mark class="redaction" title="recorded name of Client">Ximena Oyelaran-Quispe</mark>'
        in html
    )
    assert "recorded A-number" in html and "recorded phone" in html
    assert "Redaction not reviewed" in html
    events = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "redaction_review_viewed"))
        .all()
    )
    assert len(events) == 1 and events[0].object_id == str(canary_case.id)


def test_a_manual_redaction_is_applied_to_later_dossiers_and_audited_without_the_words(
    client, canary_case, session
):
    narrative = canary_case.narrative
    _set_narrative(session, canary_case, narrative + " She cleans at Panaderia Lupita daily.")
    assert "Panaderia Lupita" in pdftotext(download(client, canary_case, "redacted"))
    response = _post(
        client,
        review_url(canary_case) + "/manual",
        term="panadería lupita",
        reason="Her workplace; she could be found there.",
    )
    assert response.status_code == 302
    text = pdftotext(download(client, canary_case, "redacted"))
    assert "Lupita" not in text and "She cleans at [redacted] daily." in text
    event = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "redaction_manual_added"))
        .one()
    )
    assert "upita" not in event.details and "Her workplace" not in event.details


def test_a_restored_false_positive_prints_and_can_be_withdrawn(client, canary_case, session):
    _set_narrative(session, canary_case, "Agents came to 1200 W Harrison St, a public clinic.")
    html = client.get(review_url(canary_case)).get_data(as_text=True)
    response = _post(
        client,
        review_url(canary_case) + "/restore",
        **first_restore(html),
        reason="The clinic's public address",
    )
    assert response.status_code == 302
    assert "1200 W Harrison St" in pdftotext(download(client, canary_case, "redacted"))
    decision = fresh(session).exec(select(RedactionDecision)).one()
    assert (decision.action, decision.kind, decision.field_key) == (
        "restore",
        "address",
        "narrative",
    )
    listed = client.get(review_url(canary_case)).get_data(as_text=True)
    where = re.search(r"<td>([^<]*), [^<]*, occurrence", listed)
    assert where and where.group(1).startswith("What happened"), where  # its label, not its key
    _post(client, review_url(canary_case) + f"/decisions/{decision.id}/withdraw")
    assert "1200 W Harrison St" not in pdftotext(download(client, canary_case, "redacted"))


def test_a_restore_posted_against_changed_text_is_refused(client, canary_case, session):
    html = client.get(review_url(canary_case)).get_data(as_text=True)
    seen = first_restore(html)
    _set_narrative(session, canary_case, "Something else entirely, Ximena.")
    response = _post(client, review_url(canary_case) + "/restore", **seen, reason="Not a name")
    assert response.status_code == 409
    assert "changed since the page was opened" in response.get_data(as_text=True)
    assert fresh(session).exec(select(RedactionDecision)).first() is None


def test_a_decision_needs_a_reason(client, canary_case, session):
    response = _post(client, review_url(canary_case) + "/manual", term="Lupita", reason=" ")
    assert response.status_code == 400
    assert "Say why, for the record." in response.get_data(as_text=True)
    assert fresh(session).exec(select(RedactionDecision)).first() is None


def seen_on_page(client, incident) -> str:
    html = client.get(review_url(incident)).get_data(as_text=True)
    return re.search(r'name="seen" type="hidden" value="(\w+)"', html).group(1)


def test_the_cover_names_the_reviewer_until_the_text_changes(client, canary_case, session):
    seen = seen_on_page(client, canary_case)
    assert _post(client, review_url(canary_case) + "/sign-off", seen=seen).status_code == 302
    text = pdftotext(download(client, canary_case, "redacted"))
    assert re.search(r"Redaction reviewed by Lawyer Person \d+, 20\d\d-", text)
    assert re.search(r"\d+ redactions: \d+ names, ", text)
    review = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "redaction_reviewed"))
        .one()
    )
    assert json.loads(review.details)["found"]["a_number"] >= 1
    _set_narrative(session, canary_case, canary_case.narrative + " Later addition.")
    text = pdftotext(download(client, canary_case, "redacted"))
    assert "Redaction not reviewed since the text changed (last review by Lawyer Person" in text
    html = client.get(review_url(canary_case)).get_data(as_text=True)
    assert "changed since the last review" in html


def _set_narrative(session, incident, text: str) -> None:
    incident = fresh(session).get(type(incident), incident.id)
    incident.narrative = text
    session.add(incident)
    session.commit()


def test_a_review_of_a_page_opened_before_the_text_changed_is_refused(client, canary_case, session):
    seen = seen_on_page(client, canary_case)
    _set_narrative(session, canary_case, "Her cousin Marisol Quintero (SS# 123456789) came.")
    response = _post(client, review_url(canary_case) + "/sign-off", seen=seen)
    assert response.status_code == 409
    assert "changed since this page was opened" in response.get_data(as_text=True)
    assert "Redaction not reviewed" in pdftotext(download(client, canary_case, "redacted"))


def test_a_restoration_lapses_when_its_text_changes_and_the_page_says_so(
    client, canary_case, session
):
    _set_narrative(session, canary_case, "She had just flown in from Ximena.")
    html = client.get(review_url(canary_case)).get_data(as_text=True)
    _post(
        client,
        review_url(canary_case) + "/restore",
        **first_restore(html),
        reason="A town of that name",
    )
    assert "flown in from Ximena." in pdftotext(download(client, canary_case, "redacted"))
    _set_narrative(session, canary_case, "Ximena was scared. She had just flown in from Ximena.")
    text = pdftotext(download(client, canary_case, "redacted"))
    assert "Ximena" not in text
    html = client.get(review_url(canary_case)).get_data(as_text=True)
    assert "lapsed: the text changed" in html


def test_a_restore_of_a_find_that_moved_is_refused(client, canary_case, session):
    # the page showed the phone first; meanwhile a witness "Ana Ruiz" is recorded, whose name
    # becomes the first find of the unchanged narrative: the old form must not restore it
    from incidents.models import IncidentPerson, Person

    _set_narrative(session, canary_case, "Ana Ruiz called from 312-555-0100 (the desk line).")
    seen = first_restore(client.get(review_url(canary_case)).get_data(as_text=True))
    assert seen["kind"] == "phone"
    session = fresh(session)
    witness = Person(
        organization_id=canary_case.organization_id, full_name="Ana Ruiz", name_key="ana ruiz"
    )
    session.add(witness)
    session.flush()
    session.add(IncidentPerson(incident_id=canary_case.id, person_id=witness.id, role="witness"))
    session.commit()
    response = _post(client, review_url(canary_case) + "/restore", **seen, reason="Desk line")
    assert response.status_code == 409
    assert "Ana Ruiz" not in pdftotext(download(client, canary_case, "redacted"))


def test_a_link_item_prints_no_address_in_the_redacted_dossier(client, canary_case, session):
    from incidents.models import Evidence

    item = Evidence(
        organization_id=canary_case.organization_id,
        incident_id=canary_case.id,
        kind="news_article",
        title="Her blog",
        url="https://ximena-oyelaran.substack.com/p/what-happened",
    )
    session.add(item)
    session.commit()
    text = pdftotext(download(client, canary_case, "redacted"))
    assert "substack" not in text and "web link (address left out)" in text
