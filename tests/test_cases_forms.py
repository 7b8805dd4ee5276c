"""Recording incidents through the forms: every section, every rule, rows without JavaScript."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from incidents.models import (
    AuditEvent,
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentPerson,
    Person,
    TimelineEvent,
)
from tests.case_forms import edit_form_fields, form_data, only_incident, submit_new
from tests.conftest import fresh, post_form


def test_a_complete_incident_is_recorded_from_every_section(client, caseworker, session):
    response = submit_new(client)
    assert response.status_code == 302
    incident = only_incident(session)
    assert response.headers["Location"].endswith(f"/incidents/{incident.reference}")
    assert incident.reference.endswith("-2025-0001")
    assert (incident.city, incident.state, incident.zip, incident.encounter_type) == (
        "Chicago",
        "IL",
        "60623",
        "street_stop",
    )
    assert incident.occurred_on == date(2025, 9, 12) and incident.date_precision == "day"
    # a status posted with the form is ignored: only the review workflow moves it
    assert incident.research_consent == "yes" and incident.documentation_status == "draft"
    person = session.exec(select(Person)).one()
    assert (person.full_name, person.legal_status, person.nationality) == (
        "Marisol Quintero Vega",
        "us_citizen_birth",
        "US",
    )
    use = session.exec(select(FrtUse)).one()
    assert (use.system, use.sole_basis, use.treated_as, use.score) == (
        "mobile_fortify",
        "yes",
        "definitive_id",
        91.5,
    )
    document = session.exec(select(DocumentPresented)).one()
    assert document.presented_by_id == person.id and document.agent_response == "ignored"
    assert len(session.exec(select(TimelineEvent)).all()) == 2
    assert incident.flag_sole_basis and incident.flag_docs_disregarded
    assert incident.subject_legal_status == "us_citizen_birth"
    created = session.exec(select(AuditEvent).where(AuditEvent.action == "incident_created")).one()
    assert created.object_id == str(incident.id) and "Marisol" not in created.details
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Marisol Quintero Vega" in page and "18.5" in page


def test_a_draft_needs_only_date_state_and_encounter(client, caseworker, session):
    minimal = {
        "occurred_on": "2024",
        "state": "TX",
        "encounter_type": "traffic_stop",
        "people-0-role": "subject",
        "frt_uses-0-mode": "unknown",
        "action": "save",
        "research_consent": "no",
    }
    response = post_form(client, "/incidents/new", minimal)
    assert response.status_code == 302, response.get_data(as_text=True)
    incident = only_incident(session)
    assert incident.date_precision == "year" and incident.occurred_on == date(2024, 1, 1)
    assert incident.documentation_status == "draft"
    assert session.exec(select(Person)).all() == [] and session.exec(select(FrtUse)).all() == []


@pytest.mark.parametrize("sent", ["", None])
def test_a_choice_with_a_preset_left_empty_takes_its_preset(client, caseworker, session, sent):
    # the select offers no empty choice; a request that sends one (or none) is no 500
    data = form_data()
    data.pop("enforcement_context", None)
    if sent is not None:
        data["enforcement_context"] = sent
    response = post_form(client, "/incidents/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert only_incident(session).enforcement_context == "derived"


def test_month_precision_is_kept_and_shown(client, caseworker, session):
    submit_new(client, occurred_on="2025-03")
    incident = only_incident(session)
    assert (incident.occurred_on, incident.date_precision) == (date(2025, 3, 1), "month")
    assert "March 2025" in client.get(f"/incidents/{incident.reference}").get_data(as_text=True)


TOMORROW = (date.today() + timedelta(days=1)).isoformat()
FUTURE_TIME = (datetime.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("occurred_on", "", "Enter the date"),
        ("occurred_on", "12/09/2025", "Use YYYY-MM-DD"),
        ("occurred_on", "2025-02-30", "This date does not exist."),
        ("occurred_on", TOMORROW, "The date cannot be in the future."),
        ("occurred_on", "1989-12-31", "The date must be in 1990 or later."),
        ("city", "Chi\x07cago", "Remove the control characters (some are invisible) from"),
        ("people-0-full_name", "Ana\u200b Long", "Remove the control characters (some are"),
        ("people-0-phone", "+1 (312) 555-0142 . . . . . . . . . . . . . .", "longer than 30"),
        ("state", "", "Choose one."),
        ("state", "ZZ", "Not a valid choice"),
        ("encounter_type", "", "Choose one."),
        ("zip", "6062", "Use a 5-digit ZIP code"),
        ("city", "x" * 101, "Field cannot be longer than 100 characters."),
        ("people-0-a_number", "B12345", "An A-number is the letter A followed by 7 to 9 digits."),
        ("people-0-a_number", "A123456", "An A-number is the letter A followed by 7 to 9 digits."),
        ("people-0-email", "not-an-email", "Invalid email address"),
        ("people-0-phone", "12345", "Use a phone number of 7 to 15 digits"),
        ("people-0-date_of_birth", TOMORROW, "The date of birth must be between 1900 and today."),
        ("people-0-full_name", "", "Enter the full name."),
        ("people-0-legal_status", "martian", "Not a valid choice"),
        ("frt_uses-0-system", "", "Choose one."),
        ("frt_uses-0-score", "140", "Number must be between 0 and 100."),
        ("timeline-1-starts_at", "2025-09-12T07:00", None),
        ("timeline-0-ends_at", "2025-09-12T07:00", "The end must be after the start."),
        ("timeline-0-starts_at", FUTURE_TIME, "The date cannot be in the future."),
        ("timeline-0-ends_at", FUTURE_TIME, "The date cannot be in the future."),
        ("timeline-0-starts_at", "1800-01-01T10:00", "The date must be in 1990 or later."),
        ("research_consent_on", "1900-01-01", "The date must be in 1990 or later."),
        ("detention_hours_entered", "-3", "Number must be between 0 and 100,000."),
        ("research_consent", "no", "Leave the date empty when there is no consent."),
    ],
)
def test_each_rule_is_reported_at_its_field_and_input_is_kept(
    client, caseworker, session, field, value, message
):
    response = submit_new(client, **{field: value})
    if message is None:  # the release before the detention start is allowed (order is free)
        assert response.status_code == 302
        return
    html = response.get_data(as_text=True)
    assert response.status_code == 400, field
    field_id = "research_consent_on" if field == "research_consent" else field
    assert f'id="{field_id}-error"' in html, field
    assert message in html.split(f'id="{field_id}-error"')[1][:300]
    if field != "people-0-full_name":
        assert 'value="Marisol Quintero Vega"' in html  # everything typed is kept
    assert "Stopped on her way to work" in html and 'value="W 26th St &amp; S Pulaski Rd"' in html
    assert fresh(session).exec(select(Incident)).all() == []


def test_a_numbers_are_stored_normalized(client, caseworker, session):
    submit_new(client, **{"people-0-a_number": "a 123-456-78", "people-0-legal_status": "lpr"})
    assert fresh(session).exec(select(Person)).one().a_number == "A012345678"


def test_rows_are_added_and_removed_without_javascript(client, caseworker, session):
    response = post_form(client, "/incidents/new", form_data(action="add:frt_uses"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="frt_uses-1-system"' in html
    assert 'value="Marisol Quintero Vega"' in html  # typed data survives
    assert "error" not in html.split("<form")[1].split('class="errors"')[0][-20:]
    response = post_form(
        client,
        "/incidents/new",
        form_data(action="remove:timeline:timeline-1", **{"frt_uses-1-system": "clearview_ai"}),
    )
    html = response.get_data(as_text=True)
    assert 'id="timeline-1-kind"' not in html and 'id="timeline-0-kind"' in html
    assert fresh(session).exec(select(Incident)).all() == []  # nothing saved by row actions


def test_rows_are_moved_without_javascript_and_saved_in_their_new_order(
    client, caseworker, session
):
    second = {"people-1-key": "n2", "people-1-role": "witness", "people-1-full_name": "Ana Price"}
    second["people-1-legal_status"] = "lpr"
    response = post_form(client, "/incidents/new", form_data(action="up:people:people-1", **second))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Ana Price"' in html.split('id="people-0-full_name"')[1][:200]
    assert 'value="Marisol Quintero Vega"' in html.split('id="people-1-full_name"')[1][:200]
    # the first row offers no "Move up", the last no "Move down"
    assert 'value="up:people:people-0"' not in html and 'value="down:people:people-1"' not in html
    assert 'value="down:people:people-0"' in html and 'value="up:people:people-1"' in html
    assert fresh(session).exec(select(Incident)).all() == []  # nothing saved by a move
    fields = edit_form_fields(html)  # what the browser sends from the moved form
    fields["action"] = "save"
    assert post_form(client, "/incidents/new", fields).status_code == 302
    incident = only_incident(session)
    rows = (
        fresh(session)
        .exec(
            select(IncidentPerson, Person)
            .join(Person, Person.id == IncidentPerson.person_id)
            .where(IncidentPerson.incident_id == incident.id)
            .order_by(IncidentPerson.position)
        )
        .all()
    )
    assert [person.full_name for _, person in rows] == ["Ana Price", "Marisol Quintero Vega"]


def test_a_move_past_the_end_changes_nothing(client, caseworker):
    response = post_form(client, "/incidents/new", form_data(action="up:people:people-0"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Marisol Quintero Vega"' in html.split('id="people-0-full_name"')[1][:200]
