"""What a failed form tells its user: every error, in the order of the fields, with the element
each one belongs to — for the error summary at the top of every form and for the choice groups
(radio buttons, checkbox lists) that the form macros render as a fieldset with a legend
(templates/_macros/forms.html)."""

from __future__ import annotations

from wtforms import FieldList, FormField
from wtforms.widgets import ListWidget

from incidents.i18n import translate_label

NOT_SHOWN = {"CSRFTokenField", "HiddenField"}


def is_choice_group(field) -> bool:
    """True for a group of radio buttons or checkboxes (a fieldset, not a single label)."""
    return isinstance(field.widget, ListWidget)


def error_target(field) -> str | None:
    """The id a summary link moves to: the input itself, a group's first option, or nothing
    for a field the user does not see."""
    if field.type in NOT_SHOWN:
        return None
    if is_choice_group(field):
        first = next(iter(field), None)
        return first.id if first is not None else field.id
    return field.id


def summary_items(form, rows: dict[str, str] | None = None) -> list[tuple[str | None, str]]:
    """(target id or None, message) for each error of `form`, its rows' included; a message
    is preceded by its field's label (and row: "Person 2", with `rows` naming a list's rows as
    the page does, else the list's label) so that it reads on its own in the summary."""
    items: list[tuple[str | None, str]] = []
    for field in form:
        _collect(field, "", items, rows or {})
    items.extend((None, str(message)) for message in getattr(form, "form_errors", ()) or ())
    return items


def _collect(field, row: str, items: list, rows: dict[str, str]) -> None:
    if isinstance(field, FieldList):
        noun = rows.get(field.short_name) or translate_label(str(field.label.text))
        for number, entry in enumerate(field.entries, start=1):
            _collect(entry, f"{row}{noun} {number}, ", items, rows)
        return
    if isinstance(field, FormField):
        for sub in field.form:
            _collect(sub, row, items, rows)
        return
    target = error_target(field)
    label = translate_label(str(field.label.text)).rstrip(" :") if target else ""
    for message in field.errors:
        joint = " " if label.endswith(("?", ".")) else ": "
        text = f"{row}{label}{joint}{message}" if label else f"{row}{message}"
        items.append((target, text))
