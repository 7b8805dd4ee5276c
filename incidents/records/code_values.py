"""Coded values as typed in a form or a spreadsheet: a vocabulary code or its label (any case;
the label in English or as the Spanish interface shows it, "Nueva York"), several separated by
";" (stored in the vocabulary's order, a "none…" code alone), a country by its ISO code or
English name. Part of the field rules (`records.validation`)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from incidents.i18n import LANGUAGES, InContext, _l, translate_label
from incidents.records.countries import country_choices
from incidents.vocab import Vocabulary


@cache
def _catalogs() -> list:
    """The interface's translations other than English (a cell may give a label as the
    column guide shows it in the reader's language: "Nueva York")."""
    from babel.support import Translations

    directory = str(Path(__file__).resolve().parent.parent / "translations")
    return [Translations.load(directory, [lang], "messages") for lang in LANGUAGES if lang != "en"]


def _translated(label: str) -> list[str]:
    """A label's translations, in each language of the interface."""
    if type(label) is InContext:
        return [t.pgettext(label.context, str(label)) for t in _catalogs()]
    return [t.gettext(label) for t in _catalogs()]


@cache
def _codes(vocabulary: Vocabulary) -> dict[str, str]:
    """Casefolded code, label or translated label → code (an English label or a code wins
    over a translation that happens to read the same)."""
    found = {
        shown.casefold(): code
        for code, label in vocabulary.items
        if label
        for shown in _translated(label)
    }
    found.update({label.casefold(): code for code, label in vocabulary.items})
    found.update({code.casefold(): code for code in vocabulary.codes})
    return found


def parse_code(vocabulary: Vocabulary, text: str) -> str:
    """A vocabulary code from its code or label, case-insensitively."""
    found = _codes(vocabulary).get((text or "").strip().casefold())
    if found is None:
        raise ValueError(
            _l(
                "Unknown value; use a code or label of the %(name)s list (see the column guide).",
                name=vocabulary.name,
            )
        )
    return found


@cache
def _countries() -> dict[str, str]:
    found = {name.casefold(): code for code, name in country_choices() if code}
    found.update({code.casefold(): code for code, _ in country_choices() if code})
    return found


def parse_codes(vocabulary: Vocabulary, text: str) -> str | None:
    """Several codes (or labels) separated by ; — stored in the vocabulary's order, once each."""
    parts = [part for part in re.split(r"[;,]", text or "") if part.strip()]
    chosen = {parse_code(vocabulary, part) for part in parts}
    check_alone(vocabulary, chosen)
    return join_codes(vocabulary, chosen)


def check_alone(vocabulary: Vocabulary, chosen) -> None:
    """A 'none…' code ('None stated') goes alone: with another it says two things."""
    chosen = set(chosen)
    for code in chosen:
        if code.startswith("none") and len(chosen) > 1:
            raise ValueError(
                _l(
                    "“%(label)s” goes alone: untick it or the others.",
                    label=translate_label(vocabulary.label(code)),
                )
            )


def join_codes(vocabulary: Vocabulary, chosen) -> str | None:
    """Codes as stored: in the vocabulary's order, separated by ;, None for none."""
    return ";".join(code for code in vocabulary.codes if code in set(chosen)) or None


def parse_country(text: str) -> str:
    """An ISO 3166-1 alpha-2 code from a code or an English country name."""
    found = _countries().get((text or "").strip().casefold())
    if found is None:
        raise ValueError(_l("Unknown country; use the ISO code (e.g. MX) or the English name."))
    return found
