"""The no-JavaScript mechanics of the incident form: adding and removing rows, and the
decisions a caseworker takes on possible duplicate people."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from incidents.models import Person
from incidents.records.spec import (
    AGENT,
    DOCUMENT,
    FRT_USE,
    PAPERWORK_ROW,
    PERSON,
    TIMELINE,
)
from incidents.records.value import ROW_LISTS


def apply_row_action(form, action: str, formdata=None) -> bool:
    """Handle 'add:<list>', 'remove:<list>:<entry name>' and 'up:'/'down:<list>:<entry name>'
    (moving a row by one place, read back from the posted `formdata`); True if the action
    was one."""
    parts = action.split(":")
    if len(parts) >= 2 and parts[1] in ROW_LISTS:
        rows = getattr(form, parts[1])
        if parts[0] == "add" and len(rows) < 50:
            rows.append_entry()
            return True
        if parts[0] == "remove" and len(parts) == 3:
            rows.entries = [entry for entry in rows.entries if entry.name != parts[2]]
            return True
        if parts[0] in ("up", "down") and len(parts) == 3 and formdata is not None:
            move_row(rows, formdata, parts[2], -1 if parts[0] == "up" else 1)
            return True
    return False


def move_row(rows, formdata, entry_name: str, step: int) -> None:
    """Swap one row with its neighbour. WTForms reads rows back in the order of the numbers in
    their names, so the list is read again from the posted data with every row renumbered in
    its new order (0, 1, 2…); a move past either end leaves the list as it is."""
    names = [entry.name for entry in rows.entries]
    if entry_name not in names:
        return
    here = names.index(entry_name)
    there = here + step
    if 0 <= there < len(names):
        names[here], names[there] = names[there], names[here]
    renamed = MultiDict()
    new_prefix = {f"{name}-": f"{rows.name}-{index}-" for index, name in enumerate(names)}
    for key, value in formdata.items(multi=True):
        old = (
            key[: key.find("-", len(rows.name) + 1) + 1] if key.startswith(f"{rows.name}-") else ""
        )
        renamed.add(new_prefix[old] + key[len(old) :] if old in new_prefix else key, value)
    rows.process(renamed)


def apply_duplicate_decisions(session, organization_id: int, value, choices: list[str]) -> None:
    """Entries whose duplicate choice names an existing person get linked to it; details left
    blank in the row keep the person's stored values."""
    for entry, choice in zip(value.people, choices, strict=False):
        if not choice or not choice.startswith("p") or not choice[1:].isdigit():
            continue
        person = session.get(Person, int(choice[1:]))
        if person is None or person.organization_id != organization_id:
            continue
        entry.person_id = person.id
        for f in PERSON:
            if getattr(entry.person, f.code) in (None, ""):
                setattr(entry.person, f.code, getattr(person, f.code))


def undecided(value, choices: list[str]) -> list:
    """The person entries on which no duplicate decision was taken."""
    return [entry for entry, choice in zip(value.people, choices, strict=False) if not choice]


BLANK_DEFAULTS = (None, "", "unknown")
# What a person types in a row: a row with none of these entered (blank, or the preset
# "unknown") was not filled in. Presets such as the role, and "presented by" (which the new-row
# form may preset), do not count; choosing who scanned or acted does.
ROW_INPUTS = {
    name: tuple(f.code for f in entity if f.kind != "person_ref")
    for name, entity in (
        ("people", PERSON),
        ("agents", AGENT),
        ("frt_uses", FRT_USE),
        ("documents", DOCUMENT),
        ("timeline", TIMELINE),
        ("paperwork", PAPERWORK_ROW),
    )
}


def _entered(field) -> bool:
    """Something was typed: a value, or text that could not be read as one (a date written
    04/02/1996, a score written 85%) — that row must stay, to show the field's error."""
    if field.data not in BLANK_DEFAULTS and field.data != []:  # several codes: none ticked
        return True
    return any(
        isinstance(raw, str) and raw.strip() not in BLANK_DEFAULTS for raw in field.raw_data or ()
    )


def drop_blank_rows(form) -> None:
    """Forget rows in which nothing was entered, so an untouched row never blocks a save."""
    for list_name, names in ROW_INPUTS.items():
        rows = getattr(form, list_name)
        rows.entries = [
            entry
            for entry in rows.entries
            if any(_entered(getattr(entry.form, name)) for name in names)
            or (getattr(entry.form, "person_id", None) is not None and entry.form.person_id.data)
            or (getattr(entry.form, "row_id", None) is not None and entry.form.row_id.data)
        ]
