"""Languages of the interface (Flask-Babel): which language a request is answered in, lazy and
display-time translation of labels, and numbers and dates formatted for the language.

The English text is the message id, so English renders exactly as written in the code. Stable
codes (vocabularies, references, URLs, imports and exports) are never translated: only the label
shown for a code is, when a page is drawn (`translate_label`, cached per request).

This module imports nothing of the application, so any module may mark its strings with it.
"""

from __future__ import annotations

from datetime import date

import flask
from flask import g, has_request_context, request
from flask_babel import Babel, format_date, format_decimal, get_locale, gettext, lazy_gettext
from flask_babel import ngettext as _ngettext

babel = Babel()

LANGUAGES = ("en", "es")  # the interface's languages; English is the default and the msgids
LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each in its own language
SESSION_KEY = "language"  # the choice made before sign-in (the sign-in page's switch)

_ = gettext
_l = lazy_gettext
ngettext = _ngettext


def N_(text: str) -> str:
    """Mark a string for extraction without translating it here (it is translated where it is
    shown, e.g. a vocabulary label by `translate_label`)."""
    return text


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
    """The language code ("en" or "es") of the current request."""
    locale = get_locale() if has_request_context() else None
    return locale.language if locale is not None else "en"


def forget_choice() -> None:
    """Drop the translations cached for this request (after the language changed)."""
    from flask_babel import refresh

    refresh()
    g.pop("_label_cache", None)


def translate_label(text: str | None) -> str | None:
    """A label (a vocabulary's English label, a navigation entry) in the request's language.
    English costs a dictionary lookup; other languages one gettext per distinct label and
    request (the incident list shows 50 rows of labels)."""
    if not text or not has_request_context():
        return text
    cache = g.get("_label_cache")
    if cache is None:
        cache = g._label_cache = {"": current_language() == "en"}
    if cache[""]:
        return text
    found = cache.get(text)
    if found is None:
        found = cache[text] = gettext(text)
    return found


class LazyLabel(str):
    """A label that reads as English where it is stored (codes and exports never see a
    translation) and is translated where it is drawn: WTForms and Jinja call `__html__`."""

    __slots__ = ()

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(translate_label(str(self))))


def number(value, digits: int = 0) -> str:
    """A number with the language's grouping and decimal marks ("512,000" / "512.000")."""
    if value is None:
        return "—"
    if current_language() == "en":  # exactly as Python writes it (and cheaper)
        return f"{value:,.{digits}f}"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern)


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


def init_app(app) -> None:
    """Wire Flask-Babel (catalogs in incidents/translations, domain `messages`)."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    babel.init_app(
        app, locale_selector=choose_language, default_translation_directories="translations"
    )
    app.jinja_env.globals["LANGUAGES"] = LANGUAGES
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["tl"] = translate_label
