"""Agents of an incident (issue 15, point 1): recorded as rows from the form, shown on the case
page and in both dossiers (officers' names kept: their acts are public), edited and removed
like other rows. (Never exported: test_spec refuses an export from a direct or free-text field;
never matched against clients: agents are not people.)"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlmodel import select

from incidents.models import Agency, Agent, AuditEvent, Incident
from tests.case_forms import edit_form_fields, submit_new
from tests.conftest import fresh, post_form


@pytest.fixture
def ice(app, session) -> int:
    from incidents.policies.loader import load_library

    with app.app_context():
        load_library(session=session)
    return session.exec(select(Agency).where(Agency.code == "ice_ero")).one().id


AGENT = {
    "agents-0-name": "Officer D. Kowalczyk",
    "agents-0-badge": "ERO-4471",
    "agents-0-role": "Scanned her face with the phone",
    "agents-0-attire": "tactical",
    "agents-0-masked": "yes",
    "agents-0-identified_self": "no",
    "agents-0-stated_reason": "no",
    "agents-0-description": "Grey neck gaiter; told Marisol Quintero Vega the app is never wrong.",
}


def record(client, session, ice, **extra) -> Incident:
    response = submit_new(client, **{"agents-0-agency_id": str(ice), **AGENT, **extra})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return fresh(session).exec(select(Incident)).one()


def test_an_agent_is_recorded_from_the_form_and_shown_on_the_case_page(
    client, signed_in, session, ice
):
    signed_in("caseworker")
    incident = record(client, session, ice)
    agent = fresh(session).exec(select(Agent)).one()
    assert (agent.agency_id, agent.name, agent.badge, agent.attire) == (
        ice,
        "Officer D. Kowalczyk",
        "ERO-4471",
        "tactical",
    )
    assert (agent.masked, agent.identified_self, agent.stated_reason) == ("yes", "no", "no")
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    section = page[page.index('id="agents"') :]
    assert "Officer D. Kowalczyk" in section and "ERO-4471" in section
    assert "<dt>Face covered or masked</dt><dd>Yes</dd>" in section
    assert "<dt>Dress</dt><dd>Tactical gear</dd>" in section


def test_an_agent_row_is_added_without_javascript_and_a_bad_agency_is_refused(
    client, signed_in, session, ice
):
    signed_in("caseworker")
    page = post_form(client, "/incidents/new", {"action": "add:agents"}).get_data(as_text=True)
    assert 'name="agents-0-name"' in page and "Agent 1" in page
    response = submit_new(client, **{"agents-0-agency_id": "999999", **AGENT})
    assert response.status_code == 400
    assert fresh(session).exec(select(Agent)).first() is None


def test_editing_and_removing_an_agent(client, signed_in, session, ice):
    signed_in("caseworker")
    incident = record(client, session, ice)
    html = client.get(f"/incidents/{incident.reference}/edit").get_data(as_text=True)
    data = edit_form_fields(html)
    assert data["agents-0-badge"] == "ERO-4471"
    data["agents-0-masked"] = "no"
    assert post_form(client, f"/incidents/{incident.reference}/edit", data).status_code == 302
    assert fresh(session).exec(select(Agent)).one().masked == "no"
    updated = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "incident_updated")).one()
    )
    assert "agents" in updated.details and "Kowalczyk" not in updated.details
    html = client.get(f"/incidents/{incident.reference}/edit").get_data(as_text=True)
    data = {k: v for k, v in edit_form_fields(html).items() if not k.startswith("agents-0-")}
    assert post_form(client, f"/incidents/{incident.reference}/edit", data).status_code == 302
    assert fresh(session).exec(select(Agent)).first() is None


def test_both_dossiers_name_the_agent_and_the_redacted_one_hides_the_client_in_the_description(
    client, signed_in, session, ice
):
    signed_in("lawyer")
    incident = record(client, session, ice)

    def text(profile):
        pdf = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile={profile}")
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_data())).pages)

    full, redacted = text("full"), text("redacted")
    for page in (full, redacted):
        assert "Officer D. Kowalczyk" in page and "ERO-4471" in page and "Tactical gear" in page
    assert "Marisol" in full
    assert "Marisol" not in redacted and "told [Client] the app is never wrong" in redacted


def test_a_lawyer_can_have_the_agents_unnamed_in_a_redacted_dossier(
    client, signed_in, session, ice
):
    signed_in("lawyer")
    incident = record(
        client,
        session,
        ice,
        narrative="Officer D. Kowalczyk (badge ERO-4471) told Marisol to stop filming.",
    )
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "agents=hidden" in page
    url = f"/incidents/{incident.reference}/dossier.pdf?profile=redacted&agents=hidden"
    pdf = client.get(url)
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.get_data())).pages
    )
    assert "Kowalczyk" not in text and "ERO-4471" not in text
    assert "[Agent 1] (badge [Agent 1]) told [Client] to stop filming." in text
    assert "Agents named by number only" in text
    assert "Badge or ID number withheld" in text  # not "not recorded": it is only hidden
    assert "Redaction not reviewed" in text
    bad = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile=redacted&agents=x")
    assert bad.status_code == 400
    named = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile=redacted")
    named_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(named.get_data())).pages)
    assert "Kowalczyk" in named_text and "Agents named by number only" not in named_text


def test_the_dossier_command_can_leave_the_agents_unnamed(
    runner, client, signed_in, session, ice, tmp_path
):
    signed_in("caseworker")
    incident = record(client, session, ice)
    target = tmp_path / "d.pdf"
    args = ["dossier", incident.reference, "-o", str(target), "--profile", "redacted"]
    result = runner.invoke(args=[*args, "--agents-unnamed"])
    assert result.exit_code == 0 and "(redacted, agents unnamed)" in result.output
    text = " ".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "Kowalczyk" not in text and "Agents named by number only" in text
    assert "Photo taken with" in text and "Disclosed to the person" in text
    full = runner.invoke(
        args=["dossier", incident.reference, "-o", str(target), "--agents-unnamed"]
    )
    assert full.exit_code != 0 and "--agents-unnamed goes with --profile redacted" in full.output


def test_an_agent_who_shares_the_clients_surname_is_not_redacted_as_the_client(
    client, signed_in, session, ice
):
    signed_in("lawyer")
    incident = record(
        client,
        session,
        ice,
        **{"agents-0-name": "Carlos Vega"},
        narrative="Deputy Vega laughed while Marisol Quintero Vega cried; Vega was let go.",
    )
    pdf = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile=redacted")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.get_data())).pages
    )
    assert "Deputy Vega laughed while [Client] cried" in text
    assert "Marisol" not in text
