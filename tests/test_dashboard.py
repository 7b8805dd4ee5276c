"""The home page of caseworkers and lawyers: their drafts, cases returned for changes, the
review queue, suggestions to confirm, deadlines and overdue records requests — each showing the
right cases of the user's own organization, with counts that match the data."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from sqlmodel import select

from incidents import clock
from incidents.models import AuditEvent, Deadline, RecordsRequest, RecordsRequestIncident
from incidents.policies.analysis import case_analysis
from incidents.records.bundle import load_bundle
from tests.conftest import fresh, login
from tests.dashboard_helpers import assign, heading_count, move, section, text
from tests.policy_helpers import agency, decide


def test_caseworker_sees_own_drafts_and_returned_cases_with_the_comment(
    app, client, session, make_user, make_incident
):
    me, password = make_user("caseworker")
    colleague, _ = make_user("caseworker")
    lawyer, _ = make_user("lawyer", display_name="Lena Lawyer")
    mine = make_incident(me)  # recorded by me, assigned to nobody
    given = make_incident(colleague)
    assign(app, session, lawyer, given, caseworker=me)  # assigned to me
    taken = make_incident(me)
    assign(app, session, lawyer, taken, caseworker=colleague)  # mine once, now theirs
    returned = make_incident(me)
    move(app, session, me, returned, "submitted")
    move(app, session, lawyer, returned, "returned", "Add the I-213 narrative.\nAnd the photo.")
    waiting = make_incident(me)
    move(app, session, me, waiting, "submitted")
    login(client, me.email, password)
    page = client.get("/home").get_data(as_text=True)

    drafts = section(page, "drafts-heading")
    assert mine.reference in drafts and given.reference in drafts
    for other in (taken, returned, waiting):
        assert other.reference not in drafts
    assert heading_count(page, "drafts-heading") == 2
    sent_back = text(section(page, "returned-heading"))
    assert returned.reference in sent_back
    assert "returned by Lena Lawyer" in sent_back
    assert "Add the I-213 narrative." in sent_back and "And the photo" not in sent_back
    assert heading_count(page, "returned-heading") == 1


def test_caseworker_deadlines_overdue_first_and_only_the_next_30_days(
    app, client, session, make_user, make_incident
):
    me, password = make_user("caseworker")
    lawyer, _ = make_user("lawyer")
    ours = make_incident(me)
    assign(app, session, lawyer, ours, caseworker=me)
    theirs = make_incident(lawyer)
    today = clock.today()
    rows = {
        "late": Deadline(incident_id=ours.id, kind="filing", due_on=today - timedelta(days=3)),
        "soon": Deadline(incident_id=ours.id, kind="hearing", due_on=today + timedelta(days=10)),
        "far": Deadline(incident_id=ours.id, kind="appeal", due_on=today + timedelta(days=40)),
        "done": Deadline(incident_id=ours.id, kind="limitation", due_on=today, done_on=today),
        "not mine": Deadline(incident_id=theirs.id, kind="response_due", due_on=today),
    }
    for row in rows.values():
        row.organization_id, row.rule = me.organization_id, "entered for the test"
        session.add(row)
    session.commit()
    login(client, me.email, password)
    panel = text(section(client.get("/home").get_data(as_text=True), "deadlines-heading"))

    assert "Filing deadline" in panel and "Hearing" in panel
    assert panel.index("Overdue") < panel.index("Filing deadline") < panel.index("Hearing")
    for absent in ("Appeal due", "Limitation period ends", "Response due"):
        assert absent not in panel
    assert heading_count(client.get("/home").get_data(as_text=True), "deadlines-heading") == 2


def test_lawyer_sees_cases_waiting_for_review_theirs_first_and_only_their_organization(
    app, client, session, make_user, make_incident
):
    me, password = make_user("lawyer")
    caseworker, _ = make_user("caseworker")
    outsider, _ = make_user("caseworker", org="Other Legal Aid")
    submitted = []
    for _n in range(3):
        incident = make_incident(caseworker)
        move(app, session, caseworker, incident, "submitted")
        submitted.append(incident)
    assign(app, session, me, submitted[2], lawyer=me)
    draft = make_incident(caseworker)
    foreign = make_incident(outsider)
    move(app, session, outsider, foreign, "submitted")
    login(client, me.email, password)
    page = client.get("/home").get_data(as_text=True)
    panel = section(page, "review-heading")

    assert heading_count(page, "review-heading") == len(submitted)
    assert text(panel).index("Assigned to you (1)") < text(panel).index(submitted[2].reference)
    assert text(panel).index(submitted[2].reference) < text(panel).index("Others (2)")
    assert draft.reference not in panel and foreign.reference not in page
    assert "status=under_review" in panel


def test_lawyer_sees_the_suggestions_still_to_confirm_and_a_decision_removes_one(
    app, client, session, library, make_user, make_incident
):
    me, password = make_user("lawyer")
    caseworker, _ = make_user("caseworker")
    incident = make_incident(caseworker, agency_ids=[agency(library, "ice_ero")])
    move(app, session, caseworker, incident, "submitted")
    rows = case_analysis(fresh(session), load_bundle(fresh(session), incident))
    applicable = [row for row in rows if row.assessment is None]
    assert applicable, "the DHS directive applies to an ICE stop"
    login(client, me.email, password)
    page = client.get("/home").get_data(as_text=True)
    panel = text(section(page, "confirm-heading"))
    assert heading_count(page, "confirm-heading") == len(applicable)
    assert f"{incident.reference} — {len(applicable)} to confirm" in panel

    decided = decide(client, incident, applicable[0].provision, "violated", "Sole basis.")
    assert decided.status_code == 302
    page = client.get("/home").get_data(as_text=True)
    assert heading_count(page, "confirm-heading") == len(applicable) - 1


def test_lawyer_deadlines_theirs_then_the_organization_and_overdue_records_requests(
    app, client, session, make_user, make_incident
):
    me, password = make_user("lawyer")
    caseworker, _ = make_user("caseworker")
    outsider, _ = make_user("caseworker", org="Other Legal Aid")
    mine, other, foreign = (
        make_incident(caseworker),
        make_incident(caseworker),
        make_incident(outsider),
    )
    assign(app, session, me, mine, lawyer=me)
    today = clock.today()
    for incident, kind, due in (
        (mine, "filing", today + timedelta(days=5)),
        (other, "hearing", today + timedelta(days=6)),
        (foreign, "appeal", today + timedelta(days=1)),
        (mine, "ftca_deemed_denial", today + timedelta(days=8)),  # a date to act from
    ):
        session.add(
            Deadline(
                organization_id=incident.organization_id,
                incident_id=incident.id,
                kind=kind,
                due_on=due,
                rule="entered for the test",
            )
        )
    requests = {}
    for name, status, due, incident in (
        ("late", "sent", today - timedelta(days=4), other),
        ("answered", "completed", today - timedelta(days=4), other),
        ("foreign", "sent", today - timedelta(days=4), foreign),
    ):
        request = RecordsRequest(
            organization_id=incident.organization_id, kind="foia", status=status, due_on=due
        )
        session.add(request)
        session.flush()
        session.add(RecordsRequestIncident(records_request_id=request.id, incident_id=incident.id))
        requests[name] = request
    session.commit()
    login(client, me.email, password)
    page = client.get("/home").get_data(as_text=True)
    deadlines = text(section(page, "deadlines-heading"))
    yours, rest = deadlines.split("Rest of the organization")
    when = (today + timedelta(days=8)).strftime("%-d %b %Y")
    assert f"From {when} FTCA: no decision may be treated as a denial" in yours
    assert "Filing deadline" in yours and mine.reference in yours and "Hearing" not in yours
    assert "Hearing" in rest and other.reference in rest and "Filing deadline" not in rest
    assert foreign.reference not in page and "Appeal due" not in page
    overdue = text(section(page, "requests-heading"))
    assert heading_count(page, "requests-heading") == 1
    assert "Overdue" in overdue and other.reference in overdue


def test_the_home_page_view_is_audited_with_filter_names_only(client, signed_in, session):
    user, _ = signed_in("lawyer")
    assert client.get("/home?state=TX&outcome=charged").status_code == 200
    event = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "dashboard_viewed")).one()
    )
    assert event.actor_id == user.id
    assert json.loads(event.details) == {"filters": ["outcome", "state"], "search": False}


def test_when_too_many_incidents_wait_the_page_says_how_many_were_checked(
    app, client, session, library, make_user, make_incident, monkeypatch
):
    from incidents.dashboard import assessments

    monkeypatch.setattr(assessments, "CHECKED", 1)
    me, password = make_user("lawyer")
    caseworker, _ = make_user("caseworker")
    for _ in range(2):
        incident = make_incident(caseworker, agency_ids=[agency(library, "ice_ero")])
        move(app, session, caseworker, incident, "submitted")
    login(client, me.email, password)
    page = client.get("/home").get_data(as_text=True)
    assert re.search(r'id="confirm-heading">[^<]*<span class="count">\d+\+</span>', page)
    assert "(the 1 incidents assigned to you or waiting longest were checked)" in page
