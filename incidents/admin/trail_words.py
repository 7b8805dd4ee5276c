"""Words for the codes and counts that audit details hold (see trail_details)."""

from __future__ import annotations

REASONS = {
    "bad_password": "wrong password",
    "unknown_account": "no account has that email address",
    "throttled": "too many attempts: sign-in paused for a while",
    "inactive": "the account is deactivated",
    "bad_second_factor": "wrong second-factor code",
}
SCOPES = {"mine": "their own cases", "all": "the whole organization"}
# count key → (the noun counted, or None for a participle; the words after it)
COUNTS = {
    "rows": ("row", ""),
    "imported": (None, "imported"),
    "updated": (None, "updated"),
    "rejected": (None, "rejected"),
    "problems": ("problem", ""),
    "added": (None, "added"),
    "already_recorded": (None, "already recorded"),
    "exhibits": ("exhibit", ""),
    "areas": ("area", " blurred"),
    "checked": ("file", " checked"),
    "missing": (None, "missing"),
    "altered": (None, "altered"),
    "provisions": ("provision", ""),
    "organizations": ("organization", ""),
    "incidents_eligible": ("case", " eligible"),
    "rows_exported": ("row", " exported"),
    "rows_suppressed": ("row", " suppressed"),
    "evidence_cited": ("evidence item", " cited"),
    "count": ("case", ""),
    "legal_actions": ("legal action", ""),
    "sessions": ("session", " ended"),
    "expired": ("job result", " deleted"),
}
FLAGS = {
    "search": "with a search",
    "archived": "archived cases",
    "research": "research charts",
    "second_factor": "with a second factor",
    "calendar_feed_stopped": "calendar feed stopped",
    "override": "differs from the suggestion",
    "skip_invalid": "invalid rows skipped",
    "refused": "refused: nothing saved",
    "prepared": "export prepared",
}
# anonymization settings of the research export (k-anonymity, l-diversity)
NAMED = {
    "k": "Chosen k",
    "l": "Chosen l",
    "k_required": "Required k",
    "k_achieved": "Achieved k",
    "l_required": "Required l",
    "l_achieved": "Achieved l",
}
