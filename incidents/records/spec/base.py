"""The building blocks of the field specification: a field, an entity (the fields of one kind
of record), the personal-data classes and the kinds of value."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.vocab import Vocabulary

CLASSES = ("direct", "quasi", "analytic", "free_text")
# How a value is read and checked (records.validation.clean): text kinds take a max_length.
KINDS = (
    "line",  # one line of text: trimmed, no control characters
    "prose",  # several lines: LF line ends, trailing space trimmed
    "code",  # one code of `vocabulary` (an import cell may give the code or its label)
    "codes",  # several codes of `vocabulary`, stored in its order separated by ";"
    "partial_date",  # YYYY-MM-DD, YYYY-MM or YYYY, 1990 or later, not in the future
    "date",  # YYYY-MM-DD, 1990 or later, not in the future
    "birth_date",  # YYYY-MM-DD, 1900 to today
    "time",  # HH:MM
    "local_datetime",  # date and time, local wall-clock time at the place, 1990 to today
    "number",  # a decimal number from `minimum` to `maximum`
    "a_number",  # A and 7 to 9 digits, stored as A + 9 digits
    "phone",  # 7 to 15 digits with the usual separators
    "email",
    "zip",  # 5 digits or ZIP+4
    "country",  # ISO 3166-1 alpha-2, or an English country name in an import
    "agencies",  # ids of agencies (an import cell gives names or codes separated by ;)
    "agency",  # one agency id
    "person_ref",  # a person of the same incident
    "agent_ref",  # an agent of the same incident
)
# Kinds that point at another entry of the same incident: stored as the entry's row id, held in
# a value as the entry's key (new entries have no id yet).
REF_KINDS = ("person_ref", "agent_ref")
TEXT_KINDS = ("line", "prose")
# How a recorded identifier is looked for in free text (incidents.redaction.engine).
REDACT_AS = ("name", "address", "a_number", "phone", "email", "birth_date", "zip", "term")


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
    # how the redaction engine finds the recorded value written in free text (one of REDACT_AS);
    # every `direct` field has one, and so do the quasi-identifiers people write in prose
    redact_as: str | None = None

    @property
    def identifying(self) -> bool:
        """Whether the field may hold an identifier (never exported as it is)."""
        return self.privacy in ("direct", "free_text")


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


def declare(code, label, kind, privacy, **options) -> Field:
    """A field: code, label, kind, personal-data class, and the options of `Field`."""
    return Field(code, label, kind, privacy, **options)
