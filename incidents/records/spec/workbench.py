"""Records of the team's workbench kept beside an incident: review comments, legal actions,
deadlines and records requests. Declared here for their personal-data class — what a redacted
output scrubs (`free_text`) or never prints (`direct`), and what never leaves the team."""

from __future__ import annotations

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
    "Review move",
    declare("action", "Move", "code", "analytic", vocabulary=REVIEW_ACTION),
    declare("from_status", "From", "line", "analytic"),
    declare("to_status", "To", "line", "analytic"),
    declare("comment", "Comment", "prose", "free_text", max_length=4000),
    declare("occurred_at", "When", "line", "quasi"),
)

LEGAL_ACTION = Entity(
    "legal_action",
    "Legal action",
    declare("kind", "Kind of action", "code", "analytic", vocabulary=LEGAL_ACTION_KIND),
    # may name an officer: scrubbed like free text in a redacted dossier
    declare("against", "Against whom", "line", "free_text", max_length=300),
    declare("accrued_on", "Claim accrued on", "date", "quasi"),
    declare("filed_on", "Filed, presented or sent on", "date", "quasi"),
    declare("denial_mailed_on", "Final denial mailed on", "date", "quasi"),
    declare("status", "Status", "code", "analytic", vocabulary=LEGAL_ACTION_STATUS),
    declare("outcome", "Outcome", "prose", "free_text", max_length=4000),
    declare("notes", "Notes", "prose", "free_text", max_length=4000),
)

DEADLINE = Entity(
    "deadline",
    "Deadline",
    declare("kind", "Kind of deadline", "code", "analytic", vocabulary=DEADLINE_KIND),
    declare("due_on", "Due on", "date", "quasi"),
    declare("computed", "Computed", "line", "analytic"),
    declare("rule", "Rule relied on", "line", "free_text", max_length=500),
    declare("source", "Source of the rule", "line", "free_text", max_length=500),
    declare("done_on", "Done on", "date", "quasi"),
    declare("note", "Note", "prose", "free_text", max_length=2000),
)

RECORDS_REQUEST = Entity(
    "records_request",
    "Records request",
    declare("kind", "Kind of request", "code", "analytic", vocabulary=RECORDS_REQUEST_KIND),
    declare("agency_id", "Agency", "line", "analytic"),
    declare("component", "Component or office", "line", "free_text", max_length=200),
    declare("subject", "Records asked for", "prose", "free_text", max_length=4000),
    declare("sent_on", "Sent on", "date", "quasi"),
    declare("received_on", "Received by the agency on", "date", "quasi"),
    # the agency files the request under the requester's name: an identifier
    declare(
        "tracking_number", "Tracking number", "line", "direct", max_length=100, redact_as="term"
    ),
    declare("extension_days", "Extension (working days)", "number", "analytic"),
    declare("due_on", "Answer due on", "date", "quasi"),
    declare("due_rule", "Rule the due date relies on", "line", "free_text", max_length=500),
    declare("status", "Status", "code", "analytic", vocabulary=RECORDS_REQUEST_STATUS),
    declare("status_on", "Status since", "date", "quasi"),
    declare("fees", "Fees (USD)", "number", "analytic"),
    declare("notes", "Notes", "prose", "free_text", max_length=4000),
)

FORM_DRAFT = Entity(
    "form_draft",
    "Unsaved form draft",
    declare("form_key", "Form", "line", "analytic", max_length=100),
    # everything the form holds, identifiers included: never exported, printed or logged
    declare("data", "What was typed", "prose", "free_text", max_length=1_000_000),
)

WORKBENCH = (REVIEW_EVENT, LEGAL_ACTION, DEADLINE, RECORDS_REQUEST, FORM_DRAFT)
