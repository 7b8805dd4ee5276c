"""Bulk import of incidents from spreadsheets (CSV): validation report, template and guide."""

from flask import Blueprint

bp = Blueprint("imports", __name__)

from incidents.imports import row_views, views  # noqa: E402,F401
