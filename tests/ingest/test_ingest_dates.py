"""Publication dates: normalization, and dates found at an article's edges or in its URL."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factorywatch.ingest import normalize_published
from factorywatch.ingest.dates import date_in_text, date_in_url

NORMALIZE = [
    ("2021-03-05", "2021-03-05"),
    ("2021-03", "2021-03"),
    ("2021", "2021"),
    (" 2021-3-5 ", "2021-03-05"),
    ("2021/03/05", "2021-03-05"),
    ("2025.02.06.", "2025-02-06"),
    ("20241024", "2024-10-24"),
    ("2021-03-05T09:00:00+09:00", "2021-03-05"),
    ("2021-03-05T01:00:00+09:00", "2021-03-05"),  # the local day, not UTC's March 4
    ("2015-09-09 11:46", "2015-09-09"),
    ("April 04, 2025", "2025-04-04"),
    ("April 04, 2025 at 07:00AM", "2025-04-04"),
    ("Sunday, April 27, 2025", "2025-04-27"),
    ("Apr. 4, 2025", "2025-04-04"),
    ("Sept 30 2019", "2019-09-30"),
    ("4th April 2025", "2025-04-04"),
    ("21 August 2018 06:48 (UTC+04:00)", "2018-08-21"),
    ("Fri, 05 Mar 2021 09:00:00 +0900", "2021-03-05"),
    ("Thu, 14 Mar 2024 08:30:00 GMT", "2024-03-14"),
    ("March 2021", "2021-03"),
    ("Juche111.10.27.", "2022-10-27"),
    ("Juche 113 (2024)", "2024"),
    ("March 28, Juche 113 (2024)", "2024-03-28"),
    ("March 28, Juche 113", "2024-03-28"),
    ("2024년 3월 5일", "2024-03-05"),
    ("2024년 3월", "2024-03"),
    ("27/10/2022", "2022-10-27"),
    ("10/27/2022", "2022-10-27"),
    ("03/04/2021", None),  # April 3 or March 4: not guessed
    ("2021-02-30", None),
    ("2021-13", None),
    ("1066", None),
    ("yesterday", None),
    ("", None),
    ("2019 was a hard year", None),
    ("on Mar. 1", None),
    (datetime(2021, 3, 5, 1, 0, tzinfo=timezone(timedelta(hours=9))), "2021-03-05"),
    (date(2019, 11, 20), "2019-11-20"),
    (time.struct_time((2021, 3, 4, 16, 0, 0, 3, 63, 0)), "2021-03-04"),
    (2019, "2019"),
    (True, None),
    (None, None),
    (3.5, None),
]


@pytest.mark.parametrize(("value", "expected"), NORMALIZE, ids=[repr(v)[:40] for v, _ in NORMALIZE])
def test_normalize_published(value: object, expected: str | None) -> None:
    assert normalize_published(value) == expected


@given(st.one_of(st.text(max_size=40), st.dates(), st.integers(), st.none()))
def test_normalize_published_is_idempotent(value: object) -> None:
    once = normalize_published(value)
    assert normalize_published(once) == once


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_normalize_published_reads_its_own_formats_and_common_spellings(day: date) -> None:
    iso = day.isoformat()
    spellings = {
        iso: iso,
        iso[:7]: iso[:7],
        iso[:4]: iso[:4],
        day.strftime("%B %d, %Y"): iso,
        day.strftime("%d %B %Y"): iso,
        day.strftime("%B %Y"): iso[:7],
        day.strftime("%a, %d %b %Y 23:30:00 -0500"): iso,
    }
    assert {s: normalize_published(s) for s in spellings} == spellings


SAVED_PAGE = """38.1 C
Delhi
Sunday, April 27, 2025

Empty promises: the sample factories fail to deliver

The sample factories have produced nothing that reaches the shops, sources say.

Read in Korean

April 04, 2025 at 07:00AM

