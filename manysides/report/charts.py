"""Charts drawn as inline SVG in Python: no script, nothing to load, prints as vectors.

Only presentation attributes and classes are used (no style attributes), so the
strict Content-Security-Policy of the report and the web app allows them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from html import escape

from manysides.models import Event, FigureSeries

WIDTH = 720
MARGIN = 48
LANE = 26


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
    """Dated events as numbered dots on a time axis; the numbers match the list beside it."""
    dated = [(n, e.date, e) for n, e in enumerate(events, 1) if e.date is not None]
    if not dated:
        return ""
    first, last = min(d for _, d, _ in dated), max(d for _, d, _ in dated)
    stacks: dict[dt.date, int] = defaultdict(int)
    dots = []
    for number, day, event in dated:
        lane = stacks[day]
        stacks[day] += 1
        x, y = _x(day, first, last), 24 + lane * LANE
        radius = min(12, 9 + len(event.article_ids))
        label = f"{day}: {event.label} ({len(event.article_ids)} articles)"
        dots.append(
            f'<g class=event><title>{escape(label)}</title><circle cx="{x:.1f}" cy="{y + 8}" r="{radius}"/>'
            f'<text x="{x:.1f}" y="{y + 12.5}" text-anchor=middle>{number}</text></g>'
        )
    axis_y = 24 + max(stacks.values()) * LANE + 8
    height = axis_y + 26
    return (
        f'<div class=chart-wrap><svg class="chart timeline-chart" viewBox="0 0 {WIDTH} {height}" role=img '
        f'aria-label="Timeline of {len(dated)} dated events">'
        f"{_axis(first, last, axis_y)}{''.join(dots)}</svg></div>"
    )


def figure_chart(series: FigureSeries) -> str:
    """One measured quantity over time: each dated report of it as a labelled point."""
    points = sorted(((p.date, p) for p in series.points if p.date is not None), key=lambda dp: (dp[0], dp[1].value))
    if not points:
        return ""
    first, last = points[0][0], max(d for d, _ in points)
    top = max(p.value for _, p in points) or 1.0
    plot_top, plot_bottom = 24.0, 170.0

    def y(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * value / top

    coords = [(_x(d, first, last), y(p.value)) for d, p in points]
    line = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords)
    marks = []
    for (day, point), (x, yy) in zip(points, coords, strict=True):
        label = f"{point.outlet}, {day}: {point.text}"
        anchor = "end" if x > WIDTH * 0.7 else "start"
        dx = -8 if anchor == "end" else 8
        marks.append(
            f'<g class=point><title>{escape(label)}</title><circle cx="{x:.1f}" cy="{yy:.1f}" r="5"/>'
            f'<text x="{x + dx:.1f}" y="{yy - 8:.1f}" text-anchor={anchor}>{escape(_short(point.text))}</text></g>'
        )
    grid = (
        f'<line class=grid x1="{MARGIN / 2}" y1="{y(top):.1f}" x2="{WIDTH - MARGIN / 2}" y2="{y(top):.1f}"/>'
        f'<text class=tick-label x="{MARGIN / 2}" y="{y(top) - 4:.1f}">{_number(top)}</text>'
    )
    return (
        f'<div class=chart-wrap><svg class="chart figure-chart" viewBox="0 0 {WIDTH} {plot_bottom + 30:.0f}" role=img '
        f'aria-label="{escape(series.topic)} over time">{grid}{_axis(first, last, plot_bottom)}'
        f'<polyline class=series points="{line}"/>{"".join(marks)}</svg></div>'
    )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:g}"
