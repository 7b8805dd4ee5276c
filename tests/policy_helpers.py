"""Shared by the policy analysis tests: agencies by code, agencies an organization registers
with their jurisdiction, an incident's suggestions, the scenario runner, a dossier's text."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader
from sqlmodel import select

from incidents.models import Agency
from incidents.policies.analysis import case_analysis
from incidents.records.bundle import load_bundle
from tests.conftest import fresh

DETAINED = [
    {"id": None, "kind": "detention_start", "starts_at": datetime(2025, 9, 12, 8, 0)},
    {"id": None, "kind": "release", "starts_at": datetime(2025, 9, 13, 2, 30)},
]


def agency(session, code) -> int:
    """The id of the seeded agency with this code."""
    return session.exec(select(Agency).where(Agency.code == code)).one().id


# Agencies an organization registers with their jurisdiction (the seeded ones are generic).
REGISTERED = {
    "nypd": {
        "name": "New York City Police Department",
        "agency_type": "local_police",
        "level": "local",
        "state": "NY",
        "city": "New York",
    },
    "detroit_pd": {
        "name": "Detroit Police Department",
        "agency_type": "local_police",
        "level": "local",
        "state": "MI",
        "county": "Wayne",
        "city": "Detroit",
    },
}


def own_agency(session, user, **fields) -> Agency:
    """An agency of the user's organization, written as a migrated or added row would be."""
    values = {"code": fields["name"].lower().replace(" ", "_")[:40], **fields}
    row = Agency(organization_id=user.organization_id, **values)
    session.add(row)
    session.commit()
    return row


def register(session, user, code) -> int:
    """One of REGISTERED as an agency of the user's organization; its id."""
    return own_agency(session, user, code=code, **REGISTERED[code]).id


def analysis(session, incident) -> dict:
    """Provision key → the suggestion the case page shows for the incident."""
    bundle = load_bundle(fresh(session), incident)
    return {row.provision.key: row.suggestion for row in case_analysis(fresh(session), bundle)}


def record(library, make_user, make_incident, **overrides):
    """An incident recorded by a new lawyer."""
    user, _ = make_user("lawyer")
    return make_incident(user, **overrides)


def suggestions(library, make_user, make_incident, **overrides) -> dict:
    """The suggestions for a newly recorded incident."""
    return analysis(library, record(library, make_user, make_incident, **overrides))


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


def decide(client, incident, provision, decision: str, reasoning: str):
    """A lawyer's decision on a provision, posted from the case page as the form does."""
    from tests.conftest import post_form

    prefix = f"a{provision.id}-"
    return post_form(
        client,
        f"/incidents/{incident.reference}/assessments/{provision.id}",
        {prefix + "decision": decision, prefix + "reasoning": reasoning},
        token_from=f"/incidents/{incident.reference}",
    )


def pdf_text(client, url) -> str:
    """The words of a downloaded PDF, whitespace folded."""
    pdf = client.get(url)
    assert pdf.status_code == 200
    pages = PdfReader(io.BytesIO(pdf.get_data())).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)
