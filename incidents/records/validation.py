"""Field rules for case data, one implementation for the web forms and the spreadsheet import:
`parse` and `check` apply a field's rules as the specification declares them. Each raises
ValueError with the message shown next to the field or in the import report."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache

from email_validator import EmailNotValidError, validate_email
from flask_babel.speaklater import LazyString

from incidents.i18n import N_, _l, current_language, gettext, number
from incidents.records.code_values import (  # noqa: F401 (the field rules' own names)
    check_alone,
    join_codes,
    parse_code,
    parse_codes,
    parse_country,
)
from incidents.records.spec import Field

A_NUMBER = re.compile(r"^A?(\d{7,9})$")
ZIP = re.compile(r"^\d{5}(-\d{4})?$")
ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
SIMPLE_LOCAL = re.compile(rf"^{ATEXT}(?:\.{ATEXT})*$")
PHONE_ALLOWED = re.compile(r"^\+?[\d\s().\-]+$")
# Control characters (C0, DEL and C1: U+009B is a terminal's escape), line and paragraph
# separators, and bidirectional overrides (which can make a name display as something else);
# prose keeps tab and line feed.
# Control characters, bidirectional overrides and invisible characters that could make two
# names look alike (zero-width space, word joiner, byte-order mark, direction marks, soft
# hyphen). The zero-width joiner and non-joiner stay: some scripts and emoji need them.
INVISIBLE = "\u00ad\u061c\u200b\u200e\u200f\u2060\ufeff"
CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069{INVISIBLE}]")
PROSE_CONTROL = re.compile(
    rf"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069{INVISIBLE}]"
)
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_partial_date(text: str, *, today: date | None = None) -> tuple[date, str]:
    """'2025-03-14', '2025-03' or '2025' → (first possible day, precision); not in the future."""
    match = PARTIAL_DATE.match((text or "").strip())
    if not match:
        raise ValueError(_l("Use YYYY-MM-DD, or YYYY-MM or YYYY if the exact day is not known."))
    year, month, day = match.groups()
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(_l("This date does not exist.")) from None
    if value < EARLIEST_INCIDENT:
        raise ValueError(_l("The date must be in %(year)s or later.", year=EARLIEST_INCIDENT.year))
    if value > (today or date.today()):
        raise ValueError(_l("The date cannot be in the future."))
    precision = "day" if day else "month" if month else "year"
    return value, precision


def format_partial_date(value: date | None, precision: str | None) -> str:
    """The editable text form of a stored partial date."""
    if value is None:
        return ""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def normalize_a_number(text: str) -> str:
    """'A 123-456-78' → 'A012345678' (A followed by 7-9 digits, stored as A + 9 digits)."""
    compact = re.sub(r"[\s\-.]", "", (text or "")).upper()
    match = A_NUMBER.match(compact)
    if not match:
        raise ValueError(_l("An A-number is the letter A followed by 7 to 9 digits."))
    return "A" + match.group(1).zfill(9)


def format_a_number(value: str | None) -> str:
    """Display form: A012-345-678."""
    if not value or len(value) != 10:
        return value or ""
    return f"A{value[1:4]}-{value[4:7]}-{value[7:]}"


def normalize_zip(text: str) -> str:
    """A 5-digit ZIP code, optionally ZIP+4."""
    value = (text or "").strip()
    if not ZIP.match(value):
        raise ValueError(_l("Use a 5-digit ZIP code, or ZIP+4 (12345-6789)."))
    return value


def normalize_phone(text: str) -> str:
    """Digits with the usual separators; 7 to 15 digits."""
    value = " ".join((text or "").split())
    digits = re.sub(r"\D", "", value)
    if not PHONE_ALLOWED.match(value) or not 7 <= len(digits) <= 15:
        raise ValueError(_l("Use a phone number of 7 to 15 digits, e.g. +1 312 555 0142."))
    return value


def normalize_email_address(text: str) -> str:
    """A syntactically valid email address, lower-cased domain. An ASCII dot-atom local part
    (the usual kind) is checked here and its domain once per domain; anything else goes
    through the full validator."""
    value = (text or "").strip()
    local, _, domain = value.rpartition("@")
    try:
        if SIMPLE_LOCAL.match(local) and len(local) <= 64:
            normalized = f"{local}@{_email_domain(domain)}"
            if len(normalized) <= 254:
                return normalized
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(LazyString(_email_refused, str(error))) from None


def _email_refused(reason: str) -> str:
    """Why an email address was refused: English keeps the email-validator library's detail
    (in English only); another language says it in its own words."""
    if current_language() == "en":
        return N_("Invalid email address: %(reason)s") % {"reason": reason}
    return gettext("Invalid email address: it should read like name@example.org.")


@cache
def _email_domain(domain: str) -> str:
    """A domain checked by the full validator (raises EmailNotValidError), normalised."""
    return validate_email(f"x@{domain}", check_deliverability=False).domain


def fold(text: str | None) -> str:
    """Lower case, accents removed, whitespace collapsed: for matching names and search."""
    text = text or ""
    if text.isascii():  # nothing to decompose: the common case, much faster
        return " ".join(text.casefold().split())
    stripped = NON_ASCII.sub(_unless_combining, unicodedata.normalize("NFKD", text))
    return " ".join(stripped.casefold().split())


NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _unless_combining(match: re.Match) -> str:
    """A run of non-ASCII characters without its combining ones (accents)."""
    return "".join(ch for ch in match.group() if not unicodedata.combining(ch))


EARLIEST_INCIDENT = date(1990, 1, 1)
EARLIEST_BIRTH = date(1900, 1, 1)


def too_long(max_length: int):
    """ "Field cannot be longer than 50,000 characters.", the figure in the page's language
    ("50.000"), for the field rules and the forms' length checks alike."""
    return _l(
        "Field cannot be longer than %(most)s characters.", most=LazyString(number, max_length)
    )


