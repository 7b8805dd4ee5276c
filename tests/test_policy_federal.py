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

from tests.policy_helpers import agency, check_scenario, suggestions

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
    stop = suggestions(
        library,
        make_user,
        make_incident,
        agency_ids=[ice],
        apparent_basis="frt_result",
        warrant_shown="none",
    )
    reason = stop["usc-8-1357:a2"].reason
    assert reason.startswith("Arrested without a warrant shown.")
    assert "the recorded basis of the stop: a facial recognition result" in reason
    assert "Rosa Delgado Ibarra is a US citizen or national" in reason
    assert "proof of citizenship shown was disregarded" in reason
    assert "No warrant was shown. Whether one was obtained" in stop["cfr-8-287-8:c2ii"].reason
    assert "Arvizu, 534 U.S. 266 (2002)" in stop["cfr-8-287-8:b2"].reason
    early = suggestions(
        library,
        make_user,
        make_incident,
        agency_ids=[ice],
        occurred_on=date(2003, 1, 10),
        timeline=[],
        agents=[{**agents("no", "no")[0], "agency_id": ice}],
    )
    assert "a dated source shows it in force by 2003-06-13" in early["cfr-8-287-8:c2iii"].reason
