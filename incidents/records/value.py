"""The typed incident value: what the form, an import row, an `--update` merge and the demo
generator produce, and what `records.operations` writes. Its classes are made from the field
specification, so a field declared there is a field here (decision record 0009).

A value holds checked data only: it is built after validation, at the boundary."""

from __future__ import annotations

import dataclasses

from incidents.records.bundle import CaseBundle
from incidents.records.spec import (
    AGENT,
    DOCUMENT,
    FRT_USE,
    INCIDENT,
    PAPERWORK_ROW,
    PERSON,
    REF_KINDS,
    SECTIONS,
    TIMELINE,
    Entity,
)

ROW_LISTS = ("people", "agents", "frt_uses", "documents", "timeline", "paperwork")


def _defaults(entity: Entity) -> list[tuple]:
    """(name, type, default) for each field: the field's preset, an empty list or None."""
    return [
        (
            f.code,
            object,
            dataclasses.field(default_factory=list)
            if f.kind == "agencies"
            else dataclasses.field(default=f.default),
        )
        for f in entity
    ]


PersonValue = dataclasses.make_dataclass("PersonValue", _defaults(PERSON), kw_only=True)
PersonValue.__doc__ = "A person's details (spec.PERSON)."
AgentValue = dataclasses.make_dataclass(
    "AgentValue", [("id", object, None), ("key", object, None), *_defaults(AGENT)], kw_only=True
)
AgentValue.__doc__ = (
    "An agent of the incident (spec.AGENT); `id` names a stored row being edited, `key` is what "
    "an FRT use's `scanned_by` or a timeline event's `agent` names."
)
FrtUseValue = dataclasses.make_dataclass(
    "FrtUseValue", [("id", object, None), *_defaults(FRT_USE)], kw_only=True
)
FrtUseValue.__doc__ = (
    "One FRT use (spec.FRT_USE); `id` names a stored row being edited, `scanned_by` the key of "
    "an agent entry."
)
DocumentValue = dataclasses.make_dataclass(
    "DocumentValue", [("id", object, None), *_defaults(DOCUMENT)], kw_only=True
)
DocumentValue.__doc__ = (
    "A document presented (spec.DOCUMENT); `presented_by` is the key of a person entry."
)
TimelineValue = dataclasses.make_dataclass(
    "TimelineValue", [("id", object, None), *_defaults(TIMELINE)], kw_only=True
)
TimelineValue.__doc__ = (
    "A timeline event (spec.TIMELINE), in local wall-clock time; `agent` is the key of an agent "
    "entry."
)
PaperworkValue = dataclasses.make_dataclass(
    "PaperworkValue", [("id", object, None), *_defaults(PAPERWORK_ROW)], kw_only=True
)
PaperworkValue.__doc__ = "Paperwork issued or served (spec.PAPERWORK_ROW)."


@dataclasses.dataclass(kw_only=True)
class PersonEntry:
    """A person in an incident: `person_id` links a stored person (whose details `person`
    replaces); entries without one create a person, one per distinct `key` in a write."""

    key: str
    role: str = "subject"
    person_id: int | None = None
    person: PersonValue = dataclasses.field(default_factory=PersonValue)


IncidentValue = dataclasses.make_dataclass(
    "IncidentValue",
    [
        *_defaults(INCIDENT),
        ("date_precision", str, dataclasses.field(default="day")),
        *((name, list, dataclasses.field(default_factory=list)) for name in ROW_LISTS),
    ],
    kw_only=True,
)
IncidentValue.__doc__ = (
    "An incident with its people and rows (spec.INCIDENT); `occurred_on` is the first possible "
    "day of a date known to `date_precision` (day, month or year)."
)
for _cls in (
    PersonValue,
    AgentValue,
    FrtUseValue,
    DocumentValue,
    TimelineValue,
    PaperworkValue,
    IncidentValue,
):
    _cls.__module__ = __name__
ROW_CLASSES = {
    "agents": AgentValue,
    "frt_uses": FrtUseValue,
    "documents": DocumentValue,
    "timeline": TimelineValue,
    "paperwork": PaperworkValue,
}


# How a reference names a stored entry in a value: "p12" is person 12, "a7" agent row 7.
REF_PREFIX = {"person_ref": "p", "agent_ref": "a"}


def ref_column(field) -> str:
    """The column that stores a reference field (`presented_by` → `presented_by_id`)."""
    return f"{field.code}_id"


