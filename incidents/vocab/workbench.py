"""The team's workbench: review moves, legal actions and their deadlines, records requests."""

from __future__ import annotations

from incidents.i18n import N_
from incidents.vocab.base import vocabulary

REVIEW_ACTION = vocabulary(
    "review_action",
    ("submitted", N_("Submitted for review")),
    ("verified", N_("Verified")),
    ("returned", N_("Returned for changes")),
    ("reopened", N_("Reopened after a change")),
)

LEGAL_ACTION_KIND = vocabulary(
    "legal_action_kind",
    ("ftca_admin_claim", N_("FTCA administrative claim (SF-95)")),
    ("ftca_suit", N_("FTCA suit")),
    ("bivens", N_("Bivens claim")),
    ("section_1983", N_("§1983 suit")),
    ("state_tort_claim", N_("State tort claim / notice of claim")),
    ("habeas", N_("Habeas petition")),
    ("crcl_complaint", N_("Complaint to DHS CRCL")),
    ("oig_complaint", N_("Complaint to DHS OIG")),
    ("police_complaint", N_("Police internal affairs / civilian review complaint")),
    ("other", N_("Other")),
)

LEGAL_ACTION_STATUS = vocabulary(
    "legal_action_status",
    ("planned", N_("Planned")),
    ("filed", N_("Filed")),
    ("pending", N_("Pending")),
    ("denied", N_("Denied")),
    ("settled", N_("Settled")),
    ("won", N_("Decided for the client")),
    ("lost", N_("Decided against the client")),
    ("dismissed", N_("Dismissed")),
    ("withdrawn", N_("Withdrawn")),
    ("closed", N_("Closed")),
)

# Computed deadlines: only from rules in claims.rules, each verified against its source.
COMPUTED_DEADLINE_KIND = vocabulary(
    "computed_deadline_kind",
    ("ftca_presentment", N_("FTCA claim must be presented")),
    ("ftca_deemed_denial", N_("FTCA: no decision may be treated as a denial")),
    ("ftca_suit", N_("FTCA suit must be begun")),
)
ENTERED_DEADLINE_KIND = vocabulary(
    "entered_deadline_kind",
    ("filing", N_("Filing deadline")),
    ("notice_of_claim", N_("Notice of claim due")),
    ("limitation", N_("Limitation period ends")),
    ("response_due", N_("Response due")),
    ("appeal", N_("Appeal due")),
    ("hearing", N_("Hearing")),
    ("other", N_("Other deadline")),
)
DEADLINE_KIND = vocabulary(
    "deadline_kind", *COMPUTED_DEADLINE_KIND.items, *ENTERED_DEADLINE_KIND.items
)

RECORDS_REQUEST_KIND = vocabulary(
    "records_request_kind",
    ("foia", N_("FOIA request (federal)")),
    ("privacy_act", N_("Privacy Act request")),
    ("foia_privacy_act", N_("FOIA and Privacy Act request")),
    ("state_public_records", N_("State public-records request")),
    ("preservation_letter", N_("Preservation letter")),
)

RECORDS_REQUEST_STATUS = vocabulary(
    "records_request_status",
    ("sent", N_("Sent")),
    ("acknowledged", N_("Acknowledged")),
    ("partial", N_("Partly answered")),
    ("complete", N_("Complete")),
    ("denied", N_("Denied")),
    ("appealed", N_("Appealed")),
    ("litigated", N_("In litigation")),
)
# Requests still waiting for the agency's answer: their answer date can pass. An appealed
# request was answered; the appeal's own date is entered as a deadline with its rule.
RECORDS_REQUEST_OPEN = ("sent", "acknowledged", "partial")
