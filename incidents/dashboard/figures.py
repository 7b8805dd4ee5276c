"""Figures of the staff's charts: each an SVG drawing with the data table behind it (the same
numbers, with a link into the incident list for each row where the list can filter on it),
in the reader's language (numbers as the language writes them; codes and periods as they are)."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from incidents.dashboard import svg
from incidents.dashboard.charts import ChartData
from incidents.exports.columns import HOURS_BANDS
from incidents.i18n import N_, gettext, ngettext, number, translate_label
from incidents.vocab import FRT_SYSTEM, OUTCOME

ListUrl = Callable[..., str]  # filters to set → the incident list's address


@dataclass
class Row:
    """One row of a chart's data table: its label, its cells and where it opens in the list
    (each cell may have its own link)."""

    label: str
    cells: list[str]
    links: list[str | None] = field(default_factory=list)


@dataclass
class Figure:
    """A chart, what is said beside it, and its data table."""

    id: str
    title: str
    drawing: Markup
    notes: list[str]
    row_header: str
    columns: list[str]
    rows: list[Row]
    list_url: str | None = None  # the chart's incidents in the list (staff only)


def month_range(month: str) -> tuple[str, str]:
    """The first and last day of a YYYY-MM month, as the list's date filters take them."""
    year, number = int(month[:4]), int(month[5:])
    last = calendar.monthrange(year, number)[1]
    return date(year, number, 1).isoformat(), date(year, number, last).isoformat()


def _months_between(first: str, last: str) -> list[str]:
    year, number, found = int(first[:4]), int(first[5:]), []
    while f"{year:04d}-{number:02d}" <= last:
        found.append(f"{year:04d}-{number:02d}")
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return found


def per_month(data: ChartData, list_url: ListUrl) -> Figure:
    """Incidents per month, from the first month with one to the last."""
    counts = defaultdict(int)
    for row in data.months:
        if not row.year_only:
            counts[row.month] += row.total
    months = _months_between(min(counts), max(counts)) if counts else []
    bars = [
        svg.Bar(m, counts[m], number(counts[m]), m[:4] if m.endswith("-01") or n == 0 else "")
        for n, m in enumerate(months)
    ]
    year_only = sum(row.total for row in data.months if row.year_only)
    notes = [
        ngettext(
            "%(count)s incident known only by its year is not shown by month.",
            "%(count)s incidents known only by their year are not shown by month.",
            year_only,
            count=number(year_only),
        )
    ]
    rows = []
    for m in months:
        first, last = month_range(m)
        link = list_url(date_from=first, date_to=last, known_to="month")
        rows.append(Row(m, [number(counts[m])], [link]))
    busiest = max(months, key=lambda m: counts[m]) if months else None
    summary = (
        gettext(
            "%(count)s months from %(first)s to %(last)s; the most incidents, %(most)s, in "
            "%(busiest)s.",
            count=len(months),
            first=months[0],
            last=months[-1],
            most=number(counts[busiest]),
            busiest=busiest,
        )
        if months
        else gettext("No incidents with a known month.")
    )
    title = gettext("Incidents per month")
    return Figure(
        "chart-months",
        title,
        svg.column_chart("chart-months", title, bars, summary=summary),
        notes if year_only else [],
        gettext("Month"),
        [gettext("Incidents")],
        rows,
    )


def _categories(
    chart_id: str,
    title: str,
    header: str,
    items: list[tuple[str, int, str | None]],
    notes: list[str],
) -> Figure:
    """A bar per category (label, count, list address), most incidents first."""
    items = sorted(items, key=lambda item: -item[1])
    bars = [svg.Bar(label, n, number(n)) for label, n, _ in items]
    summary = "; ".join(f"{label}: {number(n)}" for label, n, _ in items) or gettext(
        "No incidents."
    )
    return Figure(
        chart_id,
        title,
        svg.bar_chart(chart_id, title, bars, summary=summary),
        notes,
        header,
        [gettext("Incidents")],
        [Row(label, [number(n)], [url]) for label, n, url in items],
    )


def by_system(data: ChartData, list_url: ListUrl) -> Figure:
    """Incidents per FRT system used (an incident with several counts once for each)."""
    items = [
        (translate_label(FRT_SYSTEM.label(code)), n, list_url(frt_system=code))
        for code, n in data.systems
    ]
    without = data.total - data.with_frt
    if without:
        items.append((gettext("No FRT use recorded"), without, None))
    notes = [gettext("An incident where several systems were used counts once for each.")]
    title, header = gettext("Incidents by FRT system"), gettext("FRT system")
    return _categories("chart-systems", title, header, items, notes)


def by_outcome(data: ChartData, list_url: ListUrl) -> Figure:
    """Incidents per outcome."""
    items = [
        (
            translate_label(OUTCOME.label(code)) if code else gettext("Not recorded"),
            n,
            list_url(outcome=code) if code else None,
        )
        for code, n in data.outcomes
    ]
    title, header = gettext("Incidents by outcome"), gettext("Outcome")
    return _categories("chart-outcomes", title, header, items, [])


