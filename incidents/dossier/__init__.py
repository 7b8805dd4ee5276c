"""PDF case dossiers for counsel (full) and for partners or press (redacted)."""

from flask import Blueprint

bp = Blueprint("dossier", __name__)

from incidents.dossier import bundle_views, review_views, views  # noqa: E402,F401
