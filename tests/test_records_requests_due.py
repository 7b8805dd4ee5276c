"""The federal FOIA answer date, counted by hand on real calendars: 20 working days after the
agency's receipt (5 U.S.C. §552(a)(6)(A)(i)), Saturdays, Sundays and federal legal public
holidays left out (observed dates included), plus up to 10 working days of extension
(§552(a)(6)(B)(i)). Every expected date below was counted on a calendar, not by the code."""

from __future__ import annotations

from datetime import date

import pytest

from incidents.records_requests.due import (
    add_working_days,
    foia_due,
    is_working_day,
    legal_public_holidays,
)


def test_the_holiday_list_of_2026_is_the_federal_one_with_observed_dates():
    assert sorted(legal_public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 1, 19),  # Martin Luther King Jr. Day
        date(2026, 2, 16),  # Washington's Birthday
        date(2026, 5, 25),  # Memorial Day
        date(2026, 6, 19),  # Juneteenth (a Friday)
        date(2026, 7, 3),  # Independence Day observed: 4 July 2026 is a Saturday
        date(2026, 7, 4),  # the Saturday itself (no working day anyway)
        date(2026, 9, 7),  # Labor Day
        date(2026, 10, 12),  # Columbus Day
        date(2026, 11, 11),  # Veterans Day
        date(2026, 11, 26),  # Thanksgiving
        date(2026, 12, 25),  # Christmas (a Friday)
    ]


def test_working_days():
    assert is_working_day(date(2026, 11, 25))  # the Wednesday before Thanksgiving
    assert not is_working_day(date(2026, 11, 26))  # Thanksgiving
    assert is_working_day(date(2026, 11, 27))  # the Friday after is no legal public holiday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 7, 3))  # Friday, Independence Day observed
    assert not is_working_day(date(2027, 12, 31))  # New Year's Day 2028 (Saturday) observed


@pytest.mark.parametrize(
    ("received", "extension", "due"),
    [
        # Mon 16 Nov 2026: 17-20 Nov (4), 23-25 (7), Thanksgiving 26th skipped, 27th (8),
        # 30 Nov-4 Dec (13), 7-11 Dec (18), 14th (19), 15th (20)
        (date(2026, 11, 16), 0, date(2026, 12, 15)),
        # Tue 1 Dec 2026: 2-4 (3), 7-11 (8), 14-18 (13), 21-24 (17), Christmas (Fri) skipped,
        # 28th (18), 29th (19), 30th (20)
        (date(2026, 12, 1), 0, date(2026, 12, 30)),
        # Mon 15 Jun 2026: 16-18 (3), Juneteenth skipped, 22-26 (8), 29 Jun-2 Jul (12),
        # Fri 3 Jul (Saturday's Independence Day, observed) skipped, 6-10 (17), 13-15 (20)
        (date(2026, 6, 15), 0, date(2026, 7, 15)),
        # the same with the full 10-day extension: 16-17 Jul (22), 20-24 (27), 27-29 (30)
        (date(2026, 6, 15), 10, date(2026, 7, 29)),
        # received on a Saturday: the count starts on Monday 23 Nov 2026 — 23-25 (3),
        # Thanksgiving skipped, 27th (4), 30 Nov-4 Dec (9), 7-11 (14), 14-18 (19), 21st (20)
        (date(2026, 11, 21), 0, date(2026, 12, 21)),
        # Fri 10 Dec 2027 across the year end: 13-17 (5), 20-23 (9), Fri 24 Dec (Christmas on
        # Saturday, observed) skipped, 27-30 (13), Fri 31 Dec (New Year's Day 2028 on Saturday,
        # observed) skipped, 3-7 Jan 2028 (18), 10th (19), 11th (20)
        (date(2027, 12, 10), 0, date(2028, 1, 11)),
    ],
)
def test_foia_answer_due_from_receipt(received, extension, due):
    computed = foia_due(received_on=received, sent_on=None, extension_days=extension)
    assert computed.due_on == due
    assert computed.from_receipt and computed.counted_from == received


def test_without_a_receipt_date_the_count_starts_from_the_day_sent():
    computed = foia_due(received_on=None, sent_on=date(2026, 11, 16), extension_days=0)
    assert computed.due_on == date(2026, 12, 15) and not computed.from_receipt
    receipt_wins = foia_due(
        received_on=date(2026, 12, 1), sent_on=date(2026, 11, 16), extension_days=0
    )
    assert receipt_wins.due_on == date(2026, 12, 30) and receipt_wins.from_receipt
    assert foia_due(received_on=None, sent_on=None) is None


def test_an_extension_beyond_ten_working_days_is_refused():
    with pytest.raises(ValueError):
        foia_due(received_on=date(2026, 6, 15), sent_on=None, extension_days=11)
    with pytest.raises(ValueError):
        foia_due(received_on=date(2026, 6, 15), sent_on=None, extension_days=-1)


def test_add_working_days_never_counts_the_start():
    assert add_working_days(date(2026, 11, 25), 1) == date(2026, 11, 27)
    assert add_working_days(date(2026, 11, 25), 0) == date(2026, 11, 25)
