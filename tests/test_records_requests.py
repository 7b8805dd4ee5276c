"""Records requests as the team uses them: started from a case page, due dates a lawyer can
check against the statute, overdue requests standing out, one request about several incidents,
and nobody outside the organization (nor a researcher) reaching any of it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from incidents import clock
from incidents.models import AuditEvent, RecordsRequest, RecordsRequestIncident
from tests.conftest import fresh, login, post_form
from tests.records_request_helpers import agency_id, file_request, request_form

CAVEAT = "Counted from the day sent: the statute counts from receipt"


def test_a_foia_request_started_from_the_case_page_shows_its_statutory_due_date(
    client, case, session
):
    page = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert "Records requests" in page and "No records requests about this incident." in page
    start = f"/records-requests/new?incident_id={case.id}"
    assert start.replace("&", "&amp;") in page
    form = client.get(start).get_data(as_text=True)
    assert f'value="{case.reference}"' in form  # pre-linked
    made = file_request(client, session, case)
    # received Mon 17 Nov 2025: 20 working days, Thanksgiving (27 Nov) left out → 16 Dec 2025
    assert (made.due_on, made.due_rule) == (date(2025, 12, 16), "foia")
    shown = client.get(f"/records-requests/{made.id}").get_data(as_text=True)
    assert "16 Dec 2025" in shown and "computed" in shown
    assert "20 working days after receipt (17 Nov 2025)" in shown
    assert "determine within 20 days (excepting Saturdays, Sundays, and legal public holidays)" in (
        shown
    )
    assert "law.cornell.edu/uscode/text/5/552" in shown
    assert CAVEAT not in shown
    assert "2026-ICFO-01234" in shown and "ICE FOIA Office" in shown
    case_page = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert f"/records-requests/{made.id}" in case_page and "answer due 2025-12-16" in case_page
    created = session.exec(
        select(AuditEvent).where(AuditEvent.action == "records_request_created")
    ).one()
    assert created.object_id == str(made.id)
    assert json.loads(created.details)["incidents"] == [case.id]
    assert "ICFO" not in created.details and "face scan" not in created.details


def test_an_overdue_request_is_highlighted_and_a_count_from_sending_says_so(client, case, session):
    late = file_request(client, session, case, received_on="", status="sent", status_on="")
    # sent Mon 10 Nov 2025, receipt not recorded, so counted from sending: Veterans Day (11th)
    # and Thanksgiving (27th) left out → Wed 10 Dec 2025, long passed
    assert late.due_on == date(2025, 12, 10) and late.status_on == date(2025, 11, 10)
    answered = file_request(client, session, case, status="complete", status_on="2025-12-01")
    state = file_request(
        client,
        session,
        case,
        kind="state_public_records",
        agency_id=str(_agency(session, "state_police")),
        received_on="",
        due_on="2030-01-15",
        due_rule="Illinois FOIA, 5 ILCS 140/3(d): five business days",
        status="sent",
        status_on="",
    )
    listing = client.get("/records-requests").get_data(as_text=True)
    assert listing.count('class="row--overdue"') == 1 and "overdue</span>" in listing
    assert CAVEAT in listing
    only_overdue = client.get("/records-requests?overdue=y").get_data(as_text=True)
    assert f'/records-requests/{late.id}"' in only_overdue
    for other in (answered, state):
        assert f'/records-requests/{other.id}"' not in only_overdue
    complete = client.get("/records-requests?status=complete").get_data(as_text=True)
    assert f'/records-requests/{answered.id}"' in complete
    assert f'/records-requests/{late.id}"' not in complete
    shown = client.get(f"/records-requests/{late.id}").get_data(as_text=True)
    assert "overdue" in shown and CAVEAT in shown and "20 working days after the day sent" in shown
    case_page = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert CAVEAT in case_page and "overdue" in case_page
    entered = client.get(f"/records-requests/{state.id}").get_data(as_text=True)
    assert "Rule relied on: Illinois FOIA, 5 ILCS 140/3(d)" in entered and "entered" in entered
    assert "law.cornell.edu" not in entered  # no federal rule is claimed for a state request


def _agency(session, code):
    from tests.records_request_helpers import agency_id

    return agency_id(session, code)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"received_on": "2025-11-03"}, "received_on", "Received before it was sent?"),
        ({"sent_on": "2099-01-05", "received_on": ""}, "sent_on", "cannot be in the future"),
        ({"sent_on": "2025-13-45"}, "sent_on", "There is no such date: check each number."),
        ({"incidents": "NOPE-2025-0001"}, "incidents", "No incident of your organization"),
        ({"incidents": ""}, "incidents", "at least one incident"),
        ({"fees": "-25"}, "fees", "Enter an amount from 0 to 1,000,000."),
        ({"fees": "twelve"}, "fees", "Not a valid decimal value"),
        ({"extension_days": "-1"}, "extension_days", "Enter 0 to 365 working days"),
        ({"extension_days": "99999999999999999999"}, "extension_days", "Enter 0 to 365"),
        ({"fees": "sNaN"}, "fees", "Enter an amount from 0 to 1,000,000."),
        ({"fees": "Infinity"}, "fees", "Enter an amount from 0 to 1,000,000."),
        (
            {"extension_days": "15"},
            "extension_days",
            "No such notice shall specify a date that would result in an extension for more "
            "than ten working days",
        ),
        ({"due_on": "2026-01-10", "due_rule": "Agency said so"}, "due_on", "is computed"),
        (
            {"kind": "state_public_records", "due_on": "2026-01-10"},
            "due_rule",
            "Name the rule the due date relies on",
        ),
        (
            {"kind": "privacy_act", "due_rule": "foia", "due_on": "2026-01-10"},
            "due_rule",
            "Name the rule the due date relies on",
        ),
        ({"kind": "preservation_letter", "due_rule": "A rule"}, "due_on", "Enter the due date"),
        ({"status_on": "2025-10-01"}, "status_on", "before the request was sent"),
        ({"agency_id": "999999"}, "agency_id", "Not a valid choice"),
        ({"kind": "subpoena"}, "kind", "Not a valid choice"),
        ({"fees": "12.345"}, "fees", "two decimals at most"),
        (
            {"kind": "state_public_records", "extension_days": "30"},
            "extension_days",
            "Extensions are counted for a federal FOIA request only",
        ),
    ],
)
def test_a_wrong_entry_is_shown_at_its_field_and_nothing_is_saved(
    client, case, session, changes, field, message
):
    response = post_form(client, "/records-requests/new", request_form(session, case, **changes))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html and message in html.replace("&#39;", "'")
    assert fresh(session).exec(select(RecordsRequest)).all() == []


def test_an_incident_of_another_organization_cannot_be_linked(
    app, client, case, session, make_user, make_incident
):
    outsider, _ = make_user("caseworker", org="Other Legal Aid")
    theirs = make_incident(outsider)
    response = post_form(
        client, "/records-requests/new", request_form(session, case, incidents=theirs.reference)
    )
    assert response.status_code == 400 and "No incident of your organization" in response.text
    assert client.get(f"/records-requests/new?incident_id={theirs.id}").status_code == 404
    made = file_request(client, session, case)
    linked = post_form(
        client,
        f"/records-requests/{made.id}/incidents",
        {"reference": theirs.reference},
        token_from=f"/records-requests/{made.id}",
    )
    assert linked.status_code == 400 and "No incident of your organization" in linked.text
    links = fresh(session).exec(select(RecordsRequestIncident.incident_id)).all()
    assert links == [case.id]


def test_other_organizations_get_404_and_researchers_403(app, client, case, session, make_user):
    made = file_request(client, session, case)
    outsider, password = make_user("admin", org="Other Legal Aid")
    other = app.test_client()
    login(other, outsider.email, password)
    for path in (f"/records-requests/{made.id}", f"/records-requests/{made.id}/edit"):
        assert other.get(path).status_code == 404
    for path in ("incidents", "records/link", "archive"):
        response = post_form(
            other, f"/records-requests/{made.id}/{path}", {}, token_from="/records-requests"
        )
        assert response.status_code == 404, path
    assert f"/records-requests/{made.id}" not in other.get("/records-requests").text
    researcher, password = make_user("researcher")
    studying = app.test_client()
    login(studying, researcher.email, password)
    assert studying.get("/records-requests").status_code == 403
    assert studying.get(f"/records-requests/{made.id}").status_code == 403
    assert "Records requests" not in studying.get("/home").text


def test_a_federal_foia_request_goes_to_a_federal_agency(client, case, session):
    local = str(agency_id(session, "local_police"))
    response = post_form(
        client, "/records-requests/new", request_form(session, case, agency_id=local)
    )
    assert response.status_code == 400
    assert "cover federal agencies only" in response.get_data(as_text=True)
    assert fresh(session).exec(select(RecordsRequest)).all() == []
    privacy = request_form(session, case, agency_id=local, kind="privacy_act")
    response = post_form(client, "/records-requests/new", privacy)
    assert "cover federal agencies only" in response.get_data(as_text=True)
    unknown = request_form(session, case, agency_id=str(agency_id(session, "unknown")))
    response = post_form(client, "/records-requests/new", unknown)
    assert "Choose the federal agency the request went to." in response.get_data(as_text=True)
    far = request_form(
        session,
        case,
        agency_id=local,
        kind="state_public_records",
        due_on="9999-12-31",
        due_rule="State records act",
    )
    response = post_form(client, "/records-requests/new", far)
    assert "A due date within 25 years, please." in response.get_data(as_text=True)
    assert fresh(session).exec(select(RecordsRequest)).all() == []
    state = request_form(
        session, case, agency_id=local, kind="state_public_records", received_on=""
    )
    assert post_form(client, "/records-requests/new", state).status_code == 302


def test_every_view_of_a_request_and_of_the_list_is_in_the_audit_trail(client, case, session):
    made = file_request(client, session, case)
    client.get(f"/records-requests/{made.id}/edit")  # the form shows the request too
    edit_views = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "records_request_viewed"))
        .all()
    )
    assert [e.object_id for e in edit_views] == [str(made.id)]
    client.get(f"/records-requests/{made.id}")
    client.get("/records-requests?status=acknowledged&kind=foia&overdue=y")
    events = fresh(session).exec(select(AuditEvent).order_by(AuditEvent.seq)).all()
    viewed = [e for e in events if e.action == "records_request_viewed"]
    assert viewed and viewed[-1].object_type == "records_request"
    assert viewed[-1].object_id == str(made.id)
    listed = [e for e in events if e.action == "records_request_list_viewed"][-1]
    assert json.loads(listed.details) == {
        "filters": {"kind": "foia", "overdue": True, "status": "acknowledged"},
        "page": 1,
    }
    assert not any("ICFO" in (e.details or "") for e in events)


def test_a_request_about_two_incidents_shows_on_both_case_pages(
    client, caseworker, session, make_incident
):
    first, second = make_incident(caseworker), make_incident(caseworker)
    made = file_request(client, session, first, incidents=f"{first.reference} {second.reference}")
    for incident in (first, second):
        page = client.get(f"/incidents/{incident.reference}").text
        assert f"/records-requests/{made.id}" in page
    shown = client.get(f"/records-requests/{made.id}").text
    assert f"/incidents/{first.reference}" in shown and f"/incidents/{second.reference}" in shown
    token_from = f"/records-requests/{made.id}"
    unlinked = post_form(
        client, f"{token_from}/incidents/unlink", {"choice": second.id}, token_from=token_from
    )
    assert unlinked.status_code == 302
    assert f"/records-requests/{made.id}" not in client.get(f"/incidents/{second.reference}").text
    last = post_form(
        client, f"{token_from}/incidents/unlink", {"choice": first.id}, token_from=token_from
    )
    assert "at least one incident" in client.get(last.headers["Location"]).text
    relinked = post_form(
        client,
        f"{token_from}/incidents",
        {"reference": second.reference.lower()},
        token_from=token_from,
    )
    assert relinked.status_code == 302
    assert f"/records-requests/{made.id}" in client.get(f"/incidents/{second.reference}").text
    actions = [e.action for e in fresh(session).exec(select(AuditEvent)).all()]
    assert "records_request_incident_unlinked" in actions
    assert "records_request_incident_linked" in actions


def test_an_edit_recomputes_the_due_date_and_dates_a_new_status(client, case, session):
    made = file_request(client, session, case, received_on="")
    assert made.due_on == date(2025, 12, 10)  # from sending, 10 Nov 2025
    edit = f"/records-requests/{made.id}/edit"
    form = client.get(edit).text
    assert 'value="2025-11-10"' in form and "2026-ICFO-01234" in form
    changes = request_form(session, case, received_on="2025-12-01", extension_days="10")
    changes.pop("incidents")
    changes["status"] = "partial"
    saved = post_form(client, edit, changes)
    assert saved.status_code == 302
    stored = fresh(session).get(RecordsRequest, made.id)
    # received Mon 1 Dec 2025: 20 + 10 working days, Christmas and New Year's Day left out
    assert stored.due_on == date(2026, 1, 14)
    assert stored.status == "partial" and stored.status_on == clock.today()
    shown = client.get(f"/records-requests/{made.id}").text
    assert "14 Jan 2026" in shown and "plus an extension of 10 working days" in shown
    assert "No such notice shall specify a date" in shown
    updated = session.exec(
        select(AuditEvent).where(AuditEvent.action == "records_request_updated")
    ).one()
    assert set(json.loads(updated.details)["fields"]) >= {"received_on", "due_on", "status"}


def test_archived_requests_leave_lists_and_case_pages(app, client, case, session, make_user):
    made = file_request(client, session, case)
    admin, password = make_user("admin")
    boss = app.test_client()
    login(boss, admin.email, password)
    page = f"/records-requests/{made.id}"
    refused = post_form(client, f"{page}/archive", {}, token_from=page)
    assert refused.status_code == 403
    assert post_form(boss, f"{page}/archive", {}, token_from=page).status_code == 302
    assert page not in client.get("/records-requests").text
    assert page not in client.get(f"/incidents/{case.reference}").text
    assert client.get(page).status_code == 404
    assert "archived" in boss.get(page).text
    assert f'{page}"' in boss.get("/records-requests?archived=y").text
    assert post_form(boss, f"{page}/restore", {}, token_from=page).status_code == 302
    assert client.get(page).status_code == 200


def test_the_calendar_lists_the_computed_due_date(app, client, case, session):
    from incidents.calendar.entries import entries

    made = file_request(client, session, case)
    found = entries(fresh(session), case.organization_id, until=date(2026, 1, 1))
    assert [(e.object_id, e.due_on, e.computed, e.references) for e in found] == [
        (made.id, date(2025, 12, 16), True, (case.reference,))
    ]
