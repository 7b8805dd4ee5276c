"""The calendar: open deadlines and records-request due dates grouped as overdue, this week
and the next 30 days, mine or the organization's; the iCalendar feed behind a revocable secret
address that shows references and kinds only."""

from __future__ import annotations

import re
from datetime import timedelta

from icalendar import Calendar
from sqlmodel import select

from incidents import clock
from incidents.models import AuditEvent, Deadline, RecordsRequest, RecordsRequestIncident
from tests.conftest import fresh, post_form
from tests.workbench_helpers import assign

TODAY = clock.today()


def _deadline(session, incident, days, kind="filing", done=False):
    row = Deadline(
        organization_id=incident.organization_id,
        incident_id=incident.id,
        kind=kind,
        due_on=TODAY + timedelta(days=days),
        rule="Court order",
        done_on=TODAY if done else None,
    )
    session.add(row)
    session.commit()
    return row


def _request(session, incidents, days, status="sent"):
    row = RecordsRequest(
        organization_id=incidents[0].organization_id,
        kind="foia",
        due_on=TODAY + timedelta(days=days),
        due_rule="foia",
        status=status,
    )
    session.add(row)
    session.flush()
    for incident in incidents:
        session.add(RecordsRequestIncident(records_request_id=row.id, incident_id=incident.id))
    session.commit()
    return row


def _sections(html):
    """Section title → the case references listed under it."""
    found = {}
    for title, body in re.findall(
        r"<h2 id=\"cal-\d\">(.*?) <span.*?</h2>(.*?)</section>", html, re.S
    ):
        found[title] = re.findall(r">([A-Z0-9]+-\d{4}-\d{4})</a>", body)
    return found


def test_the_page_groups_open_dates(app, session, client, signed_in, make_incident):
    lawyer, _ = signed_in("lawyer")
    a, b, c, archived = (make_incident(lawyer) for _ in range(4))
    for incident in (a, b, c):
        assign(app, session, incident, lawyer=lawyer)
    _deadline(session, a, -3)
    _deadline(session, b, 2)
    _deadline(session, c, 20)
    _deadline(session, c, 60)  # beyond 30 days
    _deadline(session, a, 1, done=True)  # met
    _request(session, [b, c], 5)
    _request(session, [a], -1, status="complete")  # answered: not due any more
    from incidents.records import operations

    with app.test_request_context():
        operations.archive(session, actor=lawyer, incident=archived, reason="Duplicate")
    session.commit()
    _deadline(session, archived, 1)
    page = client.get("/calendar").get_data(as_text=True)
    sections = _sections(page)
    assert sections["Overdue"] == [a.reference]
    assert sections["This week"] == [b.reference, b.reference, c.reference]
    assert sections["Next 30 days"] == [c.reference]
    assert "FOIA request (federal): answer due" in page and "3 days ago" in page


def test_mine_and_the_whole_organization(app, session, client, signed_in, make_user, make_incident):
    lawyer, _ = signed_in("lawyer")
    colleague, _ = make_user("lawyer")
    mine, theirs = make_incident(lawyer), make_incident(lawyer)
    assign(app, session, mine, lawyer=lawyer)
    assign(app, session, theirs, lawyer=colleague)
    _deadline(session, mine, 3)
    _deadline(session, theirs, 4)
    assert _sections(client.get("/calendar").get_data(as_text=True))["This week"] == [
        mine.reference
    ]
    everyone = _sections(client.get("/calendar?scope=all").get_data(as_text=True))
    assert everyone["This week"] == [mine.reference, theirs.reference]


def _feed_urls(client):
    made = post_form(client, "/calendar/feed", token_from="/calendar", follow_redirects=True)
    return re.findall(r'readonly value="(http[^"]+)"', made.get_data(as_text=True))


def test_the_feed_shows_references_and_kinds_never_names(
    app, session, client, signed_in, make_incident
):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer, narrative="Rosa was stopped near the Fortify van.")
    assert "readonly value=" not in client.get("/calendar").get_data(as_text=True)
    assign(app, session, incident, lawyer=lawyer)
    _deadline(session, incident, 9, kind="notice_of_claim")
    mine, everyone = _feed_urls(client)
    anonymous = app.test_client()
    response = anonymous.get(mine)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    body = response.get_data(as_text=True)
    assert "Rosa" not in body and "Delgado" not in body and "Fortify" not in body
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [f"Notice of claim due — {incident.reference}"]
    assert events[0].decoded("dtstart") == TODAY + timedelta(days=9)
    assert "entered with its rule" in str(events[0]["description"])
    assert anonymous.get(everyone).status_code == 200
    # the address can be read again on the calendar page (a reload makes no new one)
    again = re.findall(
        r'readonly value="(http[^"]+)"', client.get("/calendar").get_data(as_text=True)
    )
    assert again == [mine, everyone]
    reads = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "calendar_feed_read"))
        .all()
    )
    assert len(reads) == 2 and all(r.actor_id == lawyer.id for r in reads)


def test_a_feed_address_can_be_revoked(app, session, client, signed_in):
    _, password = signed_in("lawyer")
    old, _ = _feed_urls(client)
    new, _ = _feed_urls(client)
    anonymous = app.test_client()
    assert anonymous.get(old).status_code == 404  # a new address replaces the old one
    assert anonymous.get(new).status_code == 200
    post_form(client, "/calendar/feed/revoke", token_from="/calendar")
    assert anonymous.get(new).status_code == 404
    latest, _ = _feed_urls(client)
    post_form(
        client,
        "/auth/password",
        {
            "current_password": password,
            "new_password": "a brand new passphrase 42",
            "confirm": "a brand new passphrase 42",
        },
    )
    assert anonymous.get(latest).status_code == 404  # a new password ends it too
    assert anonymous.get(latest.replace(".", ".x", 1)).status_code == 404


def test_researchers_have_no_calendar(client, signed_in):
    signed_in("researcher")
    assert client.get("/calendar").status_code == 403


def test_ending_sessions_stops_the_feed(app, client, signed_in, make_user):
    from tests.conftest import login

    lawyer, _ = signed_in("lawyer")
    mine, _ = _feed_urls(client)
    anonymous = app.test_client()
    assert anonymous.get(mine).status_code == 200
    post_form(client, "/auth/sessions/end-others", token_from="/auth/sessions")
    assert anonymous.get(mine).status_code == 404  # a lost phone may hold both
    mine, _ = _feed_urls(client)
    admin, admin_password = make_user("admin")
    other = app.test_client()
    login(other, admin.email, admin_password)
    post_form(
        other, f"/admin/users/{lawyer.id}/end-sessions", token_from=f"/admin/users/{lawyer.id}"
    )
    assert anonymous.get(mine).status_code == 404


def test_a_passed_milestone_is_not_overdue_and_a_foia_date_says_how_it_was_counted(
    app, session, client, signed_in, make_incident
):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    assign(app, session, incident, lawyer=lawyer)
    _deadline(session, incident, -5, kind="ftca_deemed_denial")  # reached: the client may sue
    _deadline(session, incident, 12, kind="ftca_deemed_denial")
    _request(session, [incident], 3)  # a FOIA date counted from the day sent
    page = client.get("/calendar").get_data(as_text=True)
    sections = _sections(page)
    assert sections["Overdue"] == [] and sections["Next 30 days"] == [incident.reference]
    assert "A date from which the client may act, not a deadline." in page
    assert "counted from the day sent (receipt not recorded)" in page


def test_a_feed_token_with_a_huge_id_is_not_found(app):
    assert app.test_client().get("/calendar/99999999999999999999999.x.ics").status_code == 404
