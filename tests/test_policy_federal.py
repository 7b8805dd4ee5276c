"""Policy analysis scenarios for the federal law of immigration stops and arrests (8 U.S.C.
§1357(a)(2); 8 C.F.R. §287.8(b)(2) and (c)(2)(i) to (iii)) and the corrected state and local
rules (Virginia's warrant affidavit, Detroit's lineup rule, Maryland §2-504 and the Washington
and Colorado disclosure rules as criminal discovery), each written from the reference
(../shared/reference/policies.md), never from the engine's output. The record's facts (basis
of the stop, warrant shown, agents identified themselves and stated the reason, outcome) come
from the litigation-record fields."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from incidents.models import Policy, Provision
from incidents.policies.provenance import source_line
from tests.test_policy_scenarios import agency, analysis, check_scenario, record

ICE = {"agency_ids": ["ice_ero"]}
RELEASED = {"outcome": "released_at_scene", "timeline": []}
FEDERAL = ("usc-8-1357:a2", "cfr-8-287-8:b2", "cfr-8-287-8:c2i", "cfr-8-287-8:c2ii")


def agents(identified, stated):
    return [
        {
            "id": None,
            "key": "k1",
            "agency_id": "ice_ero",
            "identified_self": identified,
            "stated_reason": stated,
        },
    ]


SCENARIOS = [
    (
        "ICE ERO street stop in Chicago, 2025, Mobile Fortify as sole basis, no warrant facts: "
        "the federal law applies and can only be unclear; §287.8(c)(2)(ii) unclear",
        {**ICE, "apparent_basis": "frt_result"},
        {
            "cfr-8-287-8:c2ii": "unclear",
            "usc-8-1357:a2": "unclear",
            "cfr-8-287-8:b2": "unclear",
            "cfr-8-287-8:c2i": "unclear",
            "cfr-8-287-8:c2iii": "unclear",
        },
    ),
    (
        "the same stop with an administrative warrant shown: (c)(2)(ii) complied, §1357(a)(2) "
        "(arrests without a warrant) not applicable",
        {**ICE, "warrant_shown": "administrative"},
        {"cfr-8-287-8:c2ii": "complied", "usc-8-1357:a2": "not_applicable"},
    ),
    (
        "no warrant shown: still unclear (whether one could have been obtained is not recorded)",
        {**ICE, "warrant_shown": "none"},
        {"cfr-8-287-8:c2ii": "unclear", "usc-8-1357:a2": "unclear"},
    ),
    (
        "an arrest where no agent identified themselves or stated the reason: (c)(2)(iii) violated",
        {**ICE, "agents": agents("no", "no")},
        {"cfr-8-287-8:c2iii": "violated"},
    ),
    (
        "an agent identified themselves and stated the reason: (c)(2)(iii) complied",
        {**ICE, "agents": agents("yes", "yes")},
        {"cfr-8-287-8:c2iii": "complied"},
    ),
    (
        "released at the scene, no detention: the arrest rules are not applicable, the brief "
        "detention rule still asks for reasonable suspicion",
        {**ICE, **RELEASED, "agents": agents("no", "no")},
        {
            "cfr-8-287-8:c2i": "not_applicable",
            "cfr-8-287-8:c2ii": "not_applicable",
            "cfr-8-287-8:c2iii": "not_applicable",
            "usc-8-1357:a2": "not_applicable",
            "cfr-8-287-8:b2": "unclear",
        },
    ),
    (
        "a Texas sheriff's deputy under 287(g) in 2025: the federal law of arrests in scope",
        {"agency_ids": ["sheriff"], "agencies_287g": ["sheriff"], "state": "TX"},
        {"cfr-8-287-8:c2ii": "unclear", "usc-8-1357:a2": "unclear"},
    ),
    (
        "a local police arrest without 287(g): the immigration officers' law does not bind it",
        {"agency_ids": ["local_police"], "state": "TX", "city": "Houston"},
        dict.fromkeys(FEDERAL),
    ),
    (
        "8 C.F.R. §287.8 before June 13 2003 (the earliest date a source shows it in force): "
        "agents who never identified themselves give only unclear",
        {**ICE, "occurred_on": date(2003, 1, 10), "timeline": [], "agents": agents("no", "no")},
        {"cfr-8-287-8:c2iii": "unclear"},
    ),
    (
        "Maryland police, criminal charge after a match: §2-504 (disclosure in criminal "
        "discovery) is unclear, never judged by what the person was told at the stop",
        {"agency_ids": ["local_police"], "state": "MD", "outcome": "charged"},
        {"md-cp-2-504:disclosure": "unclear"},
    ),
    (
        "Maryland police, released at the scene: no criminal discovery, §2-504 not applicable",
        {"agency_ids": ["local_police"], "state": "MD", **RELEASED},
        {"md-cp-2-504:disclosure": "not_applicable"},
    ),
    (
        "Colorado State Patrol charging a person in 2023: 24-18-308(1) disclosure unclear",
        {
            "agency_ids": ["state_police"],
            "state": "CO",
            "occurred_on": date(2023, 5, 1),
            "outcome": "charged",
        },
        {"co-crs-24-18-308:discovery": "unclear"},
    ),
    (
        "Colorado State Patrol handing the person to ICE in a civil matter: 308(1) not applicable",
        {
            "agency_ids": ["state_police"],
            "state": "CO",
            "occurred_on": date(2023, 5, 1),
            "enforcement_context": "civil_immigration",
        },
        {"co-crs-24-18-308:discovery": "not_applicable"},
    ),
    (
        "Virginia police in 2023, match as sole basis: the warrant-affidavit rule is unclear, "
        "never 'violated' for the arrest itself",
        {
            "agency_ids": ["local_police"],
            "state": "VA",
            "city": "Richmond",
            "occurred_on": date(2023, 4, 1),
        },
        {"va-15-2-1723-2:probable-cause": "unclear"},
    ),
    (
        "Virginia after July 1 2026, when the section is marked to end: not listed",
        {
            "agency_ids": ["local_police"],
            "state": "VA",
            "city": "Richmond",
            "occurred_on": date(2026, 8, 1),
        },
        {"va-15-2-1723-2:probable-cause": None},
    ),
    (
        "Detroit police in 2025: the lineup rule is about lineups, unclear from the record",
        {"agency_ids": ["local_police"], "state": "MI", "city": "Detroit", "county": "Wayne"},
        {"detroit-williams-2024:independent-evidence": "unclear"},
    ),
]


@pytest.mark.parametrize(
    ("what", "overrides", "expected"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_scenario(library, make_user, make_incident, what, overrides, expected):
    check_scenario(library, make_user, make_incident, what, overrides, expected)


def test_the_reasons_name_the_facts_a_lawyer_weighs(library, make_user, make_incident):
    ice = agency(library, "ice_ero")
    stop = analysis(
        library,
        record(
            library,
            make_user,
            make_incident,
            agency_ids=[ice],
            apparent_basis="frt_result",
            warrant_shown="none",
        ),
    )
    reason = stop["usc-8-1357:a2"].reason
    assert reason.startswith("Arrested without a warrant shown.")
    assert "the recorded basis of the stop: a facial recognition result" in reason
    assert "Rosa Delgado Ibarra is a US citizen or national" in reason
    assert "proof of citizenship shown was disregarded" in reason
    assert "No warrant was shown. Whether one was obtained" in stop["cfr-8-287-8:c2ii"].reason
    assert "Arvizu, 534 U.S. 266 (2002)" in stop["cfr-8-287-8:b2"].reason
    early = analysis(
        library,
        record(
            library,
            make_user,
            make_incident,
            agency_ids=[ice],
            occurred_on=date(2003, 1, 10),
            timeline=[],
            agents=[{**agents("no", "no")[0], "agency_id": ice}],
        ),
    )
    assert "a dated source shows it in force by 2003-06-13" in early["cfr-8-287-8:c2iii"].reason


def test_the_library_keeps_the_corrections(library):
    def provision(key):
        return library.exec(select(Provision).where(Provision.key == key)).one()

    virginia = provision("va-15-2-1723-2:probable-cause")
    assert "in an affidavit to establish probable cause" in virginia.text
    assert virginia.source_kind == "official_summary"
    lineup = provision("detroit-williams-2024:independent-evidence")
    assert "photo lineup" in lineup.text and "without independent and reliable evidence" in (
        lineup.text
    )
    assert "criminal discovery" in provision("md-cp-2-504:disclosure").text
    for key in ("wa-rcw-43-386:immigration-status", "co-crs-24-18-307:immigration-status"):
        assert "race, ethnicity, citizenship, place of origin or immigration status" in (
            provision(key).text
        )
    for key in ("md-cp-2-504:disclosure", "wa-rcw-43-386:discovery", "co-crs-24-18-308:discovery"):
        assert provision(key).contexts == "criminal"
    warrant = provision("cfr-8-287-8:c2ii")
    assert warrant.is_quotation and warrant.text == (
        "A warrant of arrest shall be obtained whenever possible prior to the arrest"
    )
    everything = library.exec(select(Provision).where(Provision.key.is_not(None))).all()
    assert all(p.source_kind for p in everything)
    dhs = provision("dhs-026-11:sole-basis")
    assert source_line(dhs).startswith("Quotation of an official summary: DHS, 2024 Update")
    assert source_line(dhs).endswith("16 Jan 2025")
    ice = provision("ice-16001-2:no-citizen-detention")
    assert source_line(ice) == (
        'Quotation of the primary text: ICE Directive 16001.2, §1, after "As a matter of law,", '
        "10 Nov 2015"
    )
    statute = library.exec(select(Policy).where(Policy.key == "usc-8-1357")).one()
    assert statute.effective_from is None and statute.in_force_by == date(2011, 6, 30)


def test_the_case_page_and_the_library_show_source_and_status(client, signed_in, library):
    from tests.case_forms import submit_new

    signed_in("lawyer")
    ice = str(agency(library, "ice_ero"))
    page = client.get(submit_new(client, agencies=[ice]).headers["Location"]).get_data(as_text=True)
    assert "Quotation of an official summary: DHS, 2024 Update" in page
    assert "Status: Disputed" in page and "Status: In force" in page
    listing = client.get("/policies").get_data(as_text=True)
    assert "in force by 2011-06-30 (entry into force not verified)" in listing
    assert "since 2023-09-14" in listing and "Governs: criminal investigations only." in listing
    assert "Binds: Federal agencies: ICE Enforcement and Removal Operations" in listing
    assert "Marked effective until July 1 2026; its successor is not verified" in listing


def test_the_dossier_gives_each_provision_its_source_and_status(
    client, signed_in, library, make_incident
):
    from tests.test_policy_left_out import pdf_text

    user, _ = signed_in("lawyer")
    incident = make_incident(user, agency_ids=[agency(library, "ice_ero")])
    text = " ".join(pdf_text(client, f"/incidents/{incident.reference}/dossier.pdf").split())
    assert "Quotation of an official summary: DHS, 2024 Update" in text
    assert "Disputed — Reported withdrawn: 2025 reporting" in text
    assert "Paraphrase of the primary text: 8 C.F.R. § 287.8, (c)(2)(iii)" in text
    assert "Enforcement context: Civil immigration enforcement (from the agencies involved)." in (
        text
    )


def test_dates_and_statuses_that_leave_it_open_are_said(library, make_user, make_incident):

    from incidents.models import Policy, Provision

    local = agency(library, "local_police")
    virginia = analysis(
        library,
        record(
            library,
            make_user,
            make_incident,
            agency_ids=[local],
            state="VA",
            city="Richmond",
            occurred_on=date(2025, 4, 1),
        ),
    )
    assert "Status today: Expired — Marked effective until July 1 2026" in (
        virginia["va-15-2-1723-2:probable-cause"].reason
    )
    assert "it was in force on the incident's date" in (
        virginia["va-15-2-1723-2:probable-cause"].reason
    )
    september = analysis(
        library,
        record(
            library,
            make_user,
            make_incident,
            agency_ids=[agency(library, "ice_ero")],
            occurred_on=date(2023, 9, 1),
            date_precision="month",
            timeline=[],
        ),
    )
    assert "known only as 2023-09 and the policy took effect on 2023-09-14" in (
        september["dhs-026-11:sole-basis"].reason
    )
    unknown = analysis(
        library,
        record(
            library,
            make_user,
            make_incident,
            agency_ids=[agency(library, "unknown")],
            state="CO",
            occurred_on=date(2024, 5, 1),
            enforcement_context="criminal",
        ),
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
    from tests.conftest import fresh, post_form
    from tests.test_policy_left_out import pdf_text

    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer, agency_ids=[agency(library, "ice_ero")])
    target = library.exec(select(Provision).where(Provision.key == "dhs-026-11:sole-basis")).one()
    prefix = f"a{target.id}-"
    post_form(
        client,
        f"/incidents/{incident.reference}/assessments/{target.id}",
        {prefix + "decision": "violated", prefix + "reasoning": "The app alone was relied on."},
        token_from=f"/incidents/{incident.reference}",
    )
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
