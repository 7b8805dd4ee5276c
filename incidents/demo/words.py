"""The demo generator's word lists and scenarios, read once from the JSON files in `data/`
(shipped inside the package). Every code in them is checked against the vocabularies on load,
so a typo in a data file fails at import, not as a bad incident."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import NamedTuple

from incidents.vocab import (
    ENCOUNTER_TYPE,
    FRT_CAPTURE_SOURCE,
    FRT_MODE,
    FRT_SYSTEM,
    FRT_TREATED_AS,
    ID_DOCUMENT,
    LEGAL_STATUS,
    OUTCOME,
    SEEDED_AGENCIES,
    US_STATE,
)


class Scenario(NamedTuple):
    """A kind of case with plausible correlations between its codes."""

    weight: int
    encounters: list[str]
    agencies: list[str]
    systems: list[str]
    captures: list[str]
    mode: str
    treated_as: list[tuple[str, int]]
    outcomes: list[str]


def load(name: str) -> dict:
    """One data file of this package, parsed."""
    return json.loads((files(__package__) / "data" / name).read_text(encoding="utf-8"))


def _scenarios(raw: list[dict]) -> tuple[Scenario, ...]:
    agencies = {code for code, _, _ in SEEDED_AGENCIES}
    scenarios = []
    for item in raw:
        item = {k: v for k, v in item.items() if not k.startswith("_")}
        scenario = Scenario(**{**item, "treated_as": [tuple(p) for p in item["treated_as"]]})
        _check(scenario.encounters, ENCOUNTER_TYPE.codes, "encounters")
        _check(scenario.agencies, agencies, "agencies")
        _check(scenario.systems, FRT_SYSTEM.codes, "systems")
        _check(scenario.captures, FRT_CAPTURE_SOURCE.codes, "captures")
        _check([scenario.mode], FRT_MODE.codes, "mode")
        _check([code for code, _ in scenario.treated_as], FRT_TREATED_AS.codes, "treated_as")
        _check(scenario.outcomes, OUTCOME.codes, "outcomes")
        scenarios.append(scenario)
    return tuple(scenarios)


def _check(codes, allowed, what: str) -> None:
    unknown = set(codes) - set(allowed)
    if unknown or not codes:
        raise ValueError(f"demo data: unknown or missing {what}: {sorted(unknown)}")


WORDS = load("words.json")
FIRST_NAMES: list[str] = WORDS["first_names"]
LAST_NAMES: list[str] = WORDS["last_names"]
PLACES: dict[str, list[str]] = WORDS["places"]
STATES: tuple[str, ...] = tuple(PLACES)
STREETS: list[str] = WORDS["streets"]
NATIONALITIES: list[str] = WORDS["nationalities"]
LANGUAGES: list[str | None] = WORDS["languages"]
NARRATIVE: dict[str, list[str]] = WORDS["narrative"]
_check(STATES, US_STATE.codes, "places")

_SCENARIO_DATA = load("scenarios.json")
SCENARIOS = _scenarios(_SCENARIO_DATA["scenarios"])
SCENARIO_WEIGHTS = [s.weight for s in SCENARIOS]
LEGAL_WEIGHTS: dict[str, int] = _SCENARIO_DATA["legal_weights"]
PRESENTED_DOCUMENTS: list[str] = _SCENARIO_DATA["presented_documents"]
_check(LEGAL_WEIGHTS, LEGAL_STATUS.codes, "legal_weights")
_check(PRESENTED_DOCUMENTS, ID_DOCUMENT.codes, "presented_documents")
