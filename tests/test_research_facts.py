"""Research facts (the export's stored level-0 values) follow every change that affects them:
incident edits, a shared person's edit through another incident, lawyers' decisions, provision
re-typing, demo seeding; incidents recorded without facts are filled in by the export."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete
from sqlmodel import select

from incidents.models import Agency, Incident, IncidentPerson, Policy, Provision, ResearchFacts
from incidents.policies.loader import load_library, read_library
from incidents.records import research as records
from incidents.records.research import FIELDS
from tests.conftest import fresh
from tests.policy_helpers import decide


def stored(session, incident_id):
    row = fresh(session).get(ResearchFacts, incident_id)
    return None if row is None else {name: getattr(row, name) for name in FIELDS}


def computed(session, incident_id):
    record = records.compute(fresh(session), [incident_id])[incident_id]
    return {name: record[name] for name in FIELDS}


def subject_person_id(session, incident):
    return (
        fresh(session)
        .exec(
            select(IncidentPerson.person_id).where(
                IncidentPerson.incident_id == incident.id, IncidentPerson.role == "subject"
            )
        )
        .one()
    )


def test_facts_follow_edits_of_the_incident_and_of_a_shared_person(
    app, session, make_user, make_incident
):
    from tests.factories import incident_data

    user, _ = make_user("caseworker")
    first = make_incident(user)
    facts = stored(session, first.id)
    assert facts == computed(session, first.id)
    assert (facts["age_band"], facts["frt_system"], facts["detention_hours_band"]) == (
        "20-29",
        "mobile_fortify",
        "6-24",
    )
    person = incident_data()["people"][0]
    older = {**person, "person_id": subject_person_id(session, first)}
    older["person"] = {**person["person"], "date_of_birth": date(1950, 1, 1)}
    make_incident(user, people=[older], documents=[])
    assert stored(session, first.id)["age_band"] == "70-79"
    assert stored(session, first.id) == computed(session, first.id)


def test_facts_follow_decisions_and_provision_types(client, signed_in, app, session, make_incident):
    lawyer, _ = signed_in("lawyer")
    with app.app_context():
        load_library(session=session)
    ice = session.exec(select(Agency.id).where(Agency.code == "ice_ero")).one()
    incident = make_incident(lawyer, agency_ids=[ice])
    target = session.exec(select(Provision).where(Provision.key == "dhs-026-11:sole-basis")).one()
    decided = decide(client, incident, target, "violated", "Sole basis.")
    assert decided.status_code == 302
    assert stored(session, incident.id)["provisions_violated"] == "not_sole_basis"

    entries = read_library()  # a new library release re-types the assessed provision
    for entry in entries:
        for item in entry["provisions"]:
            if item["key"] == "dhs-026-11:sole-basis":
                item["requirement_type"] = "disclosure_required"
    with app.app_context():
        load_library(session=session, entries=entries)
    assert stored(session, incident.id)["provisions_violated"] == "disclosure_required"

    # an organization's own version of the policy, assessed and then re-typed by its lawyer
    from incidents.policies import services
    from incidents.policies.services import PROVISION_EDIT_FIELDS
    from incidents.policies.suggestion import Suggestion

    with app.test_request_context():
        builtin = fresh(session).get(Policy, target.policy_id)
        own = services.copy_policy(session=session, actor=lawyer, policy=builtin)
        provision = session.exec(
            select(Provision).where(
                Provision.policy_id == own.id, Provision.section == target.section
            )
        ).first()
        services.decide(
            session=session,
            actor=lawyer,
            incident=fresh(session).get(Incident, incident.id),
            provision=provision,
            suggestion=Suggestion("unclear", "Our version."),
            decision="violated",
            reasoning="Sole basis, under our reading.",
            evidence_ids=[],
        )
        assert "disclosure_required" in stored(session, incident.id)["provisions_violated"]
        values = {name: getattr(provision, name) for name in PROVISION_EDIT_FIELDS}
        services.save_provision(
            session=session,
            actor=lawyer,
            policy=own,
            provision=provision,
            values={**values, "requirement_type": "human_review_required"},
        )
    violated = stored(session, incident.id)["provisions_violated"]
    assert violated == "disclosure_required;human_review_required"
    assert stored(session, incident.id) == computed(session, incident.id)


def test_demo_seeding_stores_facts_and_the_export_fills_missing_ones(runner, session, tmp_path):
    runner.invoke(args=["create-org", "Facts Org", "--code", "FAC"])
    seeded = runner.invoke(args=["seed-demo", "--incidents", "120", "--org", "Facts Org"])
    assert seeded.exit_code == 0, seeded.output
    ids = fresh(session).exec(select(Incident.id)).all()
    assert len(ids) == 120
    assert all(stored(session, i) == computed(session, i) for i in ids)

    session.execute(delete(ResearchFacts))  # as for incidents recorded before facts existed
    session.commit()
    first = runner.invoke(
        args=["export-research", "-o", str(tmp_path / "a.csv"), "--org", "Facts Org"]
    )
    assert first.exit_code == 0, first.output
    assert all(stored(session, i) == computed(session, i) for i in ids)
    again = runner.invoke(
        args=["export-research", "-o", str(tmp_path / "b.csv"), "--org", "Facts Org"]
    )
    lines = [(tmp_path / n).read_text().count("\n") for n in ("a.csv", "b.csv")]
    assert again.exit_code == 0 and lines[0] == lines[1] > 1


def test_eligibility_follows_consent_and_archive_whatever_path_writes_them(
    app, session, make_user, make_incident
):
    """Stored with the facts for the export's index; the services refresh it and a database
    trigger keeps it right even for an update that bypasses them."""
    from sqlalchemy import update

    from incidents.records import operations

    user, _ = make_user("caseworker")
    incident = make_incident(user)
    assert stored(session, incident.id)["eligible"] is True
    session.execute(
        update(Incident).where(Incident.id == incident.id).values(research_consent="no")
    )
    session.commit()
    assert stored(session, incident.id)["eligible"] is False
    assert stored(session, incident.id) == computed(session, incident.id)
    session.execute(
        update(Incident).where(Incident.id == incident.id).values(research_consent="yes")
    )
    session.commit()
    assert stored(session, incident.id)["eligible"] is True
    with app.app_context():
        target = fresh(session).get(Incident, incident.id)
        operations.archive(session, actor=user, incident=target, reason="duplicate")
        session.commit()
        assert stored(session, incident.id)["eligible"] is False
        target = fresh(session).get(Incident, incident.id)
        operations.restore(session, actor=user, incident=target)
        session.commit()
    facts = stored(session, incident.id)
    assert facts["eligible"] is True and facts["organization_id"] == incident.organization_id
    assert facts == computed(session, incident.id)
