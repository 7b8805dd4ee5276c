"""Figures of the researcher's charts, drawn only from what the disclosure control publishes
(`exports.charts`): a hidden count is never drawn as a bar and its table cell says
"suppressed". Titles, notes and labels in the reader's language (`t`: translate_label)."""

from __future__ import annotations

from incidents.dashboard import svg
from incidents.dashboard.figures import Figure, Row
from incidents.exports.aggregate_words import published
from incidents.exports.aggregates import SMALL
from incidents.exports.charts import Cell, Rate
from incidents.i18n import N_, gettext
from incidents.i18n import translate_label as t

HIDDEN_NOTE = N_(
    "Counts from 1 to %(most)s are suppressed and not drawn: a dashed mark on the baseline "
    "stands for them. So that none can be worked out from a total, the next smallest count of "
    "a chart is suppressed the same way when a single one would be: a suppressed count may be "
    "%(small)s or more."
)
RATE_NOTE = N_(
    "A share is shown only when %(small)s incidents or more are behind it and neither the "
    "incidents it counts nor the others are from 1 to %(most)s; the exact number is "
    "not published, since it would give hidden counts away. Sole basis: share of the incidents "
    "with an FRT use where the match was treated as the sole basis. Documents disregarded: "
    "share of the incidents where documents were presented where agents ignored, rejected or "
    "confiscated them."
)


def _quarter_tick(n: int, cell: Cell) -> str:
    return cell.code[:4] if cell.code.endswith("Q1") or n == 0 else ""


def _band_tick(n: int, cell: Cell) -> str:
    return t("Not known") if cell.code == "unknown" else cell.code


def _figure(chart_id, title, header, cells: list[Cell], drawing, tick=None) -> Figure:
    cells = [Cell(cell.code, t(cell.label), cell.count, published(cell.shown)) for cell in cells]
    bars = [
        svg.Bar(cell.label, cell.count, cell.shown, tick(n, cell) if tick else None)
        for n, cell in enumerate(cells)
    ]
    summary = "; ".join(f"{cell.label}: {cell.shown}" for cell in cells) or t("No incidents.")
    title, header = t(title), t(header)
    return Figure(
        chart_id,
        title,
        drawing(chart_id, title, bars, summary=summary),
        [gettext(HIDDEN_NOTE, most=SMALL - 1, small=SMALL)],
        header,
        [t("Incidents")],
        [Row(cell.label, [cell.shown]) for cell in cells],
    )


def _rates(rates: dict[str, list[Rate]]) -> Figure:
    sole, docs = rates["sole_basis"], rates["docs_disregarded"]
    periods = [rate.period for rate in sole]
    series = [
        svg.Series(
            name,
            [rate.percent for rate in values],
            [f"{rate.period}: {published(rate.shown)}" for rate in values],
        )
        for name, values in (
            (t("Match treated as sole basis"), sole),
            (t("Documents disregarded"), docs),
        )
    ]
    title = t("Sole basis and documents disregarded, per year")
    summary = gettext("%(count)s years.", count=len(periods))
    return Figure(
        "chart-rates",
        title,
        svg.line_chart("chart-rates", title, periods, series, summary=summary),
        [gettext(RATE_NOTE, most=SMALL - 1, small=SMALL)],
        t("Year"),
        [series[0].name, series[1].name],
        [
            Row(s.period, [published(s.shown), published(d.shown)])
            for s, d in zip(sole, docs, strict=True)
        ],
    )


def research_figures(published: dict) -> list[Figure]:
    """The researcher's charts from the published cells and rates."""
    hours = [
        Cell(
            c.code,
            c.label if c.code == "unknown" else gettext("%(band)s hours", band=c.code),
            c.count,
            c.shown,
        )
        for c in published["hours"]
    ]
    return [
        _figure(
            "chart-months",
            N_("Incidents per quarter (a date known only to its year is in no quarter)"),
            N_("Quarter"),
            published["periods"],
            svg.column_chart,
            _quarter_tick,
        ),
        _figure(
            "chart-systems",
            N_("Incidents by FRT system (first use)"),
            N_("FRT system"),
            published["systems"],
            svg.bar_chart,
        ),
        _figure(
            "chart-outcomes",
            N_("Incidents by outcome"),
            N_("Outcome"),
            published["outcomes"],
            svg.bar_chart,
        ),
        _rates(published["rates"]),
        _figure(
            "chart-hours",
            N_("Hours detained"),
            N_("Hours detained"),
            hours,
            svg.histogram,
            _band_tick,
        ),
    ]
