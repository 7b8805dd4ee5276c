"""The language a dossier is written in, chosen when it is generated (English by default:
courts here work in English; Spanish on request), independent of the interface's language.

`in_language(code)` wraps the whole generation (content and layout): inside it `_()` and
`ngettext()` translate the dossier's own words, `tl()` a vocabulary's English label (the
catalog's msgid, marked with `N_` where the vocabulary is declared), and `number()`, `day()`,
`moment()`, `long_date()` and `month_year()` write figures and dates for the language.
User-entered text, policy quotations, names and citations never go through them; codes are
never translated.

Works without a request (the bundles job, `flask dossier`): Flask-Babel's `force_locale` needs
only the application context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from flask import g, has_app_context
from flask_babel import force_locale
from flask_babel import ngettext as _babel_ngettext
from flask_babel import pgettext as _babel_pgettext

from incidents.i18n import N_, cached_for, looked_up

DEFAULT = "en"
LANGUAGES = ("en", "es")
CHOICES = (("en", N_("English")), ("es", N_("Spanish")))
PDF_LANG = {"en": "en-US", "es": "es-US"}  # the PDF catalog's /Lang (what a screen reader speaks)

_language: ContextVar[str] = ContextVar("dossier_language", default=DEFAULT)


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Generate a dossier in `language` (one of LANGUAGES): the catalog's locale is forced for
    the duration, and the interface's per-request label cache set aside and put back."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown dossier language {language!r}; use one of: {LANGUAGES}")
    token = _language.set(language)
    saved = {}
    if has_app_context():
        saved = {key: g.pop(key) for key in ("_label_cache", "_language") if key in g}
    try:
        with force_locale(language):
            yield
    finally:
        _language.reset(token)
        if has_app_context():
            for key in ("_label_cache", "_language"):
                g.pop(key, None)
            for key, value in saved.items():
                setattr(g, key, value)


def language() -> str:
    """The language code of the dossier being generated ("en" outside a generation)."""
    return _language.get()


def _(text: str, **variables) -> str:
    """The dossier's own words in its language (English: the text as written)."""
    translated = tl(text)
    return translated % variables if variables else translated


def tl(text):
    """An English label (a vocabulary's, or a marked phrase) in the dossier's language;
    None, "" and "—" as they are."""
    current = _language.get()
    if not text or current == DEFAULT or not has_app_context():
        return text
    return looked_up(cached_for(current), text)  # under the dossier's forced locale


def pgettext(context: str, text: str) -> str:
    """A word whose translation depends on where it stands ("End" of a period, not a button)."""
    if _language.get() == DEFAULT or not has_app_context():
        return text
    return _babel_pgettext(context, text)


def ngettext(singular: str, plural: str, count: int, **variables) -> str:
    """Singular or plural in the dossier's language (`%(num)s` is the count)."""
    if _language.get() == DEFAULT or not has_app_context():
        return (singular if count == 1 else plural) % {"num": count, **variables}
    return _babel_ngettext(singular, plural, count, **variables)  # it adds `num`


def number(value, digits: int = 1, *, grouped: bool = True) -> str:
    """A figure with the language's decimal mark, and its grouping unless `grouped` is false
    ("1,234.5" / "1234,5"; "12.345,5")."""
    if _language.get() == DEFAULT:
        return f"{value:,.{digits}f}" if grouped else f"{value:.{digits}f}"
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_language.get())


def figure(value) -> str:
    """A measured figure with as many decimals as it has ("86.3" / "86,3")."""
    if _language.get() == DEFAULT:
        return str(value)
    return format_decimal(value, format="#,##0.###", locale=_language.get())


def long_date(value: date) -> str:
    """'12 September 2025' / '12 de septiembre de 2025'."""
    if _language.get() == DEFAULT:
        return f"{value.day} {value:%B %Y}"
    return format_date(value, format="d 'de' MMMM 'de' y", locale=_language.get())


def short_date(value: date) -> str:
    """'16 Jan 2025' / '16 ene 2025'."""
    if _language.get() == DEFAULT:
        return f"{value.day} {value:%b %Y}"
    return format_date(value, format="d MMM y", locale=_language.get())


def day(value: date | None) -> str:
    """A date among the dossier's words and in its tables: ISO in English ('2027-01-15', as
    English dossiers have always printed it), '15 ene 2027' in Spanish; '—' for none."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if _language.get() == DEFAULT else short_date(value)


def moment(value: datetime) -> str:
    """A date and time as `day` writes the date: '2025-09-12 08:00' / '12 sept 2025, 08:00'."""
    if _language.get() == DEFAULT:
        return f"{value:%Y-%m-%d %H:%M}"
    return f"{short_date(value)}, {value:%H:%M}"


def month_year(value: date) -> str:
    """'September 2025' / 'septiembre de 2025'."""
    if _language.get() == DEFAULT:
        return f"{value:%B %Y}"
    return format_date(value, format="LLLL 'de' y", locale=_language.get())


def country(code: str | None, english: str) -> str:
    """A country's name in the language (CLDR's, by babel), `english` (pycountry's) in
    English or when CLDR has none."""
    if _language.get() == DEFAULT or not code:
        return english
    return Locale.parse(_language.get()).territories.get(code.upper(), english)
