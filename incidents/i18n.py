"""Languages of the interface (Flask-Babel): which language a request is answered in, lazy and
display-time translation of labels, and numbers and dates formatted for the language.

The English text is the message id, so English renders exactly as written in the code. Stable
codes (vocabularies, references, URLs, imports and exports) are never translated: only the label
shown for a code is, when a page is drawn (`translate_label`: English needs no lookup, another
language one per distinct string and process). Templates' {% trans %} and `_()` go through it.

This module imports nothing of the application, so any module may mark its strings with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

import flask
from flask import g, has_request_context, request
from flask_babel import (
    Babel,
    force_locale,
    format_date,
    format_decimal,
    get_locale,
    get_translations,
    gettext,
)
from flask_babel import ngettext as _ngettext
from flask_babel import pgettext as _pgettext
from flask_babel.speaklater import LazyString

babel = Babel()

LANGUAGES = ("en", "es")  # the interface's languages; English is the default and the msgids
LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each in its own language
SESSION_KEY = "language"  # the choice made before sign-in (the sign-in page's switch)

_ = gettext
ngettext = _ngettext
pgettext = _pgettext  # a word whose translation depends on what it names ("None": ninguna)


def N_(text: str) -> str:
    """Mark a string for extraction without translating it here (it is translated where it is
    shown, e.g. a vocabulary label by `translate_label`)."""
    return text


class InContext(str):
    """An English label whose translation depends on what it qualifies: Spanish says "None"
    as "Ninguna" of a feminine noun (a review) and "Ninguno" of a masculine one. It reads as
    its English everywhere (codes, exports, comparisons); `translate_label` looks it up with its
    context (gettext's msgctxt)."""

    context: str

    def __new__(cls, text: str, context: str):
        made = super().__new__(cls, text)
        made.context = context
        return made


def NC_(context: str, text: str) -> str:
    """`N_` for a label whose translation depends on its context ("human review" → "None"),
    extracted with its msgctxt (`-k NC_:1c,2`) and translated where it is shown."""
    return InContext(text, context)


def choose_language() -> str:
    """The language of this request: the signed-in user's own setting, else the choice made on
    the sign-in page (kept in the session cookie), else the browser's Accept-Language."""
    if not has_request_context():
        return "en"
    from flask_login import current_user

    language = getattr(current_user, "language", None) if current_user else None
    if language in LANGUAGES:
        return language
    chosen = flask.session.get(SESSION_KEY)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES, default="en")


def current_language() -> str:
    """The language code ("en" or "es") of the current request (kept for the request: a page
    asks for every date and label it draws)."""
    if not has_request_context():
        return "en"
    language = g.get("_language")
    if language is None:
        locale = get_locale()
        language = g._language = locale.language if locale is not None else "en"
    return language


def forget_choice() -> None:
    """Drop the translations cached for this request (after the language changed)."""
    from flask_babel import refresh

    refresh()
    g.pop("_label_cache", None)
    g.pop("_language", None)


@contextmanager
def in_english() -> Iterator[None]:
    """Within it, the request reads English (gettext, `translate_label`, `number`): what is kept
    as evidence (the audit trail's CSV export) reads as stored whatever the reader's language."""
    if not has_request_context():
        yield
        return
    saved = {key: g.get(key) for key in ("_language", "_label_cache")}
    g._language, g._label_cache = "en", False
    try:
        with force_locale("en"):
            yield
    finally:
        for key, value in saved.items():
            if value is None:
                g.pop(key, None)
            else:
                setattr(g, key, value)


# language → English text → translation: the catalogs do not change while the process runs,
# so each distinct string is looked up once per process and language
_TRANSLATED: dict[str, dict[str, str]] = {}


def translate_label(text: str | None) -> str | None:
    """A string (a vocabulary's English label, a navigation entry, a template's message) in
    the request's language. English returns it as it is; another language looks each distinct
    string up once per process (the incident list draws 50 rows of labels)."""
    if not text or not has_request_context():
        return text
    cache = g.get("_label_cache")
    if cache is None:
        language = current_language()
        english = language == "en"
        cache = g._label_cache = False if english else cached_for(language)
    if cache is False:
        return text
    return looked_up(cache, text)


def looked_up(cache: dict[str, str], text: str) -> str:
    """`text` in the language now in force (a request's, or a dossier's forced one), from
    `cache` — that language's part of _TRANSLATED — or the catalog, kept there the first time;
    a label with a context (`NC_`) is kept apart from the same English without one."""
    context = text.context if type(text) is InContext else None
    key = text if context is None else f"{context}\x04{text}"
    found = cache.get(key)
    if found is None:
        found = cache[key] = gettext(text) if context is None else pgettext(context, str(text))
    return found


