"""The policy library as its users meet it: built-in entries read-only and an organization's
own version, the versions panel, a broken library file, who may edit, and the forms' checks."""

from __future__ import annotations

import json

from sqlmodel import select

from incidents.models import Policy, Provision
from incidents.policies.loader import read_library
from tests.conftest import fresh, post_form


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
