"""Updating a stored incident from a spreadsheet row (`--update`): the row's filled cells
replace the stored values, blank cells keep them; the timeline and other rows are untouched."""

from __future__ import annotations

import copy

from incidents.cases.mapping import FRT_FIELDS, PERSON_FIELDS
from incidents.imports.columns import FRT_COLUMNS

INCIDENT_CELLS = {
    "city": "city",
    "county": "county",
    "state": "state",
    "zip": "zip",
    "encounter_type": "encounter_type",
    "outcome": "outcome",
    "detained_hours": "detention_hours_entered",
    "research_consent": "research_consent",
    "narrative": "narrative",
}
SUBJECT_CELLS = {
    "subject_name": "full_name",
    "subject_aliases": "aliases",
    "subject_dob": "date_of_birth",
    "subject_a_number": "a_number",
    "subject_phone": "phone",
    "subject_email": "email",
    "subject_address": "street_address",
    "subject_gender": "gender",
    "subject_nationality": "nationality",
    "subject_language": "language",
    "subject_legal_status": "legal_status",
}
FREE_FRT_FIELDS = ("system", "operator_agency_id", "score", "notes")
FRT_CELLS = dict(
    zip(
        FRT_COLUMNS,
        ("system", "mode", "treated_as", "sole_basis", "human_review", "misidentified"),
        strict=True,
    )
)


def overlay(before: dict, row: dict, filled: set[str]) -> dict:
    """The stored incident's data (as `bundle_to_data` gives it) with the row's filled cells."""
    after = copy.deepcopy(before)
    after["occurred_on"], after["date_precision"] = row["occurred_on"], row["date_precision"]
    for column, key in INCIDENT_CELLS.items():
        if column in filled:
            after[key] = row[key]
    if "agencies" in filled:
        after["agency_ids"] = row["agency_ids"]
    subject_key = _subject(after, row, filled)
    if filled & FRT_CELLS.keys():
        uses = after["frt_uses"]
        if not uses:
            uses.append(_new_use())
        for column, key in FRT_CELLS.items():
            if column in filled:
                uses[0][key] = row["frt"][key]
    if "documents_presented" in filled:
        after["documents"] = [
            {
                "id": None,
                "document_type": kind,
                "agent_response": response,
                "notes": None,
                "presented_by_key": subject_key,
            }
            for kind, response in row["documents"]
        ]
    return after


def _subject(after: dict, row: dict, filled: set[str]) -> str | None:
    """Update (or add) the first subject with the filled subject cells; returns its row key."""
    subjects = [p for p in after["people"] if p["role"] == "subject"]
    if not filled & SUBJECT_CELLS.keys():
        return subjects[0]["key"] if subjects else None
    if not subjects:
        new = {
            "key": "import",
            "person_id": None,
            "role": "subject",
            "person": dict.fromkeys(PERSON_FIELDS),
        }
        after["people"].append(new)
        subjects = [new]
    person = subjects[0]["person"]
    for column, key in SUBJECT_CELLS.items():
        if column in filled:
            person[key] = row["subject"][key]
    return subjects[0]["key"]


def _new_use() -> dict:
    """An FRT use row as the form starts one: coded answers 'unknown', the rest empty."""
    return {**dict.fromkeys(FRT_FIELDS, "unknown"), **dict.fromkeys(FREE_FRT_FIELDS), "id": None}
