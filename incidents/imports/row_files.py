"""Adding rows to recorded incidents from a second spreadsheet keyed by reference: timeline
events, agents or paperwork, one file per kind (columns: `columns.row_file_columns`). Every cell
goes through the form's rules. The file is all-or-nothing: with any problem nothing is written.
A row equal to one the incident already holds is not added again, so importing the same file
twice adds nothing the second time. Each incident that gains rows is one 'incident_updated'
event (source: import); the run is one audit event with the file's SHA-256 and the counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from incidents import audit
from incidents.i18n import N_, gettext, ngettext, translate_label
from incidents.imports import reader
from incidents.imports.columns import PLURALS, ROW_FILES, row_file_columns
from incidents.imports.rows import Problem, cell_reader, shown
from incidents.imports.services import file_sha256, lookups
from incidents.models import Incident, Organization, User
from incidents.records import operations
from incidents.records import validation as rules
from incidents.records.bundle import load_bundle
from incidents.records.references import NotAReference, parse_reference
from incidents.records.spec import REF_KINDS
from incidents.records.value import ROW_CLASSES, from_bundle

MAX_PROBLEMS_KEPT = 1000
MAX_ROWS_PER_INCIDENT = 200
NOT_FOUND = N_("No incident of your organization has this reference.")
ARCHIVED = N_("This incident is archived; restore it first.")


@dataclass
class RowsReport:
    """What a file of rows held and did."""

    list_name: str
    rows: int = 0
    added: int = 0
    already: int = 0  # rows equal to one the incident holds: not added again
    incidents: int = 0  # incidents that gain rows
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    file_problem: str | None = None
    sha256: str = ""
    dry_run: bool = False
    committed: bool = False
    references: list[str] = field(default_factory=list)

    @property
    def noun(self) -> str:
        """What one row is, in words."""
        return ROW_FILES[self.list_name][1]

    def verdict(self) -> str:
        """One line: what happened (in the reader's language on a page; English elsewhere)."""
        if self.file_problem:
            return gettext("Nothing imported: %(problem)s", problem=self.file_problem)
        rows = ngettext("%(count)s row", "%(count)s rows", self.rows, count=self.rows)
        if self.problem_count:
            return gettext(
                "Nothing imported: %(problems)s in %(rows)s. The file is all-or-nothing: fix "
                "them and check it again.",
                problems=ngettext(
                    "%(count)s problem",
                    "%(count)s problems",
                    self.problem_count,
                    count=self.problem_count,
                ),
                rows=rows,
            )
        gained = gettext(
            "%(rows)s to %(incidents)s",
            rows=self._added(),
            incidents=ngettext(
                "%(count)s incident", "%(count)s incidents", self.incidents, count=self.incidents
            ),
        )
        if self.already:
            gained += ngettext(
                "; %(count)s row already recorded, left out",
                "; %(count)s rows already recorded, left out",
                self.already,
                count=self.already,
            )
        if self.dry_run:
            return gettext(
                "Checked: %(rows)s, all valid — would add %(gained)s.", rows=rows, gained=gained
            )
        return gettext("Added %(gained)s.", gained=gained)

    def _added(self) -> str:
        """'3 timeline events': the rows added, named by their kind."""
        n = self.added
        if self.list_name == "timeline":
            return ngettext("%(count)s timeline event", "%(count)s timeline events", n, count=n)
        if self.list_name == "agents":
            return ngettext("%(count)s agent", "%(count)s agents", n, count=n)
        return ngettext(
            "%(count)s document issued or served",
            "%(count)s documents issued or served",
            n,
            count=n,
        )

    def add(self, problem: Problem) -> None:
        """Count a problem; keep the first MAX_PROBLEMS_KEPT."""
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)


def run_rows_import(
    *,
    session: Session,
    organization: Organization,
    actor: User | None,
    path: Path,
    list_name: str,
    dry_run: bool = False,
    max_bytes: int | None = None,
) -> RowsReport:
    """Check a file of rows of `list_name` (timeline, agents or paperwork) and, unless dry_run
    or a problem was found, add its rows to the incidents it names, in one transaction."""
    report = RowsReport(list_name, sha256=file_sha256(path), dry_run=dry_run)
    by_reference = _read(session, organization, path, list_name, report, max_bytes)
    plans = _plan(session, organization, by_reference, report)
    if not dry_run and not report.file_problem and not report.problem_count:
        for incident, value in plans:
            operations.update(session, actor=actor, incident=incident, value=value, source="import")
        report.committed = True
    report.problems.sort(key=lambda problem: problem.row)
    audit.record(
        session=session,
        action="incident_rows_import_checked" if dry_run else "incident_rows_imported",
        actor=actor,
        organization_id=organization.id,
        details={
            "rows_of": list_name,
            "sha256": report.sha256,
            "rows": report.rows,
            "added": report.added if report.committed else 0,
            "already_recorded": report.already,
            "incidents": report.incidents if report.committed else 0,
            "problems": report.problem_count,
        },
    )
    session.commit()
    return report


