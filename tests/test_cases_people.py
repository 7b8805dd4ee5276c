"""Duplicate people: offered for linking, kept apart on request, never across organizations."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from incidents.models import (
    IncidentPerson,
    Person,
)
from tests.case_forms import form_data, only_incident, submit_new
from tests.conftest import fresh, post_form


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
