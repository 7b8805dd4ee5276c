"""A suggested assessment with its reason (the engine's only answer type)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Suggestion:
    """A suggested assessment and why."""

    value: str  # violated, complied, unclear, not_applicable
    reason: str
