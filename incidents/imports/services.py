"""Running an import: one pass over the file, rows validated and written in batches inside one
transaction, which is committed only when the import is real and either every row was valid or
invalid rows may be skipped — otherwise it is rolled back and the database is unchanged. Every
run is one audit event (file SHA-256, rows imported and rejected)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from incidents import audit
from incidents.i18n import N_, gettext, ngettext, shown_moment, translate_label
from incidents.imports import reader
from incidents.imports.rows import ImportRow, Lookups, Problem, RowReader
from incidents.imports.writer import BATCH, BatchWriter
from incidents.models import Agency, AuditEvent, Organization, User

MAX_PROBLEMS_KEPT = 1000
TAKEN_MEANWHILE = N_(
    "Another import or a new incident took the same reference numbers at the same moment; "
    "try again."
)

__all__ = ["CLI_OPTIONS", "WEB_OPTIONS", "Options", "Report", "run_import"]


@dataclass(frozen=True)
class Options:
    """How the person importing names each option that changes an import's outcome: the
    messages tell them what to do in their own terms (a command-line flag, a checkbox)."""

    skip_invalid: str
    again: str
    allow_duplicates: str
    update: str


CLI_OPTIONS = Options(
    skip_invalid="use --skip-invalid",
    again="use --again",
    allow_duplicates="use --allow-duplicates",
    update="use --update",
)

WEB_OPTIONS = Options(  # translated where a page shows them
    skip_invalid=N_("tick “Import the valid rows and skip the rows with problems”"),
    again=N_("tick “Import this file again” before importing"),
    allow_duplicates=N_(
        "tick “Record rows that look like recorded incidents … as new incidents” "
        "and check the file again"
    ),
    update=N_(
        "tick “Rows whose reference is already recorded update that incident” and check "
        "the file again"
    ),
)


@dataclass
class Report:
    """What an import found and did."""

    rows: int = 0
    valid: int = 0  # rows that passed every check (written, or would be)
    imported: int = 0
    updated: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    file_problem: str | None = None
    sha256: str = ""
    content_sha256: str = ""  # of the rows' filled cells, whatever the file's layout
    dry_run: bool = False
    committed: bool = False
    references: list[str] = field(default_factory=list)
    imported_before: datetime | None = None  # the same file's last import that added incidents
    options: Options = CLI_OPTIONS
    again: bool = False  # the user said to import a file imported before
    skip_invalid: bool = False
    would_update: int = 0  # rows that update a recorded incident (found by the check)
    stopped_at: int | None = None  # the row at which an import stopped half-way

    def warning(self) -> str | None:
        """A warning worth reading before confirming, if any (in the reader's language on a
        page; English elsewhere)."""
        if self.imported_before is None or self.again or self.file_problem:
            return None
        return gettext(
            "This same file (SHA-256) was imported on %(when)s UTC; it is refused unless you "
            "say to import it again (%(how)s): rows without a reference would become new "
            "incidents.",
            when=shown_moment(self.imported_before),
            how=translate_label(self.options.again),
        )

    def verdict(self) -> str:
        """One line: what happened (in the reader's language on a page; English in the
        command's output and in a job's stored message: `jobs.messages` reads those)."""
        if self.file_problem:
            return gettext("Nothing imported: %(problem)s", problem=self.file_problem)
        bad = gettext(
            "%(rejected)s of %(rows)s rows have problems (%(count)s in all)",
            rejected=self.rejected,
            rows=self.rows,
            count=self.problem_count,
        )
        if self.dry_run:
            return self._checked(bad)
        if self.committed:
            said = ngettext(
                "Imported %(count)s incident",
                "Imported %(count)s incidents",
                self.imported,
                count=self.imported,
            )
            if self.updated:
                said += ngettext(
                    "; updated %(count)s incident",
                    "; updated %(count)s incidents",
                    self.updated,
                    count=self.updated,
                )
            if self.rejected:
                said += ngettext(
                    "; %(count)s row with problems skipped",
                    "; %(count)s rows with problems skipped",
                    self.rejected,
                    count=self.rejected,
                )
            return said + "."
        if self.stopped_at is not None:
            return gettext(
                "Stopped at row %(row)s: the rows before it were imported (%(imported)s, "
                "updated %(updated)s); that row and the rows after it were not — a problem "
                "appeared since the check (see above). Import those rows from a file that holds "
                "only them.",
                row=self.stopped_at,
                imported=_incidents(self.imported),
                updated=self.updated,
            )
        return gettext(
            "Nothing imported: %(bad)s. The import is all-or-nothing: fix them, or import the "
            "valid rows only (%(how)s).",
            bad=bad,
            how=translate_label(self.options.skip_invalid),
        )

    def _checked(self, bad: str) -> str:
        """The verdict of a check (nothing written)."""
        if self.problem_count:
            return gettext("Checked: %(bad)s; nothing was written yet.", bad=bad)
        rows = ngettext("%(count)s row", "%(count)s rows", self.rows, count=self.rows)
        if self.updated:
            return gettext(
                "Checked: %(rows)s, all valid (%(updated)s would update a recorded incident); "
                "nothing was written yet.",
                rows=rows,
                updated=self.updated,
            )
        return gettext("Checked: %(rows)s, all valid; nothing was written yet.", rows=rows)

    def add(self, problems: list[Problem]) -> None:
        """Count problems; keep the first MAX_PROBLEMS_KEPT for the report."""
        self.problem_count += len(problems)
        room = MAX_PROBLEMS_KEPT - len(self.problems)
        self.problems += problems[: max(room, 0)]


def file_sha256(path: Path) -> str:
    """SHA-256 of the file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def imported_before(
    session: Session, organization_id: int, sha256: str, content: str
) -> datetime | None:
    """When the organization last imported incidents from this file: the same bytes (SHA-256)
    or the same rows (`content`: a file saved again by a spreadsheet, with another encoding
    mark, line endings, column order or blank cells, holds the same rows)."""
    events = session.execute(
        select(AuditEvent.occurred_at, AuditEvent.details)
        .where(
            AuditEvent.action == "incidents_imported",
            AuditEvent.organization_id == organization_id,
            AuditEvent.details.contains(f'"sha256":"{sha256}"')
            | AuditEvent.details.contains(f'"content_sha256":"{content}"'),
        )
        .order_by(AuditEvent.seq.desc())
    )
    return next((at for at, details in events if json.loads(details).get("imported")), None)


