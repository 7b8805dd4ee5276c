"""Template helpers: role-aware navigation and formatting filters."""

from __future__ import annotations

from datetime import datetime

from flask import request
from flask_login import current_user

from incidents.form_errors import is_choice_group, summary_items
from incidents.i18n import (
    N_,
    current_language,
    day_month_year,
    gettext,
    number,
    shown_moment,
    translate_label,
)
from incidents.records.countries import country_name
from incidents.records.validation import format_a_number
from incidents.sessions import device_words
from incidents.vocab import BY_NAME, ROLE
from incidents.vocab.agencies import shown_agency_name
from incidents.wording import plural

# (endpoint, label, roles that see it) — the navigation each role gets.
CASE_STAFF = {"admin", "caseworker", "lawyer"}
NAVIGATION = (
    ("main.home", N_("Home"), {"admin", "caseworker", "lawyer", "researcher"}),
    ("cases.list_incidents", N_("Incidents"), CASE_STAFF),
    ("cases.new_incident", N_("New incident"), CASE_STAFF),
    ("calendar.page", N_("Calendar"), CASE_STAFF),
    ("cases.agencies", N_("Agencies"), {"admin", "caseworker"}),
    ("records_requests.list_requests", N_("Records requests"), CASE_STAFF),
    ("jobs.list_jobs", N_("Jobs"), CASE_STAFF),
    ("imports.page", N_("Import"), {"admin", "caseworker"}),
    ("policies.library", N_("Policies"), {"admin", "caseworker", "lawyer", "researcher"}),
    ("exports.page", N_("Research data"), {"admin", "researcher"}),
    ("admin.users", N_("Users"), {"admin"}),
    ("admin.audit", N_("Audit trail"), {"admin"}),
    ("admin.organization", N_("Organization"), {"admin"}),
)


def navigation_for(user) -> list[tuple[str, str]]:
    """The navigation entries a user may see."""
    if not user.is_authenticated:
        return []
    return [
        (endpoint, translate_label(label))
        for endpoint, label, roles in NAVIGATION
        if user.role in roles
    ]


def exif_time(value: str | None) -> str:
    """A camera clock reading as stored in EXIF ("2025:10:14 08:03:11") written as a date and
    time ("14 Oct 2025, 08:03:11"); anything else as it is."""
    if not value:
        return gettext("not recorded")
    try:
        moment = datetime.strptime(value.strip(), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return value
    return f"{day_month_year(moment, 'day')}, {moment:%H:%M:%S}"


def format_utc(value: datetime | None) -> str:
    """A UTC timestamp for display, its day written as the page's other dates
    ("2026-03-17 10:05:00 UTC" / "17 mar 2026, 10:05:00 UTC")."""
    return f"{shown_moment(value, seconds=True)} UTC" if value else "—"


def vocab_label(code: str | None, vocabulary: str) -> str:
    """The human label of a code of a named vocabulary."""
    return translate_label(BY_NAME[vocabulary].label(code))


def vocab_labels(codes: str | None, vocabulary: str) -> str:
    """The labels of several codes stored separated by ;, or '—'."""
    known = BY_NAME[vocabulary]
    found = [translate_label(known.label(code)) for code in (codes or "").split(";") if code]
    return ", ".join(found) or "—"


def role_label(code: str | None) -> str:
    """A role's label in the page's language."""
    return translate_label(ROLE.label(code))


def partial_date(value, precision: str | None) -> str:
    """A date shown to its known precision: 14 Mar 2025, March 2025, 2025."""
    if value is None:
        return "—"
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return day_month_year(value, "month")
    return day_month_year(value, "day")


def hours(value) -> str:
    """Hours with one decimal, or a dash."""
    return "—" if value is None else number(float(value), 1)


def filesize(value) -> str:
    """Bytes in human units."""
    if value is None:
        return "—"
    size = float(value)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            if unit == "bytes":
                return f"{number(size)} {gettext('bytes')}"
            return f"{number(size, 1)} {unit}"
        size /= 1024
    return str(value)


def init_templating(app) -> None:
    """Register filters and globals."""
    app.jinja_env.filters["utc"] = format_utc
    app.jinja_env.filters["role_label"] = role_label
    app.jinja_env.filters["label"] = vocab_label
    app.jinja_env.filters["labels"] = vocab_labels
    app.jinja_env.filters["a_number"] = format_a_number
    app.jinja_env.filters["country"] = lambda code: country_name(code, current_language())
    app.jinja_env.filters["partial_date"] = partial_date
    app.jinja_env.filters["hours"] = hours
    app.jinja_env.filters["filesize"] = filesize
    app.jinja_env.filters["plural"] = plural
    app.jinja_env.filters["exif_time"] = exif_time
    app.jinja_env.filters["device"] = device_words
    # a shared seeded agency's generic name in the page's language ("Oficina del sheriff")
    app.jinja_env.filters["agency_name"] = lambda a: shown_agency_name(a.name, a.organization_id)

    @app.context_processor
    def _inject():
        return {
            "nav_items": navigation_for(current_user),
            "current_endpoint": request.endpoint if request else None,
        }

    app.jinja_env.globals["form_error_items"] = summary_items
    app.jinja_env.globals["is_choice_group"] = is_choice_group
