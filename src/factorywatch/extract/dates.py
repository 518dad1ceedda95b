"""Dates of a text (component ``dates``) and the date of an event sentence (``date_of``).

``date_expressions`` finds the expressions; here each becomes ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD`` by a hand-written resolver (dateparser leaves "the next day", "earlier this
month", "the first week of March" unresolved) against the publication date (``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY``), at the precision the text and that date allow:

* absolute: "August 20", "Mar. 1", "March 7, 2009", "21 August 2018", "2009", "early 1995",
  "in September 2018", "Juche 107 (2018)", "2015-09-09"; a month without a year takes the
  publication year, or the year before when that would be in the future (unless the
  sentence looks ahead: "will arrive in early September");
* relative to publication: "on Wednesday", "earlier this month", "last year", "the first
  week of March", "yesterday", "10 years ago", "at the moment"; a day relative to a
  month-precise publication gives that month;
* relative to the previous date of the text: "the next day", "16 years earlier".

A relative date with no publication date resolves to None. Vague spans ("more than 10
years ago", "recently") and dates inside names ("May 7 Factory") are not dates.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache
from operator import attrgetter
from typing import Final

from factorywatch.extract.date_expressions import SEASONS, Expression, date_words, find_expressions, first_at, occurs
from factorywatch.extract.pipeline import component, evolve
from factorywatch.extract.wordscan import scan
from factorywatch.model import Analysis, DateRef, Sentence, Span, builder

REPORTING_REACH: Final = 80
"""Characters from a reporting cue to the day of the telling ("said a source in X on Friday")."""

Ymd = tuple[int, int | None, int | None]


_START: Final = attrgetter("start")
_BLANKS: Final = re.compile(r"\s+")
_PUBLISHED: Final = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?")


@lru_cache(maxsize=4096)
def parse_published(published: str | None) -> Ymd | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as numbers; None when absent or malformed."""
    m = _PUBLISHED.fullmatch(published or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    ymd = (y, int(mo) if mo else None, int(d) if d else None)
    return ymd if _valid(ymd) else None


def _valid(ymd: Ymd) -> bool:
    """Whether ``datetime.date(y, m or 1, d or 1)`` exists, with a year of 1000-2999 (worked
    out in place: raising and catching ``ValueError`` costs more than the whole check)."""
    y, m, d = ymd
    month, day = m or 1, d or 1
    if not (1000 <= y <= 2999 and 1 <= month <= 12 and day >= 1):
        return False
    if month == 2:
        return day <= (29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28)
    return day <= _MONTH_DAYS[month]


def _iso(ymd: Ymd) -> tuple[str, str]:
    """A valid date as text, at its precision (the year has four digits: ``_valid``)."""
    y, m, d = ymd
    if m is None:
        return str(y), "year"
    if d is None:
        return f"{y}-{_TWO_DIGITS[m]}", "month"
    return f"{y}-{_TWO_DIGITS[m]}-{_TWO_DIGITS[d]}", "day"


_MONTH_DAYS: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TWO_DIGITS: Final = tuple(f"{i:02d}" for i in range(32))
_date_ref: Final = builder(DateRef)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _shift(base: Ymd, days: int) -> Ymd:
    """``base`` moved by days, at its own precision: "the next day" of a month stays that month."""
    y, m, d = base
    if m is None or d is None:
        return base
    day = dt.date(y, m, d) + dt.timedelta(days=days)
    return (day.year, day.month, day.day)


class _Resolver:
    """Resolves candidates in text order, remembering the last event date for anaphora."""

    def __init__(self, text: str, pub: Ymd | None, sentences: tuple[Sentence, ...]) -> None:
        self.text, self.pub, self.lex = text, pub, date_words()
        self.sentences = sentences
        self.prev: Ymd | None = None

    def sentence_start(self, pos: int) -> int:
        # a bisection over the sentences themselves: a text asks once or twice, for less
        # than the list of all their starts would cost
        i = bisect.bisect_right(self.sentences, pos, key=_START) - 1
        if i >= 0:
            return self.sentences[i].start
        stop = max(self.text.rfind(". ", 0, pos), self.text.rfind("\n", 0, pos))
        return stop + 1 if stop >= 0 else 0

    def ahead(self, pos: int) -> bool:
        return occurs(self.lex.future, self.lex.future_anycase, self.text, self.sentence_start(pos), pos)

    def cap(self, ymd: Ymd) -> Ymd:
        """A date counted from the publication is no more precise than the publication."""
        assert self.pub is not None
        if self.pub[1] is None:
            return (ymd[0], None, None)
        return ymd if self.pub[2] is not None else (ymd[0], ymd[1], None)

    def resolve(self, c: Expression) -> Ymd | None:
        g, pub, kind = c.g, self.pub, c.kind
        if kind == "md" or kind == "m":  # most dates: "January 5"
            return self._month(c)
        if kind in ("iso", "jn"):
            year = int(g["y"] or 0)
            return (year + 1911 if kind == "jn" else year, int(g["m"] or 0), int(g["d"] or 0))
        if kind == "sl":
            a, b, y = int(g["a"] or 0), int(g["b"] or 0), int(g["y"] or 0)
            return (y, b, a) if a > 12 >= b else (y, a, b) if b > 12 >= a else None
        if kind == "y":
            return (int(g["y"] or 0), None, None)
        if kind == "ju":
            return (int(g["jy"]) if g["jy"] else 1911 + int(g["j"] or 0), None, None)
        if kind == "ago":
            return self._ago(c)
        if kind == "season":
            return self._season(c)
        if kind == "hol":
            return (pub[0], int(g["m"] or 1), int(g["d"] or 1)) if pub is not None else None
        if kind == "rel":
            return self._relative(c)
        if kind == "an":
            step = {"the following": 1, "the previous": -1}.get(g["w"] or "", 0)
            return _shift(self.prev, days=step) if self.prev else None
        if pub is None:
            return None
        if kind == "near":
            return self.cap(_shift(pub, days=-int(g["back"] or 0)) if pub[2] else pub)
        if kind == "wd":
            return self._weekday(c, pub)
        return (pub[0], pub[1], None)  # "now": the month of the report

    def _month(self, c: Expression) -> Ymd | None:
        g, pub = c.g, self.pub
        month = self.lex.month[g["m"] or ""]
        d = g.get("d")
        day = int(d) if d else None
        if g.get("y") or g.get("jy"):
            return (int(g.get("y") or g.get("jy") or 0), month, day)
        if g.get("j"):
            return (1911 + int(g["j"] or 0), month, day)
        if pub is None:
            return None
        if g.get("r"):
            return (pub[0] + {"this": 0, "last": -1, "next": 1}[g["r"] or "this"], month, day)
        rel = g.get("rel")
        if rel == "this":
            return (pub[0], month, day)
        if rel == "next":
            return (pub[0] if pub[1] is not None and month > pub[1] else pub[0] + 1, month, day)
        if rel == "last":
            return (pub[0] if pub[1] is not None and month < pub[1] else pub[0] - 1, month, day)
        year, pm, pd = pub
        if pm is not None and (month, day or 0) > (pm, pd if pd is not None else 31) and not self.ahead(c.start):
            year -= 1  # a month later than the publication is last year's
        return (year, month, day)

    def _ago(self, c: Expression) -> Ymd | None:
        g = c.g
        said = g["n"] or ""
        n = int(said) if said.isdigit() else self.lex.numbers[said]
        sign = 1 if g["dir"] == "later" else -1
        base = self.prev if g["dir"] != "ago" and self.prev else self.pub
        if base is None:
            return None
        if g["u"] == "year":
            return (base[0] + sign * n, None, None)
        if base[1] is None:
            return None
        if g["u"] == "month":
            return (*_add_months(base[0], base[1], sign * n), None)
        return _shift(base, days=sign * n * (7 if g["u"] == "week" else 1))

    def _relative(self, c: Expression) -> Ymd | None:
        word, unit = _BLANKS.sub(" ", c.g["w"] or ""), c.g["u"]
        base = self.prev if word in ("the previous", "the following", "the same") else self.pub
        if base is None or (unit != "year" and base[1] is None):
            return None
        step = {"this": 0, "the same": 0, "the new": 0, "last": -1, "the previous": -1}.get(word, 1)
        if unit == "year":
            return (base[0] + step, None, None)
        if unit == "month":
            return (*_add_months(base[0], base[1] or 1, step), None)
        moved = _shift(base, days=7 * step)
        return (moved[0], moved[1], None)

    def _season(self, c: Expression) -> Ymd | None:
        """The year of a season or quarter: "last autumn" is the latest autumn begun before
        the publication month, "this spring" the publication year's."""
        g, pub = c.g, self.pub
        if g["y"]:
            return (int(g["y"]), None, None)
        if pub is None:
            return None
        year = pub[0] + {"this": 0, "last": -1, "next": 1}[g["r"]] if g["r"] else pub[0]
        begins = SEASONS[g["s"] or ""]
        if g["w"] == "last" and not g["r"] and pub[1] is not None and begins and begins < pub[1]:
            return (year, None, None)
        if g["w"] is None and not g["r"] and pub[1] is not None and begins and begins > pub[1] \
                and not self.ahead(c.start):
            return (year - 1, None, None)  # "in the summer" of a March report is last year's
        step = {"last": -1, "next": 1}.get(g["w"] or "", 0) if not g["r"] else 0
        return (year + step, None, None)

    def _weekday(self, c: Expression, pub: Ymd) -> Ymd | None:
        if pub[1] is None:
            return None
        if pub[2] is None:
            return (pub[0], pub[1], None)
        today = dt.date(pub[0], pub[1], pub[2])
        target, pre = self.lex.weekday[c.g["d"] or ""], c.g["pre"]
        if pre == "next" or (pre != "last" and self.ahead(c.start)):
            day = today + dt.timedelta(days=(target - today.weekday()) % 7 or (7 if pre == "next" else 0))
        else:
            back = (today.weekday() - target) % 7
            day = today - dt.timedelta(days=back or (7 if pre == "last" else 0))
        return (day.year, day.month, day.day)


def told(text: str, start: int, at: int) -> bool:
    """Whether the date at ``at`` is the day a source spoke ("told Daily NK on Friday",
    "state media reported on Sunday"), looking back to ``start`` at most."""
    lex = date_words()
    return occurs(lex.telling, lex.telling_anycase, text, max(start, at - REPORTING_REACH), at)


def _anaphoric(c: Expression) -> bool:
    """Whether a candidate counts from the previous date of the text."""
    return c.kind == "an" or (c.kind == "ago" and c.g["dir"] != "ago") or (
        c.kind == "rel" and c.g["w"] in ("the previous", "the following", "the same")
    )


def find_dates(text: str, published: str | None, sentences: tuple[Sentence, ...] = (),
               expressions: list[Expression] | None = None) -> tuple[DateRef, ...]:
    """Every date expression of ``text`` (``find_expressions``, unless given), resolved
    against ``published``."""
    resolver = _Resolver(text, parse_published(published), sentences)
    cands = find_expressions(text) if expressions is None else expressions
    # The anchor of "the next day" is the last date of an event, not the day a source spoke.
    last_anaphor = -1
    for i, cand in enumerate(cands):
        if _anaphoric(cand):
            last_anaphor = i
    out: list[DateRef] = []
    for i, cand in enumerate(cands):
        ymd = resolver.resolve(cand)
        if cand.kind == "sl" and ymd is None:
            continue  # 05/06/2019: day and month cannot be told apart
        if ymd is not None and not _valid(ymd):
            continue
        value, precision = _iso(ymd) if ymd is not None else (None, None)
        out.append(_date_ref(cand.start, cand.end, value, precision))
        if ymd is not None and i < last_anaphor:
            if not told(text, resolver.sentence_start(cand.start), cand.start):
                resolver.prev = ymd
    return tuple(out)


@component("dates", reads=("text", "sentences", "doc"), writes=("dates",))
def dates(analysis: Analysis) -> Analysis:
    text = analysis.text
    words = scan(text)
    expressions = find_expressions(text, words.folded, words.dates)
    return evolve(analysis, dates=find_dates(text, analysis.doc.published, analysis.sentences, expressions))


_CONTINUING: Final = re.compile(r"[\"'\u201c\u2018\s]*(?:And|Then)\b")
_DATELINE: Final = re.compile(r"\s*\((?:KCNA|Reuters|Yonhap|AP|AFP|Xinhua|NK News)\)")
"""A dateline ("Pyongyang, October 4 (KCNA) --") gives the day of the report."""
_TELLER_AFTER: Final = re.compile(
    r",?\s+(?:the\s+)?(?:[\w.'\u2019-]+\s+){1,3}?(?:reported|said|announced|stated|claimed|wrote)\s+that\b")
""""On October 14, KCNA reported that ...": the date that opens a sentence is the report's."""
_OPENING: Final = re.compile(r"(?i)\W*(?:on\s+)?")
_DEADLINE: Final = re.compile(r"\b(?:by|no later than|deadline of)\s+$")
_DEADLINE_ANYCASE: Final = re.compile(_DEADLINE.pattern, re.IGNORECASE)
_ANNIVERSARY: Final = re.compile(r"\banniversar(?:y|ies)\b")
_ANNIVERSARY_ANYCASE: Final = re.compile(_ANNIVERSARY.pattern, re.IGNORECASE)
"""``_DEADLINE`` and ``_ANNIVERSARY`` are for lower-case text, searched through ``occurs``."""


def more_precise(new: str | None, old: str | None) -> bool:
    """Whether date ``new`` refines ``old`` ("2023-09-14" refines "2023"), or ``old`` is none."""
    return new is not None and (old is None or (len(new) > len(old) and new.startswith(old)))


def _telling(analysis: Analysis, sentence: Span, d: DateRef) -> bool:
    """Whether a date is the day of the telling rather than of the event: the day a source
    spoke, a dateline, or a deadline ahead of the report ("be finished by Oct. 10, 2020")."""
    text = analysis.text
    if told(text, sentence.start, d.start) or _DATELINE.match(text, d.end):
        return True
    if _OPENING.fullmatch(text, sentence.start, d.start) and _TELLER_AFTER.match(text, d.end):
        return True
    published = analysis.doc.published or ""
    ahead = (d.value or "") > published[:len(d.value or "")]
    return ahead and occurs(_DEADLINE, _DEADLINE_ANYCASE, text, max(sentence.start, d.start - 20), d.start)


def carried(analysis: Analysis, sentence: Span) -> tuple[str | None, str | None]:
    """The date an undated event sentence carries over from the text before it, the last
    date of an event there ("A ceremony was held on Oct. 10. ... He looked round the farm."):
    a report tells of one occasion until it names another."""
    starts = [s.start for s in analysis.sentences]
    names = [(m.start, m.end) for m in analysis.mentions if m.kind == "name"]
    for d in reversed(analysis.dates[:bisect.bisect_left([d.start for d in analysis.dates], sentence.start)]):
        i = bisect.bisect_right(starts, d.start) - 1
        if d.value is None or i < 0 or any(a <= d.start and d.end <= b for a, b in names):
            continue
        if not _telling(analysis, analysis.sentences[i], d):
            return d.value, d.precision
    return None, None


def date_of(analysis: Analysis, sentence: Span, trigger: Span | None = None) -> tuple[str | None, str | None]:
    """(value, precision) of the event a sentence states (see ``event_date``)."""
    value, precision, _ = event_date(analysis, sentence, trigger)
    return value, precision


def event_date(analysis: Analysis, sentence: Span, trigger: Span | None = None) -> tuple[str | None, str | None, int]:
    """(value, precision, strength) of the event a sentence states: its first date after the trigger
    (or its first date, without one), else its last before. The day a source spoke ("told
    Daily NK on Friday"), a dateline or a deadline counts only when nothing else dates the
    sentence, and the day a source spoke then gives only its month (what is told happened by
    then); a date inside a facility's name never does, nor does the day of a meeting that marks
    an anniversary of the event ("met on Monday to mark the tenth anniversary of his visit").
    ``strength`` says how surely the date is the event's: 2 after the trigger, 1 before it (it
    may date another clause: "fell short for the third time this year, and its manager was
    relieved"), 0 a fallback date; a later sentence may give a surer one. A sentence opening
    with "And" or "Then" continues the previous one. (None, None, 0) when the
    text gives no time."""
    text = analysis.text
    names = [(m.start, m.end) for m in analysis.mentions if m.kind == "name"]
    event: list[DateRef] = []
    telling: list[DateRef] = []
    marked = first_at(_ANNIVERSARY, _ANNIVERSARY_ANYCASE, text, sentence.start, trigger.start) \
        if trigger is not None else -1
    for d in analysis.dates:
        if not sentence.start <= d.start < sentence.end or d.value is None:
            continue
        if any(a <= d.start and d.end <= b for a, b in names):
            continue
        if marked >= 0 and d.end <= marked:
            continue
        (telling if _telling(analysis, sentence, d) else event).append(d)
    for found, firm in ((event, True), (telling, False)):
        if not found:
            continue
        after = found if trigger is None else [d for d in found if d.start >= trigger.end]
        best = after[0] if after else found[-1]
        if not firm and best.precision == "day" and not _DATELINE.match(text, best.end):
            return best.value[:7], "month", 0  # type: ignore[index]  # told that day, so happened by then
        return best.value, best.precision, (2 if after else 1) if firm else 0
    if _CONTINUING.match(text, sentence.start) and analysis.sentences:
        i = bisect.bisect_right([s.start for s in analysis.sentences], sentence.start - 1) - 1
        if i >= 0 and analysis.sentences[i].start < sentence.start:
            prev = analysis.sentences[i]
            return event_date(analysis, prev)
    return None, None, 0
