"""Administration: the organization's accounts, its settings and the audit trail."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from incidents.admin import audit_views, views  # noqa: E402,F401
