"""Patterns for identifiers that were recorded, in the forms people write them. Every pattern
runs on folded text (lower case, accents removed: see `fold`)."""

from __future__ import annotations

import re
from datetime import date

import phonenumbers
import usaddress

from incidents.redaction.detectors import A_LABEL, MONTHS, ORDINAL, SUFFIXES, UNIT_WORDS
from incidents.redaction.fold import fold

LETTER = r"[^\W\d_]"
NOT_LETTER_BEFORE, NOT_LETTER_AFTER = rf"(?<!{LETTER})", rf"(?!{LETTER})"
# hyphens and dashes of every kind, spaces, dots, commas, apostrophes between name parts, or none
NAME_SEP = r"[\s\-‐‑–—_.,'’]*"  # noqa: RUF001
# between the digits of a number: up to six of space, line break, dot, comma, dashes, underscore,
# slash, parenthesis, bullet ("208 - 228 -  640", "(312)  555", "208,228,640", "A208-\n  228",
# "312 • 555 • 0142")
DIGIT_SEP = r"[\s.,\-–—_/()•·]{0,6}"  # noqa: RUF001
# an apostrophe splits a name: "O'Brien" is the parts "o" and "brien", so that the curly
# "O\u2019Brien", "OBrien" and "O Brien" are the same run of parts
NAME_PART = re.compile(rf"{LETTER}+")
EN_MONTHS = MONTHS.split("|")[:12]
ES_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre|setiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def name_parts(name: str) -> list[str]:
    """'Nuñez-García, José' → ['nunez', 'garcia', 'jose']."""
    return NAME_PART.findall(fold(name))


def name_sequences(parts: list[str]) -> list[str]:
    """Patterns for two to four consecutive parts in order ('rosa delgado', 'delgadoibarra'),
    and the family-name-first order ('delgado ibarra, rosa') of a name of up to six parts.
    (Bounded: a name of a hundred parts must not make a pattern of millions of characters.)"""
    parts = parts[:12]
    found = []
    for size in range(min(len(parts), 4), 1, -1):
        for start in range(len(parts) - size + 1):
            found.append(NAME_SEP.join(re.escape(p) for p in parts[start : start + size]))
    if 1 < len(parts) <= 6:
        found.append(NAME_SEP.join(re.escape(p) for p in [*parts[1:], parts[0]]))
    return found


def digits_pattern(digits: str) -> str:
    """Each digit, with separators between them (`DIGIT_SEP`)."""
    return DIGIT_SEP.join(digits)


def a_number_pattern(stored: str) -> str:
    """A recorded A-number (A + 9 digits) with or without the letter or its leading zeros."""
    digits = stored[1:].lstrip("0") or "0"
    zeros = len(stored[1:]) - len(digits)
    prefix = rf"(?:(?:{A_LABEL}|a)\s*[#:.\-_]?\s*)?"
    return rf"(?<![a-z0-9]){prefix}(?:0{DIGIT_SEP}){{0,{zeros}}}{digits_pattern(digits)}(?!\d)"


def phone_pattern(stored: str) -> str | None:
    """A recorded phone by its digits, with or without a country prefix ('+1', '1-', '001')."""
    try:
        number = phonenumbers.parse(stored, "US")
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", stored)
        return rf"(?<!\d){digits_pattern(digits)}(?!\d)" if len(digits) >= 7 else None
    national = str(number.national_number)
    country = str(number.country_code)
    prefix = rf"(?:(?:(?:\+|00|011)\s*)?{digits_pattern(country)}{DIGIT_SEP}\s*)?"
    return rf"(?<!\d){prefix}\(?{digits_pattern(national)}(?!\d)"


def email_patterns(stored: str) -> list[str]:
    """The address however spaced or spelled out ("sob at example dot net", "jose . nunez88
    @gmail.com"), and its local part alone when it is long enough to be telling."""
    folded = fold(stored)
    local, _, domain = folded.partition("@")
    dot = r"\s*(?:\.|\(dot\)|\[dot\]|\bdot\b|punto)\s*"
    at = r"\s*(?:@|\(at\)|\[at\]|\bat\b|arroba)\s*"
    spaced_local = r"\s*\.\s*".join(re.escape(p) for p in local.split("."))
    spaced_domain = dot.join(re.escape(p) for p in domain.split("."))
    found = [rf"(?<![\w.]){spaced_local}{at}{spaced_domain}(?![\w])"]
    if len(local) >= 5:
        found.append(rf"(?<![\w.]){re.escape(local)}(?![\w])")
    return found


def address_pattern(stored: str) -> str | None:
    """House number, street name, street type and unit of a recorded street address."""
    folded = fold(stored).strip()
    if not folded:
        return None
    try:
        tags, _ = usaddress.tag(stored)
    except usaddress.RepeatedLabelError:
        tags = {}
    number, street = tags.get("AddressNumber"), tags.get("StreetName")
    if not number or not street:  # an intersection or a place: the words as written
        words = folded.split()
        return r"\s*[\s,.]\s*".join(re.escape(w.strip(",.")) for w in words)
    street_words = r"\s+".join(re.escape(w) for w in fold(street).split())
    unit = rf"{UNIT_WORDS}\.?\s*#?\s*[a-z0-9\-]{{1,6}}(?![a-z0-9])"  # "apt 3b", "# 4"
    return (
        rf"(?<![a-z0-9])(?:{unit},?\s+)?{re.escape(fold(number))}[\s,]+"
        rf"(?:[a-z]{{1,5}}\.?\s+){{0,2}}{street_words}(?:[\s.,]+(?:{SUFFIXES}))?"
        rf"(?![a-z0-9])\.?(?:,?\s*{unit})?"
    )


def birth_date_pattern(value: date) -> str:
    """A date of birth as 1988-03-12, 19880312, 03/12/1988, 3/12/88, 12/03/1988, March 12, 1988,
    Mar-12-1988, Mar. 12th 1988, 12 March 1988, 12-Mar-88, 12 de marzo de 1988."""
    y, m, d = value.year, value.month, value.day
    year = rf"(?:{y}|'?{y % 100:02d})"
    mm, dd = rf"0?{m}", rf"0?{d}"
    sep = r"(?:\s*[/\-.]\s*|\s+)"  # 1988-03-12, 1988 03 12
    gap = r"[\s/\-.,]*"
    month = rf"(?:{EN_MONTHS[m - 1]}|{EN_MONTHS[m - 1][:3]}|{ES_MONTHS[m - 1]})"
    if m == 9:
        month = rf"(?:{month}|sept)"
    forms = (
        rf"{y}{sep}{mm}{sep}{dd}",
        rf"{y % 100:02d}{sep}{m:02d}{sep}{d:02d}",  # 88-03-12
        rf"{y}{m:02d}{d:02d}",
        rf"{m:02d}{d:02d}{y}",
        rf"{mm}{sep}{dd}{sep}{year}",
        rf"{dd}{sep}{mm}{sep}{year}",
        rf"{month}\.?{gap}{dd}{ORDINAL}{gap}{year}",
        rf"{dd}{ORDINAL}{gap}(?:of\s+|de\s+)?{month}\.?{gap}(?:de\s+|del\s+)?{year}",
    )
    return r"(?<!\d)(?:" + "|".join(forms) + r")(?!\d)"


def zip_pattern(stored: str) -> str | None:
    """The five-digit ZIP code (and its +4 if written)."""
    five = re.sub(r"\D", "", stored)[:5]
    return rf"(?<!\d){five}(?:\s*-\s*\d{{4}})?(?!\d)" if len(five) == 5 else None
