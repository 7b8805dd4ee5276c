"""Words that depend on a number: "1 incident", "2 incidents"."""

from __future__ import annotations

IRREGULAR = {"person": "people", "policy": "policies", "entry": "entries", "copy": "copies"}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """The count (with thousands separators) and the word, singular for exactly one."""
    if count == 1:
        return f"1 {singular}"
    return f"{count:,} {plural_form or IRREGULAR.get(singular) or singular + 's'}"
