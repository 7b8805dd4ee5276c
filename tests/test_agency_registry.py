"""Agencies as a registry (issue 16, point 3): every agency an organization adds has a type, a
level and a jurisdiction, and a provision binds an agency by its type and by the city and county
the agency serves — not by the city the incident happened in. Each scenario is written from the
reference (Detroit's 2024 settlement binds the Detroit Police Department; the NYPD procedure
binds the NYPD across the five boroughs), never from the engine's output."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from incidents.models import Agency, AuditEvent
from incidents.policies.left_out import left_out
from incidents.records.bundle import load_bundle
from tests.conftest import fresh, post_form
from tests.policy_helpers import REGISTERED, agency, analysis, own_agency

DETROIT_PD = REGISTERED["detroit_pd"]


# ---- adding and editing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"agency_type": ""}, "Choose the type of agency."),
        ({"level": "federal"}, "is a local agency: choose Local."),
        ({"agency_type": "ice_ero"}, "is a federal agency: choose Federal."),
        ({"state": ""}, "A state or local agency needs its state."),
        ({"city": ""}, "A city or town police department needs its city."),
        (
            {"agency_type": "sheriff", "county": "", "city": ""},
            "A county sheriff&#39;s office needs its county.",
        ),
        ({"agency_type": "state_police"}, "is a state agency: choose State."),
    ],
)
def test_adding_an_agency_with_missing_or_contradictory_details_is_refused(
    client, signed_in, session, changes, message
):
    signed_in("caseworker")
    response = post_form(client, "/agencies", {**DETROIT_PD, **changes})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert not fresh(session).exec(select(Agency).where(Agency.organization_id.is_not(None))).all()


def test_an_added_agency_keeps_its_type_level_and_jurisdiction(client, signed_in, session):
    signed_in("caseworker")
    response = post_form(client, "/agencies", DETROIT_PD)
    assert response.status_code == 302
    row = fresh(session).exec(select(Agency).where(Agency.organization_id.is_not(None))).one()
    assert (row.agency_type, row.level, row.state, row.county, row.city) == (
        "local_police",
        "local",
        "MI",
        "Wayne",
        "Detroit",
    )
    page = client.get("/agencies").get_data(as_text=True)
    assert "City or town police department" in page and "Detroit, Wayne County, MI" in page
    assert "needs details" not in page
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "agency_added")).one()
    ice = post_form(
        client,
        "/agencies",
        {"name": "ICE ERO Chicago", "agency_type": "ice_ero", "level": "federal"},
    )
    assert ice.status_code == 302  # a federal agency needs no state
    again = post_form(client, "/agencies", {**DETROIT_PD, "name": " detroit  police DEPARTMENT"})
    assert again.status_code == 400
    assert "An agency of this name is already on the list" in again.get_data(as_text=True)
    shared = post_form(
        client, "/agencies", {"name": "Unknown agency", "agency_type": "unknown", "level": "local"}
    )
    assert shared.status_code == 400  # the shared list's names are taken too
    mine = fresh(session).exec(select(Agency).where(Agency.code == "ice_ero_chicago")).one()
    renamed = post_form(client, f"/agencies/{mine.id}/edit", {**DETROIT_PD})
    assert renamed.status_code == 400 and "already on the list" in renamed.get_data(as_text=True)
    kept = post_form(
        client,
        f"/agencies/{mine.id}/edit",
        {
            "name": "ICE ERO Chicago",
            "agency_type": "ice_ero",
            "level": "federal",
            "city": "Chicago",
        },
    )
    assert kept.status_code == 302  # its own name is not a duplicate of itself


def test_a_migrated_agency_needs_details_until_someone_records_them(client, signed_in, session):
    user, _ = signed_in("caseworker")
    old = own_agency(session, user, name="Detroit PD", level="local", state="MI")
    page = client.get("/agencies").get_data(as_text=True)
    row = page[page.index('<td data-label="Name">Detroit PD</td>') :].split("</tr>")[0]
    assert "needs details" in row and f"/agencies/{old.id}/edit" in row
    assert "1 of your agencies needs details" in page
    form = client.get(f"/agencies/{old.id}/edit").get_data(as_text=True)
    assert "Needs details." in form and "Choose the type of agency." in form
    bad = post_form(client, f"/agencies/{old.id}/edit", {**DETROIT_PD, "city": ""})
    assert bad.status_code == 400 and "needs its city" in bad.get_data(as_text=True)
    assert fresh(session).get(Agency, old.id).agency_type is None  # nothing saved
    saved = post_form(client, f"/agencies/{old.id}/edit", DETROIT_PD)
    assert saved.status_code == 302
    row = fresh(session).get(Agency, old.id)
    assert (row.name, row.agency_type, row.city) == (
        "Detroit Police Department",
        "local_police",
        "Detroit",
    )
    assert "needs details" not in client.get("/agencies").get_data(as_text=True)
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "agency_updated")).one()
    assert (event.object_type, event.object_id, event.actor_id) == ("agency", str(old.id), user.id)
    assert "agency_type" in event.details and "Detroit" not in event.details


def test_only_the_organizations_own_agencies_can_be_edited(client, signed_in, make_user, session):
    signed_in("caseworker")
    other, _ = make_user("caseworker", org="Other Org")
    theirs = own_agency(session, other, **DETROIT_PD)
    seeded = session.exec(select(Agency).where(Agency.code == "local_police")).one()
    for target in (theirs.id, seeded.id, 999_999):
        assert client.get(f"/agencies/{target}/edit").status_code == 404
        response = post_form(client, f"/agencies/{target}/edit", DETROIT_PD, token_from="/agencies")
        assert response.status_code == 404
    assert fresh(session).get(Agency, seeded.id).city is None


def test_an_agency_under_287g_somewhere_stays_state_or_local(
    client, signed_in, make_incident, session
):
    user, _ = signed_in("caseworker")
    sheriff = own_agency(
        session,
        user,
        name="Harris County Sheriff's Office",
        agency_type="sheriff",
        level="local",
        state="TX",
        county="Harris",
    )
    make_incident(user, state="TX", agency_ids=[sheriff.id], agencies_287g=[sheriff.id])
    response = post_form(
        client,
        f"/agencies/{sheriff.id}/edit",
        {"name": sheriff.name, "agency_type": "other_federal", "level": "federal"},
    )
    assert response.status_code == 400 and "287(g)" in response.get_data(as_text=True)
    assert fresh(session).get(Agency, sheriff.id).level == "local"


def test_the_migration_leaves_own_agencies_needing_details(tmp_path, monkeypatch):
    from incidents import create_app
    from incidents.db import make_engine

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "s" * 64, "AUDIT_KEY": "a" * 64})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", "0019"]).exit_code == 0
    assert runner.invoke(args=["create-org", "Old Org", "--code", "OLD"]).exit_code == 0
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO agencies (created_at, updated_at, organization_id, code, name, level, "
            "state) SELECT datetime('now'), datetime('now'), id, 'detroit_pd', 'Detroit PD', "
            "'local', 'MI' FROM organizations"
        )
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    with engine.connect() as connection:
        rows = dict(
            connection.exec_driver_sql(
                "SELECT code, agency_type FROM agencies WHERE organization_id IS NOT NULL"
            ).all()
        )
        seeded = connection.exec_driver_sql(
            "SELECT code, agency_type FROM agencies WHERE organization_id IS NULL"
        ).all()
    assert rows == {"detroit_pd": None}
    assert seeded and all(code == kind for code, kind in seeded)
    engine.dispose()
    app.extensions["db_engine"].dispose()


def test_the_library_names_agency_types_in_scopes():
    import json

    from incidents.policies.loader import LibraryError, read_library

    def library(scope):
        return json.dumps(
            {
                "policies": [
                    {
                        "key": "p",
                        "title": "T",
                        "issuer": "I",
                        "jurisdiction_level": "local",
                        "policy_type": "agency_policy",
                        "status": "in_force",
                        "source_note": "n",
                        "provisions": [
                            {
                                "key": "p:1",
                                "text": "x",
                                "requirement_type": "not_sole_basis",
                                "scope_levels": "local",
                                "scope_agencies": scope,
                                "source_kind": "primary_text",
                            }
                        ],
                    }
                ]
            }
        )

    assert read_library(library("local_other"))  # a type no seeded agency has
    with pytest.raises(LibraryError, match="unknown agency in scope_agencies"):
        read_library(library("detroit_police_department"))


# ---- applicability: the agency's jurisdiction, not the incident's city --------------------


def test_a_detroit_arrest_in_farmington_hills_is_under_detroits_rules(
    library, make_user, make_incident
):
    user, _ = make_user("lawyer")
    detroit = own_agency(library, user, **DETROIT_PD)
    incident = make_incident(
        user, state="MI", city="Farmington Hills", county="Oakland", agency_ids=[detroit.id]
    )
    found = analysis(library, incident)
    sole = found["detroit-williams-2024:no-sole-basis"]
    assert sole.value == "violated" and "Assumes" not in sole.reason
    assert "detroit-williams-2024:independent-evidence" in found


def test_farmington_hills_police_in_detroit_are_not_under_detroits_rules(
    client, signed_in, library, make_incident
):
    user, _ = signed_in("lawyer")
    farmington = own_agency(
        library,
        user,
        name="Farmington Hills Police Department",
        agency_type="local_police",
        level="local",
        state="MI",
        county="Oakland",
        city="Farmington Hills",
    )
    incident = make_incident(
        user, state="MI", city="Detroit", county="Wayne", agency_ids=[farmington.id]
    )
    assert "detroit-williams-2024:no-sole-basis" not in analysis(library, incident)
    why = {
        p.key: why for _, p, why in left_out(fresh(library), load_bundle(fresh(library), incident))
    }
    expected = (
        "It binds only agencies of Detroit; the agency involved is of Farmington Hills "
        "(Farmington Hills Police Department)."
    )
    assert why["detroit-williams-2024:no-sole-basis"] == expected
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert expected in page[page.index('id="left-out"') :]
    assert "md-cp-2-502:sole-basis" in why  # Maryland's law: another state


def test_the_nypd_in_brooklyn_is_under_the_nypd_procedure(library, make_user, make_incident):
    user, _ = make_user("lawyer")
    nypd = own_agency(library, user, **REGISTERED["nypd"])
    incident = make_incident(
        user, state="NY", city="Brooklyn", county="Kings", agency_ids=[nypd.id]
    )
    found = analysis(library, incident)
    assert found["nypd-frt-2020:lead"].value == "violated"
    assert "Assumes" not in found["nypd-frt-2020:lead"].reason


def test_a_generic_local_police_department_is_only_assumed_to_be_detroits(
    client, signed_in, library, make_incident
):
    user, _ = signed_in("lawyer")
    incident = make_incident(
        user,
        state="MI",
        city="Detroit",
        county="Wayne",
        occurred_on=date(2025, 3, 1),
        agency_ids=[agency(library, "local_police")],
    )
    sole = analysis(library, incident)["detroit-williams-2024:no-sole-basis"]
    assert sole.value == "unclear"  # the match was recorded as the sole basis
    assert "was recorded as the sole basis" in sole.reason
    assert (
        "Assumes Local police department is Detroit's own (its jurisdiction is not recorded"
        in sole.reason
    )
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "Assumes Local police department is Detroit&#39;s own" in page


def test_a_generic_police_department_in_brooklyn_is_not_assumed_to_be_the_nypd(
    library, make_user, make_incident
):
    user, _ = make_user("lawyer")
    incident = make_incident(
        user, state="NY", city="Brooklyn", agency_ids=[agency(library, "local_police")]
    )
    assert "nypd-frt-2020:lead" not in analysis(library, incident)
    why = {
        p.key: why for _, p, why in left_out(fresh(library), load_bundle(fresh(library), incident))
    }
    assert why["nypd-frt-2020:lead"] == (
        "It binds only agencies of New York; the agency involved is of Brooklyn, the incident's "
        "city (Local police department: its city is not recorded)."
    )


def test_an_agency_added_as_ice_ero_is_under_dhs_and_ice_rules(library, make_user, make_incident):
    user, _ = make_user("lawyer")
    chicago = own_agency(
        library, user, name="ICE ERO Chicago", agency_type="ice_ero", level="federal"
    )
    found = analysis(library, make_incident(user, agency_ids=[chicago.id]))
    assert found["dhs-026-11:sole-basis"].value == "violated"
    assert found["ice-16001-2:investigate-claims"].value == "violated"


def test_an_agency_without_a_type_is_under_no_agency_named_rule(library, make_user, make_incident):
    user, _ = make_user("lawyer")
    old = own_agency(library, user, name="ICE ERO Chicago", level="federal")
    incident = make_incident(user, agency_ids=[old.id])
    assert "dhs-026-11:sole-basis" not in analysis(library, incident)
    why = {
        p.key: why for _, p, why in left_out(fresh(library), load_bundle(fresh(library), incident))
    }
    assert why["dhs-026-11:sole-basis"] == (
        "It binds only these kinds of agency: ICE Enforcement and Removal Operations; ICE Homeland "
        "Security Investigations; CBP Office of Field Operations; U.S. Border Patrol. The type of "
        "ICE ERO Chicago is not recorded (record it on the agencies page)."
    )


def test_the_demo_registers_detroits_police_with_its_jurisdiction(runner, library):
    from incidents.models import IncidentAgency

    runner.invoke(args=["create-org", "Seeded Org", "--code", "SEED"])
    result = runner.invoke(
        args=["seed-demo", "--incidents", "1500", "--seed", "3", "--org", "Seeded Org"]
    )
    assert result.exit_code == 0, result.output
    session = fresh(library)
    registered = {
        a.name: a for a in session.exec(select(Agency).where(Agency.organization_id.is_not(None)))
    }
    assert registered["Detroit Police Department"].city == "Detroit"
    assert registered["Los Angeles County Sheriff's Department"].county == "Los Angeles"
    from incidents.models import Incident

    detroit = session.exec(
        select(Incident)
        .join(IncidentAgency, IncidentAgency.incident_id == Incident.id)
        .where(
            IncidentAgency.agency_id == registered["Detroit Police Department"].id,
            Incident.occurred_on >= date(2024, 6, 28),
        )
    ).all()
    assert detroit
    rows = [analysis(session, incident) for incident in detroit]
    applied = [r["detroit-williams-2024:no-sole-basis"] for r in rows]
    assert not any("Assumes" in s.reason for s in applied)


@pytest.mark.parametrize("role", ["caseworker", "lawyer", "admin"])
def test_the_incident_form_offers_the_agencies_page_only_to_who_may_add_one(
    client, signed_in, role
):
    """A lawyer edits cases but may not add agencies: the form sends them to no page that
    would answer 403."""
    signed_in(role)
    form = client.get("/incidents/new").get_data(as_text=True)
    offered = 'href="/agencies"' in form
    assert offered == (role != "lawyer"), role
    assert (client.get("/agencies").status_code == 200) == offered
