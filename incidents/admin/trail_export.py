"""The audit trail as a spreadsheet (CSV) for administrators: each event in words and its raw
columns, streamed a batch at a time, and recorded in the trail itself once sent (or cut off)."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator

from sqlmodel import Session

from incidents import audit
from incidents.admin import trail
from incidents.admin.trail_labels import EXPORTED
from incidents.admin.trail_rows import Row, rows_of
from incidents.i18n import in_english
from incidents.records.research import FORMULA_START

HEADER = (
    "seq",
    "time_utc",
    "who",
    "what_happened",
    "details_in_words",
    "actor_id",
    "action",
    "object",
    "details",
)


def _cell(value) -> str:
    """A cell no spreadsheet reads as a formula (a display name may start with '=')."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def cells(row: Row) -> list[str]:
    """One event's cells, in the order of HEADER."""
    who = row.who if isinstance(row.who, str) else row.who.text
    return [
        _cell(v)
        for v in (
            row.seq,
            row.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            who,
            row.sentence,
            row.details_text,
            row.actor_id,
            row.action,
            row.object,
            row.raw_details,
        )
    ]


def stream_csv(*, session: Session, actor, filters: trail.Filters) -> Iterator[str]:
    """The filtered trail, oldest first; audits the download with its filters, the number of
    events and the file's SHA-256 (or that it was cut off) when the last chunk has gone."""
    organization_id = actor.organization_id
    users = trail.user_names(session, organization_id)
    digest, buffer = hashlib.sha256(), io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    written, complete = 0, False

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        digest.update(text.encode("utf-8"))
        return text

    try:
        writer.writerow(HEADER)
        yield flush()
        for batch in trail.export_batches(
            session=session, organization_id=organization_id, filters=filters
        ):
            with in_english():  # evidence: the words as stored, whoever downloads it
                rows = rows_of(session, organization_id, batch, users)
            for row in rows:
                writer.writerow(cells(row))
            written += len(batch)
            yield flush()
        complete = True
    finally:
        session.rollback()  # end the export's read before writing to the trail
        details = {"filters": filters.details(), "rows": written, "complete": complete}
        if complete:
            details["sha256"] = digest.hexdigest()
        audit.record(session=session, action=EXPORTED, actor=actor, details=details)
        session.commit()
