"""Legal actions and deadlines: FTCA deadlines computed from the recorded dates by the verified
rules only (with their rule and source shown), every other deadline entered with its rule; who
may write them; other organizations; the audit trail."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from incidents import clock
from incidents.claims.rules import add_months
from incidents.models import AuditEvent, Deadline, LegalAction
from tests.conftest import fresh, post_form

FTCA = "ftca_admin_claim"


def _action(client, incident, **fields):
    data = {"kind": FTCA, "status": "planned", "against": "United States (ICE)", **fields}
    return post_form(client, f"/incidents/{incident.reference}/legal-actions/new", data)


def _case(client, incident):
    return client.get(f"/incidents/{incident.reference}").get_data(as_text=True)


def _deadlines(session):
    rows = fresh(session).exec(select(Deadline).order_by(Deadline.due_on)).all()
    return {d.kind: (d.due_on, d.done_on) for d in rows}


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(date(2025, 3, 10), 24) == date(2027, 3, 10)
    assert add_months(date(2024, 2, 29), 24) == date(2026, 2, 28)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2025, 11, 15), 6) == date(2026, 5, 15)


def test_ftca_deadlines_follow_the_recorded_dates(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    response = _action(client, incident, accrued_on="2025-03-10")
    assert response.status_code == 302
    assert _deadlines(session) == {"ftca_presentment": (date(2027, 3, 10), None)}
    page = _case(client, incident)
    assert "FTCA claim must be presented" in page and "2027-03-10" in page
    assert "28 U.S.C. §2401(b)" in page and "plus two years" in page
    action = session.exec(select(LegalAction)).one()
    edit = f"/legal-actions/{action.id}/edit"
    post_form(
        client,
        edit,
        {"kind": FTCA, "status": "filed", "accrued_on": "2025-03-10", "filed_on": "2025-06-01"},
    )
    assert _deadlines(session) == {
        "ftca_presentment": (date(2027, 3, 10), date(2025, 6, 1)),  # met by the filing
        "ftca_deemed_denial": (date(2025, 12, 1), None),
    }
    assert "28 U.S.C. §2675(a)" in _case(client, incident)
    post_form(
        client,
        edit,
        {
            "kind": FTCA,
            "status": "denied",
            "accrued_on": "2025-03-10",
            "filed_on": "2025-06-01",
            "denial_mailed_on": "2025-09-15",
        },
    )
    found = _deadlines(session)
    assert "ftca_deemed_denial" not in found  # the agency decided
    assert found["ftca_suit"] == (date(2026, 3, 15), None)
    _action(client, incident, kind="ftca_suit", status="filed", filed_on="2026-01-10")
    assert _deadlines(session)["ftca_suit"] == (date(2026, 3, 15), date(2026, 1, 10))


def test_no_deadline_is_computed_for_other_actions(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    _action(client, incident, kind="section_1983", accrued_on="2025-03-10", filed_on="2025-04-01")
    assert _deadlines(session) == {}
    assert "No deadline is computed for this kind of action" in _case(client, incident)


def test_an_entered_deadline_needs_its_rule(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    url = f"/incidents/{incident.reference}/deadlines/new"
    due = (clock.today() + timedelta(days=3)).isoformat()
    response = post_form(client, url, {"kind": "notice_of_claim", "due_on": due, "rule": ""})
    assert response.status_code == 200
    assert "Say which rule sets this date" in response.get_data(as_text=True)
    assert _deadlines(session) == {}
    rule = "State notice-of-claim statute: 90 days (our reading)"
    post_form(client, url, {"kind": "notice_of_claim", "due_on": due, "rule": rule})
    page = _case(client, incident)
    assert rule in page and "In 3 days" in page and "Entered" in page
    deadline = fresh(session).exec(select(Deadline)).one()
    post_form(
        client,
        f"/deadlines/{deadline.id}/done",
        {"done": "yes"},
        token_from=f"/incidents/{incident.reference}",
    )
    assert _deadlines(session)["notice_of_claim"][1] == clock.today()


def test_an_overdue_deadline_says_so(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    due = (clock.today() - timedelta(days=4)).isoformat()
    post_form(
        client,
        f"/incidents/{incident.reference}/deadlines/new",
        {"kind": "filing", "due_on": due, "rule": "Court order of 3 March"},
    )
    page = _case(client, incident)
    assert "Overdue by 4 days" in page and "Mark done (late)" in page
    deadline = fresh(session).exec(select(Deadline)).one()
    done = post_form(
        client,
        f"/deadlines/{deadline.id}/done",
        {"done": "yes"},
        token_from=f"/incidents/{incident.reference}",
        follow_redirects=True,
    )
    assert "Marked done today, 4 days after its date." in done.get_data(as_text=True)


def test_dates_that_contradict_each_other_are_refused(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    future = (clock.today() + timedelta(days=30)).isoformat()
    response = _action(client, incident, filed_on=future)
    assert "This date is in the future" in response.get_data(as_text=True)
    response = _action(client, incident, filed_on="2025-06-01", denial_mailed_on="2025-05-01")
    assert "The denial is dated before the claim was filed." in response.get_data(as_text=True)
    response = _action(client, incident, accrued_on="2025-06-01", filed_on="2025-05-01")
    assert "Filed before the claim accrued" in response.get_data(as_text=True)
    assert fresh(session).exec(select(LegalAction)).all() == []


def test_caseworkers_read_claims_but_do_not_write_them(
    session, client, signed_in, make_user, make_incident, app
):
    lawyer, _ = make_user("lawyer")
    incident = make_incident(lawyer)
    with app.test_request_context():
        from incidents.claims import services

        services.save_action(
            session=session,
            actor=lawyer,
            incident=incident,
            data={"kind": FTCA, "status": "planned", "accrued_on": date(2025, 3, 10)},
            evidence_ids=[],
        )
    signed_in("caseworker")
    page = _case(client, incident)
    assert "FTCA administrative claim (SF-95)" in page and "2027-03-10" in page
    assert "Add a legal action" not in page
    assert _action(client, incident).status_code == 403


def test_another_organization_gets_not_found(session, client, signed_in, make_user, make_incident):
    stranger, _ = make_user("lawyer", org="Other Group")
    incident = make_incident(stranger)
    signed_in("lawyer")
    assert client.get(f"/incidents/{incident.reference}/legal-actions/new").status_code == 404


def test_documents_filed_with_an_action_and_the_audit_trail(
    session, client, signed_in, make_incident, make_evidence
):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    item = make_evidence(lawyer, incident, name="SF-95 as sent.jpg", kind="document")
    _action(client, incident, evidence=[str(item.id)], notes="Sent by certified mail")
    page = _case(client, incident)
    assert "SF-95 as sent" in page.split('id="claims"')[1]
    assert "Pinned to: Legal action: FTCA administrative claim (SF-95)" in page
    action = fresh(session).exec(select(LegalAction)).one()
    client.get(f"/legal-actions/{action.id}/edit")
    events = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.object_type == "legal_action"))
        .all()
    )
    assert [e.action for e in events] == ["legal_action_created", "legal_action_viewed"]
    assert all("certified" not in (e.details or "") for e in events)


def test_a_claim_presented_after_the_limit_is_shown_late(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    _action(client, incident, status="filed", accrued_on="2020-01-01", filed_on="2023-01-01")
    claims = _case(client, incident).split('id="claims"')[1]
    assert "Done late: 2023-01-01, 365 days after" in claims
    assert "the claim may be out of time" in claims and "Met 2023-01-01" not in claims
    assert _deadlines(session)["ftca_presentment"] == (date(2022, 1, 1), date(2023, 1, 1))


def test_the_deemed_denial_date_is_never_overdue(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    filed = (clock.today() - timedelta(days=400)).isoformat()
    _action(client, incident, status="filed", accrued_on=filed, filed_on=filed)
    claims = _case(client, incident).split('id="claims"')[1]
    assert "Reached" in claims and "A date from which the client may act" in claims
    assert "Overdue" not in claims
    milestone = (
        fresh(session).exec(select(Deadline).where(Deadline.kind == "ftca_deemed_denial")).one()
    )
    assert f"/deadlines/{milestone.id}/done" not in claims  # nothing to meet
    response = post_form(
        client,
        f"/deadlines/{milestone.id}/done",
        {"done": "yes"},
        token_from=f"/incidents/{incident.reference}",
        follow_redirects=True,
    )
    assert "is not a deadline to meet" in response.get_data(as_text=True)
    assert fresh(session).get(Deadline, milestone.id).done_on is None


def test_marking_met_twice_keeps_it_met(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    due = (clock.today() + timedelta(days=3)).isoformat()
    url = f"/incidents/{incident.reference}/deadlines/new"
    post_form(client, url, {"kind": "filing", "due_on": due, "rule": "Court order"})
    deadline = fresh(session).exec(select(Deadline)).one()
    done = f"/deadlines/{deadline.id}/done"
    for _ in range(2):  # a double click
        post_form(client, done, {"done": "yes"}, token_from=f"/incidents/{incident.reference}")
    assert _deadlines(session)["filing"][1] == clock.today()
    post_form(client, done, {"done": "no"}, token_from=f"/incidents/{incident.reference}")
    assert _deadlines(session)["filing"][1] is None


def test_implausible_dates_are_refused(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    response = _action(client, incident, accrued_on="1800-01-01")
    assert "A date from 1990 on, please." in response.get_data(as_text=True)
    url = f"/incidents/{incident.reference}/deadlines/new"
    for due, message in (
        ("9999-12-31", "A due date between 1990 and 25 years from now"),
        ("2027-02-29", "There is no such date: check each number."),
    ):
        response = post_form(client, url, {"kind": "filing", "due_on": due, "rule": "Order"})
        assert message in response.get_data(as_text=True)
    assert _deadlines(session) == {}


def test_an_id_too_large_for_a_row_is_not_found(client, signed_in):
    signed_in("lawyer")
    for url in ("/legal-actions/99999999999999999999/edit", "/deadlines/99999999999999999999/edit"):
        assert client.get(url).status_code == 404
    assert client.get("/records-requests/9223372036854775808").status_code == 404


def test_an_empty_legal_action_is_refused_at_its_kind(session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    refused = _action(client, incident, kind="", status="planned", against="")
    assert refused.status_code == 400
    summary = refused.get_data(as_text=True).split('id="error-summary"')[1].split("</div>")[0]
    assert "Kind of action: Choose the kind of action." in summary
    assert fresh(session).exec(select(LegalAction)).all() == []
