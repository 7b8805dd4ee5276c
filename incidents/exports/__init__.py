"""Anonymized research exports."""

from flask import Blueprint

bp = Blueprint("exports", __name__, url_prefix="/research")

from incidents.exports import views  # noqa: E402,F401
