"""A static inline-SVG timeline of a document's events, one row per event with a calendar date."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from html import escape
from typing import Any

ROW, LEFT, WIDTH, TOP, AXIS = 24, 240, 900, 8, 34
DAY = timedelta(days=1)


def extent(value: Any) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 value: YYYY-MM-DD[Thh:mm], YYYY-MM, YYYY-Www, YYYY-Qn, YYYY."""
    if not isinstance(value, str):
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
            day = date(*map(int, m.groups()))
            return day, day
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            year, month = map(int, m.groups())
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + 6 * DAY
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            year, quarter = int(m[1]), int(m[2])
            last = 3 * quarter
            return date(year, last - 2, 1), date(year, last, calendar.monthrange(year, last)[1])
        if m := re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def date_value(event: dict[str, Any]) -> Any:
    """The event's date value, or None."""
    found = event.get("date")
    return found.get("value") if isinstance(found, dict) else None


def ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """At most about ten labelled tick dates between lo and hi: days, Mondays, months or years."""
    days = (hi - lo).days
    if days <= 14:
        return [(d, f"{d:%b} {d.day}") for d in (lo + i * DAY for i in range(days + 1))]
    if days <= 120:
        monday = lo + ((7 - lo.weekday()) % 7) * DAY
        return [(d, f"{d:%b} {d.day}") for d in (monday + 7 * i * DAY for i in range((hi - monday).days // 7 + 1))]
    if days <= 1100:
        months = [date(lo.year + (lo.month + i) // 12, (lo.month + i) % 12 + 1, 1) for i in range(days // 28 + 1)]
        months = [d for d in months if d <= hi]
        return [(d, f"{d:%b %Y}") for d in months[::max(1, len(months) // 8)]]
    years = list(range(lo.year + 1, hi.year + 1))
    return [(date(y, 1, 1), str(y)) for y in years[::max(1, len(years) // 8)]]


def _label(event: dict[str, Any]) -> str:
    kind = f"{event.get('type')}/{event['mode']}" if event.get("mode") else str(event.get("type"))
    return f"{event.get('id')} {kind}"


def timeline_svg(events: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """SVG markup (empty when no event has a calendar date) and the events it could not place.

    A single day is a dot, a longer extent (week, month, ...) a bar; events not
    `occurred` (planned, negated, hypothetical) are drawn hollow.
    """
    placed = sorted(((ext, ev) for ev in events if (ext := extent(date_value(ev)))), key=lambda p: p[0])
    unplaced = [ev for ev in events if not extent(date_value(ev))]
    if not placed:
        return "", unplaced
    lo, hi = min(p[0][0] for p in placed), max(p[0][1] for p in placed) + DAY
    if (hi - lo).days < 7:
        pad = (7 - (hi - lo).days) // 2
        lo, hi = lo - pad * DAY, lo - pad * DAY + 7 * DAY
    span = (hi - lo).days

    def x(day: date) -> float:
        return LEFT + (day - lo).days / span * (WIDTH - LEFT - 20)

    height = TOP + ROW * len(placed) + AXIS
    parts = [f'<svg class="timeline" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="events by date">']
    axis_y = TOP + ROW * len(placed)
    for day, text in ticks(lo, hi):
        parts.append(f'<line class="grid" x1="{x(day):.1f}" y1="{TOP}" x2="{x(day):.1f}" y2="{axis_y + 4}"/>'
                     f'<text class="tick" x="{x(day):.1f}" y="{axis_y + 18}">{escape(text)}</text>')
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - 20}" y2="{axis_y}"/>')
    for row, ((first, last), ev) in enumerate(placed):
        y = TOP + ROW * row + ROW / 2
        style = "occurred" if ev.get("status", "occurred") == "occurred" else "hollow"
        tip = escape(f"{_label(ev)} · {date_value(ev)} · {ev.get('status')} · "
                     + ", ".join(str(a.get("canonical")) for a in ev.get("actors") or [] if isinstance(a, dict)))
        mark = (f'<circle class="{style}" cx="{x(first) + (x(first + DAY) - x(first)) / 2:.1f}" cy="{y}" r="6"/>'
                if first == last else
                f'<rect class="{style}" x="{x(first):.1f}" y="{y - 6}" width="{x(last + DAY) - x(first):.1f}" '
                f'height="12" rx="3"/>')
        parts.append(f'<g class="event" data-event="{escape(str(ev.get("id")))}"><title>{tip}</title>'
                     f'<a href="#event-{escape(str(ev.get("id")))}"><text class="row" x="{LEFT - 10}" y="{y + 4}">'
                     f'{escape(_label(ev))}</text></a>{mark}</g>')
    parts.append("</svg>")
    return "".join(parts), unplaced
