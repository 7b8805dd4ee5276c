"""A suggested assessment with its reason (the engine's only answer type)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Suggestion:
    """A suggested assessment and why."""

    value: str  # violated, complied, unclear, not_applicable
    reason: str

    def noted(self, note: str) -> Suggestion:
        """The same suggestion with a note added to its reason."""
        return Suggestion(self.value, f"{self.reason} {note}")

    def at_most_unclear(self, note: str) -> Suggestion:
        """The suggestion on a footing the record leaves open: a violation or compliance
        becomes unclear, and the note says why."""
        value = "unclear" if self.value in ("violated", "complied") else self.value
        return Suggestion(value, f"{self.reason} {note}")
