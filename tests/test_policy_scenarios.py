"""Policy analysis scenarios (issue 16, first part), each written from the reference
(../shared/reference/policies.md, "Corrections and additions"), never from the engine's output:
dates of entry into force, a status other than in force, an unknown entry into force, 287(g)
officers under ICE's rules, and spoken claims of citizenship under ICE Directive 16001.2."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from incidents.models import Agency
from incidents.policies.analysis import case_analysis
from incidents.records.bundle import load_bundle
from tests.conftest import fresh

DETAINED = [
    {"id": None, "kind": "detention_start", "starts_at": datetime(2025, 9, 12, 8, 0)},
    {"id": None, "kind": "release", "starts_at": datetime(2025, 9, 13, 2, 30)},
]


def agency(session, code):
    return session.exec(select(Agency).where(Agency.code == code)).one().id


# Agencies an organization registers with their jurisdiction (the seeded ones are generic).
REGISTERED = {
    "nypd": ("New York City Police Department", "local_police", "local", "NY", None, "New York"),
    "detroit_pd": ("Detroit Police Department", "local_police", "local", "MI", "Wayne", "Detroit"),
}
FARMINGTON_HILLS = {"agency_ids": ["detroit_pd"], "state": "MI", "city": "Farmington Hills"}


def register(session, user, code) -> int:
    """One of REGISTERED as an agency of the user's organization; its id."""
    name, kind, level, state, county, city = REGISTERED[code]
    row = Agency(
        organization_id=user.organization_id,
        code=code,
        name=name,
        agency_type=kind,
        level=level,
        state=state,
        county=county,
        city=city,
    )
    session.add(row)
    session.commit()
    return row.id


def analysis(session, incident) -> dict:
    bundle = load_bundle(fresh(session), incident)
    return {row.provision.key: row.suggestion for row in case_analysis(fresh(session), bundle)}


def record(library, make_user, make_incident, **overrides):
    user, _ = make_user("lawyer")
    return make_incident(user, **overrides)


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


def check_scenario(library, make_user, make_incident, what, overrides, expected):
    """Record the incident (agencies, 287(g) agencies and agents' agencies given by code) and
    compare each provision's suggestion (None: not listed) with the expected one."""
    codes = {
        name: overrides.pop(name) for name in ("agency_ids", "agencies_287g") if name in overrides
    }
    user, _ = make_user("lawyer")
    registered = {code: register(library, user, code) for code in REGISTERED}
    ids = {
        name: [registered.get(code) or agency(library, code) for code in value]
        for name, value in codes.items()
    }
    for row in overrides.get("agents", []):
        row["agency_id"] = agency(library, row["agency_id"])
    incident = make_incident(user, **overrides, **ids)
    found = analysis(library, incident)
    for key, value in expected.items():
        shown = found[key].value if key in found else None
        assert shown == value, (what, key, found.get(key))


@pytest.mark.parametrize(
    ("what", "overrides", "expected"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_scenario(library, make_user, make_incident, what, overrides, expected):
    check_scenario(library, make_user, make_incident, what, overrides, expected)


def test_the_footing_is_said_with_the_suggestion(library, make_user, make_incident):
    ice, sheriff = agency(library, "ice_ero"), agency(library, "sheriff")
    chicago = analysis(library, record(library, make_user, make_incident, agency_ids=[ice]))
    assert "Status: Disputed" in chicago["dhs-026-11:sole-basis"].reason
    texas = analysis(
        library,
        record(
            library,
            make_user,
            make_incident,
            state="TX",
            agency_ids=[sheriff],
            agencies_287g=[sheriff],
        ),
    )
    assert "binds County sheriff here as acting under a 287(g) agreement" in (
        texas["ice-16001-2:investigate-claims"].reason
    )
    alabama = analysis(
        library,
        record(
            library,
            make_user,
            make_incident,
            state="AL",
            occurred_on=date(2024, 5, 1),
            agency_ids=[sheriff],
        ),
    )
    assert "does not record when this policy took effect" in (
        alabama["al-15-10-111:sole-basis"].reason
    )
    spoken = analysis(
        library,
        record(
            library,
            make_user,
            make_incident,
            agency_ids=[ice],
            documents=[],
            status_claimed="yes",
            status_claimed_at=datetime(2025, 9, 12, 7, 50),
        ),
    )
    civil = analysis(
        library,
        record(
            library,
            make_user,
            make_incident,
            state="CO",
            occurred_on=date(2023, 5, 1),
            agency_ids=[agency(library, "state_police")],
            enforcement_context="civil_immigration",
        ),
    )
    assert civil["co-crs-24-18-307:sole-basis"].reason.startswith(
        "Criminal investigations only; this was civil immigration enforcement (as recorded"
    )
    reason = spoken["ice-16001-2:investigate-claims"].reason
    assert "said they were a US citizen or lawful resident and was held after saying so" in reason
    assert "released 18.7 hours after the claim" in reason


def test_the_library_keeps_the_limits_the_reference_insists_on(library):
    from incidents.models import Policy, Provision

    def provision(key):
        return library.exec(select(Provision).where(Provision.key == key)).one()

    opt_out = provision("dhs-026-11:opt-out")
    assert opt_out.is_quotation and opt_out.text.endswith("unless otherwise authorized or required")
    dhs = library.exec(select(Policy).where(Policy.key == "dhs-026-11")).one()
    assert "public summary of January 16 2025" in dhs.source_note
    assert (dhs.status, dhs.effective_from) == ("disputed", date(2023, 9, 14))
    alabama = provision("al-15-10-111:sole-basis")
    assert "criminal investigation" in alabama.text and not alabama.is_quotation


def test_the_case_page_says_the_context_and_the_form_sets_it(client, signed_in, library):
    from tests.case_forms import submit_new

    signed_in("caseworker")
    ice = str(agency(library, "ice_ero"))
    page = client.get(submit_new(client, agencies=[ice]).headers["Location"]).get_data(as_text=True)
    assert (
        "<dt>Enforcement context</dt><dd>Civil immigration enforcement "
        '<span class="muted">(from the agencies involved)</span></dd>'
    ) in page
    chosen = submit_new(
        client,
        agencies=[ice],
        enforcement_context="both",
        **{"people-0-full_name": "Ana Ruiz Soto", "people-0-date_of_birth": "1990-01-02"},
    )
    page = client.get(chosen.headers["Location"]).get_data(as_text=True)
    assert '<dd>Both <span class="muted">(as recorded)</span></dd>' in page


def test_the_library_says_what_each_provision_governs_and_a_copy_keeps_it(
    client, signed_in, library
):
    from incidents.models import Policy, Provision
    from tests.conftest import post_form

    signed_in("lawyer")
    colorado = library.exec(select(Policy).where(Policy.key == "co-crs-24-18-307")).one()
    page = client.get(f"/policies/{colorado.id}").get_data(as_text=True)
    assert "governs: criminal investigations only." in page and "governs: any enforcement." in page
    post_form(client, f"/policies/{colorado.id}/copy", {}, token_from=f"/policies/{colorado.id}")
    copy = fresh(library).exec(select(Policy).where(Policy.organization_id.is_not(None))).one()
    contexts = {
        p.text[:20]: p.contexts
        for p in fresh(library).exec(select(Provision).where(Provision.policy_id == copy.id))
    }
    assert sorted(contexts.values()) == ["any", "criminal", "criminal"]  # (4), (2), 308(1)
    form = client.get(f"/policies/{copy.id}/provisions/new").get_data(as_text=True)
    assert 'name="contexts"' in form and "Criminal investigations only" in form
