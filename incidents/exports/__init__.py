"""Anonymized research exports."""

from flask import Blueprint

bp = Blueprint("exports", __name__, url_prefix="/research")

from incidents.exports.in_language import published  # noqa: E402

bp.add_app_template_filter(published, "published")  # the aggregate tables' figures

from incidents.exports import views  # noqa: E402,F401
