"""Records requests: FOIA, Privacy Act, state public records, preservation letters."""

from flask import Blueprint

bp = Blueprint("records_requests", __name__)