def check_line(text: str | None, max_length: int) -> str | None:
    """Single-line text: trimmed, no control characters, not longer than max_length."""
    if CONTROL.search(text or ""):  # before trimming: U+0085 counts as white space
        raise ValueError(_l("Remove the control characters (some are invisible) from this field."))
    value = (text or "").strip()
    if len(value) > max_length:
        raise ValueError(too_long(max_length))
    return value or None


def check_prose(text: str | None, max_length: int) -> str | None:
    """Multi-line text: LF line ends, trailing space trimmed, not longer than max_length."""
    value = (text or "").replace("\r\n", "\n")
    if PROSE_CONTROL.search(value):  # before trimming: U+0085 counts as white space
        raise ValueError(_l("Remove the control characters (some are invisible) from this field."))
    value = value.rstrip()
    if len(value) > max_length:
        raise ValueError(too_long(max_length))
    return value or None


def check_date_of_birth(value: date | None, *, today: date | None = None) -> date | None:
    """Born in the past, within a human lifetime."""
    if value and not EARLIEST_BIRTH <= value <= (today or date.today()):
        raise ValueError(_l("The date of birth must be between 1900 and today."))
    return value


def check_consent_date(consent: str | None, value: date | None) -> date | None:
    """A consent date only with consent, from 1990 and not in the future."""
    if value and consent != "yes":
        raise ValueError(_l("Leave the date empty when there is no consent."))
    return check_recent(value)


def parse_number(text: str, minimum: float | None, maximum: float | None) -> float:
    """A decimal number within [minimum, maximum]."""
    try:
        value = float((text or "").strip())
    except ValueError:
        raise ValueError(_l("Enter a number, e.g. 18 or 2.5.")) from None
    return check_range(value, minimum, maximum)


def check_range(value: float, minimum: float | None, maximum: float | None) -> float:
    """A number within [minimum, maximum] (either bound may be None)."""
    if (
        value != value
        or (minimum is not None and value < minimum)
        or (maximum is not None and value > maximum)
    ):
        # the bounds written when the message is drawn, with the reader's marks
        low = "" if minimum is None else LazyString(format_number, minimum)
        high = "" if maximum is None else LazyString(format_number, maximum)
        raise ValueError(_l("Number must be between %(low)s and %(high)s.", low=low, high=high))
    return value


def check_recent(value: date | None, *, today: date | None = None) -> date | None:
    """A date of the record's time: 1990 or later, and not in the future."""
    if value and value < EARLIEST_INCIDENT:
        raise ValueError(_l("The date must be in %(year)s or later.", year=EARLIEST_INCIDENT.year))
    if value and value > (today or date.today()):
        raise ValueError(_l("The date cannot be in the future."))
    return value


def check_local_datetime(value: datetime | None, *, today: date | None = None):
    """A local date and time at the place: 1990 or later, and not after today (the place's
    clock may be up to a day ahead of the server's)."""
    if value is None:
        return None
    if value.date() < EARLIEST_INCIDENT:
        raise ValueError(_l("The date must be in %(year)s or later.", year=EARLIEST_INCIDENT.year))
    if value.date() > (today or date.today()) + timedelta(days=1):
        raise ValueError(_l("The date cannot be in the future."))
    return value


def parse_iso_date(text: str) -> date:
    """YYYY-MM-DD."""
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise ValueError(_l("Use YYYY-MM-DD.")) from None


CLAIM_FIELDS = (
    "status_claimed",
    "status_claimed_at",
    "status_proven_by",
    "status_proven_at",
    "preservation_letter_on",
)


