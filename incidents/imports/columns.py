"""The import's columns: one row per incident with its subject and one FRT use. Every column
but the reference is a field of the specification (`import_column`), so its meaning, rules,
length and personal-data class come from there; the template and the column guide are
generated from this list.

A second kind of file adds rows to recorded incidents, one file per kind of row (timeline
events, agents, paperwork), keyed by reference: its columns are the row's fields, named by their
codes (`ROW_FILES`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from incidents.i18n import N_
from incidents.records.spec import (
    AGENT,
    DOCUMENT,
    FRT_USE,
    INCIDENT,
    PAPERWORK_ROW,
    PERSON,
    REF_KINDS,
    TIMELINE,
    Entity,
    Field,
)
from incidents.vocab import YES_NO, YES_NO_UNKNOWN, Vocabulary

# The files of rows keyed by reference: list name → (entity, what one row is).
ROW_FILES = {
    "timeline": (TIMELINE, N_("timeline event")),
    "agents": (AGENT, N_("agent")),
    "paperwork": (PAPERWORK_ROW, N_("document issued or served")),
}
# The guide's heading of each file of rows (the list name, capitalised).
ROW_FILE_TITLES = {"timeline": N_("Timeline"), "agents": N_("Agents"), "paperwork": N_("Paperwork")}
PLURALS = {  # English; translated where shown
    "timeline event": N_("timeline events"),
    "agent": N_("agents"),
    "document issued or served": N_("documents issued or served"),
}
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
    "subject": N_("The client (first subject): "),
    "frt": N_("Facial recognition (first use): "),
    "documents": N_("Documents presented: "),
}
SUBJECT_REQUIRED = N_("Required when any subject_ column is filled.")
FRT_REQUIRED = N_("Required when any other FRT column is filled ('unknown' if not known).")
AGENT_NAME = N_(
    "%(label)s: one of the incident's recorded agents, by badge, name or number ('Agent 2', as "
    "on the case page). Import the agents file first."
)


def _same(text: str) -> str:
    return text


def _meaning(field: Field, group: str, translate=_same) -> str:
    """A field's column meaning, each piece through `translate` (English as it is)."""
    label = translate(field.label)
    if group not in ("incident", *ROW_FILES):
        label = label[0].lower() + label[1:]
    meaning = translate(PREFIX.get(group, "")) + label.rstrip("?")
    meaning += "?" if label.endswith("?") else "."
    for hint in (translate(field.help), translate(field.import_help)):
        meaning += f" {hint}" + ("" if hint.endswith(".") else ".") if hint else ""
    if group == "subject" and field.required:
        meaning += " " + translate(SUBJECT_REQUIRED)
    if group == "frt" and field.required:
        meaning += " " + translate(FRT_REQUIRED)
    return meaning


def describe(column: Column, translate=_same) -> str:
    """What the column holds, in words: English as declared, or each piece through `translate`
    (the guide page passes the user's language; the Markdown guide stays English)."""
    if column.kind == "agent_name":
        return translate(AGENT_NAME) % {"label": translate(column.field.label)}
    if column.field is None:
        return translate(column.meaning)
    return _meaning(column.field, column.group, translate)


def _column(entity: Entity, group: str, field: Field, name: str | None = None) -> Column:
    return Column(
        name=name or field.import_column,
        kind=_kind(field, group),
        meaning=_meaning(field, group),
        example=field.import_example,
        required=field.required and group in ("incident", *ROW_FILES),
        vocabulary=field.vocabulary,
        max_length=field.max_length,
        personal=field.identifying or group == "subject",
        field=field,
        group=group,
    )


REFERENCE = Column(
    "reference",
    "reference",
    N_(
        "Our reference (CODE-YYYY-NNNN). Leave blank to have one assigned; keep your own "
        "spreadsheet's case number in the narrative."
    ),
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


ROW_REFERENCE = Column(
    "reference",
    "row_reference",
    N_("The reference of the recorded incident the row belongs to (CODE-YYYY-NNNN)."),
    required=True,
)
ROW_EXAMPLES = {
    "timeline": {
        "kind": "detention_start",
        "starts_at": "2025-09-12 08:00",
        "ends_at": "2025-09-12 14:30",
        "place_type": "processing_center",
        "facility": "Broadview Processing Center",
    },
    "agents": {"agency": "ICE Enforcement and Removal Operations (ERO)", "masked": "yes"},
    "paperwork": {"kind": "i213", "issued_on": "2025-09-12", "served": "no"},
}


def row_file_columns(list_name: str) -> tuple[Column, ...]:
    """The columns of a file of rows of one kind: the reference, then the row's fields by code
    (an agency by name or code in `agency`; the agent who acted by badge, name or number)."""
    entity, _ = ROW_FILES[list_name]
    examples = ROW_EXAMPLES[list_name]
    found = [ROW_REFERENCE]
    for field in entity:
        if field.kind == "agent_ref":  # named by badge, name or number among the incident's
            found.append(
                Column(
                    field.code,
                    "agent_name",
                    AGENT_NAME % {"label": field.label},
                    max_length=200,
                    field=field,
                    group=list_name,
                )
            )
            continue
        if field.kind in REF_KINDS:
            continue
        name = "agency" if field.kind == "agency" else field.code
        column = _column(entity, list_name, field, name)
        found.append(replace(column, example=examples.get(name, "")))
    return tuple(found)