def from_bundle(bundle: CaseBundle) -> IncidentValue:
    """The value of a stored incident."""
    incident = bundle.incident
    return IncidentValue(
        **{f.code: getattr(incident, f.code) for f in INCIDENT if f.kind != "agencies"},
        agencies=sorted(bundle.linked),
        agencies_287g=sorted(a for a, under in bundle.linked.items() if under),
        date_precision=incident.date_precision,
        people=[
            PersonEntry(
                key=f"p{person.id}",
                person_id=person.id,
                role=link.role,
                person=PersonValue(**{f.code: getattr(person, f.code) for f in PERSON}),
            )
            for link, person in bundle.people
        ],
        agents=[_row(AgentValue, AGENT, agent, key=f"a{agent.id}") for agent in bundle.agents],
        frt_uses=[_row(FrtUseValue, FRT_USE, use) for use in bundle.frt_uses],
        documents=[_row(DocumentValue, DOCUMENT, d) for d in bundle.documents],
        timeline=[_row(TimelineValue, TIMELINE, event) for event in bundle.timeline],
        paperwork=[_row(PaperworkValue, PAPERWORK_ROW, p) for p in bundle.paperwork],
    )


def _row(cls, entity: Entity, row, **extra):
    fields = {}
    for f in entity:
        if f.kind in REF_KINDS:
            stored = getattr(row, ref_column(f))
            fields[f.code] = f"{REF_PREFIX[f.kind]}{stored}" if stored else None
        else:
            fields[f.code] = getattr(row, f.code)
    return cls(id=row.id, **fields, **extra)


ROW_ENTITIES = {
    "agents": AGENT,
    "frt_uses": FRT_USE,
    "documents": DOCUMENT,
    "timeline": TIMELINE,
    "paperwork": PAPERWORK_ROW,
}


def _ref_names(keys) -> dict:
    """Entry key → how a reference to it compares: a stored entry's key ("p3", "a12") is the
    same before and after an edit; a new entry is named by its place among the new ones."""
    names, new = {}, 0
    for key in keys:
        if key and key[:1] in ("p", "a") and key[1:].isdigit():
            names[key] = key
        else:
            names[key] = f"new {new}"
            new += 1
    return names


def comparable(value: IncidentValue) -> dict:
    """The value as plain data without row ids and keys (a reference becomes the number of the
    entry it names), for change detection."""
    numbers = {  # a stored entry by its key ("a12"), a new one by its place among the new
        "person_ref": _ref_names(p.key for p in value.people),
        "agent_ref": _ref_names(a.key for a in value.agents),
    }
    data = dataclasses.asdict(value)
    data["people"] = [
        {"person_id": p.person_id, "role": p.role, **dataclasses.asdict(p.person)}
        for p in value.people
    ]
    for name, entity in ROW_ENTITIES.items():
        refs = [f for f in entity if f.kind in REF_KINDS]
        rows = []
        for row in data[name]:
            for f in refs:  # a reference to no entry (None) is None on both sides
                row[f.code] = numbers[f.kind].get(row[f.code]) if row[f.code] else None
            rows.append({k: v for k, v in row.items() if k not in ("id", "key")})
        data[f"{name}.ids"] = [row.id for row in getattr(value, name)]
        data[name] = rows
    for row, entity in [(data, INCIDENT), *((r, FRT_USE) for r in data["frt_uses"])]:
        for f in entity:
            if f.kind == "number" and row[f.code] is not None:
                row[f.code] = float(row[f.code])  # a form's Decimal equals the stored float
    return data


def _section_keys() -> dict[str, tuple[str, ...]]:
    keys: dict[str, list[str]] = {section: [] for section in SECTIONS}
    for f in INCIDENT:
        keys[f.section].append(f.code)
    keys["when_where"].append("date_precision")
    for name in ROW_LISTS:
        keys[name].append(name)
    return {section: tuple(names) for section, names in keys.items()}


SECTION_KEYS = _section_keys()


def changes(before: IncidentValue, after: IncidentValue) -> tuple[list[str], list[str]]:
    """The sections and field names that differ (names only, never values)."""
    old, new = comparable(before), comparable(after)
    sections, fields = [], []
    for section, keys in SECTION_KEYS.items():
        found = []
        for key in keys:
            if old[key] == new[key]:
                continue
            if key in ROW_CLASSES:
                found += _row_changes(key, old[key], new[key], old[f"{key}.ids"], new[f"{key}.ids"])
            elif key in ROW_LISTS:
                found += _row_changes(key, old[key], new[key])
            else:
                found.append(key)
        if found:
            sections.append(section)
            fields += found
    return sections, fields


def _row_changes(key: str, old_rows: list[dict], new_rows: list[dict], old_ids=(), new_ids=()):
    """The changed field names of a list of rows, then whether rows were added or removed:
    stored rows are compared with themselves (by id) when the ids are known, else in order."""
    if old_ids or new_ids:
        before = dict(zip(old_ids, old_rows, strict=True))
        pairs = [(before[i], row) for i, row in zip(new_ids, new_rows, strict=True) if i in before]
        added = any(i not in before for i in new_ids)
        removed = bool(set(before) - set(new_ids))
    else:
        pairs = list(zip(old_rows, new_rows, strict=False))
        added, removed = len(new_rows) > len(old_rows), len(new_rows) < len(old_rows)
    names = {name for a, b in pairs for name in b if a.get(name) != b.get(name)}
    found = [f"{key}.{name}" for name in sorted(names)]
    return found + [f"{key}.added"] * added + [f"{key}.removed"] * removed
