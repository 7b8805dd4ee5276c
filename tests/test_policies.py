"""Applicability, suggestions and lawyers' assessments (the library's pages and forms are in
test_policy_library.py)."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import select

from incidents.models import Assessment, AuditEvent, Policy, Provision
from incidents.policies.applicability import applicable
from incidents.policies.rules import suggest
from incidents.records.bundle import load_bundle
from tests.conftest import fresh, post_form
from tests.policy_helpers import agency, decide
from tests.test_cases_pages import frt


def keys_for(session, incident):
    bundle = load_bundle(fresh(session), incident)
    return {p.key for _, p in applicable(session, bundle)}, bundle


def test_dhs_directive_applies_to_an_ice_street_stop_in_2024(library, make_user, make_incident):
    user, _ = make_user("lawyer")
    incident = make_incident(
        user, occurred_on=date(2024, 5, 1), agency_ids=[agency(library, "ice_ero")]
    )
    keys, _ = keys_for(library, incident)
    assert "dhs-026-11:sole-basis" in keys and "ice-16001-2:investigate-claims" in keys
    assert not any(k.startswith(("co-", "md-", "wa-", "nypd", "lasd", "detroit")) for k in keys)


def test_colorado_statute_binds_only_colorado_state_and_local_agencies(
    library, make_user, make_incident
):
    user, _ = make_user("lawyer")
    ice_in_colorado = make_incident(
        user, state="CO", city="Denver", agency_ids=[agency(library, "ice_ero")]
    )
    police_in_texas = make_incident(
        user, state="TX", city="Houston", agency_ids=[agency(library, "local_police")]
    )
    police_in_colorado = make_incident(
        user, state="CO", city="Denver", agency_ids=[agency(library, "local_police")]
    )
    assert not any(k.startswith("co-") for k in keys_for(library, ice_in_colorado)[0])
    assert not any(k.startswith("co-") for k in keys_for(library, police_in_texas)[0])
    assert "co-crs-24-18-307:sole-basis" in keys_for(library, police_in_colorado)[0]


def test_the_frt_operator_counts_as_an_agency_involved(library, make_user, make_incident):
    user, _ = make_user("lawyer")
    use = {**frt(), "operator_agency_id": agency(library, "state_police")}
    incident = make_incident(user, state="WA", city="Yakima", frt_uses=[use], agency_ids=[])
    assert "wa-rcw-43-386:human-review" in keys_for(library, incident)[0]


def test_dates_decide_whether_a_policy_applied(library, make_user, make_incident):
    user, _ = make_user("lawyer")
    police = agency(library, "local_police")
    before = make_incident(
        user, state="MD", city="Baltimore", occurred_on=date(2024, 6, 1), agency_ids=[police]
    )
    after = make_incident(
        user, state="MD", city="Baltimore", occurred_on=date(2025, 1, 10), agency_ids=[police]
    )
    assert "md-cp-2-502:sole-basis" not in keys_for(library, before)[0]  # not yet in force
    assert "md-cp-2-502:sole-basis" in keys_for(library, after)[0]
    policy = library.exec(select(Policy).where(Policy.key == "md-cp-2-502")).one()
    policy.effective_to, policy.status = date(2024, 12, 31), "rescinded"
    library.commit()
    assert "md-cp-2-502:sole-basis" not in keys_for(library, after)[0]  # rescinded by then


def test_city_scoped_policies(library, make_user, make_incident):
    user, _ = make_user("lawyer")
    police = agency(library, "local_police")
    nyc = make_incident(user, state="NY", city="New York", agency_ids=[police])
    buffalo = make_incident(user, state="NY", city="Buffalo", agency_ids=[police])
    assert "nypd-frt-2020:lead" in keys_for(library, nyc)[0]
    assert "nypd-frt-2020:lead" not in keys_for(library, buffalo)[0]


def provision(session, key):
    return session.exec(select(Provision).where(Provision.key == key)).one()


def test_suggestions_explain_themselves(library, make_user, make_incident):
    user, _ = make_user("lawyer")
    incident = make_incident(user, agency_ids=[agency(library, "ice_ero")])
    bundle = load_bundle(fresh(library), incident)
    sole = suggest(provision(library, "dhs-026-11:sole-basis"), bundle)
    assert sole.value == "violated"
    assert sole.reason == (
        "FRT use 1 (Mobile Fortify (ICE/CBP app)) was recorded as the sole basis."
    )
    claims = suggest(provision(library, "ice-16001-2:investigate-claims"), bundle)
    assert claims.value == "violated"
    assert "Rosa Delgado Ibarra (US citizen by birth)" in claims.reason
    assert "Birth certificate — agents' response: ignored" in claims.reason
    review = suggest(provision(library, "wa-rcw-43-386:human-review"), bundle)
    assert review.value == "violated" and "had no human review" in review.reason
    status_use = suggest(provision(library, "co-crs-24-18-307:immigration-status"), bundle)
    assert status_use.value == "unclear"


def test_suggestions_for_complied_unknown_and_not_applicable(library, make_user, make_incident):
    user, _ = make_user("lawyer")
    ok = make_incident(
        user,
        frt_uses=[frt(sole="no", review="trained_examiner")],
        documents=[
            {
                "id": None,
                "document_type": "us_passport",
                "presented_by_key": "n1",
                "agent_response": "accepted",
                "notes": None,
            }
        ],
    )
    unknown = make_incident(user, frt_uses=[frt(sole="unknown", review="unknown")])
    none = make_incident(user, frt_uses=[])
    sole = provision(library, "dhs-026-11:sole-basis")
    review = provision(library, "wa-rcw-43-386:human-review")
    claims = provision(library, "ice-16001-2:investigate-claims")
    session = fresh(library)
    assert suggest(sole, load_bundle(session, ok)).value == "complied"
    assert "trained facial examiner" in suggest(review, load_bundle(session, ok)).reason
    assert suggest(claims, load_bundle(session, ok)).value == "complied"
    assert suggest(sole, load_bundle(session, unknown)).value == "unclear"
    assert "not recorded for FRT use 1" in suggest(sole, load_bundle(session, unknown)).reason
    assert suggest(sole, load_bundle(session, none)).value == "not_applicable"


def test_a_lawyer_overrides_a_suggestion_with_reasoning_and_it_is_kept_and_audited(
    client, signed_in, library, make_incident, make_evidence
):
    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer, agency_ids=[agency(library, "ice_ero")])
    item = make_evidence(lawyer, incident)
    target = provision(library, "dhs-026-11:sole-basis")
    path = f"/incidents/{incident.reference}/assessments/{target.id}"
    prefix = f"a{target.id}-"
    missing = post_form(
        client,
        path,
        {prefix + "decision": "unclear", prefix + "reasoning": ""},
        token_from=f"/incidents/{incident.reference}",
    )
    html = missing.get_data(as_text=True)
    assert missing.status_code == 400, missing.headers.get("Location")
    assert f'id="{prefix}reasoning-error"' in html
    assert "Give your reasoning." in html
    saved = post_form(
        client,
        path,
        {
            prefix + "decision": "unclear",
            prefix + "reasoning": "The officer's report mentions a "
            "tip; the match may not have been the only basis.",
            prefix + "evidence": str(item.id),
        },
        token_from=f"/incidents/{incident.reference}",
    )
    assert saved.status_code == 302
    stored = fresh(library).exec(select(Assessment)).one()
    assert (stored.suggested, stored.decision) == ("violated", "unclear")
    assert "recorded as the sole basis" in stored.suggested_reason
    assert stored.evidence_ids == str(item.id)
    event = library.exec(select(AuditEvent).where(AuditEvent.action == "assessment_made")).one()
    details = json.loads(event.details)
    assert details["override"] is True and "tip" not in event.details
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "overrides the suggestion" in page and "may not have been the only basis" in page


def test_list_filter_by_violated_requirement(client, signed_in, library, make_incident):
    lawyer, _ = signed_in("lawyer")
    ice = agency(library, "ice_ero")
    violated = make_incident(lawyer, agency_ids=[ice])
    other = make_incident(lawyer, agency_ids=[ice])
    target = provision(library, "dhs-026-11:sole-basis")
    decide(client, violated, target, "violated", "Sole basis.")
    html = client.get("/incidents?violated=not_sole_basis").get_data(as_text=True)
    rows = html.split("<tbody>")[1]
    assert violated.reference in rows and other.reference not in rows


def test_a_case_page_reads_the_policy_library_once(
    app, client, library, signed_in, make_incident, session
):
    """Several parts of the case page ask for the library (applicable provisions, what was left
    out); it is read once per page shown."""
    from sqlalchemy import event

    user, _ = signed_in("lawyer")
    incident = make_incident(user, agency_ids=[agency(session, "ice_ero")])
    engine = app.extensions["db_engine"]
    seen = []

    def note(_conn, _cursor, statement, *_):
        if "FROM policies JOIN provisions" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        assert client.get(f"/incidents/{incident.reference}").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert len(seen) == 1
