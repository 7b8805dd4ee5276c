"""Figures of the researcher's charts, drawn only from what the disclosure control publishes
(`exports.charts`): a hidden count is never drawn as a bar and its table cell says
"suppressed"."""

from __future__ import annotations

from incidents.dashboard import svg
from incidents.dashboard.figures import Figure, Row
from incidents.exports.aggregates import SMALL
from incidents.exports.charts import Cell, Rate

HIDDEN_NOTE = (
    f"Counts from 1 to {SMALL - 1} are suppressed and not drawn: a dashed mark on the baseline "
    "stands for them. So that none can be worked out from a total, the next smallest count of "
    "a chart is suppressed the same way when a single one would be: a suppressed count may be "
    f"{SMALL} or more."
)
RATE_NOTE = (
    f"A share is shown only when {SMALL} incidents or more are behind it and neither the "
    f"incidents it counts nor the others are from 1 to {SMALL - 1}; the exact number is "
    "not published, since it would give hidden counts away. Sole basis: share of the incidents "
    "with an FRT use where the match was treated as the sole basis. Documents disregarded: "
    "share of the incidents where documents were presented where agents ignored, rejected or "
    "confiscated them."
)


def _quarter_tick(n: int, cell: Cell) -> str:
    return cell.code[:4] if cell.code.endswith("Q1") or n == 0 else ""


def _band_tick(n: int, cell: Cell) -> str:
    return "Not known" if cell.code == "unknown" else cell.code


def _figure(chart_id, title, header, cells: list[Cell], drawing, tick=None) -> Figure:
    bars = [
        svg.Bar(cell.label, cell.count, cell.shown, tick(n, cell) if tick else None)
        for n, cell in enumerate(cells)
    ]
    summary = "; ".join(f"{cell.label}: {cell.shown}" for cell in cells) or "No incidents."
    return Figure(
        chart_id,
        title,
        drawing(chart_id, title, bars, summary=summary),
        [HIDDEN_NOTE],
        header,
        ["Incidents"],
        [Row(cell.label, [cell.shown]) for cell in cells],
    )


def _rates(rates: dict[str, list[Rate]]) -> Figure:
    sole, docs = rates["sole_basis"], rates["docs_disregarded"]
    periods = [rate.period for rate in sole]
    series = [
        svg.Series(
            name,
            [rate.percent for rate in values],
            [f"{rate.period}: {rate.shown}" for rate in values],
        )
        for name, values in (
            ("Match treated as sole basis", sole),
            ("Documents disregarded", docs),
        )
    ]
    title = "Sole basis and documents disregarded, per year"
    return Figure(
        "chart-rates",
        title,
        svg.line_chart("chart-rates", title, periods, series, summary=f"{len(periods)} years."),
        [RATE_NOTE],
        "Year",
        [series[0].name, series[1].name],
        [Row(s.period, [s.shown, d.shown]) for s, d in zip(sole, docs, strict=True)],
    )


def research_figures(published: dict) -> list[Figure]:
    """The researcher's charts from the published cells and rates."""
    hours = [
        Cell(c.code, c.label if c.code == "unknown" else f"{c.code} hours", c.count, c.shown)
        for c in published["hours"]
    ]
    return [
        _figure(
            "chart-months",
            "Incidents per quarter (a date known only to its year is in no quarter)",
            "Quarter",
            published["periods"],
            svg.column_chart,
            _quarter_tick,
        ),
        _figure(
            "chart-systems",
            "Incidents by FRT system (first use)",
            "FRT system",
            published["systems"],
            svg.bar_chart,
        ),
        _figure(
            "chart-outcomes",
            "Incidents by outcome",
            "Outcome",
            published["outcomes"],
            svg.bar_chart,
        ),
        _rates(published["rates"]),
        _figure(
            "chart-hours", "Hours detained", "Hours detained", hours, svg.histogram, _band_tick
        ),
    ]
