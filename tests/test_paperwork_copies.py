"""The copy of a paperwork document in the evidence locker (issue 15, point 7): an evidence item
is pinned to the paperwork row from the item's page; the case page links the copy, the dossier
names its exhibit, and the pin goes (logged) when the paperwork row is removed."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from sqlmodel import select

from incidents.models import AuditEvent, EvidencePin, Incident, Paperwork, User
from incidents.records import operations
from incidents.records.bundle import load_bundle
from incidents.records.value import PaperworkValue, from_bundle
from tests.conftest import fresh, post_form
from tests.test_evidence import PDF, items, upload


def save(app, session, incident, paperwork) -> None:
    value = from_bundle(load_bundle(session, incident))
    value.paperwork = paperwork
    with app.test_request_context():
        operations.update(
            session,
            actor=session.get(User, incident.created_by_id),
            incident=incident,
            value=value,
        )
        session.commit()


def test_a_copy_pinned_to_paperwork_is_linked_on_the_case_page_and_in_the_dossier(
    app, client, case, session, signed_in
):
    i213 = PaperworkValue(kind="i213", issued_on=date(2025, 9, 12), served="no", in_locker="no")
    save(app, session, fresh(session).get(Incident, case.id), [i213])
    paper = fresh(session).exec(select(Paperwork)).one()
    upload(client, case, [("i213.pdf", PDF)], kind="document", title="Form I-213 (FOIA copy)")
    item = items(session)[0]
    page = client.get(f"/evidence/{item.id}").get_data(as_text=True)
    assert f'value="paperwork:{paper.id}"' in page and "Paperwork 1: " in page
    post_form(
        client,
        f"/evidence/{item.id}/pins",
        {"target": f"paperwork:{paper.id}", "locator": "p. 2"},
        token_from=f"/evidence/{item.id}",
    )
    again = post_form(
        client,
        f"/evidence/{item.id}/pins",
        {"target": f"paperwork:{paper.id}", "locator": ""},
        token_from=f"/evidence/{item.id}",
        follow_redirects=True,
    )
    assert "already pinned there" in again.get_data(as_text=True)
    assert len(fresh(session).exec(select(EvidencePin)).all()) == 1
    case_page = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    section = case_page[case_page.index('id="paperwork"') :]
    assert f'<a href="/evidence/{item.id}">Form I-213 (FOIA copy)</a>' in section
    signed_in("lawyer")
    pdf = client.get(f"/incidents/{case.reference}/dossier.pdf?profile=full")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_data())).pages)
    section = "".join(text.split("Paperwork issued or served")[1][:400].split())
    assert f"FormI-2132025-09-12No{case.reference}-EX-001" in section  # the exhibit, not "No"
    # the paperwork row is removed: the pin goes, and the audit trail says so
    save(app, session, fresh(session).get(Incident, case.id), [])
    assert fresh(session).exec(select(EvidencePin)).all() == []
    assert (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "evidence_unpinned"))
        .one()
    )
