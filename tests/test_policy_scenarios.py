"""Policy analysis scenarios of the state and local rules, DHS and ICE (issue 16), each written
from the reference (../shared/reference/policies.md, "Corrections and additions"), never from
the engine's output: dates of entry into force (and dates known only to the month), a status
other than in force, an unknown entry into force, 287(g) officers under ICE's rules, the
enforcement context, an agency's own jurisdiction, and spoken claims of citizenship under ICE
Directive 16001.2."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.policy_helpers import DETAINED, check_scenario

FARMINGTON_HILLS = {"agency_ids": ["detroit_pd"], "state": "MI", "city": "Farmington Hills"}


SCENARIOS = [
    (
        "a Detroit PD arrest in Farmington Hills in January 2020: the Detroit settlement (June "
        "28 2024) is not in force yet",
        {**FARMINGTON_HILLS, "county": "Oakland", "occurred_on": date(2020, 1, 9), "timeline": []},
        {"detroit-williams-2024:no-sole-basis": None, "dhs-026-11:sole-basis": None},
    ),
    (
        "the same Detroit PD arrest in Farmington Hills in 2025: Detroit's rule binds its police "
        "wherever they act",
        {**FARMINGTON_HILLS, "county": "Oakland"},
        {"detroit-williams-2024:no-sole-basis": "violated"},
    ),
    # (what, overrides, provision key → expected suggestion value or None for "not applied")
    (
        "ICE ERO street stop in Chicago, 2025: Mobile Fortify sole basis, birth certificate "
        "ignored, a spoken claim; DHS 026-11 violated (status disputed), ICE 16001.2 violated; "
        "no state law",
        {"agency_ids": ["ice_ero"], "status_claimed": "yes"},
        {
            "dhs-026-11:sole-basis": "violated",
            "ice-16001-2:investigate-claims": "violated",
            "co-crs-24-18-307:sole-basis": None,
            "wa-rcw-43-386:sole-basis": None,
            "md-cp-2-502:sole-basis": None,
        },
    ),
    (
        "DHS 026-11 before it was announced (2023-09-13): not in force",
        {"agency_ids": ["ice_ero"], "occurred_on": date(2023, 9, 13), "timeline": []},
        {"dhs-026-11:sole-basis": None, "ice-16001-2:investigate-claims": "violated"},
    ),
    (
        "NYPD on 2020-03-12, the day before its procedure took effect",
        {
            "agency_ids": ["nypd"],
            "state": "NY",
            "city": "New York",
            "county": None,
            "occurred_on": date(2020, 3, 12),
            "timeline": [],
        },
        {"nypd-frt-2020:lead": None},
    ),
    (
        "NYPD on 2020-03-13",
        {
            "agency_ids": ["nypd"],
            "state": "NY",
            "city": "New York",
            "county": None,
            "occurred_on": date(2020, 3, 13),
            "timeline": [],
        },
        {"nypd-frt-2020:lead": "violated"},
    ),
    (
        "a Washington agency on 2021-06-30: RCW 43.386 not yet in effect",
        {"agency_ids": ["state_police"], "state": "WA", "occurred_on": date(2021, 6, 30)},
        {"wa-rcw-43-386:sole-basis": None},
    ),
    (
        "a Washington agency on 2021-07-01",
        {"agency_ids": ["state_police"], "state": "WA", "occurred_on": date(2021, 7, 1)},
        {"wa-rcw-43-386:sole-basis": "violated"},
    ),
    (
        "Alabama: effective date not verified, so the match as sole basis is only unclear",
        {"agency_ids": ["sheriff"], "state": "AL", "occurred_on": date(2024, 5, 1)},
        {"al-15-10-111:sole-basis": "unclear"},
    ),
    (
        "a Texas sheriff's deputy under 287(g) in 2025: ICE's and DHS's rules in scope",
        {"agency_ids": ["sheriff"], "agencies_287g": ["sheriff"], "state": "TX"},
        {"dhs-026-11:sole-basis": "violated", "ice-16001-2:investigate-claims": "violated"},
    ),
    (
        "the same deputy without a 287(g) agreement: no federal rule",
        {"agency_ids": ["sheriff"], "state": "TX"},
        {"dhs-026-11:sole-basis": None, "ice-16001-2:investigate-claims": None},
    ),
    (
        "ICE 16001.2: a spoken claim, no document, held after it: violated",
        {
            "agency_ids": ["ice_ero"],
            "documents": [],
            "status_claimed": "yes",
            "status_claimed_at": datetime(2025, 9, 12, 7, 50),
            "timeline": DETAINED,
        },
        {"ice-16001-2:investigate-claims": "violated"},
    ),
    (
        "ICE 16001.2: a spoken claim, released at the scene: complied",
        {
            "agency_ids": ["ice_ero"],
            "documents": [],
            "status_claimed": "yes",
            "outcome": "released_at_scene",
            "timeline": [],
        },
        {"ice-16001-2:investigate-claims": "complied"},
    ),
    (
        "a Colorado State Patrol criminal arrest in 2023 on an FRT match alone: (4) violated",
        {"agency_ids": ["state_police"], "state": "CO", "occurred_on": date(2023, 5, 1)},
        {"co-crs-24-18-307:sole-basis": "violated"},
    ),
    (
        "the same agency handing the person to ICE in a civil matter: (4) not applicable",
        {
            "agency_ids": ["state_police", "ice_ero"],
            "state": "CO",
            "occurred_on": date(2023, 5, 1),
            "enforcement_context": "civil_immigration",
        },
        {"co-crs-24-18-307:sole-basis": "not_applicable", "dhs-026-11:sole-basis": None},
    ),
    (
        "Colorado police and ICE together, context left to the agencies: a criminal case or a "
        "hand-over to ICE, so (4) is no more than unclear",
        {"agency_ids": ["state_police", "ice_ero"], "state": "CO", "occurred_on": date(2024, 5, 1)},
        {"co-crs-24-18-307:sole-basis": "unclear", "dhs-026-11:sole-basis": "violated"},
    ),
    (
        "Colorado police and ICE, context recorded as both: (4) applies",
        {
            "agency_ids": ["state_police", "ice_ero"],
            "state": "CO",
            "occurred_on": date(2024, 5, 1),
            "enforcement_context": "both",
        },
        {"co-crs-24-18-307:sole-basis": "violated"},
    ),
    (
        "an ICE stop known only as September 2023 (DHS 026-11 from the 14th): unclear, not "
        "left out",
        {
            "agency_ids": ["ice_ero"],
            "occurred_on": date(2023, 9, 1),
            "date_precision": "month",
            "timeline": [],
        },
        {"dhs-026-11:sole-basis": "unclear"},
    ),
    (
        "an ICE stop known only as August 2023: DHS 026-11 not yet in force",
        {
            "agency_ids": ["ice_ero"],
            "occurred_on": date(2023, 8, 1),
            "date_precision": "month",
            "timeline": [],
        },
        {"dhs-026-11:sole-basis": None},
    ),
    (
        "a Colorado stop by an agency recorded as unknown: Colorado's rules and DHS's are "
        "listed, no more than unclear",
        {
            "agency_ids": ["unknown"],
            "state": "CO",
            "occurred_on": date(2024, 5, 1),
            "enforcement_context": "criminal",
        },
        {"co-crs-24-18-307:sole-basis": "unclear", "dhs-026-11:sole-basis": "unclear"},
    ),
    (
        "ICE 16001.2: held after the claim, status proven 30 minutes later by a records check: "
        "unclear (was it immediately and carefully investigated?)",
        {
            "agency_ids": ["ice_ero"],
            "documents": [],
            "status_claimed": "yes",
            "status_claimed_at": datetime(2025, 9, 12, 7, 50),
            "status_proven_by": "records_check",
            "status_proven_at": datetime(2025, 9, 12, 8, 20),
            "timeline": DETAINED,
        },
        {"ice-16001-2:investigate-claims": "unclear"},
    ),
    (
        "Virginia police in 2025: the section was in force then; its status today is said",
        {
            "agency_ids": ["local_police"],
            "state": "VA",
            "city": "Richmond",
            "occurred_on": date(2025, 4, 1),
        },
        {"va-15-2-1723-2:probable-cause": "unclear"},
    ),
    (
        "Colorado, context recorded as unknown: a criminal-only rule is at most unclear",
        {
            "agency_ids": ["state_police"],
            "state": "CO",
            "occurred_on": date(2024, 5, 1),
            "enforcement_context": "unknown",
        },
        {"co-crs-24-18-307:sole-basis": "unclear"},
    ),
    (
        "Maryland police under 287(g) (civil immigration from the agencies): §2-502 not applicable",
        {
            "agency_ids": ["local_police"],
            "agencies_287g": ["local_police"],
            "state": "MD",
            "occurred_on": date(2025, 3, 1),
        },
        {"md-cp-2-502:sole-basis": "not_applicable", "ice-16001-2:investigate-claims": "violated"},
    ),
    (
        "ICE 16001.2: no document and no claim recorded: unclear",
        {"agency_ids": ["ice_ero"], "documents": [], "timeline": []},
        {"ice-16001-2:investigate-claims": "unclear"},
    ),
]


@pytest.mark.parametrize(
    ("what", "overrides", "expected"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_scenario(library, make_user, make_incident, what, overrides, expected):
    check_scenario(library, make_user, make_incident, what, overrides, expected)
