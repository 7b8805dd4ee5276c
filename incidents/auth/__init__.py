"""Sign-in, sign-out and the user's own password."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from incidents.auth import language_views, views  # noqa: E402,F401
