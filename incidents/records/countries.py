"""Nationalities as ISO 3166-1 alpha-2 codes, named by pycountry — in English (imports, exports,
dossiers) or, where a page shows them, in the page's language through pycountry's own gettext
catalogs (the code never changes)."""

from __future__ import annotations

import gettext
import unicodedata
from functools import cache

import pycountry


def _english(country) -> str:
    return getattr(country, "common_name", None) or country.name


@cache
def _names(language: str):
    """pycountry's translation of country names into `language` (None for English)."""
    if language == "en":
        return None
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _name(country, language: str) -> str:
    translations = _names(language)
    return translations.gettext(_english(country)) if translations else _english(country)


@cache
def country_choices(language: str = "en") -> tuple[tuple[str, str], ...]:
    """('', '—') followed by every country, sorted by name (English unless `language` is given:
    an import reads English names whatever the reader's language)."""
    countries = sorted((c.alpha_2, _name(c, language)) for c in pycountry.countries)
    key = (lambda item: item[1]) if language == "en" else (lambda item: _sort_key(item[1]))
    return (("", "—"), *sorted(countries, key=key))


def _sort_key(name: str) -> str:
    """Sort "Égypte" with E: accents aside, then case."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


def country_name(code: str | None, language: str = "en") -> str:
    """The name of a country code ('—' if empty or unknown), in English unless `language`."""
    if not code:
        return "—"
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return _name(country, language)
