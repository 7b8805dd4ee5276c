"""The litigation record in the research export (issue 15): the coded facts — apparent basis of
the stop, masked agents, a claim of status ignored, consent to the scan, biometrics taken, kinds
of place of custody, 287(g) — are exported with their data-dictionary entries under the same
disclosure control; agents' names and badges, facility names and free text never leave."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import select

from incidents.models import Agency, Organization, ResearchFacts
from incidents.records import spec
from tests.conftest import fresh
from tests.factories import incident_value

NEW = (
    "stop_basis",
    "agents_masked",
    "claim_ignored",
    "scan_consent",
    "biometrics_taken",
    "facility_types",
    "under_287g",
)
CANARY = {
    "agent_name": "Officer Quillfeather Zanzibar",
    "badge": "ERO-77341-QZ",
    "facility": "Xanthippe Ridge Holding Annex",
    "text": "Canaryword Ossuary Trebuchet",
}
ABSENT = (*CANARY.values(), "Quillfeather", "77341", "Xanthippe", "Canaryword")
RANDOM_ROW_ID = re.compile(r"\b[0-9a-f]{32}\b")  # the export's row_id: new in every export
HELD = {  # group A: what was recorded, and what the export must say
    "apparent_basis": "apparent_race_ethnicity;location",
    "status_claimed": "yes",
    "status_claimed_at": datetime(2025, 9, 12, 7, 50),
    "fingerprints_taken": "yes",
    "photographs_taken": "no",
    "dna_taken": "yes",
    "phone_searched": "no",
}
HELD_EXPORTED = (
    "apparent_race_ethnicity;location",
    "yes",
    "yes",
    "forced",
    "fingerprints;dna",
    "processing_center;county_jail",
    "yes",
)
RELEASED_EXPORTED = ("", "none", "none", "none", "none", "", "not_recorded")


def _rows(session, police_id):
    """Group A (held after a claim, masked agents, scanned by force, two places of custody,
    an agency under 287(g)) and group B (released at the scene: nothing of the kind). Every
    identifying and free-text field of both holds a canary."""
    from incidents.records.value import AgentValue, FrtUseValue, PaperworkValue, TimelineValue

    text = CANARY["text"]
    day = datetime(2025, 9, 12)
    agents = [
        AgentValue(
            name=CANARY["agent_name"],
            badge=CANARY["badge"],
            role=text,
            masked="yes",
            description=text,
        ),
        AgentValue(masked="no", description=text),
    ]
    scan = FrtUseValue(system="mobile_fortify", treated_as="definitive_id", scan_consent="forced")
    scan.gallery, scan.notes = text, text
    timeline = [
        TimelineValue(
            kind="detention_start",
            starts_at=day.replace(hour=8),
            place_type="processing_center",
            facility=CANARY["facility"],
            place=text,
            description=text,
        ),
        TimelineValue(
            kind="transfer",
            starts_at=day.replace(hour=14),
            place_type="county_jail",
            facility=CANARY["facility"] + " Two",
        ),
        TimelineValue(kind="release", starts_at=day.replace(day=13, hour=9)),
    ]
    free = {
        "stated_reason": text,
        "preservation_letter_to": text,
        "injuries": text,
        "property_seized": text,
        "effect": text,
        "narrative": text,
    }
    held = incident_value(
        **HELD,
        **free,
        agency_ids=[police_id],
        outcome="detained_then_released",
        agents=[],
        timeline=[],
        frt_uses=[],
        documents=[],
    )
    held.agents, held.frt_uses, held.timeline = agents, [scan], timeline
    held.paperwork = [PaperworkValue(kind="i213", notes=text)]
    held.agencies_287g = [police_id]
    released = incident_value(
        **free,
        status_claimed="no",
        fingerprints_taken="no",
        photographs_taken="no",
        dna_taken="no",
        phone_searched="no",
        outcome="released_at_scene",
        frt_uses=[],
        documents=[],
        timeline=[],
    )
    return [(held, None)] * 55 + [(released, None)] * 55


def record_both_groups(app, session, user):
    """110 incidents (one class for k) through the write path, the police of group A acting
    under a 287(g) agreement; then the facts emptied as migration 0018 leaves them (the export
    fills them in)."""
    from incidents.records import bulk

    police = session.exec(select(Agency.id).where(Agency.code == "local_police")).one()
    organization = session.get(Organization, user.organization_id)
    with app.test_request_context():
        bulk.create_many(
            session,
            actor=user,
            organization=organization,
            items=_rows(session, police),
            source="test",
        )
        session.commit()
    session.execute(delete(ResearchFacts))
    session.commit()
    return organization


def test_the_litigation_columns_export_what_was_recorded_and_no_identifier(
    app, client, runner, session, signed_in, tmp_path
):
    researcher, _ = signed_in("researcher")
    organization = record_both_groups(app, session, researcher)
    target = tmp_path / "out.csv"
    result = runner.invoke(args=["export-research", "-o", str(target), "--org", organization.name])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.split("\nWrote")[0])
    assert report["rows_exported"] == 110 and report["rows_suppressed"] == 0
    with open(target, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[-len(NEW) :] == list(NEW)
    exported = Counter(tuple(row[name] for name in NEW) for row in rows)
    assert exported == {HELD_EXPORTED: 55, RELEASED_EXPORTED: 55}

    page = client.get("/research").get_data(as_text=True)
    download = client.get("/research/export.csv?k=5").get_data(as_text=True)
    dictionary = client.get("/research/dictionary.csv").get_data(as_text=True)
    files = target.read_text() + (tmp_path / "out.dictionary.csv").read_text()
    for text in (page, download, dictionary, files):
        text = RANDOM_ROW_ID.sub("", text)  # a random id may hold "77341" by chance (seen in CI)
        for canary in ABSENT:
            assert canary.lower() not in text.lower(), canary


def test_values_outside_the_vocabularies_never_reach_the_export(
    app, runner, session, signed_in, tmp_path
):
    """Codes come through the write path checked; written around it (by SQL), they are still
    not exported: unknown codes are left out or written 'unknown'."""
    from incidents.models import Agent, FrtUse, Incident, TimelineEvent

    researcher, _ = signed_in("researcher")
    organization = record_both_groups(app, session, researcher)
    odd = "=Kanary"  # fits every code column
    session.execute(update(Incident).values(apparent_basis=f"location;{odd};tip"))
    session.execute(update(FrtUse).values(scan_consent=odd))
    session.execute(update(Agent).values(masked=odd))
    session.execute(update(TimelineEvent).values(place_type=odd))
    session.commit()
    target = tmp_path / "odd.csv"
    result = runner.invoke(args=["export-research", "-o", str(target), "--org", organization.name])
    assert result.exit_code == 0, result.output
    assert "kanary" not in target.read_text().lower()
    with open(target, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["stop_basis"] for row in rows} == {"location;tip"}
    assert {row["scan_consent"] for row in rows} == {"unknown", "none"}
    assert {row["agents_masked"] for row in rows} == {"unknown", "none"}
    assert {row["facility_types"] for row in rows} == {""}


def test_the_aggregate_tables_count_the_litigation_facts(app, client, session, signed_in):
    from incidents.models import Agent

    researcher, _ = signed_in("researcher")
    record_both_groups(app, session, researcher)
    # 11 of the 55 incidents with masked agents: not known whether any agent was masked
    unknown = sorted(set(session.exec(select(Agent.incident_id)).all()))[:11]
    session.execute(update(Agent).where(Agent.incident_id.in_(unknown)).values(masked="unknown"))
    session.commit()
    html = client.get("/research").get_data(as_text=True)
    tables = html.split("Aggregate tables")[1]

    def row(title, label):
        section = tables.split(title)[1].split("</table>")[0]
        section = re.sub(r' data-label="[^"]*"', "", section)  # the cells' names on a phone
        return section.split(f'<th scope="row">{label}</th>')[1].split("</tr>")[0]

    basis = "Apparent basis of the stop"
    assert "<td>55</td>" in row(basis, "Apparent race or ethnicity")
    assert "<td>55</td>" in row(basis, "Location") and "<td>0</td>" in row(basis, "A tip")
    custody = "Kinds of place of custody"
    assert "<td>55</td>" in row(custody, "A processing center")
    assert "<td>55</td>" in row(custody, "A county or city jail")
    assert "<td>0</td>" in row(custody, "A hospital")
    consent = row(
        "Incidents by consent to the scan", "Forced (held still, face turned to the camera)"
    )
    assert "<td>55</td>" in consent
    # the export's own codes read as words: the 55 without an FRT use
    assert "<td>55</td>" in row("Incidents by consent to the scan", "None recorded")
    rates = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", tables))
    # of the 44 incidents whose agents' faces are known (not of all 55 with agents)
    assert rates["Agents masked (incidents with agents, where known)"] == "100 %"
    held = next(v for k, v in rates.items() if k.startswith("Held after saying"))
    assert held == "100 %"  # the 55 who said so; the others made no claim
    assert rates["Biometrics or phone data taken (incidents where known)"] == "50 %"
    scanned = next(v for k, v in rates.items() if k.startswith("Scanned without agreeing"))
    assert scanned == "100 %"


def test_the_data_dictionary_describes_every_litigation_column(client, signed_in):
    signed_in("researcher")
    text = client.get("/research/dictionary.csv").get_data(as_text=True)
    rows = {row["column"]: row for row in csv.DictReader(io.StringIO(text))}
    derived = {
        "stop_basis": "Incident: What seemed to be the basis of the stop",
        "agents_masked": "Agent: Face covered or masked",
        "claim_ignored": "Incident: Said they were a US citizen or lawful resident",
        "scan_consent": "Facial recognition use: Consent to the scan",
        "biometrics_taken": "Incident: Phone searched or seized",
        "facility_types": "Timeline event: Held at (kind of place)",
        "under_287g": "Incident: Agencies involved",
    }
    for name, source in derived.items():
        assert rows[name]["role"] == "analytic" and rows[name]["meaning"]
        assert source in rows[name]["derived_from"], name
    assert "forced" in rows["scan_consent"]["allowed_values"]
    assert "county_jail" in rows["facility_types"]["allowed_values"]
    assert rows["biometrics_taken"]["allowed_values"].endswith("or alone: none, unknown")
    # no column is derived from an identifier, free text or a facility's name
    never = {
        f"{entity.label}: {field.label}"
        for entity, field in spec.all_fields()
        if field.identifying or (entity is spec.TIMELINE and field.code == "facility")
    }
    for row in rows.values():
        assert not set(row["derived_from"].split("; ")) & never, row["column"]


def test_incidents_without_facts_are_filled_in_with_the_new_columns(
    app, runner, session, signed_in, tmp_path
):
    """As after migration 0018 (which empties the table): the first export computes them."""
    researcher, _ = signed_in("researcher")
    organization = record_both_groups(app, session, researcher)
    assert fresh(session).exec(select(ResearchFacts)).all() == []
    result = runner.invoke(
        args=["export-research", "-o", str(tmp_path / "a.csv"), "--org", organization.name]
    )
    assert result.exit_code == 0, result.output
    stored = Counter(
        fresh(session).exec(select(ResearchFacts.claim_ignored, ResearchFacts.under_287g)).all()
    )
    assert stored == {("yes", "yes"): 55, ("none", "not_recorded"): 55}
