"""The import's columns: one row per incident with its subject and one FRT use. Every column
but the reference is a field of the specification (`import_column`), so its meaning, rules,
length and personal-data class come from there; the template and the column guide are
generated from this list."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.records.spec import DOCUMENT, FRT_USE, INCIDENT, PERSON, Entity, Field
from incidents.vocab import YES_NO, YES_NO_UNKNOWN, Vocabulary

# Which record of the row each entity's columns fill.
GROUPS = ((INCIDENT, "incident"), (PERSON, "subject"), (FRT_USE, "frt"), (DOCUMENT, "documents"))


@dataclass(frozen=True)
class Column:
    """One accepted column."""

    name: str
    kind: str  # how the cell is read: see rows.RowReader
    meaning: str
    example: str = ""
    required: bool = False
    vocabulary: Vocabulary | None = None
    max_length: int | None = None
    personal: bool = False  # masked in reports
    field: Field | None = None
    group: str | None = None  # incident, subject, frt or documents


def _kind(field: Field, group: str) -> str:
    if field.kind == "code" and group == "documents":
        return "codes"  # one code per document, in order
    if field.kind == "codes":
        return "code_set"  # several codes of one field
    if field.vocabulary is YES_NO_UNKNOWN:
        return "yes_no_unknown"
    if field.vocabulary is YES_NO:
        return "yes_no"
    return field.kind


PREFIX = {
    "incident": "",
    "subject": "The client (first subject): ",
    "frt": "Facial recognition (first use): ",
    "documents": "Documents presented: ",
}


def _column(entity: Entity, group: str, field: Field) -> Column:
    label = field.label if group == "incident" else field.label[0].lower() + field.label[1:]
    meaning = PREFIX[group] + label.rstrip("?") + ("?" if label.endswith("?") else ".")
    for hint in (field.help, field.import_help):
        meaning += f" {hint}." if hint else ""
    if group == "subject" and field.required:
        meaning += " Required when any subject_ column is filled."
    if group == "frt" and field.required:
        meaning += " Required when any other FRT column is filled ('unknown' if not known)."
    return Column(
        name=field.import_column,
        kind=_kind(field, group),
        meaning=meaning,
        example=field.import_example,
        required=field.required and group == "incident",
        vocabulary=field.vocabulary,
        max_length=field.max_length,
        personal=field.identifying or group == "subject",
        field=field,
        group=group,
    )


REFERENCE = Column(
    "reference",
    "reference",
    "Our reference (CODE-YYYY-NNNN). Leave blank to have one assigned; keep your own "
    "spreadsheet's case number in the narrative.",
)
COLUMNS = (
    REFERENCE,
    *(
        _column(entity, group, field)
        for entity, group in GROUPS
        for field in entity
        if field.import_column
    ),
)
BY_NAME = {column.name: column for column in COLUMNS}
REQUIRED = tuple(c.name for c in COLUMNS if c.required)
FRT_COLUMNS = tuple(c.name for c in COLUMNS if c.group == "frt")
SUBJECT_COLUMNS = tuple(c.name for c in COLUMNS if c.group == "subject")
