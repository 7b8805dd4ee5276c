"""Every audit action code in words: the sentence the trail shows after the actor's name
("Lena Lawyer verified DEMO-2025-0042") and the label of the action filter.

A sentence may hold `{object}` (the event's object, as a reference or a name with a link) and
`{key}` for a detail shown inline (its words come from `trail_details.inline`); the details
used there are not repeated after the sentence. tests/test_audit_trail_codes.py fails when an
action recorded anywhere under incidents/ has no entry here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    """How one action code reads."""

    code: str
    sentence: str  # after the actor: "verified {object}"
    menu: str  # the filter's label: "Verified a case"
    group: str
    known: bool = True  # False: a code this version has no words for


# group → code → (sentence, menu label)
_TABLE: dict[str, dict[str, tuple[str, str]]] = {
    "Signing in and own account": {
        "login_success": ("signed in", "Signed in"),
        "login_password_accepted": (
            "gave the right password (the second factor was asked next)",
            "Password accepted, second factor asked",
        ),
        "login_failure": ("failed to sign in as {object}", "Failed to sign in"),
        "logout": ("signed out", "Signed out"),
        "password_changed": ("changed their password", "Changed their password"),
        "session_ended": ("ended one of their sessions", "Ended one of their sessions"),
        "sessions_ended": ("signed out their other sessions", "Signed out other sessions"),
        "second_factor_enabled": ("turned on their second factor", "Turned on a second factor"),
        "second_factor_disabled": (
            "turned off their second factor",
            "Turned off a second factor",
        ),
        "second_factor_code_refused": (
            "entered a wrong second-factor code",
            "Entered a wrong second-factor code",
        ),
        "recovery_codes_renewed": ("renewed their recovery codes", "Renewed recovery codes"),
        "dashboard_viewed": ("viewed their home page", "Viewed the home page"),
        "calendar_viewed": ("viewed the calendar of {scope}", "Viewed the calendar"),
        "calendar_feed_created": ("created a calendar feed address", "Created a calendar feed"),
        "calendar_feed_revoked": ("stopped their calendar feed", "Stopped a calendar feed"),
        "calendar_feed_read": ("viewed the calendar feed of {scope}", "Read the calendar feed"),
    },
    "Cases": {
        "incident_created": ("recorded {object}", "Recorded a case"),
        "incident_updated": ("edited {object}", "Edited a case"),
        "incident_viewed": ("viewed {object}", "Viewed a case"),
        "incident_list_viewed": ("viewed the list of cases", "Viewed the list of cases"),
        "incident_archived": ("archived {object}", "Archived a case"),
        "incident_restored": ("restored {object} from the archive", "Restored a case"),
        "incident_assigned": ("changed who works on {object}", "Changed a case's assignments"),
        "incident_submitted": ("submitted {object} for review", "Submitted a case for review"),
        "incident_verified": ("verified {object}", "Verified a case"),
        "incident_returned": ("returned {object} for changes", "Returned a case for changes"),
        "incident_reopened": (
            "changed {object} after its verification (back to review)",
            "Changed a verified case (back to review)",
        ),
        "person_viewed": ("viewed {object}", "Viewed a person's page"),
        "draft_restored": (
            "reopened their unsaved draft of the {form} form",
            "Reopened an unsaved draft",
        ),
        "assessment_made": (
            "assessed {object} against {provision}",
            "Assessed a case against a provision",
        ),
        "assessment_revised": (
            "revised the assessment of {object} against {provision}",
            "Revised an assessment",
        ),
        "dossier_generated": (
            "downloaded the {profile} dossier of {object}",
            "Downloaded a dossier",
        ),
        "redaction_review_viewed": (
            "opened the redaction review of {object}",
            "Opened a redaction review",
        ),
        "redaction_manual_added": (
            "added a manual redaction to {object}",
            "Added a manual redaction",
        ),
        "redaction_restored": (
            "restored a passage the redaction hid in {object}",
            "Restored a redacted passage",
        ),
        "redaction_decision_withdrawn": (
            "withdrew a redaction decision on {object}",
            "Withdrew a redaction decision",
        ),
        "redaction_reviewed": ("signed off the redaction of {object}", "Signed off a redaction"),
    },
    "Evidence": {
        "evidence_uploaded": ("uploaded {object}", "Uploaded evidence"),
        "evidence_link_added": ("added {object} (a link)", "Added a link as evidence"),
        "evidence_viewed": ("viewed {object}", "Viewed evidence"),
        "evidence_preview_viewed": ("viewed the {size} of {object}", "Viewed an evidence preview"),
        "evidence_download_started": ("started downloading {object}", "Started a download"),
        "evidence_downloaded": ("downloaded {object}", "Downloaded evidence"),
        "evidence_download_interrupted": (
            "did not finish downloading {object}",
            "Interrupted download",
        ),
        "evidence_updated": ("edited the description of {object}", "Edited evidence"),
        "evidence_pinned": ("pinned {object} to a part of the case", "Pinned evidence"),
        "evidence_unpinned": ("unpinned {object}", "Unpinned evidence"),
        "evidence_archived": ("archived {object}", "Archived evidence"),
        "evidence_restored": ("restored {object} from the archive", "Restored evidence"),
        "evidence_faces_suggested": (
            "asked which faces to blur in {object}",
            "Asked for faces to blur",
        ),
        "evidence_redacted_copy_made": ("made the redacted copy {object}", "Made a redacted copy"),
        "evidence_missing": ("found {object} missing", "Found a stored file missing"),
        "evidence_altered": ("found {object} altered", "Found a stored file altered"),
        "evidence_verified": ("re-hashed the stored evidence files", "Re-hashed evidence files"),
    },
    "Legal actions and deadlines": {
        "legal_action_created": ("added {object}", "Added a legal action"),
        "legal_action_updated": ("edited {object}", "Edited a legal action"),
        "legal_action_archived": ("archived {object}", "Archived a legal action"),
        "legal_action_viewed": ("opened {object}", "Opened a legal action"),
        "deadline_created": ("added {object}", "Added a deadline"),
        "deadline_updated": ("edited {object}", "Edited a deadline"),
        "deadline_done": ("marked {object} as met", "Marked a deadline as met"),
        "deadline_reopened": ("reopened {object}", "Reopened a deadline"),
        "deadline_removed": ("removed {object}", "Removed a deadline"),
        "deadline_viewed": ("opened {object}", "Opened a deadline"),
    },
    "Records requests": {
        "records_request_created": ("recorded {object}", "Recorded a records request"),
        "records_request_updated": ("edited {object}", "Edited a records request"),
        "records_request_viewed": ("viewed {object}", "Viewed a records request"),
        "records_request_list_viewed": (
            "viewed the list of records requests",
            "Viewed the list of records requests",
        ),
        "records_request_incident_linked": (
            "linked {incident} to {object}",
            "Linked a case to a records request",
        ),
        "records_request_incident_unlinked": (
            "unlinked {incident} from {object}",
            "Unlinked a case from a records request",
        ),
        "records_request_archived": ("archived {object}", "Archived a records request"),
        "records_request_restored": (
            "restored {object} from the archive",
            "Restored a records request",
        ),
    },
    "Policies": {
        "policies_loaded": ("loaded the built-in policy library", "Loaded the policy library"),
        "policy_created": ("added the policy {object}", "Added a policy"),
        "policy_updated": ("edited the policy {object}", "Edited a policy"),
        "provision_created": ("added the provision {object}", "Added a provision"),
        "provision_updated": ("edited the provision {object}", "Edited a provision"),
    },
    "Imports and exports": {
        "incidents_import_checked": (
            "checked a file of cases to import (nothing saved)",
            "Checked an import file",
        ),
        "incidents_imported": ("imported cases from a file", "Imported cases"),
        "incident_rows_import_checked": (
            "checked a file of {rows_of} rows to import (nothing saved)",
            "Checked a file of rows to import",
        ),
        "incident_rows_imported": ("imported {rows_of} rows from a file", "Imported rows"),
        "import_check_viewed": (
            "read the report of a file of cases checked by {object}",
            "Read an import check's report",
        ),
        "import_template_downloaded": ("downloaded an import template", "Downloaded a template"),
        "research_page_viewed": ("viewed the research export page", "Viewed the research page"),
        "research_export": (
            "downloaded the anonymized research export",
            "Downloaded the research export",
        ),
        "research_export_refused": (
            "was refused the research export",
            "Refused the research export",
        ),
        "research_export_written": (
            "had the anonymized research export written to a file by a job",
            "Research export written to a file",
        ),
        "research_export_downloaded": (
            "downloaded the research export's file from {object}",
            "Downloaded the research export's file",
        ),
        "research_release_withdrawn": (
            "withdrew a researcher's release of research data",
            "Withdrew a research release",
        ),
        "research_dictionary_downloaded": (
            "downloaded the research data dictionary",
            "Downloaded the data dictionary",
        ),
    },
    "Background jobs": {
        "job_started": ("started {object}: {job_kind}", "Started a background job"),
        "job_done": ("had {object} ({job_kind}) finish", "A background job finished"),
        "job_failed": ("had {object} ({job_kind}) fail", "A background job failed"),
        "job_list_viewed": ("viewed the list of background jobs", "Viewed the list of jobs"),
        "job_viewed": ("opened the page of {object}", "Opened a job's page"),
        "job_result_downloaded": (
            "downloaded the result of {object}",
            "Downloaded a job's result",
        ),
        "job_result_refused": (
            "was refused the result of {object}: missing or altered",
            "Refused a job's result",
        ),
        "job_results_expired": (
            "deleted job results past their kept period",
            "Deleted expired job results",
        ),
    },
    "Administration": {
        "organization_created": ("created the organization {object}", "Created the organization"),
        "organization_updated": (
            "changed the organization's settings",
            "Changed the organization's settings",
        ),
        "second_factor_rule_changed": (
            "changed the second-factor rule",
            "Changed the second-factor rule",
        ),
        "user_created": ("created the account of {object}", "Created an account"),
        "user_updated": ("changed the account of {object}", "Changed an account"),
        "user_role_changed": ("changed the role of {object}", "Changed a role"),
        "user_activated": ("reactivated the account of {object}", "Reactivated an account"),
        "user_deactivated": ("deactivated the account of {object}", "Deactivated an account"),
        "user_password_reset": (
            "issued a new one-time password to {object}",
            "Reset a password",
        ),
        "user_sessions_ended": ("signed {object} out everywhere", "Signed an account out"),
        "user_second_factor_reset": (
            "removed the second factor of {object}",
            "Removed a second factor",
        ),
        "agency_added": ("added the agency {object}", "Added an agency"),
        "agency_updated": ("edited the agency {object}", "Edited an agency"),
        "demo_incidents_seeded": ("added synthetic demonstration cases", "Added demo cases"),
        "audit_verified": ("verified the audit trail's chain", "Verified the audit chain"),
        "audit_trail_exported": (
            "downloaded the audit trail as a spreadsheet (CSV)",
            "Downloaded the audit trail",
        ),
    },
}

ACTIONS: dict[str, Action] = {
    code: Action(code, sentence, menu, group)
    for group, rows in _TABLE.items()
    for code, (sentence, menu) in rows.items()
}
EXPORTED = "audit_trail_exported"


def action_of(code: str) -> Action:
    """The words of an action; an unknown code (recorded by an older version) reads as its
    words, never as a bare code."""
    known = ACTIONS.get(code)
    if known is not None:
        return known
    words = code.replace("_", " ")
    return Action(code, f"did “{words}”", words.capitalize(), "Other", known=False)


def menu_groups() -> dict[str, list[tuple[str, str]]]:
    """The action filter's options: group → (code, label), labels sorted."""
    return {
        group: sorted(((code, menu) for code, (_s, menu) in rows.items()), key=lambda p: p[1])
        for group, rows in _TABLE.items()
    }
