"""The incident form ↔ the typed incident value. Field names of the form are the codes of the
specification, so both directions are loops over it."""

from __future__ import annotations

from decimal import Decimal

from incidents.records.spec import (
    AGENT,
    DOCUMENT,
    FRT_USE,
    INCIDENT,
    PAPERWORK_ROW,
    PERSON,
    REF_KINDS,
    TIMELINE,
)
from incidents.records.validation import format_a_number, format_partial_date, join_codes
from incidents.records.value import (
    ROW_CLASSES,
    IncidentValue,
    PersonEntry,
    PersonValue,
)

ROW_FIELDS = {
    "agents": AGENT,
    "frt_uses": FRT_USE,
    "documents": DOCUMENT,
    "timeline": TIMELINE,
    "paperwork": PAPERWORK_ROW,
}
SIMPLE = tuple(f for f in INCIDENT if f.kind not in ("partial_date", "agencies", "codes"))
SEVERAL = tuple(f for f in INCIDENT if f.kind == "codes")
AGENCIES = tuple(f for f in INCIDENT if f.kind == "agencies")


def _plain(value):
    """Form data as stored: blanks are None, decimals are floats."""
    if value == "" or value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def _from_form(field, data):
    """A form field's data as the value holds it (several codes: 'a;b' in vocabulary order)."""
    if field.kind == "codes":
        return join_codes(field.vocabulary, data or [])
    return _plain(data)


def _int_or_none(value):
    return int(value) if value not in (None, "") and str(value).isdigit() else None


def form_to_value(form) -> IncidentValue:
    """The typed value of a validated incident form."""
    occurred_on, precision = form.occurred_on.parsed
    value = IncidentValue(
        **{f.code: _plain(getattr(form, f.code).data) for f in SIMPLE},
        occurred_on=occurred_on,
        date_precision=precision,
        **{f.code: sorted({int(a) for a in getattr(form, f.code).data or []}) for f in AGENCIES},
        **{f.code: _from_form(f, getattr(form, f.code).data) for f in SEVERAL},
    )
    value.research_consent = value.research_consent or "no"
    for row in form.people:
        f = row.form
        value.people.append(
            PersonEntry(
                key=f.key.data,
                person_id=_int_or_none(f.person_id.data),
                role=f.role.data,
                person=PersonValue(**{p.code: _plain(getattr(f, p.code).data) for p in PERSON}),
            )
        )
    for list_name, entity in ROW_FIELDS.items():
        for row in getattr(form, list_name):
            item = ROW_CLASSES[list_name](
                id=_int_or_none(row.form.row_id.data),
                **{f.code: _from_form(f, getattr(row.form, f.code).data) for f in entity},
            )
            if list_name == "agents":
                item.key = row.form.key.data
            for f in entity:
                if f.kind == "agency":  # an agency is chosen by its id
                    setattr(item, f.code, _int_or_none(getattr(item, f.code)))
            getattr(value, list_name).append(item)
    return value


def duplicate_choices(form) -> list[str]:
    """The caseworker's decision on each person row ('' when none was taken)."""
    return [row.form.duplicate_choice.data or "" for row in form.people]


def fill_form(form, value: IncidentValue, version: int) -> None:
    """Put a stored incident into a fresh (GET) incident form."""
    form.version.data = str(version)
    form.occurred_on.data = format_partial_date(value.occurred_on, value.date_precision)
    for f in SIMPLE:
        getattr(form, f.code).data = getattr(value, f.code)
    for f in AGENCIES:
        getattr(form, f.code).data = [str(a) for a in getattr(value, f.code)]
    for f in SEVERAL:
        getattr(form, f.code).data = (getattr(value, f.code) or "").split(";")
    for entry in value.people:
        row = form.people.append_entry()
        row.form.key.data = entry.key
        row.form.person_id.data = str(entry.person_id)
        row.form.role.data = entry.role
        for f in PERSON:
            stored = getattr(entry.person, f.code)
            getattr(row.form, f.code).data = (
                format_a_number(stored) if f.kind == "a_number" else stored
            )
    for list_name, entity in ROW_FIELDS.items():
        for item in getattr(value, list_name):
            row = getattr(form, list_name).append_entry()
            row.form.row_id.data = str(item.id)
            if list_name == "agents":
                row.form.key.data = item.key
            for f in entity:
                stored = getattr(item, f.code)
                if f.kind == "agency" or f.kind in REF_KINDS:
                    stored = "" if stored is None else str(stored)
                elif f.kind == "codes":
                    stored = (stored or "").split(";")
                getattr(row.form, f.code).data = stored
