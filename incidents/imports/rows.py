"""One spreadsheet row → the plain incident data the case services take, or the problems found.
Every cell goes through the rules the web form uses (`incidents.records.validation`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from incidents.imports.columns import BY_NAME, FRT_COLUMNS, SUBJECT_COLUMNS, Column
from incidents.records import validation as rules
from incidents.records.countries import country_choices
from incidents.vocab import Vocabulary

YES_WORDS = ("yes", "y", "true", "1")
NO_WORDS = ("no", "n", "false", "0")
YES, NO = frozenset(YES_WORDS), frozenset(NO_WORDS)
REFERENCE = re.compile(r"^([A-Z0-9]{2,10})-(\d{4})-(\d{1,6})$")


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


@cache
def _codes(vocabulary: Vocabulary) -> dict[str, str]:
    """Casefolded code or label → code."""
    found = {label.casefold(): code for code, label in vocabulary.items}
    found.update({code.casefold(): code for code in vocabulary.codes})
    return found


@cache
def _countries() -> dict[str, str]:
    found = {name.casefold(): code for code, name in country_choices() if code}
    found.update({code.casefold(): code for code, _ in country_choices() if code})
    return found


def shown(column: Column, value: str) -> str:
    """A cell as it may appear in a report: personal values masked."""
    if column.personal and value:
        return f"(hidden, {len(value)} characters)"
    return value if len(value) <= 60 else value[:57] + "…"


def code(vocabulary: Vocabulary, text: str) -> str:
    """A vocabulary code from its code or label, case-insensitively."""
    found = _codes(vocabulary).get(text.strip().casefold())
    if found is None:
        raise ValueError(f"Unknown value; use a code or label of the {vocabulary.name} list.")
    return found


def codes(vocabulary: Vocabulary, text: str) -> list[str]:
    """Several codes separated by ';'."""
    return [code(vocabulary, part) for part in text.split(";") if part.strip()]


def yes_no(text: str, *, unknown: str) -> str:
    """yes/no/y/n/true/false/1/0; 'unknown' or blank give `unknown`."""
    value = text.strip().casefold()
    if value in YES:
        return "yes"
    if value in NO:
        return "no"
    if value in ("", "unknown"):
        return unknown
    raise ValueError("Use yes, no or unknown (or y/n, true/false, 1/0).")


def country(text: str) -> str:
    """An ISO 3166-1 alpha-2 code from a code or an English country name."""
    found = _countries().get(text.strip().casefold())
    if found is None:
        raise ValueError("Unknown country; use the ISO code (e.g. MX) or the English name.")
    return found


def date_of_birth(text: str) -> date:
    """YYYY-MM-DD within a human lifetime."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError("Use YYYY-MM-DD.") from None
    return rules.check_date_of_birth(value)


