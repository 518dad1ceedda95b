"""Component ``dates`` and the event-dating helper ``date_of``."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factorywatch.extract import dates as _dates  # noqa: F401  (registers the component)
from factorywatch.extract import sentences as _sentences  # noqa: F401
from factorywatch.extract.date_expressions import date_words, first_at, occurs
from factorywatch.extract.dates import (
    _ANNIVERSARY,
    _ANNIVERSARY_ANYCASE,
    _DEADLINE,
    _DEADLINE_ANYCASE,
    date_of,
    event_date,
    find_dates,
    parse_published,
)
from factorywatch.extract.pipeline import Pipeline
from factorywatch.model import Document, Mention, Span

DATES = Pipeline(["sentences", "dates"])


def _dates_of(text: str, published: str | None) -> list[tuple[str, str | None, str | None]]:
    a = DATES(Document(text=text, published=published))
    return [(text[d.start:d.end], d.value, d.precision) for d in a.dates]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # absolute
        ("He toured the mill on August 20.", "2018-09", [("August 20", "2018-08-20", "day")]),
        ("Inspectors raided the market on Mar. 1, sources said.", "2021-03", [("Mar. 1", "2021-03-01", "day")]),
        ("It opened on March 7, 2009.", None, [("March 7, 2009", "2009-03-07", "day")]),
        ("It was founded on September 23 1949.", None, [("September 23 1949", "1949-09-23", "day")]),
        ("Filed 21 August 2018.", None, [("21 August 2018", "2018-08-21", "day")]),
        ("He visited the plant in 2009 for guidance.", "2019", [("2009", "2009", "year")]),
        ("He came in September 2018.", None, [("September 2018", "2018-09", "month")]),
        ("In June Juche 107(2018), he came.", None, [("June Juche 107(2018)", "2018-06", "month")]),
        ("On October 26, Juche 111 (2022), it opened.", None, [("October 26, Juche 111 (2022)", "2022-10-26", "day")]),
        ("Work began in early 1995.", None, [("early 1995", "1995", "year")]),
        ("Posted 2015-09-09 11:46.", None, [("2015-09-09", "2015-09-09", "day")]),
        ("www.kcna.kp (Juche111.8.19.)", None, [("Juche111.8.19", "2022-08-19", "day")]),
        # a month without a year: the publication's year, or the year before when that is later
        ("The plant closed in November.", "2019-03-15", [("November", "2018-11", "month")]),
        ("A new manager will arrive in early September.", "2018-08", [("early September", "2018-09", "month")]),
        ("It shut during the first week of March.", "2019-03", [("the first week of March", "2019-03", "month")]),
        ("It closes from the end of this March.", "2010-01-12", [("the end of this March", "2010-03", "month")]),
        ("A measure passed on December 30 of last year.", "2010-01-12",
         [("December 30 of last year", "2009-12-30", "day")]),
        ("Daily NK reported in February of this year that output fell.", "2019-11-07",
         [("February of this year", "2019-02", "month")]),
        # holidays and seasons
        ("The kilns have been cold since New Year's Day.", "2024-01-19", [("New Year's Day", "2024-01-01", "day")]),
        ("It was launched at the smelter in the spring.", "2022-11-29", [("the spring", "2022", "year")]),
        ("Work stopped during the winter.", "2022-03-02", [("the winter", "2021", "year")]),
        ("The spring water is clean.", "2022-03-02", []),
        # relative to the publication
        ("The ceremony took place on Wednesday.", "2022-10-27", [("Wednesday", "2022-10-26", "day")]),
        ("The ceremony took place on Sunday.", "2019-10", [("Sunday", "2019-10", "month")]),
        ("Factories closed earlier this month.", "2019-03", [("earlier this month", "2019-03", "month")]),
        ("It resumed last month.", "2010-03-07", [("last month", "2010-02", "month")]),
        ("It closed last year.", "2010-01-12", [("last year", "2009", "year")]),
        ("It happened yesterday.", "2020-01-01", [("yesterday", "2019-12-31", "day")]),
        ("It stopped ten years ago.", "2020-05-05", [("ten years ago", "2010", "year")]),
        ("The market is not operating at the moment.", "2015-09-09", [("at the moment", "2015-09", "month")]),
        # relative to the previous date of the text
        ("A raid came on Mar. 1, a source told Daily NK on Friday. The next day, Oh was arrested.", "2021-03",
         [("Mar. 1", "2021-03-01", "day"), ("Friday", "2021-03", "month"), ("The next day", "2021-03-02", "day")]),
        ("It resumed last month after shutting down 16 years earlier.", "2010-03-07",
         [("last month", "2010-02", "month"), ("16 years earlier", "1994", "year")]),
        # relative with no publication date
        ("The ceremony took place on Wednesday.", None, [("Wednesday", None, None)]),
        ("It closed last year.", None, [("last year", None, None)]),
        # not dates
        ("The May 7 Factory and the February 8 Vinalon Complex worked.", "2019-03", []),
        ("They earned the February 2 Product title.", "2019-03", []),
        ("Kim ordered it more than 10 years ago.", "2019-03", []),
        ("It was built recently, in recent days.", "2019-03", []),
        ("He carried out the dying orders of Kim Jong Il.", "2019-03", []),
        ("They produced 2000 tons at No. 2019 pit, 1,500m deep, ISO 22000, in the 1990s.", "2019-03", []),
        ("May we go? March on!", "2019-03", []),
        ("Build it before May Day.", "2019-03", []),
        ("Opened in Celebration of October Holiday.", "2022-10-11", []),
        ("Prices fall in winter.", "2019-03", []),
        # seasons, quarters, Juche days
        ("It was given no fertilizer this spring.", "2021-10-08", [("this spring", "2021", "year")]),
        ("It has been empty since last autumn.", "2023-03-10", [("last autumn", "2022", "year")]),
        ("It was renovated last autumn.", "2024-01-25", [("last autumn", "2023", "year")]),
        ("Digging began in the spring of 2021.", "2023-03-10", [("the spring of 2021", "2021", "year")]),
        ("It made half its plan in the first quarter.", "2024-04-09", [("the first quarter", "2024", "year")]),
        ("Trade fell by half since the new year.", "2024-03-15", [("the new year", "2024", "year")]),
        ("On May 3, Juche 110 (2021), it opened.", None, [("May 3, Juche 110 (2021)", "2021-05-03", "day")]),
    ],
)
def test_dates(text, published, expected):
    assert _dates_of(text, published) == expected


def _analysis(text: str, published: str | None, names: tuple[str, ...] = ()):
    a = DATES(Document(text=text, published=published))
    mentions = tuple(Mention(text.index(n), text.index(n) + len(n), 0) for n in names)
    return replace(a, mentions=mentions)


@pytest.mark.parametrize(
    "text, published, trigger, expected",
    [
        ("During his tour of the factory on August 20, Kim criticized the officials.", "2018-09", "tour",
         ("2018-08-20", "day")),
        ("During his tour of the factory on August 20, Kim criticized the officials.", "2018-09", "criticized",
         ("2018-08-20", "day")),
        # the telling is not the event, unless nothing else dates it
        ("“They raided the market on Mar. 1,” a source told Daily NK on Friday.", "2021-03", "raided",
         ("2021-03-01", "day")),
        ("Kim inspected the factory, state media reported on Sunday.", "2019-10", "inspected", ("2019-10", "month")),
        # a telling's day that alone dates the event gives its month: what is told happened by then
        ("Managers were detained, the agency said on Thursday.", "2024-07-11", "detained", ("2024-07", "month")),
        ("On October 14, the agency reported that the mill was awarded a title.", "2022-11-29", "awarded",
         ("2022-10", "month")),
        # two events, two dates: each takes the first date after its trigger
        ("It resumed operation last month after shutting down 16 years earlier.", "2010-03-07", "resumed",
         ("2010-02", "month")),
        ("It resumed operation last month after shutting down 16 years earlier.", "2010-03-07", "shutting down",
         ("1994", "year")),
        ("Good Friends (January 6) said authorities will suspend the market from the end of this March.", "2010-01-12",
         "suspend", ("2010-03", "month")),
        ("The factory stopped.", "2019-03", "stopped", (None, None)),
        # a dateline, a deadline and an anniversary's meeting do not date the event
        ("Pyongyang, May 4 (KCNA) -- The mill completed its new line on Tuesday.", "2024-05-04", "completed",
         ("2024-04-30", "day")),
        ("Pyongyang, May 4 (KCNA) -- The mill completed its new line.", "2024-05-04", "completed",
         ("2024-05-04", "day")),
        ("In May, Kim criticized the builders and demanded the zone be finished by Oct. 10, 2020.", "2019-07-05",
         "criticized", ("2019-05", "month")),
        ("A meeting was held on Monday to mark the 10th anniversary of his field guidance at the mill.", "2024-08-06",
         "field guidance", (None, None)),
    ],
)
def test_date_of(text, published, trigger, expected):
    a = _analysis(text, published)
    start = text.index(trigger)
    assert date_of(a, a.sentences[0], Span(start, start + len(trigger))) == expected


def test_a_fallback_date_is_weaker_than_a_date_before_the_trigger_and_that_than_one_after():
    text = "Pyongyang, May 4 (KCNA) -- In 2020 the mill closed. It reopened in March, said the agency on Monday."
    a = _analysis(text, "2024-05-04")
    first, second = a.sentences[0], a.sentences[-1]
    assert event_date(a, first, Span(text.index("closed"), text.index("closed") + 6))[2] == 1
    assert event_date(a, second, Span(text.index("reopened"), text.index("reopened") + 8)) == ("2024-03", "month", 2)
    assert event_date(a, Span(0, 26), Span(0, 9))[2] == 0


def test_date_of_skips_dates_inside_names_and_continues_an_and_sentence():
    text = "When visiting the factory in August Juche 107 (2018), he spoke. And he took measures at the May 7 Factory."
    a = _analysis(text, "2022-08-19", names=("May 7 Factory",))
    assert date_of(a, a.sentences[1]) == ("2018-08", "month")
    assert date_of(a, a.sentences[0]) == ("2018-08", "month")


@pytest.mark.parametrize(
    "published, expected",
    [("2019-03-04", (2019, 3, 4)), ("2019-03", (2019, 3, None)), ("2019", (2019, None, None)),
     ("2019-03-04T10:00:00+09:00", (2019, 3, 4)), ("2019-13", None), ("yesterday", None), (None, None), ("", None)],
)
def test_parse_published(published, expected):
    assert parse_published(published) == expected


PUBLISHED = st.sampled_from([None, "2019", "2019-03", "2019-03-15", "2024-02-29", "garbage"])
DATEY = st.sampled_from(["March", "Mar.", "7", "2009", ",", " ", "the", "next", "day", "last", "year", "month", "ago",
                         "16", "years", "earlier", "on", "Friday", "Juche", "107", "(2018)", "early", "of", "this",
                         "that", "week", "yesterday", "at", "moment", "/", "12", "31", "-", ".", "\n", "May",
                         "Factory"])


@settings(max_examples=150)
@given(st.lists(DATEY, max_size=25).map(" ".join) | st.text(max_size=60), PUBLISHED)
def test_dates_never_raise_and_resolve_to_valid_iso(text, published):
    edge = 0
    for d in find_dates(text, published):
        assert edge <= d.start < d.end <= len(text)
        edge = d.end
        if d.value is None:
            assert d.precision is None
            continue
        fmt = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[d.precision]
        assert dt.datetime.strptime(d.value, fmt).strftime(fmt) == d.value


@given(st.lists(st.sampled_from(["will ", "Will", "SAID", " said that", "told ", ", ", "x", "K", "\u212a", "ſ", "é",
                                 " "]), max_size=12).map("".join), st.integers(0, 40), st.integers(0, 40))
def test_occurs_is_a_case_blind_search(text: str, start: int, end: int) -> None:
    """The lower-cased search of ASCII stretches finds what the ``(?i)`` pattern finds."""
    lex = date_words()
    for lower, anycase in ((lex.future, lex.future_anycase), (lex.telling, lex.telling_anycase)):
        assert occurs(lower, anycase, text, start, end) == (anycase.search(text, start, end) is not None)


@given(st.lists(st.sampled_from(["Anniversary", "anniversaries", "ANNIVERSARY ", "by ", "No Later Than ", "x", "K",
                                 "\u212a", "ſ", "é", " "]), max_size=12).map("".join), st.integers(0, 60),
       st.integers(0, 60))
def test_first_at_is_where_the_case_blind_search_matches(text: str, start: int, end: int) -> None:
    """``first_at`` gives the start of the ``(?i)`` pattern's first match, or -1."""
    for lower, anycase in ((_ANNIVERSARY, _ANNIVERSARY_ANYCASE), (_DEADLINE, _DEADLINE_ANYCASE)):
        m = anycase.search(text, start, end)
        assert first_at(lower, anycase, text, start, end) == (m.start() if m else -1)
