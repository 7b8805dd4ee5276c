"""The signed-in landing page."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from incidents.main import views  # noqa: E402,F401
