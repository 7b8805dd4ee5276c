"""Evidence locker: byte-exact uploads, links, previews, pins, custody log, verification."""

from flask import Blueprint

bp = Blueprint("evidence", __name__)

from incidents.evidence import file_views, redact_views, verify_views, views  # noqa: E402,F401
from incidents.evidence.custody_words import action_words, detail_words  # noqa: E402
from incidents.evidence.services import unpin_removed_rows  # noqa: E402
from incidents.evidence.storage import discard_unclaimed, incoming_file, init_store  # noqa: E402
from incidents.records.operations import ROW_REMOVAL_HOOKS  # noqa: E402
from incidents.requests import UPLOAD_STREAMS  # noqa: E402

bp.record_once(lambda state: init_store(state.app))
bp.teardown_app_request(discard_unclaimed)
UPLOAD_STREAMS["evidence.upload"] = incoming_file
# a custody log's words in the reader's language (the evidence page, a records request's page)
bp.add_app_template_filter(action_words, "custody_action")
bp.add_app_template_filter(detail_words, "custody_detail")
if unpin_removed_rows not in ROW_REMOVAL_HOOKS:
    ROW_REMOVAL_HOOKS.append(unpin_removed_rows)