by DailyNK(North Korean Media)
"""

TEXT_DATES = [
    ("saved page: the header is the day it was saved", SAVED_PAGE, "2025-04-04"),
    ("kcna trailer", "Pyongyang, May 3 (KCNA) -- The mill met its plan. -0-\nwww.kcna.kp (2025.02.06.)", "2025-02-06"),
    (
        "kcna juche trailer",
        "Pyongyang, May 3 (KCNA) -- The mill met its plan.\nwww.kcna.kp (Juche111.10.27.)",
        "2022-10-27",
    ),
    (
        "kcnawatch header",
        "Mill Praised\n\nDate: 05/06/2019 | Source: KCNA.kp (En)\n\nThe mill met its plan.",
        "2019-06-05",
    ),
    ("dateline with a year", "Seoul, Jan. 5, 2024 (Yonhap) -- The mill was closed, officials said.", "2024-01-05"),
    ("dateline without a year", "Pyongyang, October 27 (KCNA) -- The mill met its plan ahead of time.", None),
    ("byline trailer", "Mill Praised\n\nThe mill met its plan ahead of schedule.\n\nKCNA | 2024-01-12\n", "2024-01-12"),
    ("author byline", "Markets close\n\nChoi Sample Min  |  2015-09-09 11:46\n\nThe market closed.", "2015-09-09"),
    ("juche byline", "The mill met its plan.\n\nRodong Sinmun, March 28, Juche 113 (2024)", "2024-03-28"),
    ("timestamp", "Health sector criticized\n\n21 August 2018 06:48 (UTC+04:00)\n\nThe leader spoke.", "2018-08-21"),
    (
        "date line below the title",
        "Quality certifications in the North\n\n2020-12-03\n\nThe state stressed quality.",
        "2020-12-03",
    ),
    ("kcna bracketed date line", "Sample Mill Praised\n[Juche113.1.2.]\n\nThe mill was praised today.", "2024-01-02"),
    ("date line above any prose", "2020-12-03\n\nThe state stressed quality this year, as every year.", None),
    ("a year alone on a line", "The plan\n\nThe state stressed quality in the plan.\n\n2019\n", None),
    ("body dates are not publication dates", "A source said the raid came on Mar. 1, 2021 at the market.", None),
    ("no date", "A source said the mill stood idle.", None),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TEXT_DATES], ids=[c[0] for c in TEXT_DATES])
def test_date_in_text(text: str, expected: str | None) -> None:
    assert date_in_text(text) == expected


def test_date_in_text_reads_only_the_edges_of_long_texts() -> None:
    body = "The workers kept the lines running all winter long. " * 200
    assert date_in_text(f"Mill Praised\n\n{body}\n\nKCNA | 2024-01-12\n") == "2024-01-12"
    assert date_in_text(f"Mill Praised\n\n{body[:3000]}\nKCNA | 2024-01-12\n{body}") is None


URL_DATES = [
    ("https://www.nkeconwatch.com/2010/03/07/february-8-vinalon-complex-re-opens/", "2010-03-07"),
    ("http://kcna.co.jp/item/2024/202410/news24/20241024-13ee.html", "2024-10-24"),
    ("http://www.rodong.rep.kp/en/index.php?newsID=2021-07-23-0001", "2021-07-23"),
    ("https://www.nknews.org/2019/10/kim-jong-un-says/", "2019-10"),
    ("https://example.org/kcna/2024/03", "2024-03"),
    ("https://www.dailynk.com/english/read.php?num=14430&cataId=nk01500", None),
    ("https://en.trend.az/world/other/2942623.html", None),
    ("http://kcna.kp/en/article/q/64e9a20190312b.kcmsf", None),  # digits inside a hash
    ("https://kcnawatch.org/newstream/1666850822-340065934/x", None),
    (None, None),
]


@pytest.mark.parametrize(("url", "expected"), URL_DATES)
def test_date_in_url(url: str | None, expected: str | None) -> None:
    assert date_in_url(url) == expected
