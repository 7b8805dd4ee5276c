"""Policy library, applicability, suggestions and lawyers' assessments."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import select

from incidents.models import Assessment, AuditEvent, Policy, Provision
from incidents.policies.applicability import applicable
from incidents.policies.loader import read_library
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


def test_built_in_entries_are_read_only_and_an_organization_makes_its_own_version(
    app, client, signed_in, make_user, library, runner
):
    """A lawyer of one organization cannot rewrite the shared library (it would print as a
    quotation in every organization's pages and dossiers); the organization's own version is
    visible to it only."""
    from tests.conftest import login

    lawyer, _ = signed_in("lawyer")
    again = runner.invoke(args=["policies", "load"])
    assert f"0 added, 0 updated, {len(read_library())} unchanged" in again.output
    policy = library.exec(select(Policy).where(Policy.key == "co-crs-24-18-307")).one()
    provision = library.exec(select(Provision).where(Provision.policy_id == policy.id)).first()
    original = provision.text
    page = client.get(f"/policies/{policy.id}").get_data(as_text=True)
    assert "read-only here" in page and "Make our own version" in page
    assert f"/provisions/{provision.id}/edit" not in page
    assert client.get(f"/policies/{policy.id}/edit").status_code == 403
    form = {"title": "Rewritten", "issuer": policy.issuer, "policy_type": "statute"}
    refused = post_form(client, f"/policies/{policy.id}/edit", form, token_from="/policies/new")
    assert refused.status_code == 403 and "shared by every organization" in refused.get_data(
        as_text=True
    )
    rewrite = {
        "text": "Agencies may arrest on a match alone.",
        "is_quotation": "y",
        "requirement_type": "other",
        "scope_levels": ["state"],
    }
    for path in (f"/provisions/{provision.id}/edit", f"/policies/{policy.id}/provisions/new"):
        assert post_form(client, path, rewrite, token_from="/policies/new").status_code == 403
    assert fresh(library).get(Provision, provision.id).text == original
    assert fresh(library).get(Policy, policy.id).title != "Rewritten"

    made = post_form(client, f"/policies/{policy.id}/copy", {}, token_from=f"/policies/{policy.id}")
    assert made.status_code == 302
    copy = fresh(library).exec(select(Policy).where(Policy.organization_id.is_not(None))).one()
    assert copy.organization_id == lawyer.organization_id and copy.title.endswith("(our version)")
    copied = library.exec(select(Provision).where(Provision.policy_id == copy.id)).all()
    mine = next(p for p in copied if p.text == original)  # copied as it was
    ours = post_form(
        client,
        f"/provisions/{mine.id}/edit",
        {**rewrite, "text": "Our reading of the statute.", "is_quotation": ""},
    )
    assert ours.status_code == 302
    assert fresh(library).get(Provision, mine.id).text == "Our reading of the statute."
    assert fresh(library).get(Provision, provision.id).text == original

    outsider, password = make_user("lawyer", org="Other Org")
    other = app.test_client()
    login(other, outsider.email, password)
    assert other.get(f"/policies/{copy.id}").status_code == 404
    assert "(our version)" not in other.get("/policies").get_data(as_text=True)
    result = runner.invoke(args=["policies", "load"])
    assert f"{len(read_library())} unchanged" in result.output


def test_versions_panel_shows_no_other_organizations_policy(
    app, client, signed_in, make_user, library, session
):
    from tests.conftest import login

    signed_in("lawyer")
    builtin = library.exec(select(Policy).where(Policy.key == "dhs-026-11")).one()
    outsider, password = make_user("lawyer", org="Other Org")
    other = app.test_client()
    login(other, outsider.email, password)
    form = {
        "title": "Secret internal memo of Other Org",
        "issuer": "Other Org",
        "policy_type": "agency_policy",
        "jurisdiction_level": "federal",
        "source_url": "https://example.org/memo",
        "status": "in_force",
        "successor_id": "",
    }
    assert post_form(other, "/policies/new", form).status_code == 302
    memo = fresh(session).exec(select(Policy).where(Policy.issuer == "Other Org")).one()
    memo.successor_id = builtin.id  # it claims to be superseded by the built-in directive
    session.commit()
    assert "Secret internal memo" in other.get(f"/policies/{builtin.id}").get_data(as_text=True)
    page = client.get(f"/policies/{builtin.id}").get_data(as_text=True)
    assert "Secret internal memo" not in page


def test_a_broken_library_file_names_the_entry_and_changes_nothing(library, runner, tmp_path):
    data = json.loads(json.dumps({"policies": read_library()}))
    lasd = next(p for p in data["policies"] if p["key"] == "lasd-5-08-100-20")
    lasd["provisions"][0]["requirement_type"] = "be_nice"
    data["policies"][0]["title"] = "Changed title"
    broken = tmp_path / "policies.json"
    broken.write_text(json.dumps(data))
    result = runner.invoke(args=["policies", "load", "--file", str(broken)])
    assert result.exit_code != 0 and len(result.output.strip().splitlines()) == 1
    assert "lasd-5-08-100-20" in result.output and "unknown requirement_type" in result.output
    assert (
        fresh(library).exec(select(Policy).where(Policy.key == "dhs-026-11")).one().title
        != "Changed title"
    )
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json")
    assert runner.invoke(args=["policies", "load", "--file", str(bad_json)]).exit_code != 0


def test_library_pages_and_who_may_edit(app, client, signed_in, make_user, library):
    from tests.conftest import login

    signed_in("researcher")
    listing = client.get("/policies?q=colorado").get_data(as_text=True)
    assert "Colorado facial recognition law" in listing and "Maryland" not in listing
    policy = library.exec(select(Policy).where(Policy.key == "dhs-026-11")).one()
    page = client.get(f"/policies/{policy.id}").get_data(as_text=True)
    assert "cannot be used as the sole basis" in page and "quotation" in page
    assert "Incidents assessed against it" not in page
    assert "Assessments (your organization)" not in page  # no small counts for researchers
    assert client.get("/policies/new").status_code == 403
    caseworker, password = make_user("caseworker")
    other = app.test_client()
    login(other, caseworker.email, password)
    assert other.get(f"/policies/{policy.id}/edit").status_code == 403


def test_policy_and_provision_forms_refuse_bad_input(client, signed_in, library, session):
    signed_in("lawyer")
    base = {
        "title": "Springfield PD FRT order",
        "issuer": "Springfield Police",
        "policy_type": "agency_policy",
        "jurisdiction_level": "local",
        "state": "IL",
        "status": "in_force",
    }
    no_source = post_form(client, "/policies/new", base)
    assert (
        no_source.status_code == 400
        and "Give the web address of the source." in no_source.get_data(as_text=True)
    )
    reversed_dates = post_form(
        client,
        "/policies/new",
        {
            **base,
            "source_url": "https://example.org/order",
            "effective_from": "2024-05-01",
            "effective_to": "2023-01-01",
        },
    )
    assert "The end date is before the start date." in reversed_dates.get_data(as_text=True)
    created = post_form(client, "/policies/new", {**base, "source_url": "https://example.org/o"})
    assert created.status_code == 302
    policy = fresh(session).exec(select(Policy).where(Policy.title == base["title"])).one()
    assert policy.organization_id is not None and not policy.builtin
    path = f"/policies/{policy.id}/provisions/new"
    missing_scope = post_form(
        client, path, {"text": "A match is a lead.", "requirement_type": "not_sole_basis"}
    )
    assert "Choose at least one level." in missing_scope.get_data(as_text=True)
    assert "Say what kind of source the text comes from." in missing_scope.get_data(as_text=True)
    ok = post_form(
        client,
        path,
        {
            "text": "A match is a lead.",
            "requirement_type": "not_sole_basis",
            "scope_levels": "local",
            "scope_state": "IL",
            "scope_agencies": "local_police",
            "source_kind": "primary_text",
            "citation": "General Order 12",
            "pinpoint": "§ 4(b)",
        },
    )
    assert ok.status_code == 302
    page = client.get(f"/policies/{policy.id}").get_data(as_text=True)
    assert "A match is a lead." in page and "paraphrase" in page
    assert "Paraphrase of the primary text: General Order 12, § 4(b)" in page
    disputed = post_form(
        client,
        "/policies/new",
        {**base, "source_url": "https://example.org/o", "status": "disputed"},
    )
    assert disputed.status_code == 400
    assert "Say what is known of this status and give its source" in disputed.get_data(as_text=True)
    for changes, message in (
        ({"state": ""}, "A state or local policy needs its state."),
        ({"jurisdiction_level": "federal"}, "A federal policy has no state: leave it empty."),
        (
            {"effective_from": "2024-01-01", "in_force_by": "2024-06-01"},
            "Give either the date it took effect or",
        ),
    ):
        refused = post_form(
            client, "/policies/new", {**base, "source_url": "https://example.org/o", **changes}
        )
        assert refused.status_code == 400 and message in refused.get_data(as_text=True)
    provision = {
        "text": "A match is a lead.",
        "requirement_type": "not_sole_basis",
        "scope_levels": "local",
        "source_kind": "primary_text",
    }
    elsewhere = post_form(client, path, {**provision, "scope_state": "CO"})
    assert "This policy is Illinois&#39;s: its provisions bind there only." in (
        elsewhere.get_data(as_text=True)
    )
    federal = post_form(client, path, {**provision, "scope_levels": "federal"})
    assert "A state or local policy does not bind federal agencies" in federal.get_data(
        as_text=True
    )
    assert post_form(client, path, provision).status_code == 302  # no state given: the policy's
    saved = fresh(session).exec(select(Provision).where(Provision.policy_id == policy.id)).all()
    assert [p.scope_state for p in saved] == ["IL", "IL"]
