"""Deadlines and due dates as a page and as an iCalendar feed."""

from flask import Blueprint

bp = Blueprint("calendar", __name__)

from incidents.calendar import views  # noqa: E402,F401
