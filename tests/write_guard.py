"""Watches which application modules write the incident record tables (through SQLAlchemy's
cursor events): only `incidents.records` may. The conftest installs it for every test, so a
feature that bypasses the operations module fails whichever test exercises it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

import incidents

PACKAGE = Path(incidents.__file__).resolve().parent
MIGRATIONS = PACKAGE.parent / "migrations"
TESTS = Path(__file__).resolve().parent
RECORD_TABLES = frozenset(
    {
        "incidents",
        "people",
        "incident_people",
        "incident_agencies",
        "frt_uses",
        "documents_presented",
        "timeline_events",
        "agents",
        "paperwork",
        "incident_search",
        "research_facts",
    }
)
ALLOWED = frozenset(
    str(PACKAGE / "records" / name)
    for name in ("operations.py", "bulk.py", "copier.py", "derived.py", "research.py", "review.py")
)
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I)


class WriteGuard:
    """Collects (table, module) for every write to a record table made by application code."""

    def __init__(self):
        self.writes: list[tuple[str, str]] = []

    def __enter__(self):
        event.listen(Engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc):
        event.remove(Engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany):
        match = WRITE.match(statement)
        if not match or match.group(1) not in RECORD_TABLES:
            return
        writer = _innermost_project_file()
        if writer is not None:
            self.writes.append((match.group(1), writer))

    @property
    def violations(self) -> list[tuple[str, str]]:
        """Writes to record tables by application modules other than the record kernel."""
        return sorted({(t, w) for t, w in self.writes if w not in ALLOWED})


def _innermost_project_file() -> str | None:
    """The application module that wrote, unless the record kernel is on the call stack (then
    None, as for a test's or a migration's own statements)."""
    frame, writer = sys._getframe(2), None
    while frame is not None:
        path = frame.f_code.co_filename
        if path in ALLOWED:
            return None
        if writer is None and path.startswith((str(MIGRATIONS), str(TESTS))):
            return None
        if writer is None and path.startswith(str(PACKAGE)):
            writer = path
        frame = frame.f_back
    return writer
