"""Controlled vocabularies: stable codes (stored, imported, exported) with human labels.

Codes never change once released; labels may. Forms, import, export and the data dictionary all
read these objects, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of (code, label) pairs."""

    name: str
    items: tuple[tuple[str, str], ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """All codes, in display order."""
        return tuple(code for code, _ in self.items)

    def label(self, code: str | None) -> str:
        """The human label of a code (the code itself if unknown, '—' if empty)."""
        if not code:
            return "—"
        return dict(self.items).get(code, code)

    def choices(self, blank: str | None = None) -> list[tuple[str, str]]:
        """(code, label) pairs, optionally preceded by a blank option."""
        head = [("", blank)] if blank is not None else []
        return head + list(self.items)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.items)


ROLE = Vocabulary(
    "role",
    (
        ("admin", "Administrator"),
        ("caseworker", "Caseworker"),
        ("lawyer", "Lawyer"),
        ("researcher", "Researcher"),
    ),
)
