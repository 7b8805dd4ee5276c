"""The message catalogs are complete and current (issue 21): the committed messages.pot holds
exactly what the code marks (run `make translations` after changing a marked string), the
Spanish catalog translates every entry (none missing, none fuzzy, the same placeholders and
HTML tags), and the committed .mo files are compiled from the .po files as they are."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

import incidents
from incidents.i18n import LANGUAGES

ROOT = Path(incidents.__file__).parent.parent
CATALOGS = ROOT / "incidents" / "translations"
TRANSLATED = [language for language in LANGUAGES if language != "en"]  # English is the msgid
TAG = re.compile(r"<[^>]+>")


def _ids(catalog) -> set:
    return {message.id for message in catalog if message.id}


def _po(language: str):
    with open(CATALOGS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def test_the_committed_template_matches_the_code(tmp_path):
    """The same extraction as `make translations`, into a temporary file."""
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(
        [
            "pybabel", "--quiet", "extract", "--no-location", "--sort-output",
            "-F", str(ROOT / "babel.cfg"), "--ignore-dirs=.* __pycache__",
            "-k", "_l", "-k", "lazy_gettext", "-k", "N_", "-k", "NC_:1c,2",
            "-o", str(fresh), str(ROOT),
        ]
    )  # fmt: skip
    with open(fresh, "rb") as handle:
        extracted = _ids(read_po(handle))
    with open(CATALOGS / "messages.pot", "rb") as handle:
        committed = _ids(read_po(handle))
    assert len(extracted) > 1000  # the extraction ran over the templates and the package
    new, stale = sorted(map(str, extracted - committed)), sorted(map(str, committed - extracted))
    assert not new and not stale, f"run `make translations`: new {new[:5]}, gone {stale[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalog_translates_everything_in_the_template(language):
    with open(CATALOGS / "messages.pot", "rb") as handle:
        template = _ids(read_po(handle))
    catalog = _po(language)
    assert template <= _ids(catalog), f"{language}: run `make translations`"
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert not untranslated, f"{language}: untranslated {untranslated[:5]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_placeholders_and_markup(language):
    catalog = _po(language)
    problems = [f"{message.id}: {errors}" for message, errors in catalog.check()]
    assert not problems, problems[:5]
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert sorted(TAG.findall(text)) == sorted(TAG.findall(ids[0])), message.id
            assert not re.search(r"%(?![(%])", text), message.id  # a bare % breaks formatting
            wanted = set(re.findall(r"%\(\w+\)s", ids[-1]))
            assert set(re.findall(r"%\(\w+\)s", text)) <= wanted | set(
                re.findall(r"%\(\w+\)s", ids[0])
            ), message.id
    assert catalog.num_plurals == 2  # "Plural-Forms: nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_mo_file_is_compiled_from_the_po_file(language):
    compiled = io.BytesIO()
    write_mo(compiled, _po(language))
    compiled.seek(0)
    with open(CATALOGS / language / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        committed = read_mo(handle)
    expected = read_mo(compiled)
    pairs = {_key(message.id): _key(message.string) for message in expected if message.id}
    found = {_key(message.id): _key(message.string) for message in committed if message.id}
    assert found == pairs, f"{language}: run `make translations` (pybabel compile)"


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value
