"""The no-JavaScript mechanics of the incident form: adding and removing rows, and the
decisions a caseworker takes on possible duplicate people."""

from __future__ import annotations

from incidents.cases.mapping import FRT_FIELDS, PERSON_FIELDS, ROW_LISTS
from incidents.models import Person


def apply_row_action(form, action: str) -> bool:
    """Handle 'add:<list>' and 'remove:<list>:<entry name>'; True if the action was one."""
    parts = action.split(":")
    if len(parts) >= 2 and parts[1] in ROW_LISTS:
        rows = getattr(form, parts[1])
        if parts[0] == "add" and len(rows) < 50:
            rows.append_entry()
            return True
        if parts[0] == "remove" and len(parts) == 3:
            rows.entries = [entry for entry in rows.entries if entry.name != parts[2]]
            return True
    return False


def apply_duplicate_decisions(session, organization_id: int, data: dict) -> None:
    """Rows whose duplicate choice names an existing person get linked to it; details left
    blank in the row keep the person's stored values."""
    for row, entry in zip(data["people"], data.get("_choices", []), strict=False):
        if not entry or not entry.startswith("p") or not entry[1:].isdigit():
            continue
        person = session.get(Person, int(entry[1:]))
        if person is None or person.organization_id != organization_id:
            continue
        row["person_id"] = person.id
        for name in PERSON_FIELDS:
            if row["person"][name] in (None, ""):
                row["person"][name] = getattr(person, name)


def undecided(data: dict) -> list[dict]:
    """The person rows on which no duplicate decision was taken."""
    return [
        row
        for row, choice in zip(data["people"], data.get("_choices", []), strict=False)
        if not choice
    ]


BLANK_DEFAULTS = (None, "", "unknown")
ROW_INPUTS = {
    "people": (
        "full_name",
        "aliases",
        "date_of_birth",
        "a_number",
        "phone",
        "email",
        "street_address",
        "city",
        "zip",
        "language",
    ),
    "frt_uses": FRT_FIELDS,
    "documents": ("document_type", "notes"),
    "timeline": ("kind", "starts_at", "ends_at", "place", "description"),
}


def drop_blank_rows(form) -> None:
    """Forget rows in which nothing was entered, so an untouched row never blocks a save."""
    for list_name, names in ROW_INPUTS.items():
        rows = getattr(form, list_name)
        rows.entries = [
            entry
            for entry in rows.entries
            if any(getattr(entry.form, name).data not in BLANK_DEFAULTS for name in names)
            or (getattr(entry.form, "person_id", None) is not None and entry.form.person_id.data)
            or (getattr(entry.form, "row_id", None) is not None and entry.form.row_id.data)
        ]
