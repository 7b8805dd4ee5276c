"""Charts as inline SVG, drawn on the server: a bar chart (vertical, for time), a bar chart
with a label above each bar (for categories, readable on a phone), a histogram and a line chart.
No script, nothing fetched: text labels, a <title> and <desc> named by aria-labelledby, a
<title> on each mark, and a viewBox so that the chart takes the width it is given. A hidden
count (None) is never drawn as a bar: a dashed stub on the baseline says it is there."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from incidents.i18n import N_, number, translate_label

NOT_DRAWN = N_(" (not drawn)")  # said of a hidden count's mark


def _not_drawn() -> str:
    return translate_label(NOT_DRAWN)


WIDTH = 400
FONT = 12


@dataclass(frozen=True)
class Bar:
    """One mark: its label, its count (None when hidden) and the count as shown."""

    label: str
    value: int | None
    shown: str
    tick: str | None = None  # the axis label, when it differs from `label` ("" for none)


@dataclass(frozen=True)
class Series:
    """One line: a value (percent) per x position, None where there is no point, and what
    each point's title says."""

    name: str
    values: list[float | None]
    notes: list[str]


STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8)


def nice_max(value: float) -> int:
    """A round whole number at least `value` for the top of an axis (1, 1.5, 2, 2.5, 3, 4,
    5, 6 or 8 times a power of 10)."""
    magnitude = 1
    while True:
        for step in STEPS:
            top = step * magnitude
            if top >= value and top == int(top):
                return int(top)
        magnitude *= 10


def _svg(chart_id: str, title: str, summary: str, height: int, body: list[str]) -> Markup:
    head = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704 (text escaped, numbers)


def _text(x: float, y: float, content: str, cls: str = "", anchor: str = "start") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(content)}</text>'


def _titled(shape: str, title: str) -> str:
    """A mark with its own tooltip (<title> as its first child)."""
    tag = shape.split(" ", 1)[0][1:]
    return f"{shape}><title>{escape(title)}</title></{tag}>"


def _axis(left: float, top: float, bottom: float, high: int, suffix: str = "") -> list[str]:
    """Horizontal gridlines at 0, half and the top of the scale, labelled on the left."""
    parts = []
    for fraction in (0, 0.5, 1):
        y = bottom - (bottom - top) * fraction
        label = f"{number(high * fraction)}{suffix}" if fraction != 0.5 or high % 2 == 0 else ""
        parts.append(f'<line class="grid" x1="{left}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>')
        if label:
            parts.append(_text(left - 4, y + 4, label, "tick", "end"))
    return parts


def _hidden(x: float, bottom: float, width: float, title: str) -> str:
    stub = (
        f'<rect class="bar bar--hidden" x="{x:.1f}" y="{bottom - 6:.1f}" '
        f'width="{max(width, 2):.1f}" height="6"'
    )
    return _titled(stub, title)


def column_chart(chart_id: str, title: str, bars: list[Bar], *, summary: str) -> Markup:
    """Vertical bars along time (months, quarters); the axis names only the `tick` labels."""
    left, top, bottom, height = 40, 10, 170, 200
    high = nice_max(max([b.value or 0 for b in bars] + [1]))
    step = (WIDTH - left) / max(len(bars), 1)
    width = step * (0.8 if step > 4 else 1)
    body = _axis(left, top, bottom, high)
    for n, bar in enumerate(bars):
        x = left + n * step + (step - width) / 2
        tip = f"{bar.label}: {bar.shown}"
        if bar.value is None:
            body.append(_hidden(x, bottom, width, tip + _not_drawn()))
        else:
            h = (bottom - top) * bar.value / high
            rect = f'<rect class="bar" x="{x:.1f}" y="{bottom - h:.1f}" width="{width:.1f}" '
            body.append(_titled(rect + f'height="{h:.1f}"', tip))
        tick = bar.label if bar.tick is None else bar.tick
        if tick:
            body.append(_text(x, bottom + 16, tick, "tick"))
    return _svg(chart_id, title, summary, height, body)


