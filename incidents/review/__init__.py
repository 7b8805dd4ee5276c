"""Review workflow of incidents: submit, verify, return for changes; assignments."""

from flask import Blueprint

bp = Blueprint("review", __name__)

from incidents.review import views  # noqa: E402,F401
