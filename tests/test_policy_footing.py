"""What a lawyer must know of a suggestion's footing (issue 16): 287(g), status (today's or
ended on a date not recorded), an entry into force not known, a date known only to the month,
an agency recorded as unknown, the enforcement context, a spoken claim — and a decision that
stays shown when its provision stops applying."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select

from incidents.models import Policy, Provision
from tests.policy_helpers import agency, analysis, decide, pdf_text, suggestions


def test_the_footing_is_said_with_the_suggestion(library, make_user, make_incident):
    ice, sheriff = agency(library, "ice_ero"), agency(library, "sheriff")
    chicago = suggestions(library, make_user, make_incident, agency_ids=[ice])
    assert "Status: Disputed" in chicago["dhs-026-11:sole-basis"].reason
    texas = suggestions(
        library,
        make_user,
        make_incident,
        state="TX",
        agency_ids=[sheriff],
        agencies_287g=[sheriff],
    )
    assert "binds County sheriff here as acting under a 287(g) agreement" in (
        texas["ice-16001-2:investigate-claims"].reason
    )
    alabama = suggestions(
        library,
        make_user,
        make_incident,
        state="AL",
        occurred_on=date(2024, 5, 1),
        agency_ids=[sheriff],
    )
    assert "does not record when this policy took effect" in (
        alabama["al-15-10-111:sole-basis"].reason
    )
    spoken = suggestions(
        library,
        make_user,
        make_incident,
        agency_ids=[ice],
        documents=[],
        status_claimed="yes",
        status_claimed_at=datetime(2025, 9, 12, 7, 50),
    )
    civil = suggestions(
        library,
        make_user,
        make_incident,
        state="CO",
        occurred_on=date(2023, 5, 1),
        agency_ids=[agency(library, "state_police")],
        enforcement_context="civil_immigration",
    )
    assert civil["co-crs-24-18-307:sole-basis"].reason.startswith(
        "Criminal investigations only; this was civil immigration enforcement (as recorded"
    )
    reason = spoken["ice-16001-2:investigate-claims"].reason
    assert "said they were a US citizen or lawful resident and was held after saying so" in reason
    assert "released 18.7 hours after the claim" in reason


def test_dates_and_statuses_that_leave_it_open_are_said(library, make_user, make_incident):

    from incidents.models import Provision

    local = agency(library, "local_police")
    virginia = suggestions(
        library,
        make_user,
        make_incident,
        agency_ids=[local],
        state="VA",
        city="Richmond",
        occurred_on=date(2025, 4, 1),
    )
    assert "Status today: Expired — Marked effective until July 1 2026" in (
        virginia["va-15-2-1723-2:probable-cause"].reason
    )
    assert "it was in force on the incident's date" in (
        virginia["va-15-2-1723-2:probable-cause"].reason
    )
    september = suggestions(
        library,
        make_user,
        make_incident,
        agency_ids=[agency(library, "ice_ero")],
        occurred_on=date(2023, 9, 1),
        date_precision="month",
        timeline=[],
    )
    assert "known only as 2023-09 and the policy took effect on 2023-09-14" in (
        september["dhs-026-11:sole-basis"].reason
    )
    unknown = suggestions(
        library,
        make_user,
        make_incident,
        agency_ids=[agency(library, "unknown")],
        state="CO",
        occurred_on=date(2024, 5, 1),
        enforcement_context="criminal",
    )
    assert "Assumes the agency recorded as unknown is one this provision binds" in (
        unknown["co-crs-24-18-307:sole-basis"].reason
    )
    user, _ = make_user("lawyer")
    rescinded = Policy(
        organization_id=user.organization_id,
        title="Springfield order",
        issuer="Springfield",
        jurisdiction_level="local",
        state="IL",
        policy_type="agency_policy",
        source_url="https://example.org",
        effective_from=date(2020, 1, 1),
        status="rescinded",
        status_note="Rescinded by a later order",
        status_source="City council minutes",
    )
    library.add(rescinded)
    library.flush()
    library.add(
        Provision(
            policy_id=rescinded.id,
            text="A match is a lead.",
            requirement_type="not_sole_basis",
            scope_levels="local",
            scope_state="IL",
            source_kind="primary_text",
        )
    )
    library.commit()
    found = analysis(library, make_incident(user, agency_ids=[local]))
    row = next(s for k, s in found.items() if k is None)
    assert row.value == "unclear" and "When it ended is not recorded" in row.reason


def test_a_decision_is_never_hidden_when_its_provision_stops_applying(
    client, signed_in, library, make_incident
):
    from incidents.models import Incident
    from tests.conftest import fresh

    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer, agency_ids=[agency(library, "ice_ero")])
    target = library.exec(select(Provision).where(Provision.key == "dhs-026-11:sole-basis")).one()
    decide(client, incident, target, "violated", "The app alone was relied on.")
    session = fresh(library)
    stored = session.get(Incident, incident.id)
    stored.occurred_on = date(2023, 1, 5)  # before DHS 026-11 was announced
    session.commit()
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    card = page[page.index(f'id="provision-{target.id}"') :]
    assert "No longer listed for this incident: Not yet in force on 2023-01-05" in card
    assert "The app alone was relied on." in card
    text = pdf_text(client, f"/incidents/{incident.reference}/dossier.pdf")
    assert "The app alone was relied on." in text


def test_an_organizations_own_version_stands_in_for_the_built_in_policy(
    client, signed_in, library, make_incident
):
    from tests.conftest import fresh, post_form

    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer, agency_ids=[agency(library, "ice_ero")])
    builtin = library.exec(select(Policy).where(Policy.key == "dhs-026-11")).one()
    target = library.exec(select(Provision).where(Provision.key == "dhs-026-11:sole-basis")).one()
    decide(client, incident, target, "violated", "Decided on the built-in text.")
    page = f"/policies/{builtin.id}"
    post_form(client, f"{page}/copy", {}, token_from=page)
    again = post_form(client, f"{page}/copy", {}, token_from=page)
    mine = fresh(library).exec(select(Policy).where(Policy.organization_id.is_not(None))).all()
    assert len(mine) == 1 and mine[0].copied_from_id == builtin.id  # one version, asked twice
    assert again.headers["Location"].endswith(f"/policies/{mine[0].id}")
    rows = analysis(library, incident)
    assert "dhs-026-11:opt-out" not in rows  # the built-in provisions are not listed twice
    copies = [s for key, s in rows.items() if key is None]
    assert copies and all(s.value in ("violated", "unclear", "not_applicable") for s in copies)
    case = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    card = case[case.index(f'id="provision-{target.id}"') :]
    assert "Your organization&#39;s own version of this policy stands in for it." in card
    assert "Decided on the built-in text." in card
    shown = client.get(page).get_data(as_text=True)
    assert 'id="own-version"' in shown and "Open our own version" in shown
    assert "stands in for this policy in your analyses" in client.get("/policies").get_data(
        as_text=True
    )
