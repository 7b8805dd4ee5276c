"""The vocabulary type: stable codes (stored, imported, exported) with human labels."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from incidents.i18n import LazyLabel


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of (code, label) pairs."""

    name: str
    items: tuple[tuple[str, str], ...]

    @cached_property
    def codes(self) -> tuple[str, ...]:
        """All codes, in display order."""
        return tuple(code for code, _ in self.items)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Code → label."""
        return dict(self.items)

    def label(self, code: str | None) -> str:
        """The human label of a code (the code itself if unknown, '—' if empty)."""
        if not code:
            return "—"
        return self.labels.get(code, code)

    def choices(self, blank: str | None = None) -> list[tuple[str, str]]:
        """(code, label) pairs for a form, optionally preceded by a blank option; each label
        is drawn in the page's language (`LazyLabel`), the code never changes."""
        head = [("", LazyLabel(blank))] if blank is not None else []
        return head + [(code, LazyLabel(label)) for code, label in self.items]

    def __contains__(self, code: object) -> bool:
        return code in self.labels

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.items)


def vocabulary(name: str, *pairs: tuple[str, str]) -> Vocabulary:
    """A vocabulary from (code, label) pairs."""
    return Vocabulary(name, tuple(pairs))
