"""Publication dates: normalized to ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, and found in an
article's text or URL when its record or page does not give one.

A date keeps the precision it was written with ("March 2021" is ``2021-03``, never a made-up
day) and the local day it was written in: "Fri, 05 Mar 2021 01:00:00 +0900" is 2021-03-05,
although it is still March 4 in UTC (feedparser's parsed dates are UTC, so feeds pass the raw
string here).
"""

from __future__ import annotations

import re
import time
from datetime import date

from factorywatch.ingest.layout import SHORT_LINE, edge_lines, edges

_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_JUCHE = r"Juche\s*(?P<j>\d{1,3})"
"""The DPRK calendar: Juche 1 is 1912; "Juche 113 (2024)" also gives the Gregorian year."""
_YEAR = rf"(?:(?P<y>\d{{4}})|{_JUCHE}(?:\s*\((?P<y2>\d{{4}})\))?)"
_FORMS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})",  # 20241024
        r"(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?)?\.?",  # 2024-10-24, 2025.02.06., 2024
        rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # April 04, 2025; March 28, Juche 113 (2024)
        rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",  # 21 August 2018; 05 Mar 2021 (RFC 822)
        rf"{_MONTH},?\s+{_YEAR}",  # March 2021
        rf"{_JUCHE}\.(?P<m>\d{{1,2}})\.(?P<d>\d{{1,2}})\.?",  # Juche111.10.27. (KCNA trailer)
        rf"{_JUCHE}(?:\s*\((?P<y2>\d{{4}})\))?",  # Juche 113 (2024)
        r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월(?:\s*(?P<d>\d{1,2})\s*일)?",  # 2024년 3월 5일
        r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})",  # 27/10/2022: day or month first
    )
)
_WEEKDAY = re.compile(r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+", re.I)
_AFTER = re.compile(r"(?:(?:[T\s,]|\s+at\s+)+\d{1,2}:\d{2}.*)?\s*", re.IGNORECASE | re.DOTALL)
"""What may follow a date: a time of day and anything after it (zone, AM/PM, seconds)."""
_TIME = re.compile(r"\d{1,2}:\d{2}")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _from_match(g: dict[str, str | None]) -> str | None:
    day, month = _int(g.get("d")), _int(g.get("m"))
    if mon := g.get("mon"):
        month = _MONTHS[mon[:3].lower()]
    if (a := _int(g.get("a"))) and (b := _int(g.get("b"))):
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None  # 03/04/2021: April 3 or March 4
    year = _int(g.get("y2")) or _int(g.get("y")) or 1911 + (_int(g.get("j")) or 0)
    return _iso(year, month, day if month else None)


def normalize_published(value: object) -> str | None:
    """A publication date as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None when ``value`` is
    not a date. Accepts dates, datetimes, ``time.struct_time``, a year as an int, and strings:
    ISO ("2021-03-05T09:00:00+09:00"), "April 04, 2025 at 07:00AM", "Sunday, April 27,
    2025", RFC 822 ("Fri, 05 Mar 2021 09:00:00 +0900"), "21 August 2018", "March 2021",
    "2025.02.06.", "Juche111.10.27.", "March 28, Juche 113 (2024)", "2024년 3월 5일",
    "27/10/2022" (when day and month cannot be swapped). Idempotent."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, date):  # datetime too: its own (local) day, never converted
        return _iso(value.year, value.month, value.day)
    if isinstance(value, time.struct_time):
        return _iso(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int):
        return _iso(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if m := _WEEKDAY.match(text):
        text = text[m.end() :]
    for form in _FORMS:
        if (m := form.match(text)) and _AFTER.fullmatch(text, m.end()):
            return _from_match(m.groupdict())
    return None


_KCNA_TRAILER = re.compile(r"www\.kcna\.kp\s*\(([^()\n]{4,30})\)")
_WATCH_HEADER = re.compile(r"\bDate:\s*(\d{1,2})/(\d{1,2})/(\d{4})\b")
"""kcnawatch.org's header, "Date: 27/10/2022 | Source: KCNA.kp (En)", always day first."""
_DATELINE = re.compile(
    r"^[^\S\n]*[A-Z][\w .'-]{1,30},\s+(?P<date>[^()\n]{6,40}?)\s*\([^()\n]{2,30}\)\s*(?:--|[\u2013\u2014-])", re.M
)
_BYLINE = re.compile(r"(?P<who>[^|,\d]{2,60}?)\s*[|,·]\s*(?P<date>.+)")


def _line_date(line: str) -> tuple[str | None, bool]:
    """The date a short line consists of, and whether the line is a byline ("KCNA | 2024-01-12")."""
    if found := normalize_published(line.strip("[]")):  # KCNA: "[Juche113.1.2.]"
        return found, False
    if m := _BYLINE.fullmatch(line):
        return normalize_published(m["date"]), True
    return None, False


def date_in_text(text: str) -> str | None:
    """The publication date an article's text gives at its edges, best evidence first: a KCNA
    trailer "www.kcna.kp (2025.02.06.)", kcnawatch's "Date: 27/10/2022", a dateline with a
    year "Seoul, Jan. 5, 2024 (Yonhap) --", a byline or time-stamped line ("Daily NK |
    2024-02-06", "April 04, 2025 at 07:00AM"), a line holding only a date. A date line above
    the first line of prose is the saved page's "today" header, not the article's date."""
    head, tail = edges(text)
    for pattern, where in ((_KCNA_TRAILER, tail or head), (_DATELINE, head)):
        if (m := pattern.search(where)) and (found := normalize_published(m[1])):
            return found
    if (m := _WATCH_HEADER.search(head)) and (found := _iso(int(m[3]), int(m[2]), int(m[1]))):
        return found
    standalone, prose_seen = None, False
    for line in edge_lines(text):
        if len(line) <= SHORT_LINE:
            found, byline = _line_date(line)
            if found and len(found) >= 7:  # a year alone on a line is no publication date
                if byline or _TIME.search(line):
                    return found
                if prose_seen and standalone is None:
                    standalone = found
                continue
        prose_seen = prose_seen or len(line.split()) >= 3
    return standalone


_URL_DATES = (
    re.compile(
        r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d\d)[-_/]?(?P<m>0[1-9]|1[0-2])[-_/]?(?P<d>0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])"
    ),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])(?=/|$)"),
)


def date_in_url(url: str | None) -> str | None:
    """A date in a URL's path: ``/2019/10/27/``, ``20241024-13ee.html``, ``newsID=2021-07-23-0001``,
    ``/2019/10/`` (month only)."""
    if not url:
        return None
    for pattern in _URL_DATES:
        if (m := pattern.search(url)) and (found := _from_match(m.groupdict())):
            return found
    return None
