"""Template helpers: role-aware navigation and formatting filters."""

from __future__ import annotations

from datetime import datetime

from flask import request
from flask_login import current_user

from incidents.vocab import ROLE

# (endpoint, label, roles that see it) — the navigation each role gets.
NAVIGATION = (
    ("main.home", "Home", {"admin", "caseworker", "lawyer", "researcher"}),
    ("admin.users", "Users", {"admin"}),
    ("admin.audit", "Audit trail", {"admin"}),
    ("admin.organization", "Organization", {"admin"}),
)


def navigation_for(user) -> list[tuple[str, str]]:
    """The navigation entries a user may see."""
    if not user.is_authenticated:
        return []
    return [(endpoint, label) for endpoint, label, roles in NAVIGATION if user.role in roles]


def format_utc(value: datetime | None) -> str:
    """A UTC timestamp for display."""
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else "—"


def init_templating(app) -> None:
    """Register filters and globals."""
    app.jinja_env.filters["utc"] = format_utc
    app.jinja_env.filters["role_label"] = ROLE.label

    @app.context_processor
    def _inject():
        return {
            "nav_items": navigation_for(current_user),
            "current_endpoint": request.endpoint if request else None,
        }
