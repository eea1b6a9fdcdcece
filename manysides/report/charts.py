"""Charts drawn as inline SVG in Python: no script, nothing to load, prints as vectors.

Only presentation attributes and classes are used (no style attributes), so the
strict Content-Security-Policy of the report and the web app allows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from manysides.models import Event, FigurePoint, FigureSeries

WIDTH = 720
MARGIN = 48
TIMELINE_WIDTH = 560
TIMELINE_SPAN = 360  # drawing height given to the whole date range, before rows are pushed apart
AXIS_X = 100
ROW = 24


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = (last - first).days
    if span == 0:
        return WIDTH / 2
    return MARGIN + (WIDTH - 2 * MARGIN) * (day - first).days / span


def _ticks(first: dt.date, last: dt.date, count: int = 5) -> list[dt.date]:
    span = (last - first).days
    if span == 0:
        return [first]
    step = max(1, span // (count - 1))
    days = [first + dt.timedelta(days=i) for i in range(0, span + 1, step)]
    if days[-1] != last:
        # Replace a last tick that would crowd the end label rather than add one beside it.
        if (last - days[-1]).days < step / 2 and len(days) > 1:
            days[-1] = last
        else:
            days.append(last)
    return days


def _axis(first: dt.date, last: dt.date, y: float) -> str:
    parts = [f'<line class=axis x1="{MARGIN / 2}" y1="{y}" x2="{WIDTH - MARGIN / 2}" y2="{y}"/>']
    for day in _ticks(first, last):
        x = _x(day, first, last)
        parts.append(f'<line class=tick x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 5}"/>')
        parts.append(f'<text class=tick-label x="{x:.1f}" y="{y + 18}" text-anchor=middle>{day.isoformat()}</text>')
    return "".join(parts)


def timeline_chart(events: Sequence[Event]) -> str:
    """Dated events down a time axis, gaps proportional to the days between them, each labelled.

    Time runs downwards so labels have the width they need on any screen; events
    closer than a row apart are pushed down just enough to stay readable.
    """
    dated = sorted(((e.date, n, e) for n, e in enumerate(events, 1) if e.date is not None), key=lambda d: d[:2])
    if not dated:
        return ""
    first, last = dated[0][0], dated[-1][0]
    per_day = min(ROW * 2, max(4.0, TIMELINE_SPAN / max(1, (last - first).days)))
    rows, y, previous = [], float(ROW), None
    for day, number, event in dated:
        wanted = ROW + (day - first).days * per_day
        y = max(wanted, y + ROW) if previous is not None else wanted
        show_day = day != previous
        previous = day
        rows.append(_timeline_row(y, day, number, event, show_day))
    height = y + ROW
    axis = f'<line class=axis x1="{AXIS_X}" y1="{ROW / 2}" x2="{AXIS_X}" y2="{height - ROW / 2:.1f}"/>'
    return (
        f'<div class=chart-wrap><svg class="chart timeline-chart" viewBox="0 0 {TIMELINE_WIDTH} {height:.0f}" '
        f'role=img aria-label="Timeline of {len(dated)} dated events, {first} to {last}">{axis}{"".join(rows)}'
        "</svg></div>"
    )


def _timeline_row(y: float, day: dt.date, number: int, event: Event, show_day: bool) -> str:
    articles = len(event.article_ids)
    title = f"{day}: {event.label} ({articles} article{'s' if articles != 1 else ''})"
    date_label = (
        f'<text class=tick-label x="{AXIS_X - 14}" y="{y + 4:.1f}" text-anchor=end>{day.isoformat()}</text>'
        if show_day
        else ""
    )
    radius = min(9, 5 + articles)
    return (
        f"<g class=event><title>{escape(title)}</title>{date_label}"
        f'<circle cx="{AXIS_X}" cy="{y:.1f}" r="{radius}"/>'
        f'<text class=event-label x="{AXIS_X + 16}" y="{y + 4:.1f}">{number}. {escape(_short(event.label, 58))}</text>'
        "</g>"
    )


def figure_chart(series: FigureSeries) -> str:
    """One measured quantity over time: each dated value as a labelled point.

    Reports of the same value on the same day share one point ("3 outlets"). The
    points are joined by a line only when no day has two different values, since a
    line would present disagreeing figures as a trend. With fewer than two distinct
    points there is nothing to chart and the table says it all.
    """
    groups: dict[tuple[dt.date, float], list[FigurePoint]] = {}
    for point in series.points:
        if point.date is not None:
            groups.setdefault((point.date, point.value), []).append(point)
    if len(groups) < 2:
        return ""
    keys = sorted(groups)
    first, last = keys[0][0], keys[-1][0]
    top = max(value for _, value in keys) or 1.0
    plot_top, plot_bottom = 24.0, 170.0

    def y(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * value / top

    coords = [(_x(day, first, last), y(value)) for day, value in keys]
    marks = [
        _figure_point(day, groups[(day, value)], x, yy) for (day, value), (x, yy) in zip(keys, coords, strict=True)
    ]
    days = [day for day, _ in keys]
    trend = len(set(days)) == len(days)
    line = f'<polyline class=series points="{" ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords)}"/>' if trend else ""
    grid = (
        f'<line class=grid x1="{MARGIN / 2}" y1="{y(top):.1f}" x2="{WIDTH - MARGIN / 2}" y2="{y(top):.1f}"/>'
        f'<text class=tick-label x="{MARGIN / 2}" y="{y(top) - 4:.1f}">{_number(top)}</text>'
        f'<text class=tick-label x="{MARGIN / 2 - 4}" y="{plot_bottom - 4:.1f}" text-anchor=end>0</text>'
    )
    return (
        f'<div class=chart-wrap><svg class="chart figure-chart" viewBox="0 0 {WIDTH} {plot_bottom + 30:.0f}" role=img '
        f'aria-label="{escape(series.topic)} over time">{grid}{_axis(first, last, plot_bottom)}'
        f"{line}{''.join(marks)}</svg></div>"
    )


def _figure_point(day: dt.date, points: Sequence[FigurePoint], x: float, y: float) -> str:
    outlets = list(dict.fromkeys(p.outlet for p in points))
    title = f"{day}: " + "; ".join(f"{p.outlet}: {p.text}" for p in points)
    text = _short(points[0].text) + (f" ({len(outlets)} outlets)" if len(outlets) > 1 else "")
    anchor = "end" if x > WIDTH * 0.7 else "start"
    dx = -8 if anchor == "end" else 8
    return (
        f'<g class=point><title>{escape(title)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
        f'<text x="{x + dx:.1f}" y="{y - 8:.1f}" text-anchor={anchor}>{escape(text)}</text></g>'
    )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:g}"
