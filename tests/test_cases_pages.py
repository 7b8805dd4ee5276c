"""Case page, list, search, filters, archive, isolation between organizations, query counts."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event
from sqlmodel import select

from incidents.models import AuditEvent, Incident
from tests.conftest import fresh, post_form

PERSON = {
    "aliases": None,
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
}


def person(name, status="us_citizen_birth", dob=date(1990, 1, 1)):
    return {
        "key": "n1",
        "person_id": None,
        "role": "subject",
        "person": {**PERSON, "full_name": name, "date_of_birth": dob, "legal_status": status},
    }


def frt(system="mobile_fortify", sole="yes", treated="definitive_id", review="none"):
    return {
        "id": None,
        "system": system,
        "operator_agency_id": None,
        "mode": "one_to_many",
        "capture_source": "phone_camera",
        "result": "match_claimed",
        "treated_as": treated,
        "sole_basis": sole,
        "human_review": review,
        "independent_corroboration": "no",
        "misidentified": "yes",
        "disclosed_to_person": "no",
        "score": None,
        "notes": None,
    }


@pytest.fixture
def lawyer(signed_in):
    return signed_in("lawyer")[0]


def rows(html: str) -> str:
    return html.split("<tbody>")[1].split("</tbody>")[0]


def test_key_facts_panel(client, lawyer, make_incident):
    incident = make_incident(lawyer)
    html = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    facts = html.split('class="panel keyfacts"')[1].split("</section>")[0]
    assert "Mobile Fortify (ICE/CBP app)" in facts
    assert re.search(
        r"definitive\s+identification\?</dt><dd>\s*<span class=\"badge badge--bad\">Yes", facts
    )
    assert "citizenship document: Birth certificate" in facts
    assert "18.5" in facts and "computed from the timeline" in facts
    assert "Detained, then released" in facts


def test_detention_hours_fall_back_to_the_entered_figure(client, lawyer, make_incident):
    incident = make_incident(lawyer, timeline=[], detention_hours_entered=30.0)
    html = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "30.0" in html and "(as entered)" in html


def test_detention_hours_sum_periods_and_use_event_ends(client, lawyer, make_incident):
    timeline = [
        {
            "id": None,
            "kind": "detention_start",
            "starts_at": datetime(2025, 1, 1, 10),
            "ends_at": datetime(2025, 1, 1, 14),
            "place": None,
            "description": None,
        },
        {
            "id": None,
            "kind": "detention_start",
            "starts_at": datetime(2025, 1, 2, 9),
            "ends_at": None,
            "place": None,
            "description": None,
        },
        {
            "id": None,
            "kind": "removal",
            "starts_at": datetime(2025, 1, 3, 9, 30),
            "ends_at": None,
            "place": None,
            "description": None,
        },
    ]
    incident = make_incident(lawyer, timeline=timeline, detention_hours_entered=2.0)
    html = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "28.5" in html and "computed from the timeline" in html


def test_case_page_views_are_audited(client, lawyer, make_incident, session):
    incident = make_incident(lawyer)
    client.get(f"/incidents/{incident.reference}")
    viewed = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "incident_viewed")).one()
    )
    assert viewed.object_id == str(incident.id) and viewed.actor_id == lawyer.id


def test_other_organizations_incidents_do_not_exist_for_me(
    client, lawyer, make_user, make_incident, session
):
    outsider, _ = make_user("caseworker", org="Other Org")
    theirs = make_incident(outsider, narrative="Their secret narrative.")
    for path in (f"/incidents/{theirs.reference}", f"/incidents/{theirs.reference}/edit"):
        response = client.get(path)
        assert response.status_code == 404 and "Their secret" not in response.get_data(as_text=True)
    person_id = fresh(session).exec(select(Incident)).one().id  # any id of theirs
    assert client.get(f"/people/{person_id}").status_code == 404
    listing = client.get("/incidents").get_data(as_text=True)
    assert theirs.reference not in listing and "No incidents match." in listing


def test_researchers_are_refused_case_data(client, signed_in, make_user, make_incident):
    owner, _ = make_user("caseworker")
    incident = make_incident(owner)
    signed_in("researcher")
    for path in (
        "/incidents",
        f"/incidents/{incident.reference}",
        "/incidents/new",
        f"/incidents/{incident.reference}/edit",
    ):
        assert client.get(path).status_code == 403


def search(client, text):
    return post_form(
        client, "/incidents/search", {"q": text}, token_from="/incidents", follow_redirects=True
    )


def test_search_by_narrative_word_reference_and_name(client, lawyer, make_incident):
    first = make_incident(
        lawyer,
        narrative="A deputy scanned him at the laundromat.",
        people=[person("Zoë Łukasiewicz")],
    )
    second = make_incident(
        lawyer, narrative="Stopped at the bus terminal.", people=[person("José Núñez")]
    )
    found = rows(search(client, "laundromat").get_data(as_text=True))
    assert first.reference in found and second.reference not in found
    found = rows(search(client, second.reference).get_data(as_text=True))
    assert second.reference in found and first.reference not in found
    response = search(client, "jose nunez")  # accents and case do not matter
    found = rows(response.get_data(as_text=True))
    assert second.reference in found and first.reference not in found
    for hop in [*response.history, response]:
        assert "nunez" not in hop.request.url.lower() and "jose" not in hop.request.url.lower()
        assert "nunez" not in hop.headers.get("Location", "").lower()
    assert "Núñez" not in re.sub(
        r"<td>[^<]*</td>", "", response.get_data(as_text=True).split("<tbody>")[0]
    )  # the name is not echoed into links or forms outside the results
    cleared = post_form(
        client, "/incidents/search/clear", token_from="/incidents", follow_redirects=True
    )
    assert first.reference in rows(cleared.get_data(as_text=True))


def test_search_terms_never_reach_the_audit_trail(client, lawyer, make_incident, session):
    make_incident(lawyer)
    search(client, "Delgado")
    details = " ".join(e.details for e in fresh(session).exec(select(AuditEvent)).all())
    assert "Delgado" not in details and '"search":true' in details


def test_filters_combined(client, lawyer, make_incident):
    a = make_incident(lawyer, state="IL", frt_uses=[frt("mobile_fortify", sole="yes")])
    b = make_incident(lawyer, state="IL", frt_uses=[frt("clearview_ai", sole="yes")])
    c = make_incident(lawyer, state="TX", frt_uses=[frt("mobile_fortify", sole="no")], documents=[])
    d = make_incident(
        lawyer,
        state="IL",
        frt_uses=[frt("mobile_fortify", sole="no")],
        occurred_on=date(2023, 5, 1),
    )

    def listed(query):
        html = rows(client.get(f"/incidents?{query}").get_data(as_text=True))
        return {i.reference for i in (a, b, c, d) if i.reference in html}

    assert listed("state=IL&frt_system=mobile_fortify") == {a.reference, d.reference}
    assert listed("state=IL&frt_system=mobile_fortify&sole_basis=y") == {a.reference}
    assert listed("frt_system=mobile_fortify&docs_disregarded=y") == {a.reference, d.reference}
    assert listed("date_from=2024-01-01&state=IL") == {a.reference, b.reference}
    assert listed("legal_status=us_citizen_birth&encounter_type=street_stop") == {
        a.reference,
        b.reference,
        c.reference,
        d.reference,
    }
    assert listed("outcome=removed") == set()


def test_unknown_codes_in_the_url_are_ignored_not_a_500(client, lawyer, make_incident):
    incident = make_incident(lawyer)
    for query in (
        "state=ZZ",
        "frt_system=%3Cscript%3E",
        "page=abc",
        "sort=drop_table",
        "date_from=yesterday",
        "agency=999999",
        "order=sideways",
    ):
        response = client.get(f"/incidents?{query}")
        assert response.status_code == 200, query
        assert incident.reference in rows(response.get_data(as_text=True))


def test_list_is_sortable_and_paginated(client, lawyer, make_incident):
    made = [
        make_incident(lawyer, occurred_on=date(2024, 1, 1) + timedelta(days=n)) for n in range(55)
    ]
    first = client.get("/incidents").get_data(as_text=True)
    assert "Page 1 of 2 (55 in all)" in first
    assert made[-1].reference in rows(first) and made[0].reference not in rows(first)
    oldest_first = client.get("/incidents?sort=occurred&order=asc").get_data(as_text=True)
    assert rows(oldest_first).index(made[0].reference) < rows(oldest_first).index(made[1].reference)
    second = client.get("/incidents?page=2").get_data(as_text=True)
    assert made[0].reference in rows(second)


def test_archive_is_admin_only_needs_a_reason_and_can_be_undone(
    app, client, signed_in, make_user, make_incident, session
):
    from tests.conftest import login

    admin, _ = signed_in("admin")
    incident = make_incident(admin)
    page = f"/incidents/{incident.reference}"
    no_reason = post_form(client, f"{page}/archive", {"reason": ""}, token_from=page)
    assert no_reason.status_code == 400  # the case page again, the summary at the archive form
    summary = no_reason.get_data(as_text=True).split('id="error-summary"')[1].split("</div>")[0]
    assert '<a href="#reason">Why is this incident archived? Give a reason.</a>' in summary
    assert fresh(session).get(Incident, incident.id).archived_at is None
    post_form(client, f"{page}/archive", {"reason": "Entered twice by mistake"}, token_from=page)
    assert fresh(session).get(Incident, incident.id).archive_reason == "Entered twice by mistake"
    assert incident.reference not in rows(client.get("/incidents").get_data(as_text=True))
    assert client.get(page).status_code == 404
    archived = client.get("/incidents/archived").get_data(as_text=True)
    assert incident.reference in archived and "Entered twice by mistake" in archived
    post_form(client, f"/incidents/{incident.reference}/restore", token_from="/incidents/archived")
    assert client.get(page).status_code == 200
    caseworker, password = make_user("caseworker")
    other = app.test_client()
    login(other, caseworker.email, password)
    assert post_form(other, f"{page}/archive", {"reason": "x"}, token_from=page).status_code == 403
    actions = [e.action for e in fresh(session).exec(select(AuditEvent)).all()]
    assert "incident_archived" in actions and "incident_restored" in actions


def count_queries(app, client, path) -> int:
    engine = app.extensions["db_engine"]
    seen = []

    def note(*_args):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", note)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return len(seen)


def test_no_n_plus_one_on_the_list(app, client, lawyer, make_incident):
    for _ in range(3):
        make_incident(lawyer)
    few = count_queries(app, client, "/incidents")
    for _ in range(30):
        make_incident(lawyer)
    assert count_queries(app, client, "/incidents") == few


def test_no_n_plus_one_on_the_case_page(app, client, lawyer, make_incident):
    small = make_incident(lawyer, frt_uses=[frt()])
    big = make_incident(
        lawyer,
        frt_uses=[frt(), frt("clearview_ai"), frt("nec"), frt("idemia")],
        documents=[
            {
                "id": None,
                "document_type": t,
                "presented_by_key": "n1",
                "agent_response": "ignored",
                "notes": None,
            }
            for t in ("us_passport", "real_id", "birth_certificate")
        ],
    )
    assert count_queries(app, client, f"/incidents/{small.reference}") == count_queries(
        app, client, f"/incidents/{big.reference}"
    )


def test_own_agencies_are_added_and_offered(app, client, signed_in, make_user, session):
    signed_in("caseworker")
    response = post_form(
        client,
        "/agencies",
        {
            "name": "Cicero Police Department",
            "agency_type": "local_police",
            "level": "local",
            "state": "IL",
            "city": "Cicero",
        },
        follow_redirects=True,
    )
    assert "Cicero Police Department" in response.get_data(as_text=True)
    assert "Cicero Police Department" in client.get("/incidents/new").get_data(as_text=True)
    other, password = make_user("caseworker", org="Other Org")
    from tests.conftest import login

    outsider = app.test_client()
    login(outsider, other.email, password)
    assert "Cicero Police Department" not in outsider.get("/incidents/new").get_data(as_text=True)
