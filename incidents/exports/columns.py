"""The research export's columns: an allow-list, nothing else. Each column has a role (row id,
quasi-identifier or analytic), a meaning and a domain of allowed values (the data dictionary)."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.i18n import N_
from incidents.models.research import RARE_COLUMNS
from incidents.records.regions import (
    CENSUS_DIVISIONS,
    CENSUS_REGIONS,
    STATE_TO_REGION,
    WORLD_REGIONS,
)
from incidents.records.research import AGE_BANDS
from incidents.records.research_litigation import BIOMETRICS
from incidents.vocab import (
    AGENCY_LEVEL,
    DETENTION_PLACE,
    ENCOUNTER_TYPE,
    FRT_MODE,
    FRT_SYSTEM,
    FRT_TREATED_AS,
    HUMAN_REVIEW,
    ID_DOCUMENT,
    OUTCOME,
    POLICY_REQUIREMENT,
    SCAN_CONSENT,
    STOP_BASIS,
    YES_NO_UNKNOWN,
)

WIDE_AGE_BANDS = ("0-19", "20-39", "40-59", "60-79", "80+")
HOURS_BANDS = ("0", "<6", "6-24", "24-72", "72-168", "168+")
LEGAL_GROUPS = (
    "us_citizen",
    "us_national",
    "lpr",
    "humanitarian",
    "temporary_status",
    "undocumented",
    "unknown",
)


@dataclass(frozen=True)
class Column:
    """One exported column."""

    name: str
    role: str  # row_id, quasi_identifier, analytic
    meaning: str
    domain: str  # allowed values, as documented
    values: tuple[str, ...] | None = None  # exact allowed values, when enumerable
    multi: bool = False  # several values joined by ";"
    alone: tuple[str, ...] = ()  # values of a multi column that are only written alone


def _codes(vocabulary, *extra) -> tuple[str, ...]:
    return (*vocabulary.codes, *extra)


# The litigation record (issue 15): coded facts only. Agents' names and badges, facility names,
# the stated reason and other free text are never exported.
LITIGATION = (
    Column(
        "stop_basis",
        "analytic",
        "What seemed to be the basis of the stop, as the client or witnesses saw it "
        "(';'-separated; empty when not recorded).",
        "stop_basis codes, or empty",
        STOP_BASIS.codes,
        multi=True,
    ),
    Column(
        "agents_masked",
        "analytic",
        "Was any agent's face covered or masked? 'yes' if any recorded agent's was, 'no' if "
        "every recorded agent's was not, 'unknown' otherwise, 'none' if no agent is recorded.",
        "yes, no, unknown or 'none'",
        _codes(YES_NO_UNKNOWN, "none"),
    ),
    Column(
        "claim_ignored",
        "analytic",
        "The client said they were a US citizen or lawful resident (spoken claims count) and "
        "was held anyway — the case page's key fact. 'yes': a detention began at or after the "
        "claim (any detention, when the claim's time is not recorded), or the client was already "
        "detained and released only after the claim, or the outcome is not a release; 'no': a "
        "claim was made and the outcome is a release at the scene or after verification, with "
        "no detention after the claim recorded; 'none': no claim was made; "
        "'unknown': not known whether a claim was made, or what followed it.",
        "yes, no, unknown or 'none'",
        _codes(YES_NO_UNKNOWN, "none"),
    ),
    Column(
        "scan_consent",
        "analytic",
        "Consent to the face scan, as recorded (first use); 'none': no FRT use.",
        "scan_consent codes or 'none'",
        _codes(SCAN_CONSENT, "none"),
    ),
    Column(
        "biometrics_taken",
        "analytic",
        "Biometrics and data taken: those of fingerprints, photographs, dna and phone (searched "
        "or seized) recorded as taken (';'-separated); 'none' when all four are recorded as not "
        "taken; 'unknown' when none is recorded as taken and some are not known. (The case "
        "page's 'Biometrics taken?' counts fingerprints, photographs and DNA only.)",
        "fingerprints, photographs, dna, phone; or 'none' or 'unknown'",
        (*(code for _, code in BIOMETRICS), "none", "unknown"),
        multi=True,
        alone=("none", "unknown"),
    ),
    Column(
        "facility_types",
        "analytic",
        "Kinds of place the client was held in, from the custody chain (the timeline from the "
        "start of a detention to the release or removal), ';'-separated in the vocabulary's "
        "order; empty when not held, or held with no kind of place recorded (see "
        "detention_hours_band). Facility names are never exported.",
        "detention_place codes, or empty",
        DETENTION_PLACE.codes,
        multi=True,
    ),
    Column(
        "under_287g",
        "analytic",
        "'yes' when an agency of the incident is recorded as acting under a 287(g) agreement "
        "with ICE; otherwise 'not_recorded' (which does not mean that no agreement applied).",
        "yes or not_recorded",
        ("yes", "not_recorded"),
    ),
)


COLUMNS = (
    Column(
        "row_id",
        "row_id",
        "A random identifier, new in every export (never a record id).",
        "32 hexadecimal characters",
    ),
    Column(
        "period",
        "quasi_identifier",
        "When the incident happened, at the release's level: the month, the quarter, the year "
        "or 'all'. A date recorded only to the year stays a year at every level (it is never "
        "put in a month or a quarter it may not be in); a date recorded to the month is a month.",
        "YYYY-MM (month), YYYY-Qn (quarter), YYYY (year), or 'all'",
    ),
    Column(
        "age_band",
        "quasi_identifier",
        "The client's age at the incident, generalized. 'unknown' when the date of birth is not "
        "recorded, or when the incident's date is known only to the month or year and the age "
        "could fall in either of two bands.",
        "10-year band (0-9 … 80-89, 90+), or wider band (0-19 … 80+), 'all' or 'unknown'",
        (*AGE_BANDS, *WIDE_AGE_BANDS, "all", "unknown"),
    ),
    Column(
        "region",
        "quasi_identifier",
        "Where, at the release's level: the state (two-letter code), the US Census division, the "
        "Census region, or 'US'. The territories form a division and a region of their own.",
        "state code, Census division, Census region, 'US' or 'unknown'",
        # (the territories: one value, a division and a region alike)
        tuple(
            dict.fromkeys((*STATE_TO_REGION, *CENSUS_DIVISIONS, *CENSUS_REGIONS, "US", "unknown"))
        ),
    ),
    Column(
        "nationality_region",
        "quasi_identifier",
        "The client's nationality: world region (or 'all').",
        "world region, 'all', 'other' or 'unknown'",
        (*WORLD_REGIONS, "all", "other", "unknown"),
    ),
    Column(
        "agency_level",
        "quasi_identifier",
        "Level of the agencies involved (or 'all').",
        "federal, state, local, private, multiple, all or unknown",
        (*AGENCY_LEVEL.codes, "multiple", "all", "unknown"),
    ),
    Column(
        "encounter_type",
        "analytic",
        "Type of encounter (rare types: 'other').",
        "encounter_type codes",
        _codes(ENCOUNTER_TYPE),
    ),
    Column(
        "frt_system",
        "analytic",
        "The facial recognition system (first use; rare: 'other').",
        "frt_system codes or 'none'",
        _codes(FRT_SYSTEM, "none"),
    ),
    Column(
        "outcome", "analytic", "Outcome (rare outcomes: 'other').", "outcome codes", _codes(OUTCOME)
    ),
    Column(
        "legal_status_group",
        "analytic",
        "The client's legal status, grouped.",
        ", ".join(LEGAL_GROUPS),
        LEGAL_GROUPS,
    ),
    Column(
        "frt_mode",
        "analytic",
        "1:1 or 1:N (first use).",
        "frt_mode codes or 'none'",
        _codes(FRT_MODE, "none"),
    ),
    Column(
        "treated_as",
        "analytic",
        "How the match was treated (first use).",
        "frt_treated_as codes or 'none'",
        _codes(FRT_TREATED_AS, "none"),
    ),
    Column(
        "sole_basis",
        "analytic",
        "Was a match the sole basis (any use)?",
        "yes, no, unknown or 'none'",
        _codes(YES_NO_UNKNOWN, "none"),
    ),
    Column(
        "human_review",
        "analytic",
        "Human review of the match (first use); 'none' means no review, 'no_frt_use' no FRT use.",
        "human_review codes or 'no_frt_use'",
        _codes(HUMAN_REVIEW, "no_frt_use"),
    ),
    Column(
        "misidentified",
        "analytic",
        "Was the person misidentified (any use)?",
        "yes, no, unknown or 'none'",
        _codes(YES_NO_UNKNOWN, "none"),
    ),
    Column(
        "documents_presented",
        "analytic",
        "Types of documents presented (';'-separated).",
        "id_document codes, or empty",
        ID_DOCUMENT.codes,
        multi=True,
    ),
    Column(
        "documents_disregarded",
        "analytic",
        "Were presented documents disregarded?",
        "yes, no or 'none' (nothing presented)",
        ("yes", "no", "none"),
    ),
    Column(
        "detention_hours_band",
        "analytic",
        "Hours detained, banded.",
        ", ".join(HOURS_BANDS) + " or unknown",
        (*HOURS_BANDS, "unknown"),
    ),
    Column(
        "provisions_violated",
        "analytic",
        "Requirement types of provisions counsel assessed as violated (';'-separated).",
        "policy_requirement codes, or empty",
        POLICY_REQUIREMENT.codes,
        multi=True,
    ),
    *LITIGATION,
)
NAMES = tuple(column.name for column in COLUMNS)
QUASI_IDENTIFIERS = tuple(c.name for c in COLUMNS if c.role == "quasi_identifier")
SENSITIVE_LABELS = {  # English; translated where shown
    "outcome": N_("Outcome"),
    "legal_status_group": N_("Legal status (grouped)"),
    "detention_hours_band": N_("Hours detained (banded)"),
    "treated_as": N_("How the match was treated"),
}
SENSITIVE_CHOICES = tuple(SENSITIVE_LABELS)
RARE_GROUPED = RARE_COLUMNS  # indexed with the facts, for the counts of rare values
