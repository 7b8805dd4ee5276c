"""Row builders of the demo generator: FRT uses, documents presented and timelines as typed
values, with the correlations a real case shows (a definitive-ID match is often the sole basis
and unreviewed; citizenship documents are often disregarded)."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from incidents.demo.words import PRESENTED_DOCUMENTS, Scenario
from incidents.records.value import DocumentValue, FrtUseValue, TimelineValue
from incidents.vocab import (
    AGENT_RESPONSE,
    CITIZENSHIP_DOCUMENTS,
    FRT_CAPTURE_SOURCE,
    FRT_MODE,
    FRT_RESULT,
    FRT_SYSTEM,
    FRT_TREATED_AS,
    HUMAN_REVIEW,
    ID_DOCUMENT,
    YES_NO_UNKNOWN,
    Vocabulary,
)

DISREGARDED = ("ignored", "rejected", "confiscated", "not_examined")


MODES, RESULTS, RESPONSES = FRT_MODE.codes, FRT_RESULT.codes, AGENT_RESPONSE.codes


def pick(index: int, vocabulary: Vocabulary, default):
    """Cycle through every code of a vocabulary first (incident `index`), then use `default`."""
    return vocabulary.items[index][0] if index < len(vocabulary.items) else default


def frt_uses(
    rng: Random, index: int, scenario: Scenario, agency_ids: list[int]
) -> list[FrtUseValue]:
    """One or two FRT uses of a scenario, operated by one of the incident's agencies."""
    uses = []
    treated, weights = zip(*scenario.treated_as, strict=True)
    for position in range(rng.choices((1, 2), weights=(85, 15))[0]):
        treated_as = pick(
            index,
            FRT_TREATED_AS,
            rng.choices(treated, weights)[0],
        )
        definitive = treated_as == "definitive_id"
        uses.append(
            FrtUseValue(
                system=pick(index + position, FRT_SYSTEM, rng.choice(scenario.systems)),
                operator_agency_id=rng.choice(agency_ids),
                mode=pick(
                    index,
                    FRT_MODE,
                    scenario.mode if scenario.mode != "unknown" else rng.choice(MODES),
                ),
                capture_source=pick(index, FRT_CAPTURE_SOURCE, rng.choice(scenario.captures)),
                result=pick(index, FRT_RESULT, rng.choices(RESULTS, weights=(8, 2, 1, 1))[0]),
                treated_as=treated_as,
                sole_basis=pick(
                    index,
                    YES_NO_UNKNOWN,
                    "yes" if definitive and rng.random() < 0.7 else rng.choice(("no", "unknown")),
                ),
                human_review=pick(
                    index,
                    HUMAN_REVIEW,
                    rng.choice(
                        ("none", "none", "field_visual")
                        if definitive
                        else ("field_visual", "trained_examiner", "unknown")
                    ),
                ),
                independent_corroboration=pick(
                    index,
                    YES_NO_UNKNOWN,
                    rng.choice(("no", "no", "unknown") if definitive else ("yes", "no", "unknown")),
                ),
                misidentified=pick(
                    index,
                    YES_NO_UNKNOWN,
                    rng.choices(("yes", "no", "unknown"), weights=(6, 2, 2))[0],
                ),
                disclosed_to_person=pick(
                    index,
                    YES_NO_UNKNOWN,
                    rng.choices(("yes", "no", "unknown"), weights=(2, 6, 2))[0],
                ),
                score=round(rng.uniform(70, 99.5), 1) if rng.random() < 0.15 else None,
            )
        )
    return uses


def documents(rng: Random, index: int, presented_by: str) -> list[DocumentValue]:
    """The documents the subject (the person entry with key `presented_by`) showed, and how the
    agents responded; the first incidents show one document each, cycling through every type."""
    count = 1 if index < len(ID_DOCUMENT.codes) else rng.choices((0, 1, 2), (25, 55, 20))[0]
    shown = []
    for position in range(count):
        kind = pick(index + position, ID_DOCUMENT, rng.choice(PRESENTED_DOCUMENTS))
        response = (
            rng.choice((*DISREGARDED, "accepted", "verified_later"))
            if kind in CITIZENSHIP_DOCUMENTS
            else rng.choice(RESPONSES)
        )
        shown.append(
            DocumentValue(
                document_type=kind,
                presented_by=presented_by,
                agent_response=pick(index, AGENT_RESPONSE, response),
            )
        )
    return shown


FACILITIES = (
    ("processing_center", "ICE processing center"),
    ("field_office", "ICE field office (downtown)"),
    ("county_jail", "County jail (under an ICE contract)"),
    ("detention_center", "Immigration detention center"),
)
# Facilities named for the state they are in.
NAMED_FACILITIES = {"IL": {"processing_center": "Broadview Processing Center"}}


def timeline(
    index: int, start: datetime, hours: float, outcome: str, state: str = ""
) -> list[TimelineValue]:
    """Stop, scan and documents; detention and release (or removal) unless released at the
    scene — held first at a processing center or field office, and after a long first day
    transferred to a jail or detention center; every 40th incident also has the later steps,
    so that every kind appears."""
    steps = [("stop", 0, None), ("face_scan", 0.1, None), ("id_presented", 0.2, None)]
    first, later = FACILITIES[index % 2], FACILITIES[2 + index % 2]
    if outcome != "released_at_scene":
        steps.append(("detention_start", 0.3, first))
        if hours > 12:
            steps.append(("transfer", 0.3 + hours / 3, later))
        steps.append(("release" if outcome != "removed" else "removal", 0.3 + hours, None))
    if index % 40 == 3:
        steps += [
            ("transfer", 1, later),
            ("questioning", 0.5, None),
            ("hearing", hours + 200, None),
            ("complaint_filed", hours + 400, None),
            ("lawsuit_filed", hours + 900, None),
            ("other", hours + 950, None),
        ]
    return [
        TimelineValue(
            kind=kind,
            starts_at=start + timedelta(hours=offset),
            place_type=place[0] if place else None,
            facility=NAMED_FACILITIES.get(state, {}).get(place[0], place[1]) if place else None,
        )
        for kind, offset, place in steps
    ]
