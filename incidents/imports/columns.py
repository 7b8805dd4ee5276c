"""The import's columns: one row per incident with its subject and one FRT use. Each column's
kind says how its cells are read; the template and the column guide are generated from this
list and from the vocabulary module, so that they cannot drift from the code."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.records.validation import MAX_LENGTH
from incidents.vocab import (
    AGENT_RESPONSE,
    ENCOUNTER_TYPE,
    FRT_MODE,
    FRT_SYSTEM,
    FRT_TREATED_AS,
    GENDER,
    HUMAN_REVIEW,
    ID_DOCUMENT,
    LEGAL_STATUS,
    OUTCOME,
    SEEDED_AGENCIES,
    US_STATE,
    Vocabulary,
)


@dataclass(frozen=True)
class Column:
    """One accepted column."""

    name: str
    kind: str  # how the cell is read: see rows.READERS
    meaning: str
    example: str = ""
    required: bool = False
    vocabulary: Vocabulary | None = None
    max_length: int | None = None
    personal: bool = False  # masked in reports


COLUMNS = (
    Column(
        "reference",
        "reference",
        "Our reference (CODE-YYYY-NNNN). Leave blank to have one assigned; keep your own "
        "spreadsheet's case number in the narrative.",
    ),
    Column(
        "occurred_on",
        "date",
        "Date of the incident: YYYY-MM-DD, or YYYY-MM or YYYY if the day is not known.",
        "2025-09-12",
        required=True,
    ),
    Column("city", "line", "City.", "Chicago", max_length=MAX_LENGTH["city"]),
    Column("county", "line", "County.", "Cook", max_length=MAX_LENGTH["county"]),
    Column("state", "code", "US state or territory.", "IL", required=True, vocabulary=US_STATE),
    Column("zip", "zip", "ZIP code (5 digits or ZIP+4).", "60623"),
    Column(
        "encounter_type",
        "code",
        "Type of encounter.",
        "street_stop",
        required=True,
        vocabulary=ENCOUNTER_TYPE,
    ),
    Column(
        "agencies",
        "agencies",
        "Agencies involved, by name or code (see Agencies), separated by ;.",
        SEEDED_AGENCIES[0][1],
    ),
    Column(
        "frt_system", "code", "Facial recognition system.", "mobile_fortify", vocabulary=FRT_SYSTEM
    ),
    Column("frt_mode", "code", "1:1 or 1:N.", "one_to_many", vocabulary=FRT_MODE),
    Column(
        "frt_treated_as",
        "code",
        "How the match was treated.",
        "definitive_id",
        vocabulary=FRT_TREATED_AS,
    ),
    Column("frt_sole_basis", "yes_no_unknown", "Was the match the sole basis?", "yes"),
    Column("human_review", "code", "Human review of the match.", "none", vocabulary=HUMAN_REVIEW),
    Column("misidentified", "yes_no_unknown", "Was the person misidentified?", "yes"),
    Column(
        "subject_name",
        "line",
        "The client's full name (required when any subject_ column is filled).",
        "Rosa Delgado Ibarra",
        max_length=MAX_LENGTH["full_name"],
        personal=True,
    ),
    Column(
        "subject_aliases",
        "line",
        "Other names used, separated by ;.",
        "",
        max_length=MAX_LENGTH["aliases"],
        personal=True,
    ),
    Column("subject_dob", "dob", "Date of birth, YYYY-MM-DD.", "1996-04-02", personal=True),
    Column("subject_a_number", "a_number", "A-number (A and 7 to 9 digits).", "", personal=True),
    Column("subject_phone", "phone", "Phone (7 to 15 digits).", "", personal=True),
    Column("subject_email", "email", "Email address.", "", personal=True),
    Column(
        "subject_address",
        "line",
        "Street address.",
        "",
        max_length=MAX_LENGTH["street_address"],
        personal=True,
    ),
    Column("subject_gender", "code", "Gender (self-described).", "female", vocabulary=GENDER),
    Column(
        "subject_nationality", "country", "Nationality: ISO country code or English name.", "US"
    ),
    Column(
        "subject_language",
        "line",
        "Preferred language.",
        "Spanish",
        max_length=MAX_LENGTH["language"],
    ),
    Column(
        "subject_legal_status",
        "code",
        "Legal status.",
        "us_citizen_birth",
        vocabulary=LEGAL_STATUS,
    ),
    Column(
        "documents_presented",
        "codes",
        "Documents presented to the agents, separated by ;.",
        "birth_certificate",
        vocabulary=ID_DOCUMENT,
    ),
    Column(
        "documents_response",
        "codes",
        "How the agents responded: one value for every document, or one per document in the "
        "same order, separated by ;.",
        "ignored",
        vocabulary=AGENT_RESPONSE,
    ),
    Column("detained_hours", "hours", "Hours detained (a number).", "18.5"),
    Column("outcome", "code", "Outcome.", "detained_then_released", vocabulary=OUTCOME),
    Column(
        "research_consent",
        "yes_no",
        "Did the client consent to anonymized research use? Blank or unknown: no.",
        "yes",
    ),
    Column(
        "narrative",
        "prose",
        "What happened.",
        "Agents scanned her face with a phone and ignored her birth certificate.",
        max_length=MAX_LENGTH["narrative"],
        personal=True,
    ),
)
BY_NAME = {column.name: column for column in COLUMNS}
REQUIRED = tuple(c.name for c in COLUMNS if c.required)
FRT_COLUMNS = (
    "frt_system",
    "frt_mode",
    "frt_treated_as",
    "frt_sole_basis",
    "human_review",
    "misidentified",
)
SUBJECT_COLUMNS = tuple(c.name for c in COLUMNS if c.name.startswith("subject_"))
