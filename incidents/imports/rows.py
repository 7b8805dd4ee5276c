"""One spreadsheet row → a typed incident value (`ImportRow`), or the problems found. Every
cell goes through the rules the web form uses (`records.validation.parse` on the field the
column names in the specification)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from incidents.i18n import gettext
from incidents.imports.columns import BY_NAME, FRT_COLUMNS, SUBJECT_COLUMNS, Column
from incidents.records import validation as rules
from incidents.records.references import Reference, parse_reference
from incidents.records.value import (
    DocumentValue,
    FrtUseValue,
    IncidentValue,
    PersonEntry,
    PersonValue,
)

YES_WORDS = ("yes", "y", "true", "1")
NO_WORDS = ("no", "n", "false", "0")
YES, NO = frozenset(YES_WORDS), frozenset(NO_WORDS)
SUBJECT_KEY = "subject"


@dataclass
class Problem:
    """One problem: spreadsheet row number (the header is row 1), column, value shown, reason."""

    row: int
    column: str
    value: str
    reason: str


@dataclass
class Lookups:
    """What cells are matched against: the organization's code and its agencies."""

    organization_code: str
    agencies: dict[str, int]  # casefolded name or code → id
    today: date = field(default_factory=date.today)
    local_agencies: frozenset[int] = frozenset()  # state and local ones (287(g) partners)


@dataclass
class ImportRow:
    """A checked row: the incident it describes, the reference it gives (if any) and the
    names of the columns it filled (an `--update` changes only those)."""

    value: IncidentValue
    reference: Reference | None
    filled: set[str]


def shown(column: Column, value: str) -> str:
    """A cell as it may appear in a report: personal values masked."""
    if column.personal and value:
        return gettext("(hidden, %(count)s characters)", count=len(value))
    return value if len(value) <= 60 else value[:57] + "…"


def yes_no(text: str, *, unknown: str) -> str:
    """yes/no/y/n/true/false/1/0; 'unknown' or blank give `unknown`."""
    value = text.strip().casefold()
    if value in YES:
        return "yes"
    if value in NO:
        return "no"
    if value in ("", "unknown"):
        return unknown
    raise ValueError(gettext("Use yes, no or unknown (or y/n, true/false, 1/0)."))


def cell_reader(column: Column, lookups: Lookups):
    """The function that reads one cell of this column (ValueError with the message to show)."""
    kind = column.kind
    if kind == "reference":
        return lambda text: parse_reference(lookups.organization_code, text)
    if kind in ("agencies", "agency"):

        def agencies(text: str):
            found = []
            for part in (p.strip() for p in text.split(";")):
                if not part:
                    continue
                agency_id = lookups.agencies.get(part.casefold())
                if agency_id is None:
                    raise ValueError(
                        gettext(
                            "Unknown agency: %(name)s (see the agency list).",
                            name=repr(part[:60]),
                        )
                    )
                found.append(agency_id)
            if kind == "agency" and len(set(found)) != 1:
                raise ValueError(gettext("Give one agency, by name or code."))
            return sorted(set(found)) if kind == "agencies" else found[0]

        return agencies
    if kind == "codes":
        one = rules.parser(column.field)
        return lambda text: [one(part) for part in text.split(";") if part.strip()]
    if kind in ("yes_no_unknown", "yes_no"):
        unknown = "unknown" if kind == "yes_no_unknown" else "no"
        return lambda text: yes_no(text, unknown=unknown)
    return rules.parser(column.field, today=lookups.today)


class RowReader:
    """Reads rows of one file: cells are parsed column by column, problems collected."""

    def __init__(self, lookups: Lookups):
        self.lookups = lookups
        self.readers = {name: cell_reader(column, lookups) for name, column in BY_NAME.items()}

    def read(self, number: int, cells: dict[str, str]) -> tuple[ImportRow | None, list[Problem]]:
        """(row, problems) for one spreadsheet row; the row is None when there is any problem."""
        problems: list[Problem] = []
        values: dict[str, object] = {}
        readers = self.readers
        for name, raw in cells.items():
            if not raw or not raw.strip():
                if BY_NAME[name].required:
                    problems.append(Problem(number, name, "", gettext("Required.")))
                continue
            try:
                values[name] = readers[name](raw)
            except ValueError as error:
                problems.append(Problem(number, name, shown(BY_NAME[name], raw), str(error)))
        filled = {name for name, raw in cells.items() if raw and raw.strip()}
        problems += self._row_rules(number, filled, values)
        when = values.get("occurred_on")
        problems += [
            Problem(number, code, "", message)
            for code, message in rules.claim_problems(when[0] if when else None, values).items()
        ]
        federal = set(values.get("agencies_287g") or ()) - self.lookups.local_agencies
        if federal:
            problems.append(
                Problem(
                    number,
                    "agencies_287g",
                    "",
                    gettext("Only a state or local agency acts under a 287(g) agreement."),
                )
            )
        if problems:
            return None, problems
        return ImportRow(_value(values), values.get("reference"), filled), []

    @staticmethod
    def _row_rules(number: int, filled: set[str], values: dict) -> list[Problem]:
        problems = []
        if filled & set(FRT_COLUMNS) and "frt_system" not in filled:
            problems.append(
                Problem(
                    number,
                    "frt_system",
                    "",
                    gettext(
                        "Required when other FRT columns are filled "
                        "(use 'unknown' if the system is not known)."
                    ),
                )
            )
        if filled & set(SUBJECT_COLUMNS) and "subject_name" not in filled:
            problems.append(
                Problem(
                    number,
                    "subject_name",
                    "",
                    gettext("Required when other subject_ columns are filled."),
                )
            )
        documents = values.get("documents_presented") or []
        responses = values.get("documents_response") or []
        if responses and not documents:
            problems.append(
                Problem(
                    number,
                    "documents_response",
                    "",
                    gettext("No documents_presented to respond to."),
                )
            )
        elif len(responses) > 1 and len(responses) != len(documents):
            problems.append(
                Problem(
                    number,
                    "documents_response",
                    "",
                    gettext(
                        "Give one response, or one per document (%(count)s).",
                        count=len(documents),
                    ),
                )
            )
        return problems


GROUPS = {
    group: tuple((c.name, c.field.code) for c in BY_NAME.values() if c.group == group)
    for group in ("incident", "subject", "frt")
}


def _group(values: dict, group: str) -> dict:
    """The row's values of one group, by field code."""
    return {code: values[name] for name, code in GROUPS[group] if name in values}


def _value(values: dict) -> IncidentValue:
    """The incident a checked row describes."""
    incident = _group(values, "incident")
    occurred_on, precision = incident.pop("occurred_on")
    value = IncidentValue(**incident, occurred_on=occurred_on, date_precision=precision)
    subject = _group(values, "subject")
    if subject:
        value.people.append(PersonEntry(key=SUBJECT_KEY, person=PersonValue(**subject)))
    frt = _group(values, "frt")
    if frt:
        value.frt_uses.append(FrtUseValue(**frt))
    documents = values.get("documents_presented") or []
    responses = values.get("documents_response") or ["unknown"]
    if len(responses) == 1:
        responses = responses * len(documents)
    value.documents = [
        DocumentValue(
            document_type=kind,
            agent_response=response,
            presented_by=SUBJECT_KEY if subject else None,
        )
        for kind, response in zip(documents, responses, strict=True)
    ]
    return value
