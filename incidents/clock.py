"""Today's date where the team works (config TIMEZONE), not where the server runs: a deadline
is due, and becomes overdue, by the team's calendar."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "America/New_York"


def today() -> date:
    """Today in the configured time zone (the default zone outside an application)."""
    zone = current_app.config.get("TIMEZONE", DEFAULT_ZONE) if has_app_context() else DEFAULT_ZONE
    return datetime.now(ZoneInfo(zone)).date()
