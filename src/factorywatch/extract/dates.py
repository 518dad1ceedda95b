"""Date expressions (component ``dates``) and the date of an event sentence (``date_of``).

One compiled regex finds the candidates (STACK.md: dateparser's ``search_dates`` is slow and
reads "on Mar. 1" as "on Mar"); a hand-written resolver turns each into ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD`` against the publication date (itself ``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY``) and keeps the precision the text and that date allow:

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
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import yaml

from factorywatch.extract.cues import in_scope, lexicon
from factorywatch.extract.pipeline import component
from factorywatch.model import Analysis, DateRef, Sentence, Span
from factorywatch.vocab import vocab

REPORTING_WINDOW = 8
"""Words between a reporting cue and the date of the telling ("said a source in X on Friday")."""

Ymd = tuple[int, int | None, int | None]


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Lexicon:
    regex: re.Pattern[str]
    month: dict[str, int]
    weekday: dict[str, int]
    numbers: dict[str, int]
    month_before: re.Pattern[str]
    year_after: re.Pattern[str]
    name_after: re.Pattern[str]
    future: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    raw = yaml.safe_load(resources.files("factorywatch.data").joinpath("lexicon/dates.yaml").read_text("utf-8"))
    for key in ("months", "weekdays", "vague", "month_preceders", "year_units", "future", "name_heads", "present"):
        items = raw.get(key)
        if not isinstance(items, list) or not items or not all(isinstance(w, (str, list)) for w in items):
            raise ValueError(f"data/lexicon/dates.yaml: {key} must be a non-empty list of words")
    if len(raw["months"]) != 12 or len(raw["weekdays"]) != 7:
        raise ValueError("data/lexicon/dates.yaml: 12 months and 7 weekdays expected")
    month = {name.lower(): i for i, names in enumerate(raw["months"], 1) for name in names}
    weekday = {name.lower(): i for i, name in enumerate(raw["weekdays"])}
    numbers = {str(k).lower(): int(v) for k, v in raw["number_words"].items()}
    full = _alt(names[0] for names in raw["months"])
    short = _alt(n for names in raw["months"] for n in names[1:])
    mon = rf"(?:(?:{full})(?![a-z])|(?:{short})(?![a-z])\.?)"
    wday = _alt(raw["weekdays"])
    year = r"(?:19|20)\d\d(?!\d)"

    def juche(p: str) -> str:
        return rf"Juche\s*(?P<{p}j>\d{{1,3}})(?:\s*\(\s*(?P<{p}jy>{year})\s*\))?"

    part = r"early|mid|late|the\s+(?:beginning|end|middle|start|first\s+(?:week|half|ten\s+days)|second\s+(?:week|half)|last\s+(?:week|ten\s+days))\s+of"
    nums = _alt(numbers)
    alternatives = [
        rf"(?P<iso>(?P<iso_y>{year})[-./](?P<iso_m>0?[1-9]|1[0-2])[-./](?P<iso_d>0?[1-9]|[12]\d|3[01])(?!\d))",
        r"(?P<jn>Juche\s*(?P<jn_y>\d{2,3})\.(?P<jn_m>\d{1,2})\.(?P<jn_d>\d{1,2}))",
        rf"(?P<sl>(?<![\d/])(?P<sl_a>\d{{1,2}})/(?P<sl_b>\d{{1,2}})/(?P<sl_y>{year}))",
        rf"(?P<mdy>(?:(?:{wday}),?\s+)?(?P<mdy_m>{mon})\s*(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
        rf"(?:\s*,?\s*(?:(?P<mdy_y>{year})|{juche('mdy_')})|\s*,?\s+(?:of\s+)?(?P<mdy_r>this|last|next)\s+year)?)",
        rf"(?P<dmy>(?<![\d.,])(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{mon})(?:,?\s+(?P<dmy_y>{year}))?)",
        rf"(?P<mo>(?:(?P<mo_part>(?i:{part}))[\s-]*)?(?:(?P<mo_rel>(?i:this|last|next))\s+)?(?P<mo_m>{mon})"
        rf"(?:\s*,?\s*(?:of\s+)?(?:(?P<mo_y>{year})|{juche('mo_')}|(?P<mo_r>this|last|next)\s+year))?)",
        rf"(?P<ju>{juche('ju_')})",
        rf"(?P<yr>(?:(?P<yr_part>(?i:early|mid|late|the\s+(?:beginning|end|middle|start|first\s+half|second\s+half)\s+of))[\s-]*)?"
        rf"(?<![\w$#\d])(?P<yr_y>{year})(?!s\b|\.\d|,\d))",
        rf"(?P<ago>(?i:(?P<ago_vague>{_alt(raw['vague'])})\s+)?(?<!\w)(?P<ago_n>(?i:\d{{1,3}}|{nums}))\s+(?i:(?P<ago_u>year|month|week|day)s?\s+(?P<ago_dir>ago|earlier|later))(?!\w))",
        r"(?P<rel>(?i:(?P<rel_part>early|earlier|late|later|(?:at|by|until|since|from)?\s*the\s+(?:beginning|end|middle|start|first\s+half|second\s+half)\s+of)\s+)?"
        r"(?i:(?P<rel_w>this|last|next|the\s+previous|the\s+following|the\s+same|the\s+coming)\s+(?P<rel_u>year|month|week))(?![\w-]))",
        r"(?P<near>(?i:the\s+day\s+before\s+yesterday|yesterday|last\s+night|this\s+morning|earlier\s+today|tonight)(?!\w))",
        r"(?P<an>(?i:the\s+next\s+day|the\s+following\s+day|the\s+day\s+after|the\s+previous\s+day|the\s+day\s+before|that\s+(?:same\s+)?day|the\s+same\s+day|that\s+night|that\s+morning)(?!\w))",
        rf"(?P<wd>(?i:(?P<wd_pre>on|last|this|next|since|until|by|from|early|late|earlier)\s+)(?P<wd_d>{wday})(?!\w))",
        rf"(?P<now>(?i:{_alt(raw['present'])})(?!\w))",
    ]
    heads = {h for hs in vocab().facility_kinds.values() for h in hs} | set(raw["name_heads"])
    return _Lexicon(
        regex=re.compile("|".join(alternatives)),
        month=month,
        weekday=weekday,
        numbers=numbers,
        month_before=re.compile(rf"(?i)\b(?:{_alt(raw['month_preceders'])})[\s-]+$"),
        year_after=re.compile(rf"(?i)\s*(?:{_alt(raw['year_units'])})(?!\w)"),
        name_after=re.compile(rf"(?:\s+[A-Z][\w'\u2019.-]*){{0,5}}?\s+(?:{_alt(heads)})(?!\w)"),
        future=re.compile(rf"(?i)\b(?:{_alt(raw['future'])})\b"),
    )


def parse_published(published: str | None) -> Ymd | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as numbers; None when absent or malformed."""
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?", published or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    ymd = (y, int(mo) if mo else None, int(d) if d else None)
    return ymd if _valid(ymd) else None


