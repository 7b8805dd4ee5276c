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
