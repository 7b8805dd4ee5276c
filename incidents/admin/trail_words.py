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
# count key → the words after the number ("{s}": the plural's s)
COUNTS = {
    "rows": "row{s}",
    "imported": "imported",
    "updated": "updated",
    "rejected": "rejected",
    "problems": "problem{s}",
    "added": "added",
    "already_recorded": "already recorded",
    "exhibits": "exhibit{s}",
    "areas": "area{s} blurred",
    "checked": "file{s} checked",
    "missing": "missing",
    "altered": "altered",
    "provisions": "provision{s}",
    "organizations": "organization{s}",
    "incidents_eligible": "case{s} eligible",
    "rows_exported": "row{s} exported",
    "rows_suppressed": "row{s} suppressed",
    "evidence_cited": "evidence item{s} cited",
    "count": "case{s}",
    "legal_actions": "legal action{s}",
    "sessions": "session{s} ended",
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
NAMED = {"k": "k", "l": "l", "k_required": "k required", "k_achieved": "k achieved"}
