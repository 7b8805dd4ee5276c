"""Updating a stored incident from a spreadsheet row (`--update`): the row's filled cells
replace the stored values, blank cells keep them; the timeline and other rows are untouched.
Which cell fills which field is the specification's `import_column`."""

from __future__ import annotations

import copy

from incidents.imports.columns import BY_NAME
from incidents.imports.rows import ImportRow
from incidents.records.value import FrtUseValue, IncidentValue, PersonEntry


def overlay(before: IncidentValue, row: ImportRow) -> IncidentValue:
    """The stored incident's value with the row's filled cells."""
    after = copy.deepcopy(before)
    new = row.value
    after.occurred_on, after.date_precision = new.occurred_on, new.date_precision
    filled = [BY_NAME[name] for name in sorted(row.filled) if name in BY_NAME]
    subject = _subject(after) if any(c.group == "subject" for c in filled) else None
    use = _first_use(after) if any(c.group == "frt" for c in filled) else None
    for column in filled:
        if column.group == "incident":
            setattr(after, column.field.code, getattr(new, column.field.code))
        elif column.group == "subject":
            code = column.field.code
            setattr(subject.person, code, getattr(new.people[0].person, code))
        elif column.group == "frt":
            setattr(use, column.field.code, getattr(new.frt_uses[0], column.field.code))
    if "documents_presented" in row.filled:
        key = next((p.key for p in after.people if p.role == "subject"), None)
        after.documents = copy.deepcopy(new.documents)
        for document in after.documents:
            document.presented_by = key
    return after


def _subject(value: IncidentValue) -> PersonEntry:
    """The first subject, added if the incident has none."""
    for entry in value.people:
        if entry.role == "subject":
            return entry
    entry = PersonEntry(key="import", role="subject")
    value.people.append(entry)
    return entry


def _first_use(value: IncidentValue) -> FrtUseValue:
    """The first FRT use, added (answers 'unknown') if the incident has none."""
    if not value.frt_uses:
        value.frt_uses.append(FrtUseValue())
    return value.frt_uses[0]
