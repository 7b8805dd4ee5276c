"""Incident fields shown as text, by section, straight from the specification: the case page and
the dossier print the basis of the stop, status claims, biometrics and recordings this way, so
that a field declared in one of those sections is shown without another edit."""

from __future__ import annotations

from datetime import date, datetime

from incidents.records.spec import INCIDENT, SECTIONS, Field

DETAIL_SECTIONS = ("basis", "claims", "biometrics", "harm")


def _same(text: str) -> str:
    return text


def _figure(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}"


def _iso_day(value: date) -> str:
    return value.isoformat()


def _iso_moment(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def shown(
    field: Field, value, translate=_same, figure=_figure, day=_iso_day, moment=_iso_moment
) -> str:
    """A stored value as a person reads it ('' for nothing): codes as their labels, passed
    through `translate` (the reader's language), figures written by `figure(value, digits)`,
    dates by `day` and dates with a time by `moment` (ISO unless the reader's language says
    otherwise)."""
    if value in (None, ""):
        return ""
    if field.kind == "code":
        return translate(field.vocabulary.label(value))
    if field.kind == "codes":
        return ", ".join(translate(field.vocabulary.label(c)) for c in value.split(";") if c)
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date):
        return day(value)
    if isinstance(value, float):
        return figure(value, 2 if value % 1 else 0)
    return str(value)


def detail_sections(
    incident, translate=_same, figure=_figure, day=_iso_day, moment=_iso_moment
) -> list[tuple[str, list[tuple[Field, str]]]]:
    """(section title, [(field, text)]) for each detail section, every field listed; values
    as `shown` writes them with `translate`, `figure`, `day` and `moment`."""
    return [
        (
            SECTIONS[section],
            [
                (f, shown(f, getattr(incident, f.code), translate, figure, day, moment))
                for f in INCIDENT
                if f.section == section
            ],
        )
        for section in DETAIL_SECTIONS
    ]
