"""A prepared export: what `services.prepare` decides and `stream` reads."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from incidents.exports import classes, lattice
from incidents.exports.lattice import Release


@dataclass
class Export:
    """A prepared export: who is in it, the chosen levels, the rare values grouped as 'other',
    and — when the lattice was searched — the chosen release (`plan`, with its loss) and the
    candidates the page offers. The download checks its levels in the statement that reads the
    rows (`exports.stream`)."""

    rule: classes.Rule
    levels: dict[str, int]
    rare: dict[str, set[str]]
    plan: Release | None = None
    releases: list[Release] = dataclasses.field(default_factory=list)

    @property
    def organization_ids(self) -> list[int]:
        """The organizations whose consented incidents are exported."""
        return self.rule.organization_ids

    @property
    def code(self) -> str:
        """The chosen release's short code."""
        return lattice.code_of(self.levels)
