"""Recording and editing incidents through the forms: every section, every rule, rows without
JavaScript, duplicate people, concurrent edits."""

from __future__ import annotations

import json
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
from tests.case_forms import edit_form_fields, form_data, submit_new
from tests.conftest import fresh, post_form


@pytest.fixture
def caseworker(signed_in):
    user, _ = signed_in("caseworker")
    return user


def only_incident(session) -> Incident:
    return fresh(session).exec(select(Incident)).one()


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
    assert incident.research_consent == "yes" and incident.documentation_status == "under_review"
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
        ("city", "Chi\x07cago", "Remove the control characters from this field."),
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


def _edit(client, incident, **changes):
    html = client.get(f"/incidents/{incident.reference}/edit").get_data(as_text=True)
    data = edit_form_fields(html)
    data.update(changes)
    return post_form(client, f"/incidents/{incident.reference}/edit", data), data


def test_editing_every_section_records_section_and_field_names_only(client, caseworker, session):
    submit_new(client)
    incident = only_incident(session)
    response, _ = _edit(
        client,
        incident,
        city="Cicero",
        encounter_type="transit",
        **{
            "people-0-phone": "+1 312 555 0199",
            "frt_uses-0-human_review": "field_visual",
            "documents-0-agent_response": "rejected",
            "timeline-1-starts_at": "2025-09-13T06:30",
            "outcome": "nta_issued",
            "narrative": "Updated account.",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    event = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "incident_updated")).one()
    )
    details = json.loads(event.details)
    assert details["sections"] == [
        "when_where",
        "encounter_agencies",
        "people",
        "frt_uses",
        "documents",
        "timeline",
        "outcome_consent",
        "narrative",
    ]
    assert "city" in details["fields"] and "frt_uses.human_review" in details["fields"]
    assert "Cicero" not in event.details and "0199" not in event.details
    incident = only_incident(session)
    assert incident.version == 2 and incident.city == "Cicero"
    assert session.exec(select(FrtUse)).one().human_review == "field_visual"
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "22.5" in page  # hours recomputed from the edited timeline
    history = page.split("Edit history")[1]
    assert "updated: When and where, Encounter and agencies, People" in history


def test_removing_rows_in_an_edit_deletes_them(client, caseworker, session):
    submit_new(
        client,
        **{
            "people-1-full_name": "Tomás Witness",
            "people-1-key": "n2",
            "people-1-role": "witness",
            "occurred_on": "2025-09-13",
        },
    )
    incident = (
        fresh(session).exec(select(Incident).where(Incident.occurred_on == date(2025, 9, 13))).one()
    )
    assert (
        len(
            fresh(session)
            .exec(select(IncidentPerson).where(IncidentPerson.incident_id == incident.id))
            .all()
        )
        == 2
    )
    html = client.get(f"/incidents/{incident.reference}/edit").get_data(as_text=True)
    data = {
        k: v
        for k, v in edit_form_fields(html).items()
        if not k.startswith(("timeline-1-", "people-1-", "frt_uses-0-"))
    }
    assert post_form(client, f"/incidents/{incident.reference}/edit", data).status_code == 302
    session = fresh(session)
    kinds = session.exec(
        select(TimelineEvent.kind).where(TimelineEvent.incident_id == incident.id)
    ).all()
    assert kinds == ["detention_start"]
    assert session.exec(select(FrtUse).where(FrtUse.incident_id == incident.id)).all() == []
    links = session.exec(
        select(IncidentPerson).where(IncidentPerson.incident_id == incident.id)
    ).all()
    assert [link.role for link in links] == ["subject"]
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "Tomás Witness" not in page