def bar_chart(chart_id: str, title: str, bars: list[Bar], *, summary: str) -> Markup:
    """Categories: each label on its own line above its bar, the count at the bar's end."""
    row, top = 34, 4
    height = top + row * max(len(bars), 1) + 4
    high = max([b.value or 0 for b in bars] + [1])
    room = WIDTH - 60
    body = []
    for n, bar in enumerate(bars):
        y = top + n * row
        body.append(_text(0, y + 12, bar.label, "label"))
        tip = f"{bar.label}: {bar.shown}"
        if bar.value is None:
            stub = f'<rect class="bar bar--hidden" x="0" y="{y + 17}" width="12" height="12"'
            body.append(_titled(stub, tip + _not_drawn()))
            body.append(_text(18, y + 28, bar.shown, "value"))
            continue
        w = room * bar.value / high
        rect = f'<rect class="bar" x="0" y="{y + 17}" width="{w:.1f}" height="12"'
        body.append(_titled(rect, tip))
        body.append(_text(w + 6, y + 28, bar.shown, "value"))
    return _svg(chart_id, title, summary, height, body)


def histogram(chart_id: str, title: str, bars: list[Bar], *, summary: str) -> Markup:
    """Adjacent bars over ordered bands, the count above each."""
    left, top, bottom, height = 40, 16, 170, 200
    high = nice_max(max([b.value or 0 for b in bars] + [1]))
    step = (WIDTH - left) / max(len(bars), 1)
    body = _axis(left, top, bottom, high)
    for n, bar in enumerate(bars):
        x = left + n * step
        tip = f"{bar.label}: {bar.shown}"
        if bar.value is None:
            body.append(_hidden(x + 1, bottom, step - 2, tip + _not_drawn()))
            body.append(_text(x + step / 2, bottom - 10, bar.shown, "value", "middle"))
        else:
            h = (bottom - top) * bar.value / high
            rect = f'<rect class="bar" x="{x + 0.5:.1f}" y="{bottom - h:.1f}" '
            body.append(_titled(rect + f'width="{step - 1:.1f}" height="{h:.1f}"', tip))
            body.append(_text(x + step / 2, bottom - h - 4, bar.shown, "value", "middle"))
        body.append(_text(x + step / 2, bottom + 16, bar.tick or bar.label, "tick", "middle"))
    return _svg(chart_id, title, summary, height, body)


MARKERS = ("circle", "square")


def _marker(kind: int, x: float, y: float, title: str) -> str:
    if MARKERS[kind % 2] == "circle":
        shape = f'<circle class="point s{kind + 1}" cx="{x:.1f}" cy="{y:.1f}" r="4"'
    else:
        shape = f'<rect class="point s{kind + 1}" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" '
        shape += 'height="8"'
    return _titled(shape, title)


def line_chart(
    chart_id: str, title: str, labels: list[str], series: list[Series], *, summary: str
) -> Markup:
    """Percentages (0-100) over periods; a series is broken where it has no point. Lines
    differ by dash and marker shape as well as colour; a legend names them."""
    left, top, bottom = 40, 14 + 18 * len(series), 190
    height = bottom + 26
    step = (WIDTH - left - 30) / max(len(labels) - 1, 1)
    body = _axis(left, top, bottom, 100, " %")
    for k, line in enumerate(series):
        y = 12 + 18 * k
        body.append(f'<line class="line s{k + 1}" x1="0" x2="24" y1="{y}" y2="{y}"/>')
        body.append(_marker(k, 12, y, line.name))
        body.append(_text(32, y + 4, line.name, "label"))
    spacing = max(1, -(-len(labels) * 34 // (WIDTH - left)))
    for n, label in enumerate(labels):
        if n % spacing == 0:
            x = left + 6 + n * step
            body.append(_text(x, bottom + 16, label, "tick", "middle"))
    for k, line in enumerate(series):
        run: list[tuple[float, float]] = []
        marks = []
        for n, (value, note) in enumerate(zip(line.values, line.notes, strict=True)):
            if value is None:
                body.extend(_polyline(k, run))
                run = []
                continue
            x, y = left + 6 + n * step, bottom - (bottom - top) * value / 100
            run.append((x, y))
            marks.append(_marker(k, x, y, f"{line.name}, {note}"))
        body.extend(_polyline(k, run))
        body.extend(marks)
    return _svg(chart_id, title, summary, height, body)


def _polyline(kind: int, run: list[tuple[float, float]]) -> list[str]:
    if len(run) < 2:
        return []
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
    return [f'<polyline class="line s{kind + 1}" points="{coords}"/>']
