"""The research page's aggregate tables and the researcher's charts in the reader's language,
where a page draws them. `aggregates` and `charts` publish in English (the words of the
exports); a published count or share is written for the language ("1.234", "más del 99 %"),
and every title, heading, row and column name is translated. English is shown as published."""

from __future__ import annotations

from incidents.exports.aggregates import CrossTable
from incidents.exports.in_language import published
from incidents.i18n import translate_label as t


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
