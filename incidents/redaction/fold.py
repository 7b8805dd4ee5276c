"""Folding text for matching, with a map back to the original positions.

`Folded`: lower case, accents removed, letters without a decomposition mapped to their base
letter, Cyrillic and Greek look-alikes mapped to the Latin letter they look like, apostrophe
look-alikes made an apostrophe, and invisible characters (zero-width spaces and joiners, soft
hyphens, word joiners) dropped — so "Kevin Hart" typed with a Cyrillic e and a zero-width
space in "Hart" is "kevin hart". `Cleaned`: the original with only the invisible characters
dropped, for the detectors that need the case as written."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")
# letters that Unicode does not decompose into a base letter and a mark, and look-alikes
PLAIN = {
    **dict(zip("đłøðħıŧŋ", "dlodhitn", strict=True)),
    **{"æ": "ae", "œ": "oe", "þ": "th"},
    # Cyrillic and Greek letters that look like Latin ones
    **dict(zip("авсеніјкмортхуѕԁӏ", "abcehijkmoptxysdl", strict=True)),
    **dict(zip("αβεικνοτυχ", "abeikvotux", strict=True)),
    # apostrophe look-alikes
    **dict.fromkeys("\u02bc\u00b4\u2018\u2019\u02b9\u0060\u2032", "'"),
}
PLAIN_TABLE = str.maketrans(PLAIN)


def fold_char(ch: str) -> str:
    """'Ñ' → 'n', 'ß' → 'ss', 'Đ' → 'd', 'A' → 'a', a zero-width space → ''."""
    if ch.isascii():
        return ch.lower()
    if ch in INVISIBLE:
        return ""
    decomposed = unicodedata.normalize("NFKD", ch)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return bare.translate(PLAIN_TABLE)


def clean_char(ch: str) -> str:
    """The character as written, or '' when it is invisible."""
    return "" if ch in INVISIBLE else ch


def fold(text: str) -> str:
    """The folded form of a whole string (for recorded values and terms)."""
    return "".join(fold_char(ch) for ch in text)


class Folded:
    """A text's folded form and, for each folded character, the original position it came from."""

    convert: Callable[[str], str] = staticmethod(fold_char)
    ascii_form: Callable[[str], str] = staticmethod(str.lower)

    def __init__(self, text: str):
        self.original = text
        if text.isascii():
            self.text, self._index = self.ascii_form(text), None
            return
        chars, index = [], []
        for position, ch in enumerate(text):
            converted = self.convert(ch)
            chars.append(converted)
            index.extend([position] * len(converted))
        self.text, self._index = "".join(chars), index

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a span of this form."""
        if self._index is None:
            return start, end
        if start >= len(self._index):
            return len(self.original), len(self.original)
        return self._index[start], self._index[max(end - 1, start)] + 1


class Cleaned(Folded):
    """The text as written without its invisible characters (case and accents kept)."""

    convert = staticmethod(clean_char)
    ascii_form = staticmethod(str)
