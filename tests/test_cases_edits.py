"""Editing incidents: section and field names in the history, rows removed, unchanged saves,
stale and tampered edits refused without loss."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from incidents.models import (
    AuditEvent,
    FrtUse,
    Incident,
    IncidentPerson,
    TimelineEvent,
)
from tests.case_forms import edit_form_fields, only_incident, submit_new
from tests.conftest import fresh, post_form


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
        (
            "timeline-7-starts_at",
            "yesterday at 10",
            "Write it as YYYY-MM-DD HH:MM, for example 2025-09-12 14:30.",
        ),
        ("people-7-date_of_birth", "04/02/1996", "Write it as YYYY-MM-DD, for example 2025-09-12."),
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
