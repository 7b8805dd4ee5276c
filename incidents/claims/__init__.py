"""Legal actions (claims, suits, complaints) of an incident and their deadlines."""

from flask import Blueprint

bp = Blueprint("claims", __name__)

from incidents.claims import views  # noqa: E402,F401