def claim_problems(occurred_on: date | None, values) -> dict[str, str]:
    """Claim, proof and preservation-letter facts (`values`: field code → value, for the codes
    of CLAIM_FIELDS) that contradict each other or the incident's date: field code → the
    message to show (empty when they agree)."""
    status_claimed, status_claimed_at, status_proven_by, status_proven_at, letter_on = (
        values.get(code) or None for code in CLAIM_FIELDS
    )
    problems = {}
    if status_claimed_at and status_claimed == "no":
        problems["status_claimed_at"] = gettext(
            "A time of the claim goes with 'Yes' (they said so)."
        )
    if status_proven_at and status_proven_by == "not_proven":
        problems["status_proven_at"] = gettext("A date of proof goes with how it was proven.")
    elif status_proven_at and status_claimed_at and status_proven_at < status_claimed_at:
        problems["status_proven_at"] = gettext("Proven before the claim? Check both times.")
    if occurred_on:
        for code, moment in (
            ("status_claimed_at", status_claimed_at),
            ("status_proven_at", status_proven_at),
        ):
            if moment and moment.date() < occurred_on and code not in problems:
                problems[code] = gettext("This is before the date of the incident.")
        if letter_on and letter_on < occurred_on:
            problems["preservation_letter_on"] = gettext("The letter cannot predate the incident.")
    return problems


def format_number(value: float) -> str:
    """A bound as people write it, with the marks of the reader's language: 10,000,000 or 2.5
    in English, 10.000.000 or 2,5 in Spanish (never 1e+07)."""
    value = float(value)
    digits = 0 if value.is_integer() else -Decimal(repr(value)).as_tuple().exponent
    return number(value, digits)


def check_ends_after(starts_at: datetime | None, ends_at: datetime | None) -> None:
    """An event's end comes after its start."""
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValueError(_l("The end must be after the start."))


LOCAL_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p",
)


def parse_local_datetime(text: str) -> datetime:
    """A local date and time as a spreadsheet cell gives it: YYYY-MM-DD HH:MM (or with a T, or
    seconds), or M/D/YYYY H:MM (24-hour, or with AM/PM) as US spreadsheets write it."""
    cleaned = " ".join((text or "").split()).upper()
    for layout in LOCAL_DATETIME_FORMATS:
        try:
            return datetime.strptime(cleaned, layout).replace(second=0)
        except ValueError:
            continue
    raise ValueError(_l("Use YYYY-MM-DD HH:MM (24-hour), or M/D/YYYY H:MM."))


def check_stored_length(value, max_length: int | None):
    """A normalised value must fit its column."""
    if isinstance(value, str) and max_length is not None and len(value) > max_length:
        raise ValueError(too_long(max_length))
    return value


_PARSERS = {
    "a_number": normalize_a_number,
    "phone": normalize_phone,
    "email": normalize_email_address,
    "zip": normalize_zip,
    "country": parse_country,
    "birth_date": parse_iso_date,
    "date": parse_iso_date,
    "local_datetime": parse_local_datetime,
}


def parser(field: Field, *, today: date | None = None) -> Callable[[str], object]:
    """The function that reads this field from text (built once; an import calls it for every
    cell of the field's column)."""
    kind = field.kind
    if kind == "line":
        return lambda text: check_line(text, field.max_length)
    if kind == "prose":
        return lambda text: check_prose(text, field.max_length)
    if kind == "code":
        return lambda text: parse_code(field.vocabulary, text)
    if kind == "codes":
        return lambda text: parse_codes(field.vocabulary, text)
    if kind == "partial_date":
        return lambda text: parse_partial_date(text, today=today)
    if kind == "number":
        return lambda text: parse_number(text, field.minimum, field.maximum)
    if kind not in _PARSERS:
        raise TypeError(f"{field.code}: {kind} values are not read from text")
    convert = _PARSERS[kind]
    return lambda text: check(field, convert(text), today=today)


def parse(field: Field, text: str, *, today: date | None = None):
    """A field's value from the text a person typed (a form input or a spreadsheet cell),
    normalised and checked by the field's rules; ValueError with the message to show."""
    return parser(field, today=today)(text)


def check(field: Field, value, *, today: date | None = None):
    """The field's rules on an already typed value (a form's date or number field)."""
    if value is None:
        return None
    if field.kind == "birth_date":
        return check_date_of_birth(value, today=today)
    if field.kind == "date":
        return check_recent(value, today=today)
    if field.kind == "local_datetime":
        return check_local_datetime(value, today=today)
    if field.kind == "number":
        return check_range(float(value), field.minimum, field.maximum)
    return check_stored_length(value, field.max_length)