class RowReader:
    """Reads rows of one file: cells are parsed column by column, problems collected."""

    def __init__(self, lookups: Lookups):
        self.lookups = lookups

    def read(self, number: int, cells: dict[str, str]) -> tuple[dict | None, list[Problem]]:
        """(service data, problems) for one row; data is None when there is any problem."""
        problems: list[Problem] = []
        values: dict[str, object] = {}
        for name, raw in cells.items():
            column = BY_NAME[name]
            text = raw or ""
            if not text.strip():
                if column.required:
                    problems.append(Problem(number, name, "", "Required."))
                continue
            try:
                values[name] = self._cell(column, text)
            except ValueError as error:
                problems.append(Problem(number, name, shown(column, text), str(error)))
        problems += self._row_rules(number, cells, values)
        if problems:
            return None, problems
        data = self._data(values)
        data["filled"] = {name for name, raw in cells.items() if (raw or "").strip()}
        return data, []

    def _cell(self, column: Column, text: str):
        kind = column.kind
        if kind == "code":
            return code(column.vocabulary, text)
        if kind == "codes":
            return codes(column.vocabulary, text)
        if kind == "line":
            return rules.check_line(text, column.max_length)
        if kind == "prose":
            return rules.check_prose(text, column.max_length)
        if kind == "date":
            return rules.parse_partial_date(text, today=self.lookups.today)
        if kind == "reference":
            return self._reference(text)
        if kind == "agencies":
            return self._agencies(text)
        if kind == "yes_no_unknown":
            return yes_no(text, unknown="unknown")
        if kind == "yes_no":
            return yes_no(text, unknown="no")
        parser = {
            "zip": rules.normalize_zip,
            "a_number": rules.normalize_a_number,
            "phone": rules.normalize_phone,
            "email": rules.normalize_email_address,
            "dob": date_of_birth,
            "country": country,
            "hours": rules.parse_hours,
        }[kind]
        return parser(text)

    def _reference(self, text: str) -> tuple[str, int, int]:
        match = REFERENCE.match(text.strip().upper())
        if not match or match.group(1) != self.lookups.organization_code:
            raise ValueError(
                f"Use {self.lookups.organization_code}-YYYY-NNNN, or leave blank to have a "
                "reference assigned."
            )
        year, number = int(match.group(2)), int(match.group(3))
        return f"{match.group(1)}-{year}-{number:04d}", year, number

    def _agencies(self, text: str) -> list[int]:
        found = []
        for part in (p.strip() for p in text.split(";")):
            if not part:
                continue
            agency_id = self.lookups.agencies.get(part.casefold())
            if agency_id is None:
                raise ValueError(f"Unknown agency: {part[:60]!r} (see the agency list).")
            found.append(agency_id)
        return sorted(set(found))

    @staticmethod
    def _row_rules(number: int, cells: dict[str, str], values: dict) -> list[Problem]:
        problems = []
        filled = {name for name, raw in cells.items() if (raw or "").strip()}
        if filled & set(FRT_COLUMNS) and "frt_system" not in filled:
            problems.append(
                Problem(
                    number,
                    "frt_system",
                    "",
                    "Required when other FRT columns are filled "
                    "(use 'unknown' if the system is not known).",
                )
            )
        if filled & set(SUBJECT_COLUMNS) and "subject_name" not in filled:
            problems.append(
                Problem(
                    number, "subject_name", "", "Required when other subject_ columns are filled."
                )
            )
        documents = values.get("documents_presented") or []
        responses = values.get("documents_response") or []
        if responses and not documents:
            problems.append(
                Problem(number, "documents_response", "", "No documents_presented to respond to.")
            )
        elif len(responses) > 1 and len(responses) != len(documents):
            problems.append(
                Problem(
                    number,
                    "documents_response",
                    "",
                    f"Give one response, or one per document ({len(documents)}).",
                )
            )
        return problems

    @staticmethod
    def _data(values: dict) -> dict:
        occurred_on, precision = values["occurred_on"]
        subject = None
        if "subject_name" in values:
            subject = {
                "full_name": values["subject_name"],
                "aliases": values.get("subject_aliases"),
                "date_of_birth": values.get("subject_dob"),
                "a_number": values.get("subject_a_number"),
                "phone": values.get("subject_phone"),
                "email": values.get("subject_email"),
                "street_address": values.get("subject_address"),
                "city": None,
                "state": None,
                "zip": None,
                "gender": values.get("subject_gender"),
                "nationality": values.get("subject_nationality"),
                "language": values.get("subject_language"),
                "legal_status": values.get("subject_legal_status"),
            }
        frt = None
        if "frt_system" in values:
            frt = {
                "system": values["frt_system"],
                "mode": values.get("frt_mode", "unknown"),
                "treated_as": values.get("frt_treated_as", "unknown"),
                "sole_basis": values.get("frt_sole_basis", "unknown"),
                "human_review": values.get("human_review", "unknown"),
                "misidentified": values.get("misidentified", "unknown"),
            }
        documents = values.get("documents_presented") or []
        responses = values.get("documents_response") or ["unknown"]
        if len(responses) == 1:
            responses = responses * len(documents)
        consent = values.get("research_consent", "no")
        return {
            "reference": values.get("reference"),
            "occurred_on": occurred_on,
            "date_precision": precision,
            "city": values.get("city"),
            "county": values.get("county"),
            "state": values["state"],
            "zip": values.get("zip"),
            "encounter_type": values["encounter_type"],
            "agency_ids": values.get("agencies", []),
            "outcome": values.get("outcome"),
            "detention_hours_entered": values.get("detained_hours"),
            "research_consent": consent,
            "narrative": values.get("narrative"),
            "subject": subject,
            "frt": frt,
            "documents": list(zip(documents, responses, strict=True)),
        }
