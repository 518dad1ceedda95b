"""The timeline chart of a dossier (and of the timeline page), laid out here and drawn as
inline SVG by the template: no script runs and no style is inline (the CSP forbids both),
colours come from CSS classes.

One lane per event type present (in vocabulary order), a dot per dated event on a shared
time axis, coloured by the status its type implies; above them, when given, a band of the
facility's status periods. Events with no date at all are left off the chart (the table
under it lists them) and counted in ``undated``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil

from factorywatch.analyze.status import StatusPeriod
from factorywatch.store.corpus_records import EventRow
from factorywatch.vocab import vocab

WIDTH = 960
LEFT = 150
"""Room for the lane labels."""
RIGHT = 16
TOP = 8
LANE = 22
AXIS = 30
RADIUS = 6
MIN_SPAN = 60
"""Days: a chart of events close together still spans two months, centred on them."""
MAX_TICKS = 10

_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Lane:
    y: float
    """Centre line of the lane."""
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    status: str
    """The status the event's type implies (a CSS class), ``none`` when it implies none."""
    event: EventRow


@dataclass(frozen=True, slots=True)
class Band:
    x: float
    width: float
    y: float
    period: StatusPeriod


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    axis_y: float
    plot_left: int
    plot_right: int
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    dots: tuple[Dot, ...]
    bands: tuple[Band, ...]
    band_height: float
    undated: int


def ordinal(day: str | None) -> int | None:
    """The first day of an ISO date of any precision (``2024``, ``2024-03``, ``2024-03-05``)
    as a day number; None when absent or not a date."""
    match = _DAY.fullmatch(day or "")
    if not match:
        return None
    year, month, dom = (int(g) if g else 1 for g in match.groups())
    try:
        return date(year, month, dom).toordinal()
    except ValueError:
        return None


def _ticks(lo: int, hi: int) -> list[tuple[int, str]]:
    """Year starts (long spans) or month starts (short ones) within ``[lo, hi]``, at most
    ``MAX_TICKS``, as (day number, label)."""
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    if hi - lo > 3 * 365:
        step = ceil((last.year - first.year + 1) / MAX_TICKS)
        years = range(first.year + 1, last.year + 1, step)
        return [(date(y, 1, 1).toordinal(), str(y)) for y in years]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = ceil(months / MAX_TICKS)
    out = []
    for k in range(1, months + 1, step):
        y, m = divmod(first.month - 1 + k, 12)
        start = date(first.year + y, m + 1, 1)
        if start.toordinal() <= hi:
            out.append((start.toordinal(), f"{start:%Y-%m}"))
    return out


def timeline_chart(events: Sequence[EventRow], periods: Sequence[StatusPeriod] = ()) -> Chart | None:
    """The chart of ``events`` (and of the status ``periods``, oldest first); None when
    nothing has a date."""
    v = vocab()
    points = [(day, e) for e in events if (day := ordinal(e.day)) is not None]
    spans = [(since, ordinal(p.until) or since, p) for p in periods if (since := ordinal(p.since)) is not None]
    days = [day for day, _ in points] + [day for since, until, _ in spans for day in (since, until)]
    if not days:
        return None
    lo, hi = min(days), max(days)
    pad = max((MIN_SPAN - (hi - lo)) / 2, (hi - lo) * 0.03, 1)
    lo, hi = int(lo - pad), int(hi + pad + 1)
    right = WIDTH - RIGHT

    def x(day: int) -> float:
        return round(LEFT + (day - lo) / (hi - lo) * (right - LEFT), 1)

    band_height = LANE * 0.6 if spans else 0
    lane_top = TOP + (LANE if spans else 0)
    types = [t for t in v.event_types if any(e.type == t for _, e in points)]
    types += sorted({e.type for _, e in points} - set(types))
    lanes = [Lane(lane_top + LANE * (i + 0.5), v.event_types.get(t, t)) for i, t in enumerate(types)]
    lane_of = {t: lane.y for t, lane in zip(types, lanes, strict=True)}
    dots = [Dot(x(day), lane_of[e.type], v.event_status.get(e.type) or "none", e) for day, e in points]
    bands = []
    for i, (start, until, period) in enumerate(spans):
        end = spans[i + 1][0] if i + 1 < len(spans) else max(until, start)
        bands.append(Band(x(start), max(x(end) - x(start), 3.0), TOP + (LANE - band_height) / 2, period))
    if spans:
        lanes.insert(0, Lane(TOP + LANE / 2, "Status"))
    axis_y = lane_top + LANE * len(types) + 4
    ticks = [Tick(x(day), label) for day, label in _ticks(lo, hi)]
    return Chart(WIDTH, int(axis_y + AXIS), axis_y, LEFT, right, tuple(lanes), tuple(ticks), tuple(dots),
                 tuple(bands), band_height, len(events) - len(points))
