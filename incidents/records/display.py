"""Incident fields shown as text, by section, straight from the specification: the case page and
the dossier print the basis of the stop, status claims, biometrics and recordings this way, so
that a field declared in one of those sections is shown without another edit."""

from __future__ import annotations

from datetime import date, datetime

from incidents.records.spec import INCIDENT, SECTIONS, Field

DETAIL_SECTIONS = ("basis", "claims", "biometrics", "harm")


def shown(field: Field, value) -> str:
    """A stored value as a person reads it ('' for nothing)."""
    if value in (None, ""):
        return ""
    if field.kind == "code":
        return field.vocabulary.label(value)
    if field.kind == "codes":
        return ", ".join(field.vocabulary.label(code) for code in value.split(";") if code)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.2f}" if value % 1 else f"{value:,.0f}"
    return str(value)


def detail_sections(incident) -> list[tuple[str, list[tuple[Field, str]]]]:
    """(section title, [(field, text)]) for each detail section, every field listed."""
    return [
        (
            SECTIONS[section],
            [(f, shown(f, getattr(incident, f.code))) for f in INCIDENT if f.section == section],
        )
        for section in DETAIL_SECTIONS
    ]
