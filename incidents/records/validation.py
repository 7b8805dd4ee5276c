"""Field rules for case data, shared by the web forms and the spreadsheet import (one
implementation). Each parser returns a normalised value or raises ValueError with the message
shown next to the field."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from email_validator import EmailNotValidError, validate_email

A_NUMBER = re.compile(r"^A?(\d{7,9})$")
ZIP = re.compile(r"^\d{5}(-\d{4})?$")
PHONE_ALLOWED = re.compile(r"^\+?[\d\s().\-]+$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_partial_date(text: str, *, today: date | None = None) -> tuple[date, str]:
    """'2025-03-14', '2025-03' or '2025' → (first possible day, precision); not in the future."""
    match = PARTIAL_DATE.match((text or "").strip())
    if not match:
        raise ValueError("Use YYYY-MM-DD, or YYYY-MM or YYYY if the exact day is not known.")
    year, month, day = match.groups()
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError("This date does not exist.") from None
    if value.year < 1990:
        raise ValueError("The date must be in 1990 or later.")
    if value > (today or date.today()):
        raise ValueError("The date cannot be in the future.")
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
        raise ValueError("An A-number is the letter A followed by 7 to 9 digits.")
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
        raise ValueError("Use a 5-digit ZIP code, or ZIP+4 (12345-6789).")
    return value


def normalize_phone(text: str) -> str:
    """Digits with the usual separators; 7 to 15 digits."""
    value = " ".join((text or "").split())
    digits = re.sub(r"\D", "", value)
    if not PHONE_ALLOWED.match(value) or not 7 <= len(digits) <= 15:
        raise ValueError("Use a phone number of 7 to 15 digits, e.g. +1 312 555 0142.")
    return value


def normalize_email_address(text: str) -> str:
    """A syntactically valid email address, lower-cased domain."""
    try:
        return validate_email((text or "").strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(f"Invalid email address: {error}") from None


def fold(text: str | None) -> str:
    """Lower case, accents removed, whitespace collapsed: for matching names and search."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# Lengths and ranges of case fields: the web form and the spreadsheet import both read these.
MAX_LENGTH = {
    "street_address": 200,
    "city": 100,
    "county": 100,
    "full_name": 200,
    "aliases": 500,
    "language": 60,
    "place": 200,
    "notes": 5000,
    "narrative": 50000,
}
MAX_DETENTION_HOURS = 100000
EARLIEST_BIRTH = date(1900, 1, 1)


def check_line(text: str | None, max_length: int) -> str | None:
    """Single-line text: trimmed, no control characters, not longer than max_length."""
    value = (text or "").strip()
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("Remove the control characters from this field.")
    if len(value) > max_length:
        raise ValueError(f"Field cannot be longer than {max_length} characters.")
    return value or None


def check_prose(text: str | None, max_length: int) -> str | None:
    """Multi-line text: LF line ends, trailing space trimmed, not longer than max_length."""
    value = (text or "").replace("\r\n", "\n").rstrip()
    if len(value) > max_length:
        raise ValueError(f"Field cannot be longer than {max_length} characters.")
    return value or None


def check_date_of_birth(value: date | None, *, today: date | None = None) -> date | None:
    """Born in the past, within a human lifetime."""
    if value and not EARLIEST_BIRTH <= value <= (today or date.today()):
        raise ValueError("The date of birth must be between 1900 and today.")
    return value


def check_consent_date(consent: str | None, value: date | None) -> date | None:
    """A consent date only with consent, and not in the future."""
    if value and consent != "yes":
        raise ValueError("Leave the date empty when there is no consent.")
    if value and value > date.today():
        raise ValueError("The date cannot be in the future.")
    return value


def parse_hours(text: str) -> float:
    """Hours detained: a number from 0 to MAX_DETENTION_HOURS."""
    try:
        value = float((text or "").strip())
    except ValueError:
        raise ValueError("Enter a number of hours, e.g. 18 or 2.5.") from None
    if not 0 <= value <= MAX_DETENTION_HOURS:
        raise ValueError(f"Number must be between 0 and {MAX_DETENTION_HOURS}.")
    return value
