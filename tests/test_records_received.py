"""The records an agency released, filed with the request: uploaded through the evidence
locker (byte-exact, hashed as received, custody logged, audited) or linked from an existing
item, and shown on the request's page with each item's custody entries."""

from __future__ import annotations

import hashlib
import io
import os

from sqlmodel import select

from incidents.models import AuditEvent, CustodyEvent, Evidence, EvidenceFile, EvidencePin
from tests.conftest import csrf_token, fresh, post_form
from tests.records_request_helpers import file_request

PDF = b"%PDF-1.7\n" + os.urandom(3000) + b"\n%%EOF\n"


def upload(client, made, incident, files, **fields):
    page = f"/records-requests/{made.id}"
    data = {
        "incident_id": str(incident.id),
        "provenance": "Released through the ICE FOIA portal",
        **fields,
        "csrf_token": csrf_token(client, page),
        "files": [(io.BytesIO(content), name) for name, content in files],
    }
    return client.post(f"{page}/records/upload", data=data, content_type="multipart/form-data")


def test_uploaded_records_are_kept_byte_exact_and_shown_with_their_custody(
    app, client, case, session
):
    made = file_request(client, session, case)
    response = upload(client, made, case, [("release-1.pdf", PDF)], title="First release")
    assert response.status_code == 302
    item = fresh(session).exec(select(Evidence)).one()
    assert (item.kind, item.incident_id, item.title) == ("foia_record", case.id, "First release")
    stored = session.get(EvidenceFile, item.file_id)
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert client.get(f"/evidence/{item.id}/download").get_data() == PDF
    pin = session.exec(select(EvidencePin).where(EvidencePin.evidence_id == item.id)).one()
    assert pin.records_request_id == made.id
    page = client.get(f"/records-requests/{made.id}").text
    assert "First release" in page and stored.sha256 in page
    assert "custody chain intact" in page
    for entry in ("Received", "upload of", "Pinned", f"records_request {made.id}"):
        assert entry in page, entry
    actions = [e.action for e in fresh(session).exec(select(AuditEvent)).all()]
    assert "evidence_uploaded" in actions and "evidence_pinned" in actions
    case_page = client.get(f"/incidents/{case.reference}").text
    assert "First release" in case_page  # in the incident's evidence locker too
    filed = f"Records received for records request #{made.id}"
    assert filed in case_page and filed in client.get(f"/evidence/{item.id}").text


def test_a_refused_upload_is_a_message_not_an_error_page(client, case, session, make_incident):
    made = file_request(client, session, case)
    refused = upload(client, made, case, [("run.txt", b"#!/bin/sh\nrm -rf /\n")])
    assert refused.status_code == 400 and "scripts cannot be uploaded" in refused.text
    none = upload(client, made, case, [])
    assert none.status_code == 400 and "Choose at least one file." in none.text
    elsewhere = make_incident(case_owner(session, case))
    not_linked = upload(client, made, elsewhere, [("release.pdf", PDF)])
    assert not_linked.status_code == 400 and "Not a valid choice" in not_linked.text
    assert fresh(session).exec(select(Evidence)).all() == []


def case_owner(session, case):
    from incidents.models import User

    return session.get(User, case.created_by_id)


def test_an_existing_item_of_a_linked_incident_is_linked_and_unlinked(
    client, caseworker, session, make_incident, make_evidence
):
    first, second = make_incident(caseworker), make_incident(caseworker)
    made = file_request(client, session, first, incidents=f"{first.reference} {second.reference}")
    record = make_evidence(caseworker, second, name="letter.pdf", data=PDF, kind="foia_record")
    photo = make_evidence(caseworker, first, kind="photo")
    page = f"/records-requests/{made.id}"
    offered = client.get(page).text
    assert f"{second.reference}: letter.pdf" in offered
    assert "photo.jpg" not in offered  # only items of kind FOIA record
    wrong = post_form(client, f"{page}/records/link", {"evidence_id": photo.id}, token_from=page)
    assert wrong.status_code == 400
    linked = post_form(client, f"{page}/records/link", {"evidence_id": record.id}, token_from=page)
    assert linked.status_code == 302
    shown = client.get(page).text
    assert "letter.pdf" in shown and "Pinned" in shown
    second_page = client.get(f"/incidents/{second.reference}").text
    assert f"/records-requests/{made.id}" in second_page
    kept = post_form(client, f"{page}/incidents/unlink", {"choice": second.id}, token_from=page)
    assert (
        "Records received are filed with that incident" in client.get(kept.headers["Location"]).text
    )
    pin = fresh(session).exec(select(EvidencePin).where(EvidencePin.evidence_id == record.id)).one()
    unlinked = post_form(client, f"{page}/records/unlink", {"choice": pin.id}, token_from=page)
    assert unlinked.status_code == 302
    assert "No records received yet." in client.get(page).text
    log = (
        fresh(session)
        .exec(
            select(CustodyEvent.action)
            .where(CustodyEvent.evidence_id == record.id)
            .order_by(CustodyEvent.seq)
        )
        .all()
    )
    assert log == ["received", "pinned", "unpinned"]
    assert session.get(Evidence, record.id).archived_at is None  # still in the locker


def test_items_of_another_organization_cannot_be_filed(
    client, case, session, make_user, make_incident, make_evidence
):
    made = file_request(client, session, case)
    outsider, _ = make_user("caseworker", org="Other Legal Aid")
    theirs = make_evidence(
        outsider, make_incident(outsider), name="theirs.pdf", data=PDF, kind="foia_record"
    )
    page = f"/records-requests/{made.id}"
    response = post_form(
        client, f"{page}/records/link", {"evidence_id": theirs.id}, token_from=page
    )
    assert response.status_code == 400
    assert (
        fresh(session).exec(select(EvidencePin).where(EvidencePin.evidence_id == theirs.id)).all()
        == []
    )
