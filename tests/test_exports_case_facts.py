"""The research export's litigation columns agree with the case pages: on demo data, each
exported row's apparent basis, masked agents, claim ignored, consent to the scan, biometrics and
kinds of place of custody are those of one consented incident, as its case page's parts (key
facts, custody chain with its facility names, agents, first scan) give them."""

from __future__ import annotations

import csv
import json
from collections import Counter

from sqlmodel import select

from incidents.models import Incident
from incidents.records.bundle import load_bundle
from incidents.records.custody_chain import custody_chain
from incidents.records.keyfacts import key_facts
from incidents.vocab import DETENTION_PLACE
from tests.conftest import fresh
from tests.test_exports import seed
from tests.test_exports_litigation import NEW


def _any(answers: list[str]) -> str:
    if not answers:
        return "none"
    return "yes" if "yes" in answers else "no" if set(answers) == {"no"} else "unknown"


def case_page_facts(session, incident) -> tuple:
    """The new columns as the case page's parts give them (independently of the facts)."""
    bundle = load_bundle(session, incident)
    places = {stay.place_type for stay in custody_chain(bundle.timeline)}  # with the names
    kinds = ("fingerprints", "photographs", "dna", "phone")
    answers = [
        incident.fingerprints_taken,
        incident.photographs_taken,
        incident.dna_taken,
        incident.phone_searched,
    ]
    taken = ";".join(kind for kind, answer in zip(kinds, answers, strict=True) if answer == "yes")
    claim = key_facts(bundle).claim_ignored.value
    return (
        incident.apparent_basis or "",
        _any([agent.masked for agent in bundle.agents]),
        "none" if incident.status_claimed == "no" else claim,
        bundle.frt_uses[0].scan_consent if bundle.frt_uses else "none",
        taken or ("none" if set(answers) == {"no"} else "unknown"),
        ";".join(code for code in DETENTION_PLACE.codes if code in places),
        "yes" if any(bundle.linked.values()) else "not_recorded",
    )


def test_demo_exports_agree_with_each_case_pages_facts(runner, session, tmp_path):
    """On demo data, the exported litigation columns are those of the incidents' case pages:
    the key fact 'claimed, and ignored?', the custody chain (read with its facility names),
    the agents, the first scan, the biometrics."""
    organization = seed(runner, session, count=300)
    result = runner.invoke(
        args=["export-research", "-o", str(tmp_path / "d.csv"), "--org", organization.name]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.split("\nWrote")[0])
    with open(tmp_path / "d.csv", newline="", encoding="utf-8") as handle:
        exported = Counter(tuple(row[name] for name in NEW) for row in csv.DictReader(handle))
    session = fresh(session)
    consented = session.exec(
        select(Incident).where(
            Incident.organization_id == organization.id, Incident.research_consent == "yes"
        )
    )
    expected = Counter(case_page_facts(session, incident) for incident in consented)
    assert not exported - expected  # every exported row is one of the incidents'
    assert sum((expected - exported).values()) == report["rows_suppressed"]
    for position, name in enumerate(NEW[:-1]):  # the demo varies every fact
        assert len({key[position] for key in exported}) >= 3, name
