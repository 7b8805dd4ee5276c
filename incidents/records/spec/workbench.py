"""Records of the team's workbench kept beside an incident: review comments, legal actions,
deadlines and records requests. Declared here for their personal-data class — what a redacted
output scrubs (`free_text`) or never prints (`direct`), and what never leaves the team."""

from __future__ import annotations

from incidents.i18n import N_
from incidents.records.spec.base import Entity, declare
from incidents.vocab import (
    DEADLINE_KIND,
    LEGAL_ACTION_KIND,
    LEGAL_ACTION_STATUS,
    RECORDS_REQUEST_KIND,
    RECORDS_REQUEST_STATUS,
    REVIEW_ACTION,
)

REVIEW_EVENT = Entity(
    "review_event",
    N_("Review move"),
    declare("action", N_("Move"), "code", "analytic", vocabulary=REVIEW_ACTION),
    declare("from_status", N_("From"), "line", "analytic"),
    declare("to_status", N_("To"), "line", "analytic"),
    declare("comment", N_("Comment"), "prose", "free_text", max_length=4000),
    declare("occurred_at", N_("When"), "line", "quasi"),
)

LEGAL_ACTION = Entity(
    "legal_action",
    N_("Legal action"),
    declare("kind", N_("Kind of action"), "code", "analytic", vocabulary=LEGAL_ACTION_KIND),
    # may name an officer: scrubbed like free text in a redacted dossier
    declare("against", N_("Against whom"), "line", "free_text", max_length=300),
    declare("accrued_on", N_("Claim accrued on"), "date", "quasi"),
    declare("filed_on", N_("Filed, presented or sent on"), "date", "quasi"),
    declare("denial_mailed_on", N_("Final denial mailed on"), "date", "quasi"),
    declare("status", N_("Status"), "code", "analytic", vocabulary=LEGAL_ACTION_STATUS),
    declare("outcome", N_("Outcome"), "prose", "free_text", max_length=4000),
    declare("notes", N_("Notes"), "prose", "free_text", max_length=4000),
)

DEADLINE = Entity(
    "deadline",
    N_("Deadline"),
    declare("kind", N_("Kind of deadline"), "code", "analytic", vocabulary=DEADLINE_KIND),
    declare("due_on", N_("Due on"), "date", "quasi"),
    declare("computed", N_("Computed"), "line", "analytic"),
    declare("rule", N_("Rule relied on"), "line", "free_text", max_length=500),
    declare("source", N_("Source of the rule"), "line", "free_text", max_length=500),
    declare("done_on", N_("Done on"), "date", "quasi"),
    declare("note", N_("Note"), "prose", "free_text", max_length=2000),
)

RECORDS_REQUEST = Entity(
    "records_request",
    N_("Records request"),
    declare("kind", N_("Kind of request"), "code", "analytic", vocabulary=RECORDS_REQUEST_KIND),
    declare("agency_id", N_("Agency"), "line", "analytic"),
    declare("component", N_("Component or office"), "line", "free_text", max_length=200),
    declare("subject", N_("Records asked for"), "prose", "free_text", max_length=4000),
    declare("sent_on", N_("Sent on"), "date", "quasi"),
    declare("received_on", N_("Received by the agency on"), "date", "quasi"),
    # the agency files the request under the requester's name: an identifier
    declare(
        "tracking_number", N_("Tracking number"), "line", "direct", max_length=100, redact_as="term"
    ),
    declare("extension_days", N_("Extension (working days)"), "number", "analytic"),
    declare("due_on", N_("Answer due on"), "date", "quasi"),
    declare("due_rule", N_("Rule the due date relies on"), "line", "free_text", max_length=500),
    declare("status", N_("Status"), "code", "analytic", vocabulary=RECORDS_REQUEST_STATUS),
    declare("status_on", N_("Status since"), "date", "quasi"),
    declare("fees", N_("Fees (USD)"), "number", "analytic"),
    declare("notes", N_("Notes"), "prose", "free_text", max_length=4000),
)

FORM_DRAFT = Entity(
    "form_draft",
    N_("Unsaved form draft"),
    declare("form_key", N_("Form"), "line", "analytic", max_length=100),
    # everything the form holds, identifiers included: never exported, printed or logged
    declare("data", N_("What was typed"), "prose", "free_text", max_length=1_000_000),
)

WORKBENCH = (REVIEW_EVENT, LEGAL_ACTION, DEADLINE, RECORDS_REQUEST, FORM_DRAFT)
