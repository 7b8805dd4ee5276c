"""When an agency must answer a records request: the one rule this application computes.

Federal FOIA (kinds `foia` and `foia_privacy_act`) — 5 U.S.C. §552(a)(6)(A)(i): the agency shall
"determine within 20 days (excepting Saturdays, Sundays, and legal public holidays) after the
receipt of any such request whether to comply with such request". §552(a)(6)(B)(i) lets the
agency extend that time by written notice for unusual circumstances: "No such notice shall
specify a date that would result in an extension for more than ten working days".

So the answer is due on the 20th working day after receipt, plus the extension's working days
(at most 10). Working days are Monday to Friday except the federal legal public holidays as
observed (a Saturday holiday is observed on the Friday before, a Sunday holiday on the Monday
after), taken from the `holidays` library (`holidays.US`).

The count starts from the agency's receipt; while the receipt date is not recorded it starts
from the day the request was sent, and every page showing the date says so. Privacy Act
requests, state public-records requests and preservation letters get no computed date: the
user enters one together with the rule relied on. Nothing else is ever computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from incidents.i18n import N_

FOIA_RULE = "foia"  # the `due_rule` of a computed date (calendar.entries reads it)
FOIA_KINDS = ("foia", "foia_privacy_act")
RESPONSE_WORKING_DAYS = 20
MAX_EXTENSION_WORKING_DAYS = 10

RULE_TEXT = (
    "5 U.S.C. §552(a)(6)(A)(i): the agency shall “determine within 20 days (excepting "
    "Saturdays, Sundays, and legal public holidays) after the receipt of any such request "
    "whether to comply with such request”."
)
EXTENSION_TEXT = (
    "5 U.S.C. §552(a)(6)(B)(i), on extensions by written notice for unusual circumstances: "
    "“No such notice shall specify a date that would result in an extension for more than "
    "ten working days”."
)
SOURCE = N_(  # translated where a page shows it
    "The statute text as reproduced at https://www.law.cornell.edu/uscode/text/5/552; the "
    "extension sentence as enacted by Pub. L. 93-502, 88 Stat. 1563."
)
FROM_SENT_CAVEAT = N_(  # translated where a page shows it
    "Counted from the day sent: the statute counts from receipt; enter the receipt date from "
    "the agency's acknowledgement."
)
HOLIDAYS_NOTE = N_(  # translated where a page shows it
    "Working days: Monday to Friday, except federal legal public holidays as observed "
    "(Python library “holidays”, United States)."
)


def is_foia(kind: str | None) -> bool:
    """Whether a request of this kind is a federal FOIA request (its due date is computed)."""
    return kind in FOIA_KINDS


@lru_cache(maxsize=64)
def legal_public_holidays(year: int) -> frozenset[date]:
    """The federal legal public holidays falling in a year, observed dates included (the
    Friday before a Saturday holiday, the Monday after a Sunday one: so New Year's Day 2028,
    a Saturday, is observed on Friday 31 December 2027)."""
    return frozenset(holidays.US(years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a federal legal public holiday (as observed)."""
    return day.weekday() < 5 and day not in legal_public_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (`start` itself never counts, whatever day
    it is); `start` when count is 0."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


@dataclass(frozen=True)
class FoiaDue:
    """A computed FOIA due date and what it was counted from."""

    due_on: date
    counted_from: date
    from_receipt: bool  # False: counted from the day sent (receipt date not recorded)
    extension_days: int


def foia_due(
    *, received_on: date | None, sent_on: date | None, extension_days: int = 0
) -> FoiaDue | None:
    """The day a federal FOIA request must be answered: 20 working days after receipt (after
    sending, while the receipt is not recorded) plus the extension's working days; None
    without either date. Refuses an extension of more than 10 working days."""
    if not 0 <= extension_days <= MAX_EXTENSION_WORKING_DAYS:
        raise ValueError("an extension is 0 to 10 working days")
    start = received_on or sent_on
    if start is None:
        return None
    return FoiaDue(
        due_on=add_working_days(start, RESPONSE_WORKING_DAYS + extension_days),
        counted_from=start,
        from_receipt=received_on is not None,
        extension_days=extension_days,
    )