def cached_for(language: str) -> dict[str, str]:
    """The translations of `language` looked up so far in this process."""
    return _TRANSLATED.setdefault(language, {})


def _lazy_text(text: str, **variables) -> str:
    translated = translate_label(text)
    if not variables:
        return translated
    # a value that is itself a label (`LazyLabel`) is drawn in the same language
    shown = {k: translate_label(v) if isinstance(v, LazyLabel) else v for k, v in variables.items()}
    return translated % shown


def _l(text: str, **variables):
    """lazy_gettext, through the per-request cache: a form label or message declared at class
    level, translated each time it is drawn."""
    return LazyString(_lazy_text, text, **variables)


def template_ngettext(singular: str, plural: str, count: int) -> str:
    """The templates' ngettext: English needs no catalog lookup. It returns the form unformatted:
    Jinja fills in the block's variables itself (Flask-Babel's ngettext would format it with
    `num` alone and fail on any other placeholder)."""
    if current_language() == "en":
        return singular if count == 1 else plural
    return get_translations().ungettext(singular, plural, count)


class LazyLabel(str):
    """A label that reads as English where it is stored (codes and exports never see a
    translation) and is translated where it is drawn: WTForms and Jinja call `__html__`.
    A label with a context (`NC_`) keeps it."""

    context: str | None

    def __new__(cls, text: str):
        made = super().__new__(cls, text)
        made.context = text.context if type(text) is InContext else None
        return made

    def __html__(self) -> str:
        from markupsafe import escape

        text = str(self) if self.context is None else InContext(str(self), self.context)
        return str(escape(translate_label(text)))


def number(value, digits: int = 0) -> str:
    """A number with the language's grouping and decimal marks ("512,000" / "512.000")."""
    if value is None:
        return "—"
    if current_language() == "en":  # exactly as Python writes it (and cheaper)
        return f"{value:,.{digits}f}"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern)


def figure(value) -> str:
    """A measured figure with as many decimals as it has (a similarity score: "86.3" /
    "86,3"); English as Python writes it, as the pages always have."""
    if value is None:
        return "—"
    if current_language() == "en":
        return str(value)
    return format_decimal(value, format="#,##0.###")


def day_month_year(value: date, form: str) -> str:
    """A date in the language: form "day" (14 Mar 2025 / 14 mar 2025), "month" (March 2025 /
    marzo de 2025), "long" (14 March 2025 / 14 de marzo de 2025)."""
    language = current_language()
    if language == "en":
        return {
            "day": f"{value.day} {value:%b %Y}",
            "month": f"{value:%B %Y}",
            "long": f"{value.day} {value:%B %Y}",
        }[form]
    pattern = {"day": "d MMM y", "month": "LLLL 'de' y", "long": "d 'de' MMMM 'de' y"}[form]
    return format_date(value, format=pattern)


def shown_date(value: date | None) -> str:
    """A day as a page shows it among other words: ISO in English, as the English pages have
    always written it ("2026-03-17"), the language's short form otherwise ("17 mar 2026").
    Every page draws its dates through this (or `shown_moment`), so no page mixes ISO dates
    with the language's; a form's input keeps ISO."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.date()
    if current_language() == "en":
        return value.isoformat()
    return day_month_year(value, "day")


def shown_moment(value: datetime | None, seconds: bool = False) -> str:
    """A date and time as `shown_date` writes the day: "2026-03-17 10:05" in English,
    "17 mar 2026, 10:05" in Spanish (with the seconds when asked)."""
    if value is None:
        return "—"
    clock = "%H:%M:%S" if seconds else "%H:%M"
    if current_language() == "en":
        return value.strftime(f"%Y-%m-%d {clock}")
    return f"{day_month_year(value, 'day')}, {value.strftime(clock)}"


def init_app(app) -> None:
    """Wire Flask-Babel (catalogs in incidents/translations, domain `messages`)."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    babel.init_app(
        app, locale_selector=choose_language, default_translation_directories="translations"
    )
    # {% trans %} and _() in templates: the per-request cache (English: no lookup at all)
    app.jinja_env.install_gettext_callables(translate_label, template_ngettext, newstyle=True)
    app.jinja_env.globals["LANGUAGES"] = LANGUAGES
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["figure"] = figure
    app.jinja_env.filters["shown_date"] = shown_date
    app.jinja_env.filters["shown_moment"] = shown_moment
    app.jinja_env.filters["tl"] = translate_label
