"""Every audit action code in words: the sentence the trail shows after the actor's name
("Lena Lawyer verified DEMO-2025-0042") and the label of the action filter.

A sentence may hold `{object}` (the event's object, as a reference or a name with a link) and
`{key}` for a detail shown inline (its words come from `trail_details.inline`); the details
used there are not repeated after the sentence. tests/test_audit_trail_codes.py fails when an
action recorded anywhere under incidents/ has no entry here. The words are English where they
are kept (the CSV export) and translated where a page draws them (`sentence_of`, `menu_of`,
`menu_groups`)."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.i18n import N_, gettext


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
    N_("Signing in and own account"): {
        "login_success": (N_("signed in"), N_("Signed in")),
        "login_password_accepted": (
            N_("gave the right password (the second factor was asked next)"),
            N_("Password accepted, second factor asked"),
        ),
        "login_failure": (N_("failed to sign in as {object}"), N_("Failed to sign in")),
        "logout": (N_("signed out"), N_("Signed out")),
        "password_changed": (N_("changed their password"), N_("Changed their password")),
        "session_ended": (N_("ended one of their sessions"), N_("Ended one of their sessions")),
        "sessions_ended": (N_("signed out their other sessions"), N_("Signed out other sessions")),
        "second_factor_enabled": (
            N_("turned on their second factor"),
            N_("Turned on a second factor"),
        ),
        "second_factor_disabled": (
            N_("turned off their second factor"),
            N_("Turned off a second factor"),
        ),
        "second_factor_code_refused": (
            N_("entered a wrong second-factor code"),
            N_("Entered a wrong second-factor code"),
        ),
        "recovery_codes_renewed": (
            N_("renewed their recovery codes"),
            N_("Renewed recovery codes"),
        ),
        "dashboard_viewed": (N_("viewed their home page"), N_("Viewed the home page")),
        "calendar_viewed": (N_("viewed the calendar of {scope}"), N_("Viewed the calendar")),
        "calendar_feed_created": (
            N_("created a calendar feed address"),
            N_("Created a calendar feed"),
        ),
        "calendar_feed_revoked": (N_("stopped their calendar feed"), N_("Stopped a calendar feed")),
        "calendar_feed_read": (
            N_("viewed the calendar feed of {scope}"),
            N_("Read the calendar feed"),
        ),
    },
    N_("Cases"): {
        "incident_created": (N_("recorded {object}"), N_("Recorded a case")),
        "incident_updated": (N_("edited {object}"), N_("Edited a case")),
        "incident_viewed": (N_("viewed {object}"), N_("Viewed a case")),
        "incident_list_viewed": (N_("viewed the list of cases"), N_("Viewed the list of cases")),
        "incident_archived": (N_("archived {object}"), N_("Archived a case")),
        "incident_restored": (N_("restored {object} from the archive"), N_("Restored a case")),
        "incident_assigned": (
            N_("changed who works on {object}"),
            N_("Changed a case's assignments"),
        ),
        "incident_submitted": (
            N_("submitted {object} for review"),
            N_("Submitted a case for review"),
        ),
        "incident_verified": (N_("verified {object}"), N_("Verified a case")),
        "incident_returned": (
            N_("returned {object} for changes"),
            N_("Returned a case for changes"),
        ),
        "incident_reopened": (
            N_("changed {object} after its verification (back to review)"),
            N_("Changed a verified case (back to review)"),
        ),
        "person_viewed": (N_("viewed {object}"), N_("Viewed a person's page")),
        "draft_restored": (
            N_("reopened their unsaved draft of the {form} form"),
            N_("Reopened an unsaved draft"),
        ),
        "assessment_made": (
            N_("assessed {object} against {provision}"),
            N_("Assessed a case against a provision"),
        ),
        "assessment_revised": (
            N_("revised the assessment of {object} against {provision}"),
            N_("Revised an assessment"),
        ),
        "dossier_generated": (
            N_("downloaded the {profile} dossier of {object}"),
            N_("Downloaded a dossier"),
        ),
        "redaction_review_viewed": (
            N_("opened the redaction review of {object}"),
            N_("Opened a redaction review"),
        ),
        "redaction_manual_added": (
            N_("added a manual redaction to {object}"),
            N_("Added a manual redaction"),
        ),
        "redaction_restored": (
            N_("restored a passage the redaction hid in {object}"),
            N_("Restored a redacted passage"),
        ),
        "redaction_decision_withdrawn": (
            N_("withdrew a redaction decision on {object}"),
            N_("Withdrew a redaction decision"),
        ),
        "redaction_reviewed": (
            N_("signed off the redaction of {object}"),
            N_("Signed off a redaction"),
        ),
    },
    N_("Evidence"): {
        "evidence_uploaded": (N_("uploaded {object}"), N_("Uploaded evidence")),
        "evidence_link_added": (N_("added {object} (a link)"), N_("Added a link as evidence")),
        "evidence_viewed": (N_("viewed {object}"), N_("Viewed evidence")),
        "evidence_preview_viewed": (
            N_("viewed the {size} of {object}"),
            N_("Viewed an evidence preview"),
        ),
        "evidence_download_started": (N_("started downloading {object}"), N_("Started a download")),
        "evidence_downloaded": (N_("downloaded {object}"), N_("Downloaded evidence")),
        "evidence_download_interrupted": (
            N_("did not finish downloading {object}"),
            N_("Interrupted download"),
        ),
        "evidence_updated": (N_("edited the description of {object}"), N_("Edited evidence")),
        "evidence_pinned": (N_("pinned {object} to a part of the case"), N_("Pinned evidence")),
        "evidence_unpinned": (N_("unpinned {object}"), N_("Unpinned evidence")),
        "evidence_archived": (N_("archived {object}"), N_("Archived evidence")),
        "evidence_restored": (N_("restored {object} from the archive"), N_("Restored evidence")),
        "evidence_faces_suggested": (
            N_("asked which faces to blur in {object}"),
            N_("Asked for faces to blur"),
        ),
        "evidence_redacted_copy_made": (
            N_("made the redacted copy {object}"),
            N_("Made a redacted copy"),
        ),
        "evidence_missing": (N_("found {object} missing"), N_("Found a stored file missing")),
        "evidence_altered": (N_("found {object} altered"), N_("Found a stored file altered")),
        "evidence_verified": (
            N_("re-hashed the stored evidence files"),
            N_("Re-hashed evidence files"),
        ),
    },
    N_("Legal actions and deadlines"): {
        "legal_action_created": (N_("added {object}"), N_("Added a legal action")),
        "legal_action_updated": (N_("edited {object}"), N_("Edited a legal action")),
        "legal_action_archived": (N_("archived {object}"), N_("Archived a legal action")),
        "legal_action_viewed": (N_("opened {object}"), N_("Opened a legal action")),
        "deadline_created": (N_("added {object}"), N_("Added a deadline")),
        "deadline_updated": (N_("edited {object}"), N_("Edited a deadline")),
        "deadline_done": (N_("marked {object} as met"), N_("Marked a deadline as met")),
        "deadline_reopened": (N_("reopened {object}"), N_("Reopened a deadline")),
        "deadline_removed": (N_("removed {object}"), N_("Removed a deadline")),
        "deadline_viewed": (N_("opened {object}"), N_("Opened a deadline")),
    },
    N_("Records requests"): {
        "records_request_created": (N_("recorded {object}"), N_("Recorded a records request")),
        "records_request_updated": (N_("edited {object}"), N_("Edited a records request")),
        "records_request_viewed": (N_("viewed {object}"), N_("Viewed a records request")),
        "records_request_list_viewed": (
            N_("viewed the list of records requests"),
            N_("Viewed the list of records requests"),
        ),
        "records_request_incident_linked": (
            N_("linked {incident} to {object}"),
            N_("Linked a case to a records request"),
        ),
        "records_request_incident_unlinked": (
            N_("unlinked {incident} from {object}"),
            N_("Unlinked a case from a records request"),
        ),
        "records_request_archived": (N_("archived {object}"), N_("Archived a records request")),
        "records_request_restored": (
            N_("restored {object} from the archive"),
            N_("Restored a records request"),
        ),
    },
    N_("Policies"): {
        "policies_loaded": (
            N_("loaded the built-in policy library"),
            N_("Loaded the policy library"),
        ),
        "policy_created": (N_("added the policy {object}"), N_("Added a policy")),
        "policy_updated": (N_("edited the policy {object}"), N_("Edited a policy")),
        "provision_created": (N_("added the provision {object}"), N_("Added a provision")),
        "provision_updated": (N_("edited the provision {object}"), N_("Edited a provision")),
    },
    N_("Imports and exports"): {
        "incidents_import_checked": (
            N_("checked a file of cases to import (nothing saved)"),
            N_("Checked an import file"),
        ),
        "incidents_imported": (N_("imported cases from a file"), N_("Imported cases")),
        "incident_rows_import_checked": (
            N_("checked a file of {rows_of} rows to import (nothing saved)"),
            N_("Checked a file of rows to import"),
        ),
        "incident_rows_imported": (N_("imported {rows_of} rows from a file"), N_("Imported rows")),
        "import_check_viewed": (
            N_("read the report of a file of cases checked by {object}"),
            N_("Read an import check's report"),
        ),
        "import_template_downloaded": (
            N_("downloaded an import template"),
            N_("Downloaded a template"),
        ),
        "research_page_viewed": (
            N_("viewed the research export page"),
            N_("Viewed the research page"),
        ),
        "research_export": (
            N_("downloaded the anonymized research export"),
            N_("Downloaded the research export"),
        ),
        "research_export_refused": (
            N_("was refused the research export"),
            N_("Refused the research export"),
        ),
        "research_export_written": (
            N_("had the anonymized research export written to a file by a job"),
            N_("Research export written to a file"),
        ),
        "research_export_downloaded": (
            N_("downloaded the research export's file from {object}"),
            N_("Downloaded the research export's file"),
        ),
        "research_release_withdrawn": (
            N_("withdrew a researcher's release of research data"),
            N_("Withdrew a research release"),
        ),
        "research_dictionary_downloaded": (
            N_("downloaded the research data dictionary"),
            N_("Downloaded the data dictionary"),
        ),
    },
    N_("Background jobs"): {
        "job_started": (N_("started {object}: {job_kind}"), N_("Started a background job")),
        "job_done": (N_("had {object} ({job_kind}) finish"), N_("A background job finished")),
        "job_failed": (N_("had {object} ({job_kind}) fail"), N_("A background job failed")),
        "job_list_viewed": (
            N_("viewed the list of background jobs"),
            N_("Viewed the list of jobs"),
        ),
        "job_viewed": (N_("opened the page of {object}"), N_("Opened a job's page")),
        "job_result_downloaded": (
            N_("downloaded the result of {object}"),
            N_("Downloaded a job's result"),
        ),
        "job_result_refused": (
            N_("was refused the result of {object}: missing or altered"),
            N_("Refused a job's result"),
        ),
        "job_results_expired": (
            N_("deleted job results past their kept period"),
            N_("Deleted expired job results"),
        ),
    },
    N_("Administration"): {
        "organization_created": (
            N_("created the organization {object}"),
            N_("Created the organization"),
        ),
        "organization_updated": (
            N_("changed the organization's settings"),
            N_("Changed the organization's settings"),
        ),
        "second_factor_rule_changed": (
            N_("changed the second-factor rule"),
            N_("Changed the second-factor rule"),
        ),
        "user_created": (N_("created the account of {object}"), N_("Created an account")),
        "user_updated": (N_("changed the account of {object}"), N_("Changed an account")),
        "user_role_changed": (N_("changed the role of {object}"), N_("Changed a role")),
        "user_activated": (N_("reactivated the account of {object}"), N_("Reactivated an account")),
        "user_deactivated": (
            N_("deactivated the account of {object}"),
            N_("Deactivated an account"),
        ),
        "user_password_reset": (
            N_("issued a new one-time password to {object}"),
            N_("Reset a password"),
        ),
        "user_sessions_ended": (N_("signed {object} out everywhere"), N_("Signed an account out")),
        "user_second_factor_reset": (
            N_("removed the second factor of {object}"),
            N_("Removed a second factor"),
        ),
        "agency_added": (N_("added the agency {object}"), N_("Added an agency")),
        "agency_updated": (N_("edited the agency {object}"), N_("Edited an agency")),
        "demo_incidents_seeded": (
            N_("added synthetic demonstration cases"),
            N_("Added demo cases"),
        ),
        "audit_verified": (N_("verified the audit trail's chain"), N_("Verified the audit chain")),
        "audit_trail_exported": (
            N_("downloaded the audit trail as a spreadsheet (CSV)"),
            N_("Downloaded the audit trail"),
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


def sentence_of(action: Action) -> str:
    """The action's sentence in the reader's language (its placeholders kept)."""
    if action.known:
        return gettext(action.sentence)
    return gettext("did “%(words)s”", words=action.code.replace("_", " "))


def menu_of(action: Action) -> str:
    """The action's filter label in the reader's language."""
    return gettext(action.menu) if action.known else action.menu


def menu_groups() -> dict[str, list[tuple[str, str]]]:
    """The action filter's options in the reader's language: group → (code, label), labels
    sorted."""
    return {
        gettext(group): sorted(
            ((code, gettext(menu)) for code, (_s, menu) in rows.items()), key=lambda p: p[1]
        )
        for group, rows in _TABLE.items()
    }
