"""Background jobs (huey): long work — bundles of dossiers, verification of every stored
file — runs outside the request, with its progress on a page and a result file to download.
See `kinds` for how a feature adds a kind of job, `queue` for the huey setup."""

from flask import Blueprint

bp = Blueprint("jobs", __name__)

from incidents.jobs import views  # noqa: E402,F401