def _valid(ymd: Ymd) -> bool:
    y, m, d = ymd
    try:
        dt.date(y, m or 1, d or 1)
    except ValueError:
        return False
    return 1000 <= y <= 2999


def _iso(ymd: Ymd) -> tuple[str, str]:
    y, m, d = ymd
    if m is None:
        return f"{y:04d}", "year"
    if d is None:
        return f"{y:04d}-{m:02d}", "month"
    return f"{y:04d}-{m:02d}-{d:02d}", "day"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _shift(base: Ymd, days: int = 0, months: int = 0, years: int = 0) -> Ymd:
    """``base`` moved, at its own precision (a day shift of a month-precise date keeps the month)."""
    y, m, d = base
    if m is None:
        return (y + years, None, None)
    if d is None:
        return (*_add_months(y + years, m, months), None)
    day = dt.date(y + years, m, min(d, 28) if months or years else d)
    if months:
        ny, nm = _add_months(day.year, day.month, months)
        day = day.replace(year=ny, month=nm)
    day += dt.timedelta(days=days)
    return (day.year, day.month, day.day)


def _month_day(pub: Ymd, month: int, day: int | None, ahead: bool) -> Ymd:
    """A month (and day) without a year: the publication year, or the year before when that
    would lie after the publication, unless the sentence looks ahead."""
    y, pm, pd = pub
    if pm is not None and not ahead and (month, day or 0) > (pm, pd if pd is not None else 31):
        y -= 1
    return (y, month, day)


def _relative_year(pub: Ymd, word: str) -> int:
    return pub[0] + {"this": 0, "last": -1, "next": 1}[word.lower()]


