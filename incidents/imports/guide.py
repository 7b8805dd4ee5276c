"""The import template (header and one example row) and the column guide, both generated from
the column list (the field specification) and the vocabulary module — never by hand."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from incidents.i18n import N_, number
from incidents.imports.columns import (
    COLUMNS,
    ROW_FILE_TITLES,
    ROW_FILES,
    Column,
    describe,
    row_file_columns,
)
from incidents.imports.rows import NO_WORDS, YES_WORDS
from incidents.records.validation import EARLIEST_BIRTH, EARLIEST_INCIDENT, format_number
from incidents.vocab import SEEDED_AGENCIES

KIND_RULES = {
    "reference": N_("blank, or your organization's code, the year and a number (ABC-2025-0042)"),
    "row_reference": N_(
        "the reference of a recorded incident of your organization (ABC-2025-0042)"
    ),
    "partial_date": N_(
        "YYYY-MM-DD, YYYY-MM or YYYY (sets the date's precision); {earliest} or later, not future"
    ),
    "line": N_("text on one line, up to {max_length} characters"),
    "prose": N_("text, line breaks allowed, up to {max_length} characters"),
    "code": N_("one code or its label, any case"),
    "codes": N_("codes or labels separated by ;"),
    "code_set": N_("codes or labels separated by ; (all that apply)"),
    "zip": N_("5 digits, or ZIP+4 (12345-6789)"),
    "a_number": N_("A followed by 7 to 9 digits; spaces and dashes are ignored"),
    "phone": N_("7 to 15 digits; + ( ) . - and spaces allowed"),
    "email": N_("an email address"),
    "birth_date": N_("YYYY-MM-DD, between {earliest_birth} and today"),
    "date": N_("YYYY-MM-DD, {earliest} or later, not future"),
    "local_datetime": N_(
        "YYYY-MM-DD HH:MM (24-hour) or M/D/YYYY H:MM (AM/PM allowed), local time at the place; "
        "{earliest} or later, not future"
    ),
    "agency": N_("one agency name or code (the shared list below, or your own)"),
    "agent_name": N_("a badge, a name or 'Agent N' of an agent recorded for that incident"),
    "country": N_("ISO 3166-1 alpha-2 code (MX) or English name (Mexico)"),
    "number": N_("a number from {minimum} to {maximum}"),
    "agencies": N_("agency names or codes separated by ; (the shared list below, or your own)"),
    "yes_no_unknown": N_("{yes} / {no} / unknown or blank"),
    "yes_no": N_("{yes} / {no}; blank or unknown count as no"),
}


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class GuideEntry:
    """One column of the guide."""

    column: Column
    rule: str
    values: list[tuple[str, str]]  # (code, label) for coded columns
    meaning: str = ""  # the column's meaning, in the language asked for


def rule_text(column: Column, translate=_same) -> str:
    """What a cell of this column may hold, in words (through `translate`: English as it is)."""
    field = column.field
    return translate(KIND_RULES[column.kind]).format(
        # a page's figure in its language ("50.000"); the markdown guide as written
        max_length=column.max_length if translate is _same else number(column.max_length),
        minimum=format_number(getattr(field, "minimum", None) or 0),
        maximum=format_number(getattr(field, "maximum", None) or 0),
        yes="/".join(YES_WORDS),
        no="/".join(NO_WORDS),
        earliest=EARLIEST_INCIDENT.year,
        earliest_birth=EARLIEST_BIRTH.year,
    )


def entries(rows: str | None = None, translate=_same) -> list[GuideEntry]:
    """The guide, column by column: of the incident file, or of a file of `rows`; meanings,
    rules and labels through `translate` (the page passes the user's language; codes and column
    names never change)."""
    columns = row_file_columns(rows) if rows else COLUMNS
    return [
        GuideEntry(
            column,
            rule_text(column, translate),
            [(code, translate(label)) for code, label in column.vocabulary or ()],
            describe(column, translate),
        )
        for column in columns
    ]


def row_files(translate=_same) -> list[tuple[str, str, str, list[GuideEntry]]]:
    """(list name, its title, what a row is, its columns) for each file of rows keyed by
    reference, in words through `translate`."""
    return [
        (name, translate(ROW_FILE_TITLES[name]), translate(noun), entries(name, translate))
        for name, (_, noun) in ROW_FILES.items()
    ]


def template_csv(rows: str | None = None) -> str:
    """The template of the incident file (or of a file of `rows`): header, one example row."""
    columns = row_file_columns(rows) if rows else COLUMNS
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    writer.writerow([c.example for c in columns])
    return buffer.getvalue()


def markdown() -> str:
    """The guide as Markdown (docs/import-guide.md is this text; a test keeps them equal)."""
    lines = [
        "# Spreadsheet import: column guide",
        "",
        "Generated by `flask import-guide` from the field specification",
        "(`incidents/records/spec/`) and `incidents/vocab.py`; do not edit by hand.",
        "UTF-8 CSV (with or without BOM), one row per incident with its subject and one FRT use,",
        "columns in any order; only `occurred_on`,",
        "`state` and `encounter_type` are required. Several values in one cell: separate with `;`.",
        "",
        "| column | required | meaning | accepted |",
        "|---|---|---|---|",
    ]
    for entry in entries():
        column = entry.column
        lines.append(
            f"| `{column.name}` | {'yes' if column.required else ''} | {entry.meaning} "
            f"| {entry.rule} |"
        )
    for entry in entries():
        if entry.values:
            lines += ["", f"## `{entry.column.name}` codes", "", "| code | label |", "|---|---|"]
            lines += [f"| `{code}` | {label} |" for code, label in entry.values]
    for name, _title, noun, columns in row_files():
        lines += [
            "",
            f"## Second file: {name} (one row per {noun})",
            "",
            f"`flask import-rows {name} FILE.csv --org NAME`, or Import → “Add rows to recorded",
            "incidents”. Each row names a recorded incident by its `reference`; the file is",
            "all-or-nothing, and a row equal to one the incident already holds is left out (a file",
            "imported twice adds nothing the second time).",
            "",
            "| column | required | meaning | accepted |",
            "|---|---|---|---|",
        ]
        for entry in columns:
            column = entry.column
            lines.append(
                f"| `{column.name}` | {'yes' if column.required else ''} | {entry.meaning} "
                f"| {entry.rule} |"
            )
        for entry in columns:
            if entry.values:
                lines += ["", f"### `{name}`: `{entry.column.name}` codes", ""]
                lines += ["| code | label |", "|---|---|"]
                lines += [f"| `{code}` | {label} |" for code, label in entry.values]
    lines += ["", "## Shared agencies (`agencies`)", "", "| code | name |", "|---|---|"]
    lines += [f"| `{code}` | {name} |" for code, name, _level in SEEDED_AGENCIES]
    lines += [
        "",
        "The shared agencies are generic: their city and county are not recorded, so the policy",
        "analysis assumes the incident's place for them and suggests no more than unclear for a",
        "city's or county's rules. Your organization's own agencies are accepted too, by name or",
        "code; an agency on neither list is refused (an import never creates one). Add it first",
        "on the Agencies page with its type, level and jurisdiction (state, county, city).",
    ]
    return "\n".join(lines) + "\n"
