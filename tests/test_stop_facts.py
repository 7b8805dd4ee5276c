"""The basis of the stop, citizenship and status claims, biometrics and recordings (issue 15,
points 2, 3, 5 and 9): recorded from the form and from a spreadsheet, shown on the case page
and in the dossier, and answered in the key facts."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlmodel import select

from incidents.models import Incident
from tests.case_forms import submit_new
from tests.conftest import fresh
from tests.import_files import minimal, run, write_csv

FACTS = {
    "stated_reason": "They said Marisol Quintero Vega 'matched' someone with a removal order.",
    "apparent_basis": ["apparent_race_ethnicity", "frt_result"],
    "warrant_shown": "none",
    "status_claimed": "yes",
    "status_claimed_at": "2025-09-12T07:50",
    "status_proven_by": "attorney",
    "status_proven_at": "2025-09-13T01:00",
    "fingerprints_taken": "yes",
    "photographs_taken": "yes",
    "dna_taken": "no",
    "phone_searched": "unknown",
    "retention_told": "no",
    "body_camera": "likely",
    "bystander_video": "known",
    "preservation_letter_on": "2025-09-20",
    "preservation_letter_to": "ICE Office of the Principal Legal Advisor, Chicago",
    "agents-0-name": "Officer Reyes",
    "agents-0-identified_self": "no",
}


def record(client, session) -> Incident:
    response = submit_new(client, **FACTS)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return fresh(session).exec(select(Incident)).one()


def test_the_facts_are_stored_and_shown_with_the_key_facts(client, signed_in, session):
    signed_in("caseworker")
    incident = record(client, session)
    assert incident.apparent_basis == "apparent_race_ethnicity;frt_result"
    assert (incident.warrant_shown, incident.status_claimed) == ("none", "yes")
    assert incident.status_claimed_at.strftime("%H:%M") == "07:50"
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "Apparent race or ethnicity, A facial recognition result" in page
    assert "<dt>Bystander video</dt><dd>Known to exist</dd>" in page
    # the timeline of the standard form: held from 08:00, released 02:30 the next day
    assert "held after the claim" not in page and "released 18.7 hours after the claim" in page
    assert "2 of" not in page and "1 of 1 agents did not" in page
    assert "fingerprints, photographs" in page


def test_the_edit_form_keeps_several_choices(client, signed_in, session):
    from tests.case_forms import edit_form_fields
    from tests.conftest import post_form

    signed_in("caseworker")
    incident = record(client, session)
    html = client.get(f"/incidents/{incident.reference}/edit").get_data(as_text=True)
    boxes = re.findall(r'<input[^>]*name="apparent_basis"[^>]*>', html)
    assert [b for b in boxes if "checked" in b and 'value="frt_result"' in b]
    data = edit_form_fields(html)
    data["apparent_basis"] = ["location"]
    assert post_form(client, f"/incidents/{incident.reference}/edit", data).status_code == 302
    assert fresh(session).get(Incident, incident.id).apparent_basis == "location"


def test_the_dossier_prints_the_sections_and_redacts_the_stated_reason(client, signed_in, session):
    signed_in("lawyer")
    incident = record(client, session)

    def text(profile):
        pdf = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile={profile}")
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_data())).pages)

    full, redacted = text("full"), text("redacted")
    for page in (full, redacted):
        assert "Basis of the stop" in page and "Citizenship and status claims" in page
        assert "Warrant shown? No" in page or "Warrant shown?\nNo" in page
        assert "ICE Office of the Principal Legal Advisor" in page
    assert "They said Marisol Quintero Vega" in full
    assert "They said [Client] 'matched'" in redacted


def test_a_spreadsheet_sets_them_and_refuses_an_unknown_code(runner, session, tmp_path, make_user):
    make_user("caseworker")
    good = write_csv(
        tmp_path / "good.csv",
        [
            minimal(
                apparent_basis="Location; vehicle",
                warrant_shown="administrative",
                status_claimed="yes",
                status_claimed_at="5/1/2025 7:50 AM",
                status_proven_at="2025-05-02 10:00",
                preservation_letter_on="2025-05-09",
                preservation_letter_to="ICE OPLA Houston",
                injuries="Bruised wrists",
                property_seized="Phone",
                lost_wages="640",
                missed_obligations="work; A court date",
                effect="I no longer drive to work.",
                frt_system="mobile_fortify",
                frt_conditions="poor_light",
                frt_returned="name; removal_order",
                frt_gallery="IDENT",
                frt_identity_differed="date_of_birth",
            )
        ],
    )
    result = run(runner, good)
    assert result.exit_code == 0, result.output
    incident = fresh(session).exec(select(Incident)).one()
    assert (incident.apparent_basis, incident.warrant_shown) == (
        "location;vehicle",
        "administrative",
    )
    assert incident.status_claimed_at.isoformat() == "2025-05-01T07:50:00"
    assert incident.status_proven_at.isoformat() == "2025-05-02T10:00:00"
    assert (incident.preservation_letter_on.isoformat(), incident.lost_wages) == (
        "2025-05-09",
        640.0,
    )
    assert incident.missed_obligations == "work;court" and incident.effect.startswith("I no")
    from incidents.models import FrtUse

    use = fresh(session).exec(select(FrtUse)).one()
    assert (use.conditions, use.returned, use.gallery, use.identity_differed) == (
        "poor_light",
        "name;removal_order",
        "IDENT",
        "date_of_birth",
    )
    bad = write_csv(tmp_path / "bad.csv", [minimal(apparent_basis="location; horoscope")])
    result = run(runner, bad)
    assert result.exit_code != 0 and "apparent_basis" in result.output


SCAN_AND_HARM = {
    "frt_uses-0-scan_consent": "forced",
    "frt_uses-0-conditions": ["poor_light", "face_covered"],
    "frt_uses-0-returned": ["name", "removal_order"],
    "frt_uses-0-gallery": "IDENT (as the agent said)",
    "frt_uses-0-identity_differed": ["date_of_birth", "nationality"],
    "force_used": ["handcuffs", "taken_to_ground"],
    "injuries": "Bruised wrists; Marisol Quintero Vega saw a doctor the next day.",
    "medical_care": "yes",
    "property_seized": "Phone and birth certificate",
    "property_returned": "partly",
    "lost_wages": "1250.50",
    "job_lost": "yes",
    "missed_obligations": ["work", "childcare"],
    "effect": "I do not leave the house alone any more.",
}


def test_the_scan_and_the_harm_are_recorded_shown_and_printed(client, signed_in, session):
    from incidents.models import FrtUse

    signed_in("lawyer")
    response = submit_new(client, **SCAN_AND_HARM)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    incident = fresh(session).exec(select(Incident)).one()
    use = fresh(session).exec(select(FrtUse)).one()
    assert (use.scan_consent, use.conditions, use.returned, use.identity_differed) == (
        "forced",
        "poor_light;face_covered",
        "name;removal_order",
        "date_of_birth;nationality",
    )
    assert incident.force_used == "handcuffs;taken_to_ground" and incident.lost_wages == 1250.5
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "Forced (held still, face turned to the camera)" in page
    assert "A name, A removal order" in page and "Date of birth, Nationality" in page
    assert "<dt>Lost wages (US dollars)</dt><dd>1,250.50</dd>" in page
    assert "Handcuffs, Taken to the ground" in page and "Work, Childcare" in page

    def text(profile):
        pdf = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile={profile}")
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_data())).pages)

    full, redacted = text("full"), text("redacted")
    for page in (full, redacted):
        assert "Harm" in page and "Handcuffs, Taken to the ground" in page
        assert "A name, A removal order" in page and "I do not leave the house" in page
    assert "Marisol" in full and "Marisol" not in redacted


def test_paperwork_is_recorded_shown_and_printed(client, signed_in, session):
    from incidents.models import Paperwork

    signed_in("lawyer")
    paperwork = {
        "paperwork-0-kind": "i213",
        "paperwork-0-issued_on": "2025-09-12",
        "paperwork-0-served": "no",
        "paperwork-0-in_locker": "yes",
        "paperwork-0-notes": "Lists Marisol Quintero Vega as a Mexican national.",
        "paperwork-1-kind": "i862",
        "paperwork-1-issued_on": "2025-09-13",
    }
    assert submit_new(client, **paperwork).status_code == 302
    incident = fresh(session).exec(select(Incident)).one()
    rows = fresh(session).exec(select(Paperwork).order_by(Paperwork.position)).all()
    assert [(r.kind, r.served, r.in_locker) for r in rows] == [
        ("i213", "no", "yes"),
        ("i862", "unknown", "unknown"),
    ]
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "Form I-213" in page and "Notice to Appear (Form I-862)" in page
    pdf = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile=redacted")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_data())).pages)
    assert "Paperwork issued or served" in text and "Form I-213" in text
    assert "Lists [Client] as a Mexican national." in " ".join(text.split())


def _claim(claimed_at, outcome, *events):
    from types import SimpleNamespace as Row

    from incidents.records.keyfacts import claim_ignored

    incident = Row(status_claimed="yes", status_claimed_at=claimed_at, outcome=outcome)
    timeline = [Row(kind=kind, starts_at=at) for kind, at in events]
    return claim_ignored(incident, timeline)


def test_a_claim_made_while_detained_and_followed_by_hours_in_custody_was_ignored():
    from datetime import datetime

    day = datetime(2025, 6, 14)
    held = [
        ("detention_start", day.replace(hour=7, minute=40)),
        ("release", datetime(2025, 6, 16, 10)),
    ]
    # said so at 08:00, already detained, released two days later "after verification"
    answer = _claim(day.replace(hour=8), "released_after_verification", *held)
    assert (answer.value, answer.detail) == ("yes", "released 50.0 hours after the claim")
    # said so before the detention began: held after it
    assert _claim(day.replace(hour=7), "released_after_verification", *held).value == "yes"
    # said so after the release: not ignored
    late = _claim(datetime(2025, 6, 16, 11), "released_after_verification", *held)
    assert late.value == "no"
    # released at the scene, never detained
    assert _claim(day.replace(hour=8), "released_at_scene").value == "no"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status_claimed": "no"}, "A time of the claim goes with &#39;Yes&#39; (they said so)."),
        ({"status_proven_at": "2025-09-12T07:00"}, "Proven before the claim? Check both times."),
        (
            {"status_proven_by": "not_proven"},
            "A date of proof goes with how it was proven.",
        ),
        ({"status_claimed_at": "2025-09-01T07:00"}, "This is before the date of the incident."),
        ({"preservation_letter_on": "2020-01-01"}, "The letter cannot predate the incident."),
    ],
)
def test_claim_proof_and_letter_dates_that_contradict_are_refused(
    client, signed_in, session, changes, message
):
    signed_in("caseworker")
    response = submit_new(client, **{**FACTS, **changes})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert fresh(session).exec(select(Incident)).first() is None


def test_the_import_refuses_them_too(runner, session, tmp_path, make_user):
    make_user("caseworker")
    row = minimal(
        status_claimed="yes",
        status_claimed_at="2025-05-01 09:00",
        status_proven_at="2025-05-01 08:00",
    )
    result = run(runner, write_csv(tmp_path / "c.csv", [row]))
    assert result.exit_code != 0
    assert "status_proven_at: Proven before the claim? Check both times." in result.output


def test_none_stated_goes_alone(client, signed_in, session, runner, tmp_path):
    signed_in("caseworker")
    response = submit_new(client, **{**FACTS, "apparent_basis": ["location", "none_stated"]})
    assert response.status_code == 400
    assert "“None stated” goes alone" in response.get_data(as_text=True)
    result = run(
        runner, write_csv(tmp_path / "n.csv", [minimal(apparent_basis="none_stated; location")])
    )
    assert result.exit_code != 0 and "“None stated” goes alone" in result.output