def test_saving_an_unchanged_form_changes_nothing(client, caseworker, session):
    submit_new(client)
    incident = only_incident(session)
    response, _ = _edit(client, incident)
    assert response.status_code == 302
    assert only_incident(session).version == 1
    assert not session.exec(select(AuditEvent).where(AuditEvent.action == "incident_updated")).all()


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(
    app, client, caseworker, make_user, session
):
    from tests.conftest import login

    submit_new(client)
    incident = only_incident(session)
    html = client.get(f"/incidents/{incident.reference}/edit").get_data(as_text=True)
    mine = edit_form_fields(html)
    colleague_user, password = make_user("lawyer")
    colleague = app.test_client()
    login(colleague, colleague_user.email, password)
    assert _edit(colleague, incident, city="Berwyn")[0].status_code == 302
    mine["city"] = "Evanston"
    response = post_form(client, f"/incidents/{incident.reference}/edit", mine)
    assert response.status_code == 409
    assert "Someone else saved this incident" in response.get_data(as_text=True)
    assert 'value="Evanston"' in response.get_data(as_text=True)
    assert only_incident(session).city == "Berwyn"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timeline-7-starts_at", "yesterday at 10", "Not a valid datetime value."),
        ("people-7-date_of_birth", "04/02/1996", "Not a valid date value."),
        ("frt_uses-7-score", "85%", "Not a valid decimal value."),
    ],
)
def test_a_new_row_whose_only_entry_cannot_be_read_is_not_dropped(
    client, caseworker, session, field, value, message
):
    """Nothing typed is lost without a word: the row stays and its field says why."""
    response = submit_new(client, **{field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and message in html
    assert f'value="{value}"' in html
    assert session.exec(select(Incident)).first() is None


@pytest.mark.parametrize("version", ["abc", "99999999999999999999999", "-1", "\uff11"])
def test_a_tampered_version_is_a_stale_edit_not_an_error(client, caseworker, session, version):
    submit_new(client)
    incident = only_incident(session)
    html = client.get(f"/incidents/{incident.reference}/edit").get_data(as_text=True)
    fields = {**edit_form_fields(html), "version": version, "city": "Evanston"}
    response = post_form(client, f"/incidents/{incident.reference}/edit", fields)
    assert response.status_code == 409 and "Traceback" not in response.get_data(as_text=True)
    assert only_incident(session).city != "Evanston"


def test_duplicate_people_are_offered_for_linking(client, caseworker, session):
    submit_new(client, **{"people-0-a_number": "A 987 654 321", "people-0-legal_status": "lpr"})
    first = only_incident(session)
    person = session.exec(select(Person)).one()
    again = form_data(
        occurred_on="2025-10-01",
        **{
            "people-0-full_name": "M. Quintero",
            "people-0-a_number": "A987654321",
            "people-0-date_of_birth": "",
            "people-0-phone": "",
        },
    )
    response = post_form(client, "/incidents/new", again)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "Possibly already on file" in html
    assert f'value="p{person.id}"' in html and "Marisol Quintero Vega" in html
    again["people-0-duplicate_choice"] = f"p{person.id}"
    response = post_form(client, "/incidents/new", again)
    assert response.status_code == 302
    assert len(fresh(session).exec(select(Person)).all()) == 1  # linked, not duplicated
    assert session.get(Person, person.id).phone == "+1 312 555 0142"  # blank row kept stored value
    person_page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert first.reference in person_page and "-2025-0002" in person_page


def test_same_name_and_birth_date_is_a_possible_duplicate_and_can_be_kept_apart(
    client, caseworker, session
):
    submit_new(client)
    again = form_data(occurred_on="2025-11-02", **{"people-0-full_name": "marisol  QUINTERO vega"})
    assert post_form(client, "/incidents/new", again).status_code == 409
    again["people-0-duplicate_choice"] = "new"
    assert post_form(client, "/incidents/new", again).status_code == 302
    assert len(fresh(session).exec(select(Person)).all()) == 2


def test_people_of_another_organization_are_never_suggested(
    client, caseworker, make_user, make_incident, session
):
    other, _ = make_user("caseworker", org="Other Org")
    make_incident(
        other,
        people=[
            {
                "key": "n1",
                "person_id": None,
                "role": "subject",
                "person": {
                    "full_name": "Marisol Quintero Vega",
                    "aliases": None,
                    "date_of_birth": date(1994, 5, 17),
                    "a_number": None,
                    "phone": None,
                    "email": None,
                    "street_address": None,
                    "city": None,
                    "state": None,
                    "zip": None,
                    "gender": None,
                    "nationality": None,
                    "language": None,
                    "legal_status": "us_citizen_birth",
                },
            }
        ],
    )
    assert submit_new(client).status_code == 302


def test_linking_to_a_person_of_another_organization_is_impossible(
    client, caseworker, make_user, make_incident, session
):
    other, _ = make_user("caseworker", org="Other Org")
    make_incident(other)
    outsider = fresh(session).exec(select(Person)).one()
    response = submit_new(
        client, **{"people-0-person_id": str(outsider.id), "people-0-full_name": "Changed Name"}
    )
    assert response.status_code == 302
    assert fresh(session).get(Person, outsider.id).full_name == "Rosa Delgado Ibarra"
    links = session.exec(select(IncidentPerson.person_id)).all()
    assert links.count(outsider.id) == 1  # only the other organization's own link
