"""The timeline chart's layout: dates to positions, lanes, ticks, status bands."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factorywatch.analyze.status import StatusPeriod
from factorywatch.store.corpus_records import DocumentRef, EventRow, FacilityRef, StatusSignal
from factorywatch.web.chart import MAX_TICKS, MIN_SPAN, ordinal, timeline_chart

FACILITY = FacilityRef("f", "Fictional Pencil Factory", "factory", "Jagang", "Kanggye")
DOC = DocumentRef(1, "d-1", "A title", "KCNA", None, "2024-01-01")


def event(day: str | None, kind: str = "shutdown") -> EventRow:
    return EventRow(FACILITY, 0, kind, day, "day", day, "The factory stood idle.", 0, 23, DOC)


def period(status: str, since: str, until: str) -> StatusPeriod:
    signal = StatusSignal(until, status, "event", "shutdown", "independent", 1, 0)
    return StatusPeriod(status, status.title(), since, until, 1, signal)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024", date(2024, 1, 1)),
        ("2024-03", date(2024, 3, 1)),
        ("2024-03-05", date(2024, 3, 5)),
        (None, None),
        ("", None),
        ("March 2024", None),
        ("2024-13", None),
        ("2024-02-30", None),
        ("2024-03-05T10:00", None),
    ],
)
def test_ordinal(day: str | None, expected: date | None) -> None:
    assert ordinal(day) == (expected.toordinal() if expected else None)


def test_nothing_dated_is_no_chart() -> None:
    assert timeline_chart([]) is None
    assert timeline_chart([event(None), event("sometime")]) is None


def test_dots_follow_dates_in_lanes_of_vocabulary_order() -> None:
    chart = timeline_chart([event("2024-05-01", "commendation"), event("2023-01", "shutdown"), event(None),
                            event("2023-07-15", "shortage")])
    assert chart is not None and chart.undated == 1
    assert [lane.label for lane in chart.lanes] == ["Shutdown", "Shortage", "Commendation"]
    by_type = {d.event.type: d for d in chart.dots}
    assert by_type["shutdown"].x < by_type["shortage"].x < by_type["commendation"].x
    assert [by_type[t].y for t in ("shutdown", "shortage", "commendation")] == [lane.y for lane in chart.lanes]
    assert (by_type["shutdown"].status, by_type["commendation"].status) == ("stopped", "operating")
    assert chart.height > chart.axis_y > max(d.y for d in chart.dots)


def test_one_date_is_centred_on_a_minimal_span() -> None:
    chart = timeline_chart([event("2024-03-05"), event("2024-03-05", "criticism")])
    assert chart is not None
    middle = (chart.plot_left + chart.plot_right) / 2
    assert all(abs(d.x - middle) < 10 for d in chart.dots)
    assert chart.dots[1].status == "none"  # criticism implies no status
    assert 1 <= len(chart.ticks) <= 3 and all("-" in t.label for t in chart.ticks)  # month ticks
    scale = (chart.plot_right - chart.plot_left) / MIN_SPAN
    assert scale < 20  # ~16 px a day: the span was widened to MIN_SPAN days


def test_long_spans_tick_years() -> None:
    chart = timeline_chart([event("1995"), event("2024-06")])
    assert chart is not None
    labels = [t.label for t in chart.ticks]
    assert all(len(label) == 4 for label in labels) and len(labels) <= MAX_TICKS
    assert labels == sorted(labels) and labels[0] == "1995"  # padding puts 1995-01-01 inside


def test_status_bands_are_contiguous_on_their_own_lane() -> None:
    periods = [period("operating", "2023-01", "2023-06"), period("stopped", "2023-09", "2024-01"),
               period("reduced", "2024-03-02", "2024-03-02")]
    chart = timeline_chart([event("2023-09")], periods)
    assert chart is not None and chart.lanes[0].label == "Status"
    bands = chart.bands
    assert [b.period.status for b in bands] == ["operating", "stopped", "reduced"]
    for a, b in zip(bands, bands[1:], strict=False):
        assert a.x + a.width == pytest.approx(b.x, abs=0.2)
    assert bands[-1].width >= 3  # a one-day period stays visible
    assert chart.dots[0].y > bands[0].y + chart.band_height


days = st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)
precisions = st.sampled_from([lambda d: d, lambda d: d[:7], lambda d: d[:4]])


@given(st.lists(st.tuples(days, precisions), min_size=1, max_size=30))
def test_everything_stays_inside_the_plot(dated: list) -> None:
    chart = timeline_chart([event(cut(day)) for day, cut in dated])
    assert chart is not None and len(chart.dots) == len(dated)
    assert all(chart.plot_left <= d.x <= chart.plot_right for d in chart.dots)
    assert all(chart.plot_left <= t.x <= chart.plot_right for t in chart.ticks)
    assert len(chart.ticks) <= MAX_TICKS
    assert [t.x for t in chart.ticks] == sorted(t.x for t in chart.ticks)