class _Resolver:
    """Resolves candidates in text order, remembering the last event date for anaphora."""

    def __init__(self, text: str, pub: Ymd | None, sentences: tuple[Sentence, ...]) -> None:
        self.text, self.pub, self.lex = text, pub, _lexicon()
        self.starts = [s.start for s in sentences]
        self.sentences = sentences
        self.prev: Ymd | None = None

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0:
            return self.sentences[i].start
        stop = max(self.text.rfind(". ", 0, pos), self.text.rfind("\n", 0, pos))
        return stop + 1 if stop >= 0 else 0

    def ahead(self, pos: int) -> bool:
        return self.lex.future.search(self.text, self.sentence_start(pos), pos) is not None

    def cap(self, ymd: Ymd) -> Ymd:
        """A date computed from the publication is no more precise than the publication."""
        assert self.pub is not None
        if self.pub[1] is None:
            return (ymd[0], None, None)
        return ymd if self.pub[2] is not None else (ymd[0], ymd[1], None)

    def resolve(self, m: re.Match[str]) -> tuple[int, int, Ymd | None] | None:
        """(start, end, date) of one candidate; None when it is no date at all."""
        g, kind, lex = m.groupdict(), m.lastgroup, self.lex
        start, end = m.span()
        pub = self.pub
        if kind == "iso":
            return start, end, (int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        if kind == "jn":
            return start, end, (1911 + int(g["jn_y"]), int(g["jn_m"]), int(g["jn_d"]))
        if kind == "sl":
            a, b = int(g["sl_a"]), int(g["sl_b"])
            if a > 12 >= b:
                return start, end, (int(g["sl_y"]), b, a)
            if b > 12 >= a:
                return start, end, (int(g["sl_y"]), a, b)
            return None
        if kind in ("mdy", "dmy", "mo"):
            p = kind + "_"
            month = lex.month[g[p + "m"].rstrip(".").lower()]
            day = int(g[p + "d"]) if g.get(p + "d") else None
            if day is not None and not 1 <= day <= 31:
                return None
            if kind != "dmy" and lex.name_after.match(self.text, end) and not (g.get(p + "y") or g.get(p + "j")):
                return None
            if kind == "mo" and not (g["mo_part"] or g["mo_rel"] or g["mo_y"] or g["mo_j"] or g["mo_r"]):
                if not lex.month_before.search(self.text, max(0, start - 20), start):
                    return None
            year = g.get(p + "y") or g.get(p + "jy")
            if year:
                return start, end, (int(year), month, day)
            if g.get(p + "j"):
                return start, end, (1911 + int(g[p + "j"]), month, day)
            if pub is None:
                return start, end, None
            if g.get(p + "r"):
                return start, end, (_relative_year(pub, g[p + "r"]), month, day)
            rel = (g.get("mo_rel") or "").lower()
            if rel == "this":
                return start, end, (pub[0], month, day)
            if rel == "next":
                return start, end, (pub[0] if pub[1] is not None and month > pub[1] else pub[0] + 1, month, day)
            if rel == "last":
                return start, end, (pub[0] - 1 if pub[1] is None or month >= pub[1] else pub[0], month, day)
            return start, end, _month_day(pub, month, day, self.ahead(start))
        if kind == "ju":
            return start, end, (int(g["ju_jy"]) if g["ju_jy"] else 1911 + int(g["ju_j"]), None, None)
        if kind == "yr":
            before = self.text[max(0, start - 6):start]
            if re.search(r"(?:No\.?|#|\$|Unit|[\d][,.])\s*$", before) or lex.year_after.match(self.text, end):
                return None
            return start, end, (int(g["yr_y"]), None, None)
        if kind == "ago":
            if g["ago_vague"]:
                return None
            n = int(g["ago_n"]) if g["ago_n"].isdigit() else lex.numbers[g["ago_n"].lower()]
            sign = 1 if g["ago_dir"].lower() == "later" else -1
            base = self.prev if g["ago_dir"].lower() != "ago" and self.prev else pub
            if base is None:
                return start, end, None
            unit = g["ago_u"].lower()
            if unit == "year":
                return start, end, (base[0] + sign * n, None, None)
            if base[1] is None:
                return start, end, None
            if unit == "month":
                return start, end, (*_add_months(base[0], base[1], sign * n), None)
            return start, end, _shift(base, days=sign * n * (7 if unit == "week" else 1))
        if kind == "rel":
            word, unit = re.sub(r"\s+", " ", g["rel_w"].lower()), g["rel_u"].lower()
            anaphoric = word in ("the previous", "the following", "the same")
            base = self.prev if anaphoric else pub
            if base is None or (unit != "year" and base[1] is None):
                return start, end, None
            step = {"this": 0, "the same": 0, "last": -1, "the previous": -1, "next": 1, "the following": 1, "the coming": 1}[word]
            if unit == "year":
                return start, end, (base[0] + step, None, None)
            if unit == "month":
                return start, end, (*_add_months(base[0], base[1], step), None)
            moved = _shift(base, days=7 * step)
            return start, end, (moved[0], moved[1], None)
        if kind == "near":
            if pub is None:
                return start, end, None
            word = re.sub(r"\s+", " ", m.group().lower())
            back = {"yesterday": 1, "last night": 1, "the day before yesterday": 2}.get(word, 0)
            return start, end, self.cap(_shift(pub, days=-back) if pub[2] else pub)
        if kind == "an":
            if self.prev is None:
                return start, end, None
            word = re.sub(r"\s+", " ", m.group().lower())
            step = 1 if word in ("the next day", "the following day", "the day after") else -1 if "before" in word or "previous" in word else 0
            return start, end, _shift(self.prev, days=step)
        if kind == "wd":
            pre = g["wd_pre"].lower()
            if pre not in ("last", "this", "next"):
                start = m.start("wd_d")
            if pub is None or pub[1] is None:
                return start, end, None
            if pub[2] is None:
                return start, end, (pub[0], pub[1], None)
            today = dt.date(*pub)  # type: ignore[arg-type]
            target = lex.weekday[g["wd_d"].lower()]
            if pre == "next" or (pre != "last" and self.ahead(start)):
                day = today + dt.timedelta(days=(target - today.weekday()) % 7 or (7 if pre == "next" else 0))
            else:
                back = (today.weekday() - target) % 7
                day = today - dt.timedelta(days=back or (7 if pre == "last" else 0))
            return start, end, (day.year, day.month, day.day)
        if kind == "now":
            return start, end, None if pub is None else (pub[0], pub[1], None)
        return None


def find_dates(text: str, published: str | None, sentences: tuple[Sentence, ...] = ()) -> tuple[DateRef, ...]:
    """Every date expression of ``text``, resolved against ``published``."""
    resolver = _Resolver(text, parse_published(published), sentences)
    reporting = lexicon().cues["reporting"]
    out: list[DateRef] = []
    for m in _lexicon().regex.finditer(text):
        found = resolver.resolve(m)
        if found is None:
            continue
        start, end, ymd = found
        if ymd is not None and not _valid(ymd):
            continue
        value, precision = _iso(ymd) if ymd is not None else (None, None)
        out.append(DateRef(start, end, value, precision))
        sent_start = resolver.sentence_start(start)
        if ymd is not None and not in_scope(reporting, text, sent_start, start, REPORTING_WINDOW):
            resolver.prev = ymd
    return tuple(out)


@component("dates", reads=("text", "sentences", "doc"), writes=("dates",))
def dates(analysis: Analysis) -> Analysis:
    return replace(analysis, dates=find_dates(analysis.text, analysis.doc.published, analysis.sentences))


_CONTINUING = re.compile(r"[\"'\u201c\u2018\s]*(?:And|Then)\b")


def date_of(analysis: Analysis, sentence: Span, trigger: Span | None = None) -> tuple[str | None, str | None]:
    """(value, precision) of the event a sentence states: its first date after the trigger,
    else its last before; dates inside facility names and the day a source spoke ("told
    Daily NK on Friday") only when nothing else dates it; a sentence opening with "And"
    continues the previous one. (None, None) when the text gives no time."""
    text = analysis.text
    names = [(m.start, m.end) for m in analysis.mentions if m.kind == "name"]
    reporting = lexicon().cues["reporting"]
    event, told = [], []
    for d in analysis.dates:
        if not sentence.start <= d.start < sentence.end or d.value is None:
            continue
        if any(a <= d.start and d.end <= b for a, b in names):
            continue
        said = in_scope(reporting, text, sentence.start, d.start, REPORTING_WINDOW)
        (told if said else event).append(d)
    for found in (event, told):
        if not found:
            continue
        if trigger is None:
            best = found[0]
        else:
            after = [d for d in found if d.start >= trigger.end]
            best = after[0] if after else found[-1]
        return best.value, best.precision
    if _CONTINUING.match(text, sentence.start) and analysis.sentences:
        i = bisect.bisect_right([s.start for s in analysis.sentences], sentence.start - 1) - 1
        if i >= 0 and analysis.sentences[i].start < sentence.start:
            prev = analysis.sentences[i]
            return date_of(analysis, prev)
    return None, None
