"""Records attached to an incident that are not part of its form: evidence items, lawyers'
assessments and redaction decisions. Declared here only for their personal-data class — what the
redaction engine scrubs (`free_text`) or never prints in a redacted output (`direct`)."""

from __future__ import annotations

from incidents.i18n import N_
from incidents.records.spec.base import Entity, declare

EVIDENCE = Entity(
    "evidence",
    N_("Evidence"),
    declare("kind", N_("Kind"), "line", "analytic"),
    declare("title", N_("Title"), "line", "free_text", max_length=200),
    declare("description", N_("Description"), "prose", "free_text"),
    declare("provenance", N_("Provenance"), "prose", "free_text"),
    declare("captured_on", N_("Captured on"), "date", "quasi"),
    declare("retrieved_on", N_("Retrieved on"), "date", "quasi"),
    declare("original_filename", N_("Original file name"), "line", "direct", redact_as="name"),
    declare("url", N_("Address (URL)"), "line", "direct", redact_as="name"),
    declare("archive_reason", N_("Reason for archiving"), "line", "free_text", max_length=500),
    declare("redaction_regions", N_("Boxes blacked out"), "line", "analytic"),
)

ASSESSMENT = Entity(
    "assessment",
    N_("Policy assessment"),
    declare("suggested", N_("Suggested"), "line", "analytic"),
    declare("suggested_reason", N_("Why it was suggested"), "prose", "free_text"),
    declare("decision", N_("Decision"), "line", "analytic"),
    declare("reasoning", N_("Reasoning"), "prose", "free_text"),
)

REDACTION_DECISION = Entity(
    "redaction_decision",
    N_("Redaction decision"),
    declare("action", N_("Redact or restore"), "line", "analytic"),
    declare("term", N_("Words"), "line", "direct", max_length=500, redact_as="name"),
    declare("field_key", N_("Where"), "line", "analytic"),
    declare("kind", N_("Taken for"), "line", "analytic"),
    declare("occurrence", N_("Which match"), "number", "analytic"),
    declare("text_digest", N_("Fingerprint of the text seen"), "line", "analytic", max_length=16),
    declare("reason", N_("Reason"), "prose", "free_text"),
)

ATTACHED = (EVIDENCE, ASSESSMENT, REDACTION_DECISION)
