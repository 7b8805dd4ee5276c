"""Deadlines computed from verified rules only. Each rule names the statute it comes from (as
recorded in shared/reference/policies.md) and says in plain words how the date was computed;
no other deadline is ever computed — a lawyer enters it with the rule relied on.

FTCA (28 U.S.C. §2401(b), §2675(a)), per the reference: a tort claim against the United States
must be presented in writing to the agency within two years after it accrues, and suit begun
within six months after the agency mails its final denial; the agency's failure to decide within
six months may be deemed a final denial."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from incidents.i18n import N_

CLOSED = ("settled", "won", "lost", "dismissed", "withdrawn", "closed")
# dates from which the client may act (never overdue): six months of silence after presentment
MILESTONES = frozenset({"ftca_deemed_denial"})
CAUTION = N_(
    "Confirm the last day under the counting rules that apply (weekends, holidays, mailing)."
)


@dataclass(frozen=True)
class Rule:
    """A verified rule: the deadline kind it gives, its words and where they come from."""

    code: str  # the deadline kind (COMPUTED_DEADLINE_KIND)
    statement: str  # the rule in plain words (a paraphrase of the source, never a quotation)
    source: str  # the citation (never translated)
    arithmetic: str  # how the date is computed (statement and arithmetic: translated where shown)


RULES = {
    "ftca_presentment": Rule(
        "ftca_presentment",
        N_(
            "A tort claim against the United States must be presented in writing to the agency "
            "within two years after it accrues."
        ),
        "28 U.S.C. §2401(b)",
        N_("the date the claim accrued (as the lawyer recorded it) plus two years"),
    ),
    "ftca_deemed_denial": Rule(
        "ftca_deemed_denial",
        N_(
            "The agency's failure to decide a claim within six months after it was presented "
            "may be deemed a final denial (from this date the claimant may treat silence as a "
            "denial)."
        ),
        "28 U.S.C. §2675(a)",
        N_("the date the claim was presented plus six months"),
    ),
    "ftca_suit": Rule(
        "ftca_suit",
        N_("Suit must be begun within six months after the agency mails its final denial."),
        "28 U.S.C. §2401(b)",
        N_("the date the final denial was mailed plus six months"),
    ),
}


def add_months(day: date, months: int) -> date:
    """The same calendar day `months` later (the last day of the month when it has fewer)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Computed:
    """A deadline computed by a rule for one legal action."""

    kind: str
    due_on: date
    done_on: date | None


def ftca_deadlines(action, suits_filed: list[date]) -> list[Computed]:
    """The computed deadlines of an FTCA administrative claim (other kinds have none).
    `suits_filed`: filing dates of the incident's FTCA suits (meeting the suit deadline).
    Nothing is computed from a date the lawyer has not recorded."""
    if action.kind != "ftca_admin_claim":
        return []
    closed = action.status in CLOSED
    found = []
    if action.accrued_on is not None and (action.filed_on or not closed):
        due = add_months(action.accrued_on, 24)
        found.append(Computed("ftca_presentment", due, action.filed_on))
    if action.filed_on is not None and action.denial_mailed_on is None and not closed:
        found.append(Computed("ftca_deemed_denial", add_months(action.filed_on, 6), None))
    if action.denial_mailed_on is not None:
        filed = [d for d in suits_filed if d >= action.denial_mailed_on]
        if filed or not closed:
            due = add_months(action.denial_mailed_on, 6)
            found.append(Computed("ftca_suit", due, min(filed) if filed else None))
    return found
