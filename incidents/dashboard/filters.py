"""The incident list's filters on the home page: the same form, the same query parameters, so
that a chart and the list show the same incidents and "open in the list" keeps the filters."""

from __future__ import annotations

from collections.abc import Mapping

from flask import url_for
from sqlmodel import Session

from incidents.cases.list_forms import FilterForm
from incidents.forms_common import select_choices
from incidents.i18n import _l
from incidents.records.access import agency_choices

CHART_FIELDS = (
    "date_from",
    "date_to",
    "known_to",
    "state",
    "agency",
    "frt_system",
    "encounter_type",
    "legal_status",
    "outcome",
    "status",
    "assigned",
    "violated",
    "sole_basis",
    "docs_disregarded",
)


def filter_form(session: Session, args: Mapping[str, str]) -> tuple[FilterForm, dict, bool, dict]:
    """(form, filters that validated, whether some were dropped, their query parameters as
    given). Sorting is the list's own business: it is not shown here, but kept in the links."""
    form = FilterForm(args)
    form.agency.choices = select_choices([("", _l("Any")), *agency_choices(session)])
    filters, dropped = form.valid_filters()
    kept = {name: args[name] for name in filters if name in args}
    return form, filters, dropped, kept


def list_url_for(kept: dict):
    """A function giving the incident list's address for these filters narrowed by `changes`
    (a chart row's own filter), or None when the list cannot show that row's incidents: a date
    range is intersected with the active one; another value of a filter already active (a
    second FRT system) cannot be expressed, so that row gets no link."""

    def list_url(**changes) -> str | None:
        merged = dict(kept)
        for name, value in changes.items():
            if name == "date_from" and kept.get(name):
                value = max(value, kept[name])
            elif name == "date_to" and kept.get(name):
                value = min(value, kept[name])
            elif name == "known_to" and kept.get(name):
                value = "day" if "day" in (value, kept[name]) else value  # the stricter
            elif name in kept and kept[name] != value:
                return None
            merged[name] = value
        return url_for("cases.list_incidents", **merged)

    return list_url
