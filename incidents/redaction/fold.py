"""Folding text for matching: lower case, accents removed, with a map back to the original."""

from __future__ import annotations

import unicodedata

# letters that Unicode does not decompose into a base letter and a mark
PLAIN = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"})
PLAIN.update(str.maketrans({"ħ": "h", "ı": "i", "ŧ": "t", "ŋ": "n"}))  # noqa: RUF001


def fold_char(ch: str) -> str:
    """'Ñ' → 'n', 'ß' → 'ss', 'Đ' → 'd', 'A' → 'a'."""
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return bare.translate(PLAIN)


def fold(text: str) -> str:
    """The folded form of a whole string (for recorded values and terms)."""
    return "".join(fold_char(ch) for ch in text)


class Folded:
    """A text's folded form and, for each folded character, the original position it came from."""

    def __init__(self, text: str):
        self.original = text
        if text.isascii():
            self.text, self._index = text.lower(), None
            return
        chars, index = [], []
        for position, ch in enumerate(text):
            folded = fold_char(ch)
            chars.append(folded)
            index.extend([position] * len(folded))
        self.text, self._index = "".join(chars), index

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a folded span."""
        if self._index is None:
            return start, end
        if start >= len(self._index):
            return len(self.original), len(self.original)
        return self._index[start], self._index[end - 1] + 1
