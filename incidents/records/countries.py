"""Nationalities as ISO 3166-1 alpha-2 codes, named by pycountry."""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def country_choices() -> tuple[tuple[str, str], ...]:
    """('', '—') followed by every country, sorted by name."""
    countries = sorted((c.alpha_2, getattr(c, "common_name", c.name)) for c in pycountry.countries)
    return (("", "—"), *sorted(countries, key=lambda item: item[1]))


def country_name(code: str | None) -> str:
    """The name of a country code ('—' if empty or unknown)."""
    if not code:
        return "—"
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", code)