def lookups(session: Session, organization: Organization) -> Lookups:
    """The organization's code and the agencies a row may name (seeded ones and its own)."""
    agencies, local = {}, set()
    for agency_id, code, name, level in session.execute(
        select(Agency.id, Agency.code, Agency.name, Agency.level).where(
            Agency.organization_id.is_(None) | (Agency.organization_id == organization.id)
        )
    ):
        agencies.setdefault(code.casefold(), agency_id)
        agencies.setdefault(name.casefold(), agency_id)
        if level in ("state", "local"):
            local.add(agency_id)
    return Lookups(organization.code, agencies, local_agencies=frozenset(local))


def run_import(
    *,
    session: Session,
    organization: Organization,
    actor: User | None,
    path: Path,
    dry_run: bool = False,
    skip_invalid: bool = False,
    update: bool = False,
    again: bool = False,
    allow_duplicates: bool = False,
    options: Options = CLI_OPTIONS,
    max_bytes: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Check the file, then (unless dry_run, or a row has a problem without skip_invalid, or
    the file was imported before without `again`) import it; with `update`, a row whose
    reference is recorded updates that incident; a row that looks like a recorded incident
    (same client, date and place) is a problem without `allow_duplicates`.

    Two passes: the check only reads (no write lock while it runs); the import then writes the
    rows found valid in batches of BATCH, each committed on its own, so that nobody waits for
    the whole file. If a batch meets a new problem (someone recorded the same reference or
    incident meanwhile), the import stops there and the report says which rows were imported."""
    report = Report(sha256=file_sha256(path), dry_run=dry_run, options=options, again=again)
    choices = {"update": update, "allow_duplicates": allow_duplicates, "options": options}
    bad_rows = _check(session, organization, path, report, choices, max_bytes, progress)
    if not dry_run and _keep(report, skip_invalid):
        _write_valid(session, organization, actor, path, report, bad_rows, choices, progress)
    else:
        report.updated = report.would_update
    audit.record(
        session=session,
        action="incidents_import_checked" if dry_run else "incidents_imported",
        actor=actor,
        organization_id=organization.id,
        details={
            "sha256": report.sha256,
            "content_sha256": report.content_sha256,
            "rows": report.rows,
            "imported": report.imported,
            "updated": report.updated if not dry_run else 0,
            "rejected": report.rejected,
            "problems": report.problem_count,
            "skip_invalid": skip_invalid,
            "refused": not dry_run and not report.committed and not report.imported,
            "stopped_at_row": report.stopped_at,
        },
    )
    session.commit()
    return report


def _check(session, organization, path, report: Report, choices, max_bytes, progress) -> set:
    """The first pass, read-only: every row's rules, its reference and likely duplicates
    (against the database and the file's earlier rows). Returns the rows with problems."""
    session.rollback()  # a check holds no write lock: a deferred (read) transaction
    session.connection(execution_options={"sqlite_begin": "DEFERRED"})
    content, bad_rows = hashlib.sha256(), set()
    row_reader = RowReader(lookups(session, organization))
    writer = BatchWriter(session, organization, None, dry_run=True, **choices)
    batch: list[tuple[int, ImportRow]] = []

    def check(rows) -> None:
        refused = writer.write(rows)
        report.add(refused)
        report.rejected += len(refused)
        bad_rows.update(problem.row for problem in refused)

    try:
        reader.check_size(path, max_bytes)
        for number, cells in reader.rows(path):
            report.rows += 1
            content.update(_canonical(cells))
            if progress and report.rows % BATCH == 0:
                progress(BATCH)
            if isinstance(cells, str):
                report.add([Problem(number, "", "", reader.shown_reason(cells))])
                report.rejected += 1
                bad_rows.add(number)
                continue
            data, problems = row_reader.read(number, cells)
            if problems:
                report.add(problems)
                report.rejected += 1
                bad_rows.add(number)
                continue
            batch.append((number, data))
            if len(batch) == BATCH:
                check(batch)
                batch = []
        if batch:
            check(batch)
        if progress:
            progress(report.rows % BATCH)
    except reader.FileRefused as error:
        report.file_problem = str(error)
    report.valid = writer.count + writer.updated
    report.would_update = writer.updated
    report.problems.sort(key=lambda problem: problem.row)
    report.content_sha256 = content.hexdigest()
    report.imported_before = imported_before(
        session, organization.id, report.sha256, report.content_sha256
    )
    if report.imported_before and not (report.again or report.dry_run or report.file_problem):
        report.file_problem = (  # checked like any file, then refused: the report shows both
            f"this same file was imported on {report.imported_before:%Y-%m-%d %H:%M} UTC. "
            f"To import it again, {report.options.again}."
        )
    session.rollback()  # end the read transaction (and drop the check's temporary table)
    return bad_rows


def _write_valid(session, organization, actor, path, report, bad_rows, choices, progress):
    """The second pass: the rows found valid, written a batch at a time, each batch its own
    short transaction. A batch that meets a new problem is not written and the import stops
    there (with skip_invalid, its refused rows are skipped and the import goes on)."""
    row_reader = RowReader(lookups(session, organization))
    writer = BatchWriter(session, organization, actor, **choices)
    batch: list[tuple[int, ImportRow]] = []

    def write(rows) -> bool:
        try:
            refused = writer.write(rows)
        except IntegrityError:  # PostgreSQL: someone took the same reference number meanwhile
            session.rollback()
            refused = [Problem(rows[0][0], "", "", translate_label(TAKEN_MEANWHILE))]
        if refused and not report.skip_invalid:
            session.rollback()
            report.add(refused)
            report.rejected += len(refused)
            report.stopped_at = rows[0][0]
            return False
        report.add(refused)
        report.rejected += len(refused)
        session.commit()
        report.imported, report.updated = writer.count, writer.updated
        report.references = writer.created
        return True

    done = 0
    for number, cells in reader.rows(path):
        done += 1
        if progress and done % BATCH == 0:
            progress(BATCH)
        if number in bad_rows or isinstance(cells, str):
            continue
        data, problems = row_reader.read(number, cells)
        if problems:  # cannot happen: the same rules read the same file a moment ago
            continue
        batch.append((number, data))
        if len(batch) == BATCH:
            if not write(batch):
                break
            batch = []
    else:
        if not batch or write(batch):
            report.committed = True
    if progress:
        progress(done % BATCH)
    report.problems.sort(key=lambda problem: problem.row)


def _canonical(cells: dict[str, str] | str) -> bytes:
    """A row as the content fingerprint reads it: filled cells by column name, trimmed."""
    if isinstance(cells, str):
        return b"\x1e!" + cells.encode()
    filled = sorted((name, value.strip()) for name, value in cells.items() if value.strip())
    return b"\x1e" + json.dumps(filled, ensure_ascii=False).encode()


def _keep(report: Report, skip_invalid: bool) -> bool:
    report.skip_invalid = skip_invalid
    if report.file_problem:
        return False
    return skip_invalid or report.problem_count == 0


def _incidents(count: int) -> str:
    return ngettext("%(count)s incident", "%(count)s incidents", count, count=count)
