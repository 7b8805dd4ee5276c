"""The team's workbench: review moves, legal actions and their deadlines, records requests."""

from __future__ import annotations

from incidents.vocab.base import vocabulary

REVIEW_ACTION = vocabulary(
    "review_action",
    ("submitted", "Submitted for review"),
    ("verified", "Verified"),
    ("returned", "Returned for changes"),
    ("reopened", "Reopened after a change"),
)

LEGAL_ACTION_KIND = vocabulary(
    "legal_action_kind",
    ("ftca_admin_claim", "FTCA administrative claim (SF-95)"),
    ("ftca_suit", "FTCA suit"),
    ("bivens", "Bivens claim"),
    ("section_1983", "§1983 suit"),
    ("state_tort_claim", "State tort claim / notice of claim"),
    ("habeas", "Habeas petition"),
    ("crcl_complaint", "Complaint to DHS CRCL"),
    ("oig_complaint", "Complaint to DHS OIG"),
    ("police_complaint", "Police internal affairs / civilian review complaint"),
    ("other", "Other"),
)

LEGAL_ACTION_STATUS = vocabulary(
    "legal_action_status",
    ("planned", "Planned"),
    ("filed", "Filed"),
    ("pending", "Pending"),
    ("denied", "Denied"),
    ("settled", "Settled"),
    ("won", "Decided for the client"),
    ("lost", "Decided against the client"),
    ("dismissed", "Dismissed"),
    ("withdrawn", "Withdrawn"),
    ("closed", "Closed"),
)

# Computed deadlines: only from rules in claims.rules, each verified against its source.
COMPUTED_DEADLINE_KIND = vocabulary(
    "computed_deadline_kind",
    ("ftca_presentment", "FTCA claim must be presented"),
    ("ftca_deemed_denial", "FTCA: no decision may be treated as a denial"),
    ("ftca_suit", "FTCA suit must be begun"),
)
ENTERED_DEADLINE_KIND = vocabulary(
    "entered_deadline_kind",
    ("filing", "Filing deadline"),
    ("notice_of_claim", "Notice of claim due"),
    ("limitation", "Limitation period ends"),
    ("response_due", "Response due"),
    ("appeal", "Appeal due"),
    ("hearing", "Hearing"),
    ("other", "Other deadline"),
)
DEADLINE_KIND = vocabulary(
    "deadline_kind", *COMPUTED_DEADLINE_KIND.items, *ENTERED_DEADLINE_KIND.items
)

RECORDS_REQUEST_KIND = vocabulary(
    "records_request_kind",
    ("foia", "FOIA request (federal)"),
    ("privacy_act", "Privacy Act request"),
    ("foia_privacy_act", "FOIA and Privacy Act request"),
    ("state_public_records", "State public-records request"),
    ("preservation_letter", "Preservation letter"),
)

RECORDS_REQUEST_STATUS = vocabulary(
    "records_request_status",
    ("sent", "Sent"),
    ("acknowledged", "Acknowledged"),
    ("partial", "Partly answered"),
    ("complete", "Complete"),
    ("denied", "Denied"),
    ("appealed", "Appealed"),
    ("litigated", "In litigation"),
)
# Requests still waiting for the agency's answer: their answer date can pass. An appealed
# request was answered; the appeal's own date is entered as a deadline with its rule.
RECORDS_REQUEST_OPEN = ("sent", "acknowledged", "partial")
