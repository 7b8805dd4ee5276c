"""The research page's aggregate tables and the researcher's charts in the reader's language,
where a page draws them. `aggregates` and `charts` publish in English (the words of the
exports); a published count or share is written for the language ("1.234", "más del 99 %"),
and every title, heading, row and column name is translated. English is shown as published."""

from __future__ import annotations

import re

from incidents.exports.aggregates import CrossTable
from incidents.i18n import current_language, gettext, number
from incidents.i18n import translate_label as t

COUNT = re.compile(r"^\d{1,3}(?:,\d{3})*$")  # a published count: "1,234" (aggregates.shown)
PERCENT = re.compile(r"^(over |under )?(\d+) %$")  # a published share (aggregates.share)
DECIMAL = re.compile(r"^\d+\.\d$")  # a median ("12.5")


def published(text: str) -> str:
    """A published count or share ("1,234", "over 99 %", "37 %", "<11", a reason) in the
    reader's language; English reads as published (the exports' words)."""
    if current_language() == "en":
        return text
    if COUNT.match(text):
        return number(int(text.replace(",", "")))
    if DECIMAL.match(text):
        return number(float(text), 1)
    found = PERCENT.match(text)
    if found:
        percent = f"{number(int(found.group(2)))} %"
        if found.group(1) == "over ":
            return gettext("over %(percent)s", percent=percent)
        if found.group(1) == "under ":
            return gettext("under %(percent)s", percent=percent)
        return percent
    return t(text)


def _table(table: CrossTable) -> CrossTable:
    values = {key: t(value) for key, value in table.title_values.items()}
    return CrossTable(
        title=t(table.title) % values if values else t(table.title),
        row_label=t(table.row_label),
        column_label=t(table.column_label),
        rows=[t(row) for row in table.rows],
        columns=[t(column) for column in table.columns],
        cells={(t(r), t(c)): published(cell) for (r, c), cell in table.cells.items()},
        note=t(table.note),
    )


def shown_tables(aggregates: dict) -> dict:
    """The aggregate tables and rates (`aggregates.aggregate_tables`) as the page shows them."""
    return {
        "tables": [_table(table) for table in aggregates["tables"]],
        "rates": {t(name): published(value) for name, value in aggregates["rates"].items()},
    }
