"""Policy library and policy analysis of incidents."""

from flask import Blueprint

bp = Blueprint("policies", __name__)

from incidents.policies import views  # noqa: E402,F401