def hours_bands(data: ChartData) -> Figure:
    """How long clients were detained, in bands of hours (the research export's bands)."""
    counts = defaultdict(int)
    for band, n in data.hours:
        counts[band if band in HOURS_BANDS else "unknown"] += n
    bars = [
        svg.Bar(gettext("%(band)s hours", band=band), counts[band], number(counts[band]), band)
        for band in HOURS_BANDS
    ]
    unknown = counts["unknown"]
    summary = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    title = gettext("Hours detained")
    not_drawn = gettext(
        "%(count)s incidents whose time in detention is not known are not drawn.",
        count=number(unknown),
    )
    return Figure(
        "chart-hours",
        title,
        svg.histogram("chart-hours", title, bars, summary=summary),
        [not_drawn] if unknown else [],
        title,
        [gettext("Incidents")],
        [Row(bar.label, [bar.shown]) for bar in bars]
        + [Row(gettext("Not known"), [number(unknown)])],
    )


def _period(month: str, by_quarter: bool) -> str:
    return f"{month[:4]}-Q{(int(month[5:]) - 1) // 3 + 1}" if by_quarter else month[:4]


def _period_range(period: str) -> tuple[str, str]:
    if "-Q" not in period:
        return f"{period}-01-01", f"{period}-12-31"
    year, quarter = int(period[:4]), int(period[-1])
    first = month_range(f"{year}-{3 * quarter - 2:02d}")[0]
    return first, month_range(f"{year}-{3 * quarter:02d}")[1]


def _percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def rates(data: ChartData, list_url: ListUrl) -> Figure:
    """The match treated as the sole basis, and documents disregarded, as shares per quarter
    (up to three years of data) or per year, with the incidents behind each point."""
    years = {row.month[:4] for row in data.months}
    by_quarter = len(years) <= 3
    totals = defaultdict(lambda: [0, 0, 0, 0])
    for row in data.months:
        if by_quarter and row.year_only:
            continue
        sums = totals[_period(row.month, by_quarter)]
        for n, value in enumerate((row.sole, row.with_frt, row.disregarded, row.with_docs)):
            sums[n] += value
    periods = sorted(totals)
    sole = [_percent(totals[p][0], totals[p][1]) for p in periods]
    docs = [_percent(totals[p][2], totals[p][3]) for p in periods]

    def said(part, whole, words):
        share = f"{100 * part / whole:.0f} %" if whole else "—"
        return gettext(words, share=share, part=number(part), whole=number(whole))

    with_frt = N_("%(share)s (%(part)s of %(whole)s with an FRT use)")
    with_docs = N_("%(share)s (%(part)s of %(whole)s with documents presented)")
    sole_notes = [said(totals[p][0], totals[p][1], with_frt) for p in periods]
    docs_notes = [said(totals[p][2], totals[p][3], with_docs) for p in periods]
    series = [
        svg.Series(
            gettext("Match treated as sole basis"),
            sole,
            [f"{p}: {n}" for p, n in zip(periods, sole_notes, strict=True)],
        ),
        svg.Series(
            gettext("Documents disregarded"),
            docs,
            [f"{p}: {n}" for p, n in zip(periods, docs_notes, strict=True)],
        ),
    ]
    rows = []
    for p, s_note, d_note in zip(periods, sole_notes, docs_notes, strict=True):
        first, last = _period_range(p)
        known = {"known_to": "month"} if by_quarter else {}  # year-only: left out of quarters
        rows.append(
            Row(
                p,
                [s_note, d_note],
                [
                    list_url(date_from=first, date_to=last, sole_basis="y", **known),
                    list_url(date_from=first, date_to=last, docs_disregarded="y", **known),
                ],
            )
        )
    title = (
        gettext("Sole basis and documents disregarded, per quarter")
        if by_quarter
        else gettext("Sole basis and documents disregarded, per year")
    )
    notes = [
        gettext(
            "Sole basis: share of the incidents with an FRT use where the match was treated as "
            "the sole basis. Documents disregarded: share of the incidents where documents were "
            "presented where agents ignored, rejected or confiscated them."
        )
    ]
    if by_quarter and any(row.year_only for row in data.months):
        notes.append(gettext("Incidents known only by their year are left out of the quarters."))
    summary = (
        gettext(
            "%(count)s periods from %(first)s to %(last)s.",
            count=len(periods),
            first=periods[0],
            last=periods[-1],
        )
        if periods
        else gettext("%(count)s periods.", count=0)
    )
    return Figure(
        "chart-rates",
        title,
        svg.line_chart("chart-rates", title, periods, series, summary=summary),
        notes,
        gettext("Quarter") if by_quarter else gettext("Year"),
        [series[0].name, series[1].name],
        rows,
    )


def staff_figures(data: ChartData, list_url: ListUrl) -> list[Figure]:
    """Every chart of the staff's dashboard, each opening the same incidents in the list."""
    figures = [
        per_month(data, list_url),
        by_system(data, list_url),
        by_outcome(data, list_url),
        rates(data, list_url),
        hours_bands(data),
    ]
    everything = list_url()
    for figure in figures:
        figure.list_url = everything
    return figures
