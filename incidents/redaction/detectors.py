"""Identifiers nobody recorded, found by well-kept parsers where one exists (`phonenumbers` for
phone numbers, `usaddress` to confirm street addresses) and by patterns for the rest (A-numbers,
Social Security numbers, USCIS receipt numbers, emails, labelled passport numbers, dates next to
"born" or "DOB"). Each detector yields (start, end, kind) in the original text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
import usaddress

Hit = tuple[int, int, str]

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    "|noviembre|diciembre"
)
ORDINAL = r"(?:st|nd|rd|th)?"
GAP = r"[\s/\-.,]+"
ANY_DATE = (
    r"(?:\d{1,4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{2,4}"
    r"|(?:19|20)\d{6}"  # 19900101
    rf"|(?:{MONTHS})\.?{GAP}\d{{1,2}}{ORDINAL},?{GAP}'?\d{{2,4}}"
    rf"|\d{{1,2}}{ORDINAL}{GAP}(?:of\s+|de\s+)?(?:{MONTHS})\.?,?{GAP}(?:de\s+|del\s+)?\d{{2,4}}"
    rf"|(?:{MONTHS})\.?,?\s+(?:de\s+|del\s+|of\s+)?\d{{4}}"
    r"|(?:19|20)\d\d)(?!\d)"
)
BIRTH_KEYWORD = (
    r"(?<![a-z])(?:born|dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|birthday|birth\s*:"
    r"|fecha\s+de\s+nacimiento|nacid[oa]|naci[oó]|f\.\s*nac\.?|nac\.)"
)
# the date within a few words after the label ("DOB, according to the consulate card, ...")
BORN_ON = re.compile(
    rf"(?:{BIRTH_KEYWORD}[^\d]{{0,60}}?|(?<![a-z])b\.\s{{0,2}})({ANY_DATE})"  # "b. 02/03/1985"
)
SEP = r"[\s.,\-_•·]{0,4}"
NINE_DIGITS = rf"(?:\d{SEP}){{8}}\d(?!\d)"
IS = r"(?:\s*(?:is|es|was|:))?"
A_LABEL = (  # "A-number", "A#", "alien (registration / file) no.", "A-File", Spanish forms
    r"(?:a(?:lien)?[\s\-]*(?:file|reg(?:istration)?\.?)?[\s\-]*(?:number|no\.?|num\.?|nr\.?|#)"
    r"|a[\s\-]*file|alien\s+file"
    r"|n[uú]mero\s+(?:de\s+)?(?:registro\s+de\s+)?extranjero|n[uú]mero\s+a)"
)
A_NUMBER = re.compile(
    rf"(?<![^\W\d_])(?:{A_LABEL}{IS}|a)\s*[#:.\-_]?\s*(?:\d{SEP}){{6,8}}\d(?!\d)"
    rf"|(?<!\d)(?:\d{SEP}){{7,8}}\d(?=\s*\(?\s*a[\s\-]*(?:number|no\b|#))",
    re.IGNORECASE,
)
SSN_LABEL = (
    r"(?:ssn|ss\s*#|ss\s*no\.?|s\.\s*s\.\s*(?:n\.?|no\.?|#)|ss|itin"
    r"|soc(?:ial)?\.?\s*sec(?:urity)?\.?(?:\s*(?:number|no\.?|num\.?|#))?|seguro\s+social)"
)
SSN = re.compile(
    r"(?<!\d)\d{3}(\s*[.\-]\s*|\s)\d{2}\1\d{4}(?!\d)"  # 123-45-6789, ITINs 9xx-7x-xxxx too
    rf"|(?<![a-z]){SSN_LABEL}{IS}\s*[#:.\-]?\s*{NINE_DIGITS}",
    re.IGNORECASE,
)
RECEIPT = re.compile(
    r"(?<![A-Za-z0-9])(?:(?i:ioe|eac|wac|lin|src|msc|nbc|ysc|tsc|vsc|nsc|csc)|[A-Z]{3})"
    r"[\s\-]?\d{10}(?!\d)"
)
EMAIL = re.compile(
    r"[\w.!#$%&'*+/=?^`{|}~\-]+@[\w\-]+(?:\.[\w\-]+)+"
    # spelled out: "maria at example dot org", "maria [at] example [dot] org"
    r"|(?i:[\w.+\-]+\s*(?:\(at\)|\[at\]|\sat\s|\sarroba\s)\s*[\w\-]+"
    r"(?:\s*(?:\.|\(dot\)|\[dot\]|\sdot\s|\spunto\s)\s*[\w\-]+)*"
    r"\s*(?:\.|\(dot\)|\[dot\]|\sdot\s|\spunto\s)\s*"
    r"(?:com|org|net|edu|gov|us|mx|info|io|co)\b)"
)
PASSPORT = re.compile(  # a number with a digit in it, after the word "passport"
    r"(?i:passport|pasaporte|pass\.(?=\s*n))[\s,:]*(?:\([^()\n]{1,30}\))?[\s,:(]*"
    r"(?i:(?:no\.?|nr\.?|number|num\.?|#|n[°º]\.?|n[uú]mero)\s*)?[#:.\-]?\s*"
    r"(?i:(?:is|es|was)\s+)?((?:[A-Za-z]{1,2}[\s\-]?)?\d(?:[\s\-]?\d){4,12}[A-Za-z]?)(?![\w])"
)
SUFFIXES = (
    "street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl|terrace"
    "|ter|way|parkway|pkwy|highway|hwy|circle|cir|square|sq|trail|trl|plaza|plz|row|alley|aly"
    "|loop|path|pike|expressway|expy|freeway|fwy|crossing|xing|point|pt|ridge|run|walk"
    "|turnpike|tpke|heights|hts|creek|glen|grove|hill|hollow|park|pkway|route|rte"
)
# street types written before the name: "123 Calle Ocho", "1010 Avenida Reforma"
# street types written before the name: "123 Calle Ocho", "1010 Avenida Reforma"
PRE_TYPES = r"calle|avenida|av\.|camino|carretera|paseo|calzada|callejon|privada|rue|via"
UNIT_WORDS = r"(?:apt|apartment|unit|suite|ste|fl|floor|rm|room|bldg|building|depto|#|no)"
UNIT = rf"(?i:{UNIT_WORDS})\.?\s*#?\s*[A-Za-z0-9\-]{{1,6}}(?![\w])"  # "Apt 3B", "# 4"
ADDRESS = re.compile(
    rf"(?<![\w])(?:{UNIT},?\s+)?"  # a unit written first: "Apt 3B, 1420 W Cermak Rd"
    r"(?P<street>\d{1,6}[A-Za-z]?(?:-\d{1,4})?\s+"
    r"(?:(?i:n|s|e|w|ne|nw|se|sw|north|south|east|west)\.?\s+)?"
    r"(?:(?:[A-Z0-9][\w'.\-]*|(?i:de|la|del|los|las|san|santa|el))\s+){0,3}?"
    rf"(?i:{SUFFIXES})(?![\w])\.?)(?:,?\s*{UNIT})?"
)
PRE_TYPED_ADDRESS = re.compile(
    rf"(?<![\w])(?:{UNIT},?\s+)?\d{{1,6}}[A-Za-z]?\s+(?i:{PRE_TYPES})\s+"
    rf"[A-Z0-9][\w'.\-]*(?:\s+(?:[A-Z0-9][\w'.\-]*|(?i:de|del|la|las|los)))*"
    rf"(?:,?\s*{UNIT})?"
)
STREET_TYPES = {"StreetNamePostType", "StreetNamePreType"}


def a_numbers(text: str) -> Iterator[Hit]:
    """'A208228640', 'A# 987-654-321', 'alien number 12345678', ..."""
    for match in A_NUMBER.finditer(text):
        yield match.start(), match.end(), "a_number"


def ssns(text: str) -> Iterator[Hit]:
    """'123-45-6789', and nine digits after 'SSN' or 'Social Security number'."""
    for match in SSN.finditer(text):
        yield match.start(), match.end(), "ssn"


def receipts(text: str) -> Iterator[Hit]:
    """USCIS receipt numbers: three letters and ten digits ('IOE0912345678', 'EAC-2190012345')."""
    for match in RECEIPT.finditer(text):
        yield match.start(), match.end(), "receipt"


def emails(text: str) -> Iterator[Hit]:
    """Whole email addresses, local part and domain."""
    for match in EMAIL.finditer(text):
        yield match.start(), match.end(), "email"


def passports(text: str) -> Iterator[Hit]:
    """A number next to 'passport' (with at least one digit)."""
    for match in PASSPORT.finditer(text):
        yield match.start(1), match.end(1), "passport"


def phones(text: str) -> Iterator[Hit]:
    """Phone numbers as `phonenumbers` finds them (US default region, any country prefix)."""
    if sum(ch.isdigit() for ch in text) < 7:
        return
    matcher = phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        if sum(ch.isdigit() for ch in match.raw_string) >= 7:
            yield match.start, match.end, "phone"


def addresses(text: str) -> Iterator[Hit]:
    """A house number, a street name and a street type (and a unit), confirmed by `usaddress`;
    and a house number before a Spanish or French street type ("123 Calle Ocho")."""
    for match in ADDRESS.finditer(text):
        try:
            tags, _ = usaddress.tag(match.group("street"))
        except usaddress.RepeatedLabelError:
            continue
        if "AddressNumber" in tags and STREET_TYPES & set(tags):
            yield match.start(), match.end(), "address"
    for match in PRE_TYPED_ADDRESS.finditer(text):
        yield match.start(), match.end(), "address"


def birth_dates(folded: str) -> Iterator[Hit]:
    """A date within a few words after 'born', 'DOB', 'date of birth', 'nacido', ... (runs on the
    folded text, whose positions the caller maps back)."""
    for match in BORN_ON.finditer(folded):
        yield match.start(1), match.end(1), "birth_date"


WITH_DIGITS = (a_numbers, ssns, receipts, passports, phones, addresses)
DIGIT = re.compile(r"\d")


def find_all(text: str, folded: str) -> Iterator[tuple[int, int, str, bool]]:
    """Every detector's finds as (start, end, kind, whether the positions are in `folded`);
    detectors that need a digit are skipped for text without one."""
    for hit in emails(text):
        yield (*hit, False)
    if DIGIT.search(text) is None:
        return
    for detect in WITH_DIGITS:
        for hit in detect(text):
            yield (*hit, False)
    for hit in birth_dates(folded):
        yield (*hit, True)