def _read(session, organization, path, list_name, report, max_bytes) -> dict[str, list]:
    """Every row of the file, checked: reference text → [(row number, row value)]."""
    columns = {c.name: c for c in row_file_columns(list_name)}
    required = [name for name, c in columns.items() if c.required]
    found = lookups(session, organization)
    readers = {
        name: cell_reader(c, found)
        for name, c in columns.items()
        if c.kind not in ("row_reference", "agent_name")
    }
    readers.update(
        {n: _agent_reader for n, c in columns.items() if c.kind == "agent_name"},
    )
    readers["reference"] = _reference_reader(organization.code)
    make = ROW_CLASSES[list_name]
    by_reference: dict[str, list] = {}
    try:
        reader.check_size(path, max_bytes)
        for number, cells in reader.rows(path, columns, required):
            report.rows += 1
            if isinstance(cells, str):
                report.add(Problem(number, "", "", reader.shown_reason(cells)))
                continue
            values, ok = {}, True
            for name, raw in cells.items():
                column = columns[name]
                if not raw.strip():
                    if column.required:
                        report.add(Problem(number, name, "", gettext("Required.")))
                        ok = False
                    continue
                try:
                    values[name] = readers[name](raw)
                except ValueError as error:
                    report.add(Problem(number, name, shown(column, raw), str(error)))
                    ok = False
            if ok and not values.keys() - {"reference"}:
                nothing = gettext("The row holds nothing but the reference.")
                report.add(Problem(number, "", "", nothing))
                ok = False
            if ok and "starts_at" in values:
                try:
                    rules.check_ends_after(values["starts_at"], values.get("ends_at"))
                except ValueError as error:
                    report.add(Problem(number, "ends_at", "", str(error)))
                    ok = False
            if ok:
                reference = values.pop("reference")
                fields = {("agency_id" if k == "agency" else k): v for k, v in values.items()}
                by_reference.setdefault(reference, []).append((number, _row(make, fields)))
        if not report.rows:
            raise reader.FileRefused(gettext("The file has no rows after the header."))
    except reader.FileRefused as error:
        report.file_problem = str(error)
        if error.unknown_columns:
            kinds = translate_label(PLURALS[ROW_FILES[list_name][1]])
            report.file_problem += gettext(
                " (The file was read as a file of %(kinds)s: is it?)", kinds=kinds
            )
    return by_reference


def _agent_reader(text: str) -> AgentName:
    """An agent as a cell names them; found among the incident's agents when the rows are
    planned."""
    return AgentName(rules.check_line(text, 200))


class AgentName(str):
    """A cell naming one of the incident's agents (badge, name or 'Agent N')."""


def _find_agent(agents, text: str) -> str | None:
    """The key of the agent a cell names: 'Agent 2' by number, else by badge, else by name
    (any case); None when none or several match."""
    wanted = " ".join(text.split()).casefold()
    if wanted.startswith("agent ") and wanted[6:].isdigit():
        number = int(wanted[6:])
        return agents[number - 1].key if 1 <= number <= len(agents) else None
    for attribute in ("badge", "name"):
        found = [a for a in agents if (getattr(a, attribute) or "").casefold() == wanted]
        if len(found) == 1:
            return found[0].key
    return None


def _reference_reader(code: str):
    def read(text: str) -> str:
        try:
            return parse_reference(code, text)[0]
        except NotAReference:
            raise ValueError(
                gettext("Use %(code)s-YYYY-NNNN: the reference of a recorded incident.", code=code)
            ) from None

    return read


def _row(make, fields: dict):
    """A row value: the file's cells over the form's presets."""
    row = make()
    for name, value in fields.items():
        setattr(row, name, value)
    return row


def _plan(session, organization, by_reference, report) -> list:
    """(incident, its value with the new rows) for each incident that gains rows; rows equal to
    one the incident holds are counted and left out."""
    incidents = {
        incident.reference: incident
        for incident in session.exec(
            select(Incident).where(
                Incident.organization_id == organization.id,
                Incident.reference.in_(list(by_reference)),
            )
        ).all()
    }
    plans = []
    for reference, rows in by_reference.items():
        incident = incidents.get(reference)
        if incident is None or incident.archived_at is not None:
            for number, _ in rows:
                report.add(
                    Problem(
                        number,
                        "reference",
                        reference,
                        translate_label(ARCHIVED if incident else NOT_FOUND),
                    )
                )
            continue
        value = from_bundle(load_bundle(session, incident))
        held = getattr(value, report.list_name)
        seen = [_plain(row) for row in held]
        added = 0
        for number, row in rows:
            if not _link_agents(row, value.agents, number, reference, report):
                continue
            if _plain(row) in seen:
                report.already += 1
                continue
            if len(held) >= MAX_ROWS_PER_INCIDENT:
                report.add(
                    Problem(
                        number,
                        "reference",
                        reference,
                        gettext(
                            "More than %(most)s rows of this kind for one incident.",
                            most=MAX_ROWS_PER_INCIDENT,
                        ),
                    )
                )
                continue
            held.append(row)
            seen.append(_plain(row))
            added += 1
        if added:
            report.added += added
            report.incidents += 1
            report.references.append(reference)
            plans.append((incident, value))
    return plans


def _link_agents(row, agents, number, reference, report) -> bool:
    """Turn the cells naming agents into the keys of the incident's agents; False (a problem
    reported) when a cell names none of them."""
    for name, cell in vars(row).items():
        if isinstance(cell, AgentName):
            key = _find_agent(agents, cell)
            if key is None:
                report.add(
                    Problem(
                        number,
                        name,
                        gettext("(hidden, %(count)s characters)", count=len(cell)),
                        gettext(
                            "No single agent of %(reference)s has this badge, name or number "
                            "(import the agents first).",
                            reference=reference,
                        ),
                    )
                )
                return False
            setattr(row, name, key)
    return True


def _plain(row) -> dict:
    """A row's own values, for telling a row already recorded (ids, keys and references to
    other rows left out)."""
    return {name: value for name, value in vars(row).items() if name not in NOT_COMPARED}


NOT_COMPARED = {"id", "key"} | {
    f.code for entity, _ in ROW_FILES.values() for f in entity if f.kind in REF_KINDS
}
