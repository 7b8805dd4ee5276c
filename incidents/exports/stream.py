"""The research export's rows, streamed: one statement checks the chosen release and reads its
rows (`classes.release_rows`), the database writing each line's cells; Python adds fresh random
row ids, writes chunks of a few hundred rows and audits the download — with the file's SHA-256,
or that it was cut off."""

from __future__ import annotations

import csv
import hashlib
import io
import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import Text, case, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session

from incidents import audit
from incidents.db import streaming, utcnow
from incidents.exports import classes, lattice
from incidents.exports.anonymize import QI_NAMES, budget_of
from incidents.exports.columns import NAMES, RARE_GROUPED
from incidents.exports.lattice import Release
from incidents.models import ResearchFacts, ResearchRelease
from incidents.records.research import PACKED

if TYPE_CHECKING:
    from incidents.exports.plan import Export

LINE = "{},{}\n"  # row id, then the encoded cells
ROW_BATCH = 500
RARE = [getattr(ResearchFacts, name) for name in RARE_GROUPED]
assert ("row_id", *QI_NAMES, *RARE_GROUPED, *PACKED) == NAMES, "the order the stream writes"


class Stream:
    """An export whose rows are being read: `release` is what the statement counted (the rows
    that follow, their classes and risks), `lines()` the CSV."""

    def __init__(self, session: Session, export: Export, result, release: Release):
        self.session = session
        self.export = export
        self.result = result
        self.release = release
        self.release_id: int | None = None  # the researcher's release, noted complete at the end
        streaming(session, True)

    def lines(
        self, actor=None, organization_id: int | None = None, action: str = "research_export"
    ) -> Iterator[str]:
        """CSV text, header first, rows shuffled by the database with fresh random ids, a few
        hundred rows a chunk; audits the download (rows, SHA-256, or cut off) when it ends —
        as `action` (a job writing the release to a file says so)."""
        digest = hashlib.sha256()
        written, complete = 0, False

        def sent(text: str) -> str:
            digest.update(text.encode("utf-8"))
            return text

        try:
            header = io.StringIO()
            csv.writer(header, lineterminator="\n").writerow(NAMES)
            yield sent(header.getvalue())
            for lines in self.result.scalars().partitions():
                ids = secrets.token_hex(16 * len(lines))
                written += len(lines)
                yield sent("".join(map(LINE.format, _slices(ids, 32), lines)))
            complete = True
        finally:
            try:
                self.result.close()
                self.session.commit()  # end the read before writing to the trail
                sha256 = digest.hexdigest() if complete else None
                self._audit(actor, organization_id, written, sha256, action)
            finally:
                streaming(self.session, False)

    def _audit(self, actor, organization_id, written: int, sha256: str | None, action) -> None:
        report = self.release.report()
        del report["generalization"]
        details = {**report, "release": self.release.code, "rows": written}
        details["organizations"] = len(self.export.organization_ids)
        details["complete"] = sha256 is not None
        if sha256:
            details["sha256"] = sha256
        if self.release_id is not None:  # the download has ended (to the end, or not)
            ended = {"streaming_since": None}
            if sha256:
                ended["completed_at"] = utcnow()
            self.session.execute(
                update(ResearchRelease).where(ResearchRelease.id == self.release_id).values(**ended)
            )
        audit.record(
            session=self.session,
            action=action,
            actor=actor,
            organization_id=organization_id or getattr(actor, "organization_id", None),
            details=details,
        )
        self.session.commit()


def open_stream(*, session: Session, export: Export) -> Stream:
    """Start reading the export's rows in a read transaction of its own (the caller's ends
    here): the statement counts the classes, and its first row says whether the chosen release
    still passes — Refused (the statement closed) if it leaves more rows out than the budget
    allows, or keeps no class of k."""
    session.commit()
    connection = session.connection(execution_options={"sqlite_begin": "DEFERRED"})
    query = classes.release_rows(export.rule, export.levels, _line(export))
    result = connection.execute(query.execution_options(yield_per=ROW_BATCH))
    totals = result.fetchone()
    total, kept = int(totals.total or 0), int(totals.kept or 0)
    budget = budget_of(total)
    if not lattice.passes(total - kept, totals.least_k, export.rule.k, budget):
        result.close()
        session.rollback()
        rule = export.rule
        raise lattice.no_longer_passes(rule.k, rule.l_div, total - kept, budget)
    plan = export.plan
    release = Release(
        levels=export.levels,
        eligible=total,
        suppressed=total - kept,
        k_achieved=int(totals.least_k),
        l_achieved=None if totals.least_l is None else int(totals.least_l),
        classes=int(totals.classes),
        loss=plan.loss if plan is not None and plan.levels == export.levels else None,
        k=export.rule.k,
        l_required=export.rule.l_div,
        sensitive=export.rule.sensitive,
    )
    return Stream(session, export, result, release)


def stream_rows(*, session: Session, export: Export, actor=None) -> Iterator[str]:
    """The export's CSV (see `open_stream` and `Stream.lines`)."""
    yield from open_stream(session=session, export=export).lines(actor)


def _line(export: Export):
    """SQL: a row's cells joined by commas, exactly as `csv.writer` writes them. The
    quasi-identifiers and the rare-grouped columns hold plain codes, which it writes verbatim
    (`records.research.plain`, applied when the facts are stored); rare values become "other";
    the other columns' cells are stored ready-made (`ResearchFacts.cells`)."""
    cells = classes.general(export.levels)
    for column in RARE:
        rare = sorted(export.rare[column.key])
        cells.append(case((column.in_(rare), "other"), else_=column) if rare else column)
    cells.append(ResearchFacts.cells)
    return CommaJoined(*cells)


class CommaJoined(FunctionElement):
    """SQL: text cells (never NULL) joined by commas, in one call where the database has one
    (SQLite's `printf`, PostgreSQL's `concat_ws`) — a chain of `||` copies the line once per
    cell."""

    type = Text()
    inherit_cache = True


@compiles(CommaJoined)
def _joined(element, compiler, **kw):
    comma = " || ',' || "
    return comma.join(compiler.process(cell, **kw) for cell in element.clauses)


@compiles(CommaJoined, "sqlite")
def _joined_sqlite(element, compiler, **kw):
    form = ",".join(["%s"] * len(element.clauses))
    return f"printf('{form}', {compiler.process(element.clauses, **kw)})"


@compiles(CommaJoined, "postgresql")
def _joined_postgresql(element, compiler, **kw):
    return f"concat_ws(',', {compiler.process(element.clauses, **kw)})"


def _slices(text: str, size: int) -> list[str]:
    """`text` cut into pieces of `size` characters (a batch's row ids)."""
    return [text[i : i + size] for i in range(0, len(text), size)]
