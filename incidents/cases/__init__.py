"""Case records: incidents, people, FRT uses, documents presented, timelines."""

from flask import Blueprint

bp = Blueprint("cases", __name__)

from incidents.cases import (  # noqa: E402,F401
    agency_views,
    assessment_views,
    draft_views,
    edit_views,
    people_views,
    review_views,
    views,
)
