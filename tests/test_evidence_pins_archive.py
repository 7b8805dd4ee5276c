"""Evidence pinned to what it proves (with locators), and archived by administrators only — on
the filesystem store and on S3 (moto's server)."""

from __future__ import annotations

from sqlmodel import select

from incidents.models import Evidence
from tests.conftest import fresh, post_form
from tests.evidence_stores import BOTH_STORES
from tests.test_evidence import PDF, items, stored_files, upload

pytestmark = BOTH_STORES


def test_pins_with_locators_show_on_the_case_and_go_with_their_target(app, client, case, session):
    from incidents.evidence import custody
    from incidents.models import AuditEvent, EvidencePin, Incident, TimelineEvent, User
    from incidents.records import operations
    from incidents.records.bundle import load_bundle
    from incidents.records.value import from_bundle

    upload(client, case, [("scan.pdf", PDF)], kind="document")
    item = items(session)[0]
    event = session.exec(
        select(TimelineEvent)
        .where(TimelineEvent.incident_id == case.id)
        .order_by(TimelineEvent.starts_at)
    ).first()
    post_form(
        client,
        f"/evidence/{item.id}/pins",
        {"target": f"timeline:{event.id}", "locator": "p. 3"},
        token_from=f"/evidence/{item.id}",
    )
    case_page = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert "Pinned to: Timeline 1: Detention begins" in case_page and "(p. 3)" in case_page
    refused = post_form(
        client,
        f"/evidence/{item.id}/pins",
        {"target": "timeline:999999", "locator": "x" * 41},
        token_from=f"/evidence/{item.id}",
    )
    # the item's page again: the summary leads to each field, the typed locator is kept
    summary = refused.get_data(as_text=True).split('id="error-summary"')[1].split("</div>")[0]
    assert refused.status_code == 400
    assert '<a href="#target">Pin to: Not a valid choice.</a>' in summary
    assert 'href="#locator">Where in the evidence (optional): Field cannot be longer' in summary
    assert 'value="' + "x" * 41 in refused.get_data(as_text=True)
    again = post_form(
        client,
        f"/evidence/{item.id}/pins",
        {"target": f"timeline:{event.id}", "locator": "p. 3"},
        token_from=f"/evidence/{item.id}",
    )
    assert again.status_code == 400
    assert "Pin to: The evidence is already pinned there." in again.get_data(as_text=True)
    assert len(fresh(session).exec(select(EvidencePin)).all()) == 1
    # the incident's edit removes the timeline row: the pin goes, and the item's custody log
    # and the audit trail say so
    incident = fresh(session).get(Incident, case.id)
    value = from_bundle(load_bundle(session, incident))
    value.timeline = [row for row in value.timeline if row.id != event.id]
    editor = session.get(User, incident.created_by_id)
    with app.test_request_context():
        assert "timeline" in operations.update(
            session, actor=editor, incident=incident, value=value
        )
        session.commit()
        log = custody.log(fresh(session), item.id)
        assert custody.chain_intact(log, custody.audit_key())
    assert fresh(session).exec(select(EvidencePin)).all() == []
    assert log[-1].action == "unpinned" and f"timeline {event.id} removed" in log[-1].detail
    unpinned = session.exec(
        select(AuditEvent).where(AuditEvent.action == "evidence_unpinned")
    ).one()
    assert unpinned.object_id == str(item.id) and unpinned.actor_id == editor.id


def test_archive_is_admin_only_and_hides_the_item(
    app, client, signed_in, make_user, make_incident, make_evidence, session
):
    from tests.conftest import login

    admin, _ = signed_in("admin")
    incident = make_incident(admin)
    item = make_evidence(admin, incident)
    caseworker, password = make_user("caseworker")
    other = app.test_client()
    login(other, caseworker.email, password)
    assert (
        post_form(
            other,
            f"/evidence/{item.id}/archive",
            {"reason": "x"},
            token_from=f"/evidence/{item.id}",
        ).status_code
        == 403
    )
    no_reason = post_form(
        client, f"/evidence/{item.id}/archive", {"reason": " "}, token_from=f"/evidence/{item.id}"
    )
    assert no_reason.status_code == 400
    assert '<a href="#reason">Why is this evidence archived? Give a reason.</a>' in (
        no_reason.get_data(as_text=True)
    )
    assert fresh(session).get(Evidence, item.id).archived_at is None
    post_form(
        client,
        f"/evidence/{item.id}/archive",
        {"reason": "Wrong incident"},
        token_from=f"/evidence/{item.id}",
    )
    assert fresh(session).get(Evidence, item.id).archived_at is not None
    assert other.get(f"/evidence/{item.id}").status_code == 404
    case_html = other.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "No evidence yet." in case_html
    post_form(client, f"/evidence/{item.id}/restore", token_from=f"/evidence/{item.id}")
    assert other.get(f"/evidence/{item.id}").status_code == 200
    assert len(stored_files(app)) == 1
