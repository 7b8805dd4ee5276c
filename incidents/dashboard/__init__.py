"""The home page of each role: work waiting, deadlines, and charts."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from incidents.dashboard import views  # noqa: E402,F401
