"""Who did what (issue 15, points 1 and 10): an FRT use names the agent who scanned and a
timeline event the agent who acted — chosen among the agents of the same submission, even new
ones — shown on the case page and in the dossier (by number only when the lawyer hides agents);
removing the agent empties the link. An agency can be marked as acting under a 287(g)
agreement."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from incidents.models import Agent, AuditEvent, FrtUse, IncidentAgency, TimelineEvent
from tests.case_forms import edit_form_fields, submit_new
from tests.conftest import fresh, post_form
from tests.policy_helpers import agency, pdf_text

AGENTS = {
    "agents-0-key": "nA",
    "agents-0-name": "Officer D. Kowalczyk",
    "agents-0-badge": "ERO-4471",
    "agents-1-key": "nB",
    "agents-1-description": "Black balaclava; drove the SUV.",
    "frt_uses-0-scanned_by": "nA",
    "timeline-0-agent": "nB",
}


def test_the_scanner_and_the_agent_of_an_event_are_chosen_among_new_agents(
    client, signed_in, session
):
    signed_in("caseworker")
    response = submit_new(client, **AGENTS)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    session = fresh(session)
    first, second = session.exec(select(Agent).order_by(Agent.position)).all()
    assert session.exec(select(FrtUse)).one().scanned_by_id == first.id
    detention = session.exec(
        select(TimelineEvent).where(TimelineEvent.kind == "detention_start")
    ).one()
    assert detention.agent_id == second.id
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<dt>Scanned by</dt><dd>Agent 1 (Officer D. Kowalczyk)</dd>" in page
    assert "<td>Agent 2</td>" in page  # the timeline's agent column


def test_the_form_offers_the_agents_of_the_submission_and_refuses_another(
    client, signed_in, session
):
    signed_in("caseworker")
    page = post_form(client, "/incidents/new", {**AGENTS, "action": "add:frt_uses"}).get_data(
        as_text=True
    )
    assert '<option value="nA">Agent 1 (Officer D. Kowalczyk ERO-4471)</option>' in page
    assert '<option value="nB">Agent 2</option>' in page
    refused = submit_new(client, **{**AGENTS, "frt_uses-0-scanned_by": "a999"})
    assert refused.status_code == 400
    assert fresh(session).exec(select(Agent)).first() is None


def test_a_changed_link_is_an_edit_and_removing_the_agent_empties_it(client, signed_in, session):
    signed_in("caseworker")
    reference = submit_new(client, **AGENTS).headers["Location"].rsplit("/", 1)[1]
    url = f"/incidents/{reference}/edit"
    data = edit_form_fields(client.get(url).get_data(as_text=True))
    first, second = data["agents-0-key"], data["agents-1-key"]
    assert data["frt_uses-0-scanned_by"] == first
    data["frt_uses-0-scanned_by"] = second
    assert post_form(client, url, data).status_code == 302
    session = fresh(session)
    assert (
        session.exec(select(FrtUse)).one().scanned_by_id
        == session.exec(select(Agent).where(Agent.position == 1)).one().id
    )
    updated = session.exec(select(AuditEvent).where(AuditEvent.action == "incident_updated")).one()
    assert "frt_uses.scanned_by" in updated.details
    # remove agent 2: the FRT use and the event that named it name nobody, nothing else is lost
    data = edit_form_fields(client.get(url).get_data(as_text=True))
    kept = {k: v for k, v in data.items() if not k.startswith("agents-1-")}
    kept["frt_uses-0-scanned_by"] = kept["timeline-0-agent"] = ""
    assert post_form(client, url, kept).status_code == 302
    session = fresh(session)
    assert [a.name for a in session.exec(select(Agent)).all()] == ["Officer D. Kowalczyk"]
    assert session.exec(select(FrtUse)).one().scanned_by_id is None
    assert all(e.agent_id is None for e in session.exec(select(TimelineEvent)).all())


def test_the_dossier_says_who_scanned_and_by_number_only_when_agents_are_hidden(
    client, signed_in, session
):
    signed_in("lawyer")
    reference = submit_new(client, **AGENTS).headers["Location"].rsplit("/", 1)[1]
    base = f"/incidents/{reference}/dossier.pdf?profile="
    full = pdf_text(client, base + "full")
    assert "Scanned by Agent 1 (Officer D. Kowalczyk)" in full
    hidden = pdf_text(client, base + "redacted&agents=hidden")
    assert "Scanned by Agent 1" in hidden and "Kowalczyk" not in hidden


@pytest.mark.parametrize("code", ["sheriff"])
def test_an_agency_under_a_287g_agreement(client, signed_in, session, code):
    signed_in("caseworker")
    sheriff, ice = agency(session, code), agency(session, "ice_ero")
    # ticked under 287(g) only: it counts as involved
    response = submit_new(client, agencies=[str(ice)], agencies_287g=[str(sheriff)])
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    links = {
        link.agency_id: link.under_287g
        for link in fresh(session).exec(select(IncidentAgency)).all()
    }
    assert links == {ice: False, sheriff: True}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'County sheriff <span class="badge">under a 287(g) agreement</span>' in page
    reference = response.headers["Location"].rsplit("/", 1)[1]
    signed_in("lawyer")
    text = pdf_text(client, f"/incidents/{reference}/dossier.pdf?profile=redacted")
    assert "County sheriff (under a 287(g) agreement)" in text
    # unticking it keeps the agency, without the agreement
    signed_in("caseworker")
    url = f"/incidents/{reference}/edit"
    data = edit_form_fields(client.get(url).get_data(as_text=True))
    assert sorted(data["agencies"]) == sorted([str(ice), str(sheriff)])
    data.pop("agencies_287g")
    assert post_form(client, url, data).status_code == 302
    links = {
        link.agency_id: link.under_287g
        for link in fresh(session).exec(select(IncidentAgency)).all()
    }
    assert links == {ice: False, sheriff: False}


def test_the_287g_column_of_the_import(runner, session, tmp_path, make_user):
    from tests.import_files import minimal, run, write_csv

    make_user("caseworker")
    refused = run(
        runner, write_csv(tmp_path / "f.csv", [minimal(agencies_287g="ice_ero; sheriff")])
    )
    assert refused.exit_code != 0
    assert "Only a state or local agency acts under a 287(g) agreement." in refused.output
    done = run(
        runner,
        write_csv(tmp_path / "ok.csv", [minimal(agencies="ice_ero", agencies_287g="sheriff")]),
    )
    assert done.exit_code == 0, done.output
    links = {
        link.agency_id: link.under_287g
        for link in fresh(session).exec(select(IncidentAgency)).all()
    }
    assert links == {agency(session, "ice_ero"): False, agency(session, "sheriff"): True}


def test_an_frt_use_with_only_who_scanned_is_kept_and_asks_for_the_system(
    client, signed_in, session
):
    signed_in("caseworker")
    response = submit_new(
        client,
        **{
            "agents-0-key": "nA",
            "agents-0-badge": "ERO-9",
            "frt_uses-0-system": "",
            "frt_uses-0-mode": "unknown",
            "frt_uses-0-capture_source": "unknown",
            "frt_uses-0-result": "unknown",
            "frt_uses-0-treated_as": "unknown",
            "frt_uses-0-sole_basis": "unknown",
            "frt_uses-0-human_review": "unknown",
            "frt_uses-0-independent_corroboration": "unknown",
            "frt_uses-0-misidentified": "unknown",
            "frt_uses-0-disclosed_to_person": "unknown",
            "frt_uses-0-score": "",
            "frt_uses-0-notes": "",
            "frt_uses-0-scanned_by": "nA",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Choose the system" in page
    assert '<option selected value="nA">Agent 1 (ERO-9)</option>' in page
    assert fresh(session).exec(select(Agent)).first() is None


def test_removing_an_agent_is_recorded_as_that_and_nothing_else(client, signed_in, session):
    signed_in("caseworker")
    data = {**AGENTS, "frt_uses-0-scanned_by": "nB", "timeline-0-agent": ""}
    reference = submit_new(client, **data).headers["Location"].rsplit("/", 1)[1]
    url = f"/incidents/{reference}/edit"
    form = edit_form_fields(client.get(url).get_data(as_text=True))
    kept = {k: v for k, v in form.items() if not k.startswith("agents-0-")}
    assert post_form(client, url, kept).status_code == 302
    updated = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "incident_updated")).one()
    )
    assert json.loads(updated.details)["fields"] == ["agents.removed"]
    assert fresh(session).exec(select(FrtUse)).one().scanned_by_id is not None
