"""Policy library and policy analysis of incidents."""

from flask import Blueprint

from incidents.policies.provenance import (
    library_note,
    page_since_words,
    page_source_line,
    page_status_line,
    page_status_words,
    scope_words,
)
from incidents.policies.reason_words import reason_html

bp = Blueprint("policies", __name__)
# Every page that shows a provision (the library, the case page) shows where its words come
# from and the footing of its policy.
bp.add_app_template_filter(page_source_line, "source_line")
bp.add_app_template_filter(page_status_line, "status_line")
bp.add_app_template_filter(page_status_words, "status_words")
bp.add_app_template_filter(scope_words, "scope_words")
bp.add_app_template_filter(page_since_words, "since_words")
bp.add_app_template_filter(library_note, "library_note")
# the reasons the library generates, in the reader's language (web pages only; not the dossier);
# what stays English is marked so
bp.add_app_template_filter(reason_html, "policy_reason")

from incidents.policies import views  # noqa: E402,F401
