"""The dossier's "When and where" section: the date to the precision it is known, the local
time, the place, the type of encounter and the agencies with their level ("under a 287(g)
agreement" where the form says so). The redacted profile names the city and state only: no
street address (an identifier the redaction engine looks for), no county (as the provisions left
out say "[county]"), no ZIP code."""

from __future__ import annotations

from incidents.dossier.words import N_, _, long_date, month_year, tl
from incidents.vocab import AGENCY_LEVEL, ENCOUNTER_TYPE, US_STATE

PRECISION = {
    "day": "",
    "month": N_("(the day is not known)"),
    "year": N_("(the month and day are not known)"),
}


def date_text(value, precision: str) -> str:
    """A date written to the precision it is known, in the dossier's language: '12 September
    2025', 'September 2025' / '12 de septiembre de 2025', 'septiembre de 2025'."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return month_year(value)
    return long_date(value)


def agency_line(agency, under_287g: bool) -> str:
    """'Local: County sheriff (under a 287(g) agreement)'."""
    level = (
        tl(AGENCY_LEVEL.label(agency.level)) if agency.level in AGENCY_LEVEL else _("Level unknown")
    )
    return f"{level}: {agency.name}" + (" " + _("(under a 287(g) agreement)") if under_287g else "")


def rows(bundle, redacted: bool) -> list[tuple[str, str | None]]:
    """(label, value) pairs of the section, as the profile may print them; the agencies federal
    first, then state, local and private."""
    incident = bundle.incident
    when = date_text(incident.occurred_on, incident.date_precision)
    if PRECISION.get(incident.date_precision):
        when += " " + _(PRECISION[incident.date_precision])
    time = incident.occurred_time
    found = [(_("Date"), when), (_("Time (local)"), time.strftime("%H:%M") if time else None)]
    if not redacted:
        found.append((_("Street address or intersection"), incident.street_address))
    found.append((_("City"), incident.city))
    if not redacted:
        found.append((_("County"), incident.county))
    found.append((_("State"), US_STATE.label(incident.state) if incident.state else None))
    if not redacted:
        found.append((_("ZIP code"), incident.zip))
    levels = AGENCY_LEVEL.codes
    involved = [agency for agency in bundle.agencies if agency.id in bundle.linked]
    involved.sort(key=lambda a: levels.index(a.level) if a.level in levels else len(levels))
    agencies = [agency_line(agency, bundle.linked[agency.id]) for agency in involved]
    found += [
        (_("Type of encounter"), tl(ENCOUNTER_TYPE.label(incident.encounter_type))),
        (_("Agencies involved"), "\n".join(agencies) or None),
    ]
    return found
