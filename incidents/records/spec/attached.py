"""Records attached to an incident that are not part of its form: evidence items, lawyers'
assessments and redaction decisions. Declared here only for their personal-data class — what the
redaction engine scrubs (`free_text`) or never prints in a redacted output (`direct`)."""

from __future__ import annotations

from incidents.records.spec.base import Entity, declare

EVIDENCE = Entity(
    "evidence",
    "Evidence",
    declare("kind", "Kind", "line", "analytic"),
    declare("title", "Title", "line", "free_text", max_length=200),
    declare("description", "Description", "prose", "free_text"),
    declare("provenance", "Provenance", "prose", "free_text"),
    declare("captured_on", "Captured on", "date", "quasi"),
    declare("retrieved_on", "Retrieved on", "date", "quasi"),
    declare("original_filename", "Original file name", "line", "direct", redact_as="name"),
    declare("url", "Address (URL)", "line", "direct", redact_as="name"),
    declare("archive_reason", "Reason for archiving", "line", "free_text", max_length=500),
    declare("redaction_regions", "Boxes blacked out", "line", "analytic"),
)

ASSESSMENT = Entity(
    "assessment",
    "Policy assessment",
    declare("suggested", "Suggested", "line", "analytic"),
    declare("suggested_reason", "Why it was suggested", "prose", "free_text"),
    declare("decision", "Decision", "line", "analytic"),
    declare("reasoning", "Reasoning", "prose", "free_text"),
)

REDACTION_DECISION = Entity(
    "redaction_decision",
    "Redaction decision",
    declare("action", "Redact or restore", "line", "analytic"),
    declare("term", "Words", "line", "direct", max_length=500, redact_as="name"),
    declare("field_key", "Where", "line", "analytic"),
    declare("kind", "Taken for", "line", "analytic"),
    declare("occurrence", "Which match", "number", "analytic"),
    declare("text_digest", "Fingerprint of the text seen", "line", "analytic", max_length=16),
    declare("reason", "Reason", "prose", "free_text"),
)

ATTACHED = (EVIDENCE, ASSESSMENT, REDACTION_DECISION)
