"""Why a provision is not in an incident's analysis (issue 16, point 5): on the case page and
in both dossiers (the redacted one names no county), each reason written from the reference."""

from __future__ import annotations

from datetime import date

import pytest

from incidents.policies.left_out import left_out
from incidents.records.bundle import load_bundle
from tests.conftest import fresh
from tests.policy_helpers import agency, pdf_text


@pytest.mark.parametrize(
    ("overrides", "key", "why"),
    [
        (
            {"agency_ids": ["ice_ero"]},
            "co-crs-24-18-307:sole-basis",
            "It binds state and local agencies; the agencies here are federal.",
        ),
        (
            {"agency_ids": ["state_police"], "state": "WA", "occurred_on": date(2021, 6, 30)},
            "wa-rcw-43-386:sole-basis",
            "Not yet in force on 2021-06-30: in force from 2021-07-01.",
        ),
        (
            {"agency_ids": ["local_police"], "state": "TX", "city": "Houston"},
            "co-crs-24-18-307:sole-basis",
            "It binds agencies in Colorado; the incident is in Texas.",
        ),
        (
            {"agency_ids": ["local_police"], "state": "MI", "city": "Farmington Hills"},
            "detroit-williams-2024:no-sole-basis",
            "It binds only agencies of Detroit; the agency involved is of Farmington Hills, the "
            "incident's city (Local police department: its city is not recorded).",
        ),
        (
            {"agency_ids": ["local_police"], "state": "IL"},
            "dhs-026-11:sole-basis",
            "It binds federal agencies; the agencies here are local (and none under 287(g)).",
        ),
        (
            {"agency_ids": ["fbi"], "state": "IL"},
            "dhs-026-11:sole-basis",
            "It binds only these kinds of agency: ICE Enforcement and Removal Operations; "
            "ICE Homeland Security Investigations; CBP Office of Field Operations; "
            "U.S. Border Patrol.",
        ),
    ],
)
def test_a_lawyer_sees_why_a_provision_is_not_listed(
    client, signed_in, library, make_incident, overrides, key, why
):
    user, _ = signed_in("lawyer")
    codes = overrides.pop("agency_ids")
    incident = make_incident(user, agency_ids=[agency(library, c) for c in codes], **overrides)
    bundle = load_bundle(fresh(library), incident)
    reasons = {p.key: why for _, p, why in left_out(fresh(library), bundle)}
    assert reasons[key] == why
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    section = page[page.index('id="left-out"') :]
    assert why.replace("'", "&#39;") in section


def test_the_dossier_says_why_a_provision_is_not_listed(client, signed_in, library, make_incident):
    user, _ = signed_in("lawyer")
    incident = make_incident(user, agency_ids=[agency(library, "ice_ero")])
    text = pdf_text(client, f"/incidents/{incident.reference}/dossier.pdf?profile=redacted")
    assert "Provisions not listed, and why" in text
    assert "It binds state and local agencies; the agencies here are federal." in text


def test_the_redacted_dossier_names_no_county_in_the_reasons(
    client, signed_in, library, make_incident
):
    user, _ = signed_in("lawyer")
    incident = make_incident(
        user, agency_ids=[agency(library, "sheriff")], state="CA", city="Fresno", county="Fresno"
    )

    def text(profile):
        return pdf_text(client, f"/incidents/{incident.reference}/dossier.pdf?profile={profile}")

    why = (
        "It binds only agencies of Los Angeles County; the agency involved is of {} County, the "
        "incident's county (County sheriff: its county is not recorded)."
    )
    assert why.format("Fresno") in text("full")
    redacted = text("redacted")
    assert why.format("[county]") in redacted and "Fresno County" not in redacted
