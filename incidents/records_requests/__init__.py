"""Records requests: FOIA, Privacy Act, state public records, preservation letters."""

from flask import Blueprint

bp = Blueprint("records_requests", __name__)

from incidents.evidence.storage import incoming_file  # noqa: E402
from incidents.records_requests import record_views, views  # noqa: E402,F401
from incidents.records_requests.sections import case_section  # noqa: E402
from incidents.requests import UPLOAD_STREAMS  # noqa: E402

UPLOAD_STREAMS["records_requests.upload_records"] = incoming_file
bp.add_app_template_global(case_section, "records_requests_section")
