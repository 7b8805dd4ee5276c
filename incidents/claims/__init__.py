"""Legal actions (claims, suits, complaints) of an incident and their deadlines."""

from flask import Blueprint

bp = Blueprint("claims", __name__)
