"""The field specification: every field of an incident, a person, an FRT use, a document
presented and a timeline event, declared once. The web form, the typed incident value, the
spreadsheet import (columns, template, guide), the research data dictionary and the redaction of
free text read it; `tests/test_spec.py` checks each of them against it.

Each field has a personal-data class:
- `direct`: identifies a person by itself (name, A-number, phone, email, street address);
- `quasi`: identifies in combination (dates, places, birth date, nationality, gender, ...);
- `analytic`: coded facts with no identifying power of their own;
- `free_text`: prose that may hold anything, identifiers included (narratives, notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from incidents.vocab import (
    AGENT_RESPONSE,
    DOCUMENTATION_STATUS,
    ENCOUNTER_TYPE,
    FRT_CAPTURE_SOURCE,
    FRT_MODE,
    FRT_RESULT,
    FRT_SYSTEM,
    FRT_TREATED_AS,
    GENDER,
    HUMAN_REVIEW,
    ID_DOCUMENT,
    LEGAL_STATUS,
    OUTCOME,
    PERSON_ROLE,
    SEEDED_AGENCIES,
    TIMELINE_KIND,
    US_STATE,
    YES_NO,
    YES_NO_UNKNOWN,
    Vocabulary,
)

CLASSES = ("direct", "quasi", "analytic", "free_text")
# How a value is read and checked (records.validation.clean): text kinds take a max_length.
KINDS = (
    "line",  # one line of text: trimmed, no control characters
    "prose",  # several lines: LF line ends, trailing space trimmed
    "code",  # one code of `vocabulary` (an import cell may give the code or its label)
    "partial_date",  # YYYY-MM-DD, YYYY-MM or YYYY, 1990 or later, not in the future
    "date",  # YYYY-MM-DD, not in the future
    "birth_date",  # YYYY-MM-DD, 1900 to today
    "time",  # HH:MM
    "local_datetime",  # date and time, local wall-clock time at the place
    "number",  # a decimal number from `minimum` to `maximum`
    "a_number",  # A and 7 to 9 digits, stored as A + 9 digits
    "phone",  # 7 to 15 digits with the usual separators
    "email",
    "zip",  # 5 digits or ZIP+4
    "country",  # ISO 3166-1 alpha-2, or an English country name in an import
    "agencies",  # ids of agencies (an import cell gives names or codes separated by ;)
    "agency",  # one agency id
    "person_ref",  # a person of the same incident
)
TEXT_KINDS = ("line", "prose")


@dataclass(frozen=True)
class Field:
    """One field of a record, declared once."""

    code: str  # the attribute of the model, the typed value and the form
    label: str
    kind: str
    privacy: str  # one of CLASSES
    help: str = ""
    vocabulary: Vocabulary | None = None
    max_length: int | None = None  # stored length (after normalisation)
    required: bool = False
    default: str | None = None  # preset in a new form row
    blank: str | None = None  # label of the empty choice of a select
    minimum: float | None = None
    maximum: float | None = None
    import_column: str | None = None  # the spreadsheet column, if the import takes it
    import_example: str = ""
    import_help: str = ""  # what only the import needs saying (the form shows `help`)
    export: tuple[str, ...] = ()  # research export columns derived from it
    section: str | None = None  # edit-history section (incident fields)

    @property
    def identifying(self) -> bool:
        """Whether the field may hold an identifier (never exported as it is)."""
        return self.privacy in ("direct", "free_text")

    @property
    def personal(self) -> bool:
        """Whether a value is personal data (masked in import reports): all but analytic."""
        return self.privacy != "analytic"


class Entity:
    """The fields of one kind of record, in form order."""

    def __init__(self, name: str, label: str, *fields: Field):
        self.name, self.label, self.fields = name, label, fields
        self.by_code = {f.code: f for f in fields}
        if len(self.by_code) != len(fields):
            raise ValueError(f"{name}: a field is declared twice")

    def __getitem__(self, code: str) -> Field:
        return self.by_code[code]

    def __iter__(self):
        return iter(self.fields)

    @property
    def codes(self) -> tuple[str, ...]:
        """The field codes, in order."""
        return tuple(self.by_code)


def _f(code, label, kind, privacy, **options) -> Field:
    return Field(code, label, kind, privacy, **options)


INCIDENT = Entity(
    "incident",
    "Incident",
    _f(
        "occurred_on",
        "Date of the incident",
        "partial_date",
        "quasi",
        help="YYYY-MM-DD, or YYYY-MM or YYYY if the day is not known",
        required=True,
        import_column="occurred_on",
        import_example="2025-09-12",
        export=("period",),
        section="when_where",
    ),
    _f("occurred_time", "Time (local)", "time", "quasi", section="when_where"),
    _f(
        "street_address",
        "Street address or intersection",
        "line",
        "direct",
        max_length=200,
        section="when_where",
    ),
    _f(
        "city",
        "City",
        "line",
        "quasi",
        max_length=100,
        import_column="city",
        import_example="Chicago",
        section="when_where",
    ),
    _f(
        "county",
        "County",
        "line",
        "quasi",
        max_length=100,
        import_column="county",
        import_example="Cook",
        section="when_where",
    ),
    _f(
        "state",
        "State",
        "code",
        "quasi",
        help="US state or territory",
        vocabulary=US_STATE,
        required=True,
        blank="Choose the state",
        import_column="state",
        import_example="IL",
        export=("region",),
        section="when_where",
    ),
    _f(
        "zip",
        "ZIP code",
        "zip",
        "quasi",
        help="5 digits or ZIP+4",
        max_length=10,
        import_column="zip",
        import_example="60623",
        section="when_where",
    ),
    _f(
        "encounter_type",
        "Type of encounter",
        "code",
        "analytic",
        vocabulary=ENCOUNTER_TYPE,
        required=True,
        blank="Choose the type",
        import_column="encounter_type",
        import_example="street_stop",
        export=("encounter_type",),
        section="encounter_agencies",
    ),
    _f(
        "agencies",
        "Agencies involved",
        "agencies",
        "analytic",
        import_help="By name or code, separated by ; (see Agencies)",
        import_column="agencies",
        import_example=SEEDED_AGENCIES[0][1],
        export=("agency_level",),
        section="encounter_agencies",
    ),
    _f(
        "outcome",
        "Outcome",
        "code",
        "analytic",
        vocabulary=OUTCOME,
        blank="Not known yet",
        import_column="outcome",
        import_example="detained_then_released",
        export=("outcome",),
        section="outcome_consent",
    ),
    _f(
        "detention_hours_entered",
        "Hours detained (if the timeline does not show it)",
        "number",
        "analytic",
        help="A number of hours, e.g. 18 or 2.5",
        minimum=0,
        maximum=100000,
        import_column="detained_hours",
        import_example="18.5",
        export=("detention_hours_band",),
        section="outcome_consent",
    ),
    _f(
        "research_consent",
        "Did the client consent to anonymized research use?",
        "code",
        "analytic",
        import_help="Blank or unknown: no",
        vocabulary=YES_NO,
        default="no",
        import_column="research_consent",
        import_example="yes",
        section="outcome_consent",
    ),
    _f("research_consent_on", "Date of consent", "date", "quasi", section="outcome_consent"),
    _f(
        "documentation_status",
        "Documentation status",
        "code",
        "analytic",
        vocabulary=DOCUMENTATION_STATUS,
        default="draft",
        section="outcome_consent",
    ),
    _f(
        "narrative",
        "What happened, in the client's words and ours",
        "prose",
        "free_text",
        max_length=50000,
        import_column="narrative",
        import_example="Agents scanned her face with a phone and ignored her birth certificate.",
        section="narrative",
    ),
)

PERSON_LINK = Entity(
    "person_link",
    "Role in the incident",
    _f(
        "role",
        "Role in this incident",
        "code",
        "analytic",
        vocabulary=PERSON_ROLE,
        required=True,
        default="subject",
    ),
)

PERSON = Entity(
    "person",
    "Person",
    _f(
        "full_name",
        "Full name",
        "line",
        "direct",
        max_length=200,
        required=True,
        import_column="subject_name",
        import_example="Rosa Delgado Ibarra",
    ),
    _f(
        "aliases",
        "Other names used",
        "line",
        "direct",
        help="Separate several with ;",
        max_length=500,
        import_column="subject_aliases",
    ),
    _f(
        "date_of_birth",
        "Date of birth",
        "birth_date",
        "quasi",
        help="YYYY-MM-DD",
        import_column="subject_dob",
        import_example="1996-04-02",
        export=("age_band",),
    ),
    _f(
        "a_number",
        "A-number",
        "a_number",
        "direct",
        help="A followed by 7 to 9 digits",
        max_length=10,
        import_column="subject_a_number",
    ),
    _f(
        "phone",
        "Phone",
        "phone",
        "direct",
        help="7 to 15 digits",
        max_length=30,
        import_column="subject_phone",
    ),
    _f("email", "Email", "email", "direct", max_length=254, import_column="subject_email"),
    _f(
        "street_address",
        "Street address",
        "line",
        "direct",
        max_length=200,
        import_column="subject_address",
    ),
    _f("city", "City", "line", "quasi", max_length=100),
    _f("state", "State", "code", "quasi", vocabulary=US_STATE, blank="—"),
    _f("zip", "ZIP code", "zip", "quasi", max_length=10),
    _f(
        "gender",
        "Gender (self-described)",
        "code",
        "quasi",
        vocabulary=GENDER,
        blank="—",
        import_column="subject_gender",
        import_example="female",
    ),
    _f(
        "nationality",
        "Nationality",
        "country",
        "quasi",
        import_help="ISO country code or English name",
        max_length=2,
        blank="—",
        import_column="subject_nationality",
        import_example="US",
        export=("nationality_region",),
    ),
    _f(
        "language",
        "Preferred language",
        "line",
        "quasi",
        max_length=60,
        import_column="subject_language",
        import_example="Spanish",
    ),
    _f(
        "legal_status",
        "Legal status",
        "code",
        "quasi",
        vocabulary=LEGAL_STATUS,
        blank="—",
        import_column="subject_legal_status",
        import_example="us_citizen_birth",
        export=("legal_status_group",),
    ),
)

FRT_USE = Entity(
    "frt_use",
    "Facial recognition use",
    _f(
        "system",
        "System",
        "code",
        "analytic",
        vocabulary=FRT_SYSTEM,
        required=True,
        blank="Choose the system",
        import_column="frt_system",
        import_example="mobile_fortify",
        export=("frt_system",),
    ),
    _f("operator_agency_id", "Operated by", "agency", "analytic", export=("agency_level",)),
    _f(
        "mode",
        "Mode",
        "code",
        "analytic",
        help="1:1 or 1:N",
        vocabulary=FRT_MODE,
        default="unknown",
        import_column="frt_mode",
        import_example="one_to_many",
        export=("frt_mode",),
    ),
    _f(
        "capture_source",
        "Photo taken with",
        "code",
        "analytic",
        vocabulary=FRT_CAPTURE_SOURCE,
        default="unknown",
    ),
    _f("result", "Result", "code", "analytic", vocabulary=FRT_RESULT, default="unknown"),
    _f(
        "treated_as",
        "The match was treated as",
        "code",
        "analytic",
        vocabulary=FRT_TREATED_AS,
        default="unknown",
        import_column="frt_treated_as",
        import_example="definitive_id",
        export=("treated_as",),
    ),
    _f(
        "sole_basis",
        "Was the match the sole basis of the stop or detention?",
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
        import_column="frt_sole_basis",
        import_example="yes",
        export=("sole_basis",),
    ),
    _f(
        "human_review",
        "Human review of the match",
        "code",
        "analytic",
        vocabulary=HUMAN_REVIEW,
        default="unknown",
        import_column="human_review",
        import_example="none",
        export=("human_review",),
    ),
    _f(
        "independent_corroboration",
        "Independent corroboration",
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    _f(
        "misidentified",
        "Was the person misidentified?",
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
        import_column="misidentified",
        import_example="yes",
        export=("misidentified",),
    ),
    _f(
        "disclosed_to_person",
        "Was the use disclosed to the person?",
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    _f(
        "score",
        "Similarity score, if known",
        "number",
        "analytic",
        minimum=0,
        maximum=100,
    ),
    _f("notes", "Notes", "prose", "free_text", max_length=5000),
)

DOCUMENT = Entity(
    "document",
    "Document presented",
    _f(
        "document_type",
        "Document",
        "code",
        "analytic",
        import_help="Several separated by ;",
        vocabulary=ID_DOCUMENT,
        required=True,
        blank="Choose the document",
        import_column="documents_presented",
        import_example="birth_certificate",
        export=("documents_presented",),
    ),
    _f("presented_by", "Presented by", "person_ref", "analytic"),
    _f(
        "agent_response",
        "How the agents responded",
        "code",
        "analytic",
        import_help="One value for every document, or one per document in the same order, "
        "separated by ;",
        vocabulary=AGENT_RESPONSE,
        default="unknown",
        import_column="documents_response",
        import_example="ignored",
        export=("documents_disregarded",),
    ),
    _f("notes", "Notes", "prose", "free_text", max_length=5000),
)

TIMELINE = Entity(
    "timeline_event",
    "Timeline event",
    _f(
        "kind",
        "What happened",
        "code",
        "analytic",
        vocabulary=TIMELINE_KIND,
        required=True,
        blank="Choose",
    ),
    _f(
        "starts_at",
        "Start (local time)",
        "local_datetime",
        "quasi",
        required=True,
        export=("detention_hours_band",),
    ),
    _f("ends_at", "End (local time)", "local_datetime", "quasi"),
    _f("place", "Place", "line", "free_text", max_length=200),
    _f("description", "Description", "prose", "free_text", max_length=5000),
)

ENTITIES = (INCIDENT, PERSON_LINK, PERSON, FRT_USE, DOCUMENT, TIMELINE)

# Sections of the incident form, in order, with their labels (the edit history names them).
SECTIONS = {
    "when_where": "When and where",
    "encounter_agencies": "Encounter and agencies",
    "people": "People",
    "frt_uses": "Facial recognition",
    "documents": "Documents presented",
    "timeline": "Timeline",
    "outcome_consent": "Outcome and consent",
    "narrative": "Narrative",
}


def all_fields():
    """(entity, field) for every field of every entity."""
    return [(entity, field) for entity in ENTITIES for field in entity]
