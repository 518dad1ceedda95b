"""Date expressions in a text: where they are and what they are made of, not yet resolved.

Candidates are found fast (STACK.md: dateparser's ``search_dates`` is slow and reads "on
Mar. 1" as "on Mar"): one Aho-Corasick pass over an ASCII copy of the text, in which every
character but a letter or digit is a space, finds the core words as whole words (month and
weekday names, "Juche", "year", "day", "yesterday"..., and the years 1900-2099); small
anchored regexes then grow each core backwards ("the first week of", "early", "16") and
forwards ("7, 2009", "ago"). ``factorywatch.extract.dates`` resolves what this finds.
The words come from ``data/lexicon/dates.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Final

import ahocorasick

from factorywatch.gazetteer import alternation, fold, name_openers, phrase_trie
from factorywatch.vocab import read_data, vocab

BACK: Final = 48
"""Characters looked back from a core word for the start of its expression."""
YEAR: Final = r"(?:19|20)\d\d(?!\d)"
PART: Final = (
    r"early|mid|late|the\s+(?:beginning|end|middle|start|first\s+(?:week|half|ten\s+days)"
    r"|second\s+(?:week|half)|last\s+(?:week|ten\s+days))\s+of"
)
RELATIVE: Final = r"this|last|next|the\s+next|the\s+previous|the\s+following|the\s+same|the\s+coming|the\s+new"


def _alt(words) -> str:
    """The words in lower case as a regex alternation (the patterns run on folded text)."""
    return alternation(w.lower() for w in words)


def _juche(p: str = "") -> str:
    return rf"juche\s*(?P<{p}j>\d{{1,3}})(?:\s*\(\s*(?P<{p}jy>{YEAR})\s*\))?"


class Expression:
    """One date expression: its kind, span and named parts (lower case).

    Kinds: ``md`` month and day, ``m`` month, ``y`` year, ``ju`` Juche year, ``jn`` Juche
    date, ``iso`` and ``sl`` numeric dates, ``ago`` "N units ago/earlier/later", ``rel``
    "this/last/next unit", ``an`` "the next day" (counts from the previous date), ``near``
    "yesterday", ``wd`` weekday, ``now`` "at the moment", ``hol`` "New Year's Day", ``season`` "last autumn", "the
    spring of 2021", "the first quarter" (a year).

    A plain class, not a dataclass: compiled, it is a native class, a fifth of the cost of
    a frozen dataclass to build (a document builds one for each date it names)."""

    kind: str
    start: int
    end: int
    g: dict[str, str | None]

    def __init__(self, kind: str, start: int, end: int, g: dict[str, str | None]) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.g = g


@dataclass(frozen=True, slots=True)
class DateWords:
    core_keys: dict[str, tuple[int, tuple[str, ...]]]
    """The core words as keys of ``cores`` (" word ", on ``word_copy``) -> (length, kinds)."""
    cores: ahocorasick.Automaton
    month: dict[str, int]
    abbreviations: frozenset[str]
    weekday: dict[str, int]
    numbers: dict[str, int]
    present: dict[str, re.Pattern[str] | None]
    month_prev: frozenset[str]
    """Words one of which ends whatever may come before a month name."""
    month_preceders: frozenset[str]
    number_prev: frozenset[str]
    """Last word of a present-tense phrase -> what must come before it."""
    before_month: re.Pattern[str]
    after_day: re.Pattern[str]
    after_month: re.Pattern[str]
    after_dmy: re.Pattern[str]
    bare_month: re.Pattern[str]
    name_after: re.Pattern[str]
    name_first: frozenset[str]
    """What ``name_after`` may find after its first blanks: a capital or a head's first letter."""
    before_year: re.Pattern[str]
    not_year_before: re.Pattern[str]
    not_year_after: re.Pattern[str]
    before_ago: re.Pattern[str]
    before_relative: re.Pattern[str]
    before_weekday: re.Pattern[str]
    weekday_month: re.Pattern[str]
    future: re.Pattern[str]
    """A word that looks ahead ("will", "expected"), on lower-case text: see ``occurs``."""
    future_anycase: re.Pattern[str]
    telling: re.Pattern[str]
    """A reporting cue with nothing after it that opens what is told (no clause break, no
    "that", no verb of the event: "said authorities will suspend"), on lower-case text."""
    telling_anycase: re.Pattern[str]


@cache
def date_words() -> DateWords:
    raw = read_data("lexicon/dates.yaml")
    for key in ("months", "weekdays", "vague", "month_preceders", "year_units", "future", "name_heads", "present",
                "reporting"):
        items = raw.get(key)
        if not isinstance(items, list) or not items or not all(isinstance(w, (str, list)) for w in items):
            raise ValueError(f"data/lexicon/dates.yaml: {key} must be a non-empty list of words")
    if len(raw["months"]) != 12 or len(raw["weekdays"]) != 7:
        raise ValueError("data/lexicon/dates.yaml: 12 months and 7 weekdays expected")
    month = {name.lower(): i for i, names in enumerate(raw["months"], 1) for name in names}
    weekday = {name.lower(): i for i, name in enumerate(raw["weekdays"])}
    numbers = {str(k).lower(): int(v) for k, v in raw["number_words"].items()}
    present: dict[str, list[str]] = {}
    for phrase in raw["present"]:
        *before, last = phrase.lower().split()
        present.setdefault(last, []).append(r"\s+".join(before))
    cores: dict[str, list[str]] = {}
    for word in month:
        cores.setdefault(word, []).append("month")
    for word in weekday:
        cores.setdefault(word, []).append("weekday")
    for unit in ("year", "month", "week", "day"):
        cores.setdefault(unit, []).append("unit")
        cores.setdefault(unit + "s", []).append("unit")
    for word in SEASONS:
        cores.setdefault(word, []).append("season")
    for word in ("juche", "yesterday", "tonight", "night", "morning", *present):
        cores.setdefault(word, []).append(word if word not in present else "present")
    for year in range(1900, 2100):
        cores[str(year)] = ["digits"]
    # a word's kinds sorted, so that its hits come in the order ``_Matcher.cores`` sorts to
    core_keys = {f" {word} ": (len(word), tuple(sorted(kinds))) for word, kinds in cores.items()}
    automaton = ahocorasick.Automaton()
    for key, value in core_keys.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    months, weekdays = _alt(month), _alt(weekday)
    future = re.compile(rf"\b(?:{_alt(raw['future'])})\b")
    telling = re.compile(
        rf"\b(?:{_alt(raw['reporting'])})\b(?:(?!\b(?:that|will|would|shall|to)\b)[^,;:()\[\]\u201c\u201d\"])*$"
    )
    heads = {h for hs in vocab().facility_kinds.values() for h in hs} | set(raw["name_heads"])
    return DateWords(
        core_keys=core_keys,
        cores=automaton,
        month=month,
        abbreviations=frozenset(n.lower() for names in raw["months"] for n in names[1:]),
        weekday=weekday,
        numbers=numbers,
        present={
            w: re.compile(rf"(?<![a-z])(?:{'|'.join(b for b in bs if b)})\s+$") if any(bs) else None
            for w, bs in present.items()
        },
        month_prev=frozenset({*weekday, "of", "early", "mid", "late", "this", "last", "next", "#"}),
        month_preceders=frozenset(w.lower() for w in raw["month_preceders"]),
        number_prev=frozenset({*numbers, "#"}),
        before_month=re.compile(
            rf"(?:(?<![a-z])(?P<wd>{weekdays}),?\s+|(?<![\d.,])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"|(?<![a-z])(?:(?P<part>{PART})[\s-]*)?(?P<rel>this|last|next)\s+|(?<![a-z])(?P<part2>{PART})[\s-]*)$"
        ),
        after_day=re.compile(
            rf"\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:\s*,?\s*(?:(?P<y>{YEAR})|{_juche()})|\s*,?\s+(?:of\s+)?(?P<r>this|last|next)\s+year)?"
        ),
        after_month=re.compile(rf"\s*,?\s*(?:of\s+)?(?:(?P<y>{YEAR})|{_juche()}|(?P<r>this|last|next)\s+year)"),
        after_dmy=re.compile(rf",?\s+(?P<y>{YEAR})"),
        bare_month=re.compile(rf"(?<![a-z])(?:{_alt(raw['month_preceders'])})[\s-]+$"),
        name_after=re.compile(rf"(?:\s+[A-Z][\w'\u2019.-]*){{0,5}}?\s+(?:{phrase_trie(heads)})(?!\w)"),
        name_first=name_openers(heads),
        before_year=re.compile(
            r"(?<![a-z])(?P<part>early|mid|late|the\s+(?:beginning|end|middle|start|first\s+half|second\s+half)\s+of)[\s-]*$"
        ),
        not_year_before=re.compile(r"(?:no\.?|nos\.?|#|\$|unit|number|\d[,.])\s*$"),
        not_year_after=re.compile(rf"s(?![a-z])|[.,]\d|\s*(?:{_alt(raw['year_units'])})(?![a-z])"),
        before_ago=re.compile(rf"(?<![a-z])(?:(?P<vague>{_alt(raw['vague'])})\s+)?(?P<n>\d{{1,3}}|{_alt(numbers)})\s+$"),
        before_relative=re.compile(
            r"(?<![a-z])(?:(?P<part>early|earlier|late|later|(?:(?:at|by|until|since|from)\s+)?the\s+(?:beginning|end|middle|start|first\s+half|second\s+half)\s+of)\s+)?"
            rf"(?P<w>{RELATIVE}|that\s+same|that)\s+$"
        ),
        before_weekday=re.compile(r"(?<![a-z])(?P<pre>on|last|this|next|since|until|by|from|early|late|earlier)\s+$"),
        weekday_month=re.compile(rf",?\s+(?:{months})(?![a-z])"),
        future=future,
        future_anycase=re.compile(future.pattern, re.IGNORECASE),
        telling=telling,
        telling_anycase=re.compile(telling.pattern, re.IGNORECASE),
    )


def occurs(lower: re.Pattern[str], anycase: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether ``anycase`` (``lower`` in any case) matches in ``text[start:end]`` (``first_at``)."""
    return first_at(lower, anycase, text, start, end) >= 0


def first_at(lower: re.Pattern[str], anycase: re.Pattern[str], text: str, start: int, end: int) -> int:
    """Where ``anycase`` (``lower`` in any case) first matches in ``text[start:end]``, or -1. A
    stretch of ASCII is lower-cased and searched with ``lower``, three times as fast: a
    case-blind alternation tries each branch at each character, and a case-blind literal is
    not looked for as a literal. (The character before ``start`` comes along for ``\\b``; on
    ASCII text the two patterns match alike.)"""
    first = start - 1 if start > 0 else 0
    stretch = text[first:end]
    if stretch.isascii():
        m = lower.search(stretch.lower(), start - first)
        return m.start() + first if m is not None else -1
    m = anycase.search(text, start, end)
    return m.start() if m is not None else -1


def word_copy(text: str) -> str:
    """The ASCII copy of ``text`` that the core words are matched on, as whole words: lower
    case, every character but a letter or digit a space, one space more at each end."""
    return " " + text.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii") + " "


class _Matcher:
    """Grows the core words of one text into date expressions.

    ``low``: ``fold(text)``; ``hits``: the (end, value) pairs of ``core_keys`` over
    ``word_copy(text)``, when the caller has them from a pass of its own."""

    def __init__(self, text: str, low: str | None = None, hits: Iterable[tuple[int, tuple]] | None = None) -> None:
        self.text, self.low, self.lex = text, fold(text) if low is None else low, date_words()
        self.hits = hits

    def cores(self) -> list[tuple[int, int, str, str]]:
        """Core words and years, as whole words, sorted. The scan gives the words in text
        order and a word's kinds come sorted (``date_words``): only glued Juche dates need a
        sort."""
        low = self.low
        hits = self.lex.cores.iter(word_copy(self.text)) if self.hits is None else self.hits
        out: list[tuple[int, int, str, str]] = []
        last: int  # typed, so that compiled code reads them natively
        length: int
        kinds: tuple[str, ...]
        for last, (length, kinds) in hits:
            start, end = last - length - 1, last - 1
            word = low[start:end]
            for kind in kinds:
                out.append((start, end, kind, word))
        glued = _glued_juche(low)
        if glued:
            out.extend(glued)
            out.sort()
        return out

    def back(self, pattern: re.Pattern[str], start: int, words: frozenset[str] | None = None) -> re.Match[str] | None:
        """``pattern`` ending at ``start``; tried only when the word before is one of ``words``."""
        if words is not None:  # the word before, read backwards in place (one slice)
            low = self.low
            floor = start - 14 if start > 14 else 0
            last = start
            while last > floor and low[last - 1] in " ,-":
                last -= 1
            first = last
            while first > floor and low[first - 1] != " ":
                first -= 1
            word = low[first:last].rstrip(".")
            if word not in words and not ("#" in words and word[:1].isdigit()):
                return None
        return pattern.search(self.low, max(0, start - BACK), start)

    def name_after(self, pos: int) -> bool:
        """Whether a name's head follows ``pos`` ("May 7 Factory"); most dates are passed over
        on the character after the blanks ("March 7 (KCNA)"), without the regex."""
        text = self.text
        if not text[pos:pos + 1].isspace() or after_blanks(text, pos) not in self.lex.name_first:
            return False
        return self.lex.name_after.match(text, pos) is not None

    def find(self) -> list[Expression]:
        out: list[Expression] = []
        edge = 0
        for start, end, kind, word in self.cores():
            if start < edge:
                continue
            cand = self.grow(kind, start, end, word)
            if cand is not None and cand.start >= edge:
                out.append(cand)
                edge = cand.end
        return out

    def grow(self, kind: str, start: int, end: int, word: str) -> Expression | None:
        """The expression a core word of ``kind`` grows into, if any (direct calls: a table
        of methods is a call through a Python object each, when compiled)."""
        if kind == "month":
            return self._month(start, end, word)
        if kind == "unit":
            return self._unit(start, end, word)
        if kind == "digits":
            return self._digits(start, end, word)
        if kind == "weekday":
            return self._weekday(start, end, word)
        if kind == "juche":
            return self._juche(start, end, word)
        if kind == "season":
            return self._season(start, end, word)
        if kind == "yesterday":
            return self._yesterday(start, end, word)
        if kind == "tonight":
            return self._tonight(start, end, word)
        if kind == "night":
            return self._night(start, end, word)
        if kind == "morning":
            return self._morning(start, end, word)
        if kind == "present":
            return self._present(start, end, word)
        raise ValueError(kind)

    def _month(self, start: int, end: int, word: str) -> Expression | None:
        lex, low = self.lex, self.low
        if not self.text[start].isupper():
            return None
        stop = end + 1 if word in lex.abbreviations and low.startswith(".", end) else end
        g: dict[str, str | None] = {"m": word}
        first = start
        before = self.back(lex.before_month, start, lex.month_prev)
        if before is not None and before.group():
            first = before.start()
            wd, d, part, rel, part2 = before.group("wd", "d", "part", "rel", "part2")
            g["wd"], g["d"], g["part"], g["rel"] = wd, d, part or part2, rel
        if g.get("d"):  # "21 August 2018", "10th of October"
            m = lex.after_dmy.match(low, stop)
            g["y"] = m["y"] if m else None
            return Expression("md", first, m.end() if m else stop, g) if 1 <= int(g["d"] or 0) <= 31 else None
        # a day must follow, after blanks: a month name without one is passed over without the regex
        m = lex.after_day.match(low, stop) if after_blanks(low, stop).isdecimal() else None
        if m is not None:  # "March 7", "March 7, 2009", "October 26, Juche 111 (2022)"
            g["d"], g["y"], g["j"], g["jy"], g["r"] = m.group("d", "y", "j", "jy", "r")
            if not 1 <= int(g["d"] or 0) <= 31:
                return None
            if not (g["y"] or g["j"]) and self.name_after(m.end()):
                return None  # "May 7 Factory"
            return Expression("md", first, m.end(), g)
        if g.get("wd"):
            first, g["wd"] = start, None
        m = lex.after_month.match(low, stop)
        if m is not None:  # "September 2018", "June Juche 107(2018)", "February of this year"
            g["y"], g["j"], g["jy"], g["r"] = m.group("y", "j", "jy", "r")
            return Expression("m", first, m.end(), g)
        if _HOLIDAY.match(self.text, stop):
            return None  # "May Day"
        if g.get("part") or g.get("rel") or self.back(lex.bare_month, start, lex.month_preceders):
            return Expression("m", first, stop, g)
        return None

    def _weekday(self, start: int, end: int, word: str) -> Expression | None:
        if not self.text[start].isupper() or self.lex.weekday_month.match(self.low, end):
            return None  # "Sunday, April 27, 2025" is the month's
        before = self.back(self.lex.before_weekday, start, _WEEKDAY_PREV)
        if before is None:
            return None
        pre = before["pre"]
        first = before.start() if pre in ("last", "this", "next") else start
        return Expression("wd", first, end, {"pre": pre, "d": word})

    def _juche(self, start: int, end: int, word: str) -> Expression | None:
        m = _JUCHE_DATE.match(self.low, start)
        if m is not None:  # "Juche111.8.19"
            return Expression("jn", start, m.end(), m.groupdict())
        m = _JUCHE_YEAR.match(self.low, start)
        return Expression("ju", start, m.end(), m.groupdict()) if m else None

    def _digits(self, start: int, end: int, word: str) -> Expression | None:
        low, lex = self.low, self.lex
        m = _ISO.match(low, start)
        if m is not None:
            return Expression("iso", start, m.end(), m.groupdict())
        if start and low[start - 1] == "/":  # "27/10/2022"
            m = _SLASH.search(low, max(0, start - 6), end)
            ok = m is not None and m.end() == end and not (m.start() and low[m.start() - 1] in "/0123456789")
            return Expression("sl", m.start(), end, m.groupdict()) if ok and m else None
        if (start and (low[start - 1].isalpha() or low[start - 1] in "$#")) or lex.not_year_after.match(low, end):
            return None
        if lex.not_year_before.search(low, max(0, start - 8), start):
            return None
        before = self.back(lex.before_year, start, _YEAR_PREV)
        part = before["part"] if before else None
        return Expression("y", before.start() if before else start, end, {"y": word, "part": part})

    def _unit(self, start: int, end: int, word: str) -> Expression | None:
        low, lex = self.low, self.lex
        unit = word.rstrip("s")
        m = _AGO.match(low, end) if after_blanks(low, end) in _AGO_FIRST else None
        if m is not None:  # "16 years earlier", "two days later", "10 years ago"
            before = self.back(lex.before_ago, start, lex.number_prev)
            if before is None or before["vague"]:
                return None
            return Expression("ago", before.start(), m.end(), {"n": before["n"], "u": unit, "dir": m["dir"]})
        if word != unit:
            return None
        if unit == "year" and _NEW_YEAR_DAY.match(low, end):
            new = _NEW_BEFORE.search(low, max(0, start - 12), start)
            day = _NEW_YEAR_DAY.match(low, end)
            if new is not None and day is not None:  # "since New Year's Day": January 1
                return Expression("hol", new.start(), day.end(), {"m": "1", "d": "1"})
        before = self.back(lex.before_relative, start, _RELATIVE_PREV)
        if before is not None:
            w = " ".join(before["w"].split())
            w = _RELATIVE_SAME.get(w, w)
            if unit != "day":  # "earlier this month", "last year", "the following year"
                return Expression("rel", before.start(), end, {"w": w, "u": unit, "part": before["part"]})
            if w in ("the following", "the previous", "the same"):
                return Expression("an", before.start(), end, {"w": w})
        if unit != "day":
            return None
        m = _DAY_AFTER.match(low, end)
        before = self.back(_THE, start, _THE_PREV)
        if m is not None and before is not None:  # "The day after, ..."
            way = "the following" if m["w"] == "after" else "the previous"
            return Expression("an", before.start(), m.end(), {"w": way})
        return None

    def _season(self, start: int, end: int, word: str) -> Expression | None:
        """"last autumn", "this spring", "(in) the spring of 2021", "spring 2021", "the first
        quarter (of 2023)"; "fall" and a bare season are no dates ("prices fall")."""
        before = self.back(_SEASON_BEFORE, start, _SEASON_PREV)
        after = _SEASON_YEAR.match(self.low, end)
        if after is None and (before is None or (before["w"] or "the") == "the"):
            in_the = before is not None and _SEASON_IN.search(self.low, max(0, before.start() - 12), before.start())
            if not in_the and (word != "quarter" or before is None or not before["q"]):
                return None
        first = before.start() if before is not None else start
        w = before["w"] if before is not None and before["w"] != "the" else None
        return Expression("season", first, after.end() if after else end,
                          {"s": word, "w": w, "y": after["y"] if after else None, "r": after["r"] if after else None})

    def _yesterday(self, start: int, end: int, word: str) -> Expression | None:
        before = self.back(_DAY_BEFORE, start, _BEFORE_PREV)
        return Expression("near", before.start() if before else start, end, {"back": "2" if before else "1"})

    def _tonight(self, start: int, end: int, word: str) -> Expression | None:
        return Expression("near", start, end, {"back": "0"})

    def _night(self, start: int, end: int, word: str) -> Expression | None:
        before = self.back(_LAST_THAT, start, _LAST_THAT_PREV)
        if before is None:
            return None
        if before["w"] == "that":
            return Expression("an", before.start(), end, {"w": "the same"})
        return Expression("near", before.start(), end, {"back": "1"})

    def _morning(self, start: int, end: int, word: str) -> Expression | None:
        before = self.back(_THIS_THAT, start, _THIS_THAT_PREV)
        if before is None:
            return None
        if before["w"] == "that":
            return Expression("an", before.start(), end, {"w": "the same"})
        return Expression("near", before.start(), end, {"back": "0"})

    def _present(self, start: int, end: int, word: str) -> Expression | None:
        pattern = self.lex.present[word]
        if pattern is None:
            return Expression("now", start, end, {})
        before = self.back(pattern, start)
        return Expression("now", before.start(), end, {}) if before else None


def _glued_juche(low: str) -> list[tuple[int, int, str, str]]:
    """"juche" glued to its digits ("Juche111.8.19" is one word, which the word scan misses).
    Each "j" is found with ``str.find`` (a memchr): ``"juche" in low`` costs four times as
    much, trying the common last letter "e" at every character of the text."""
    out: list[tuple[int, int, str, str]] = []
    i = low.find("j")
    while i >= 0:
        if low.startswith("juche", i) and low[i + 5:i + 6].isdecimal():
            out.append((i, i + 5, "juche", "juche"))
        i = low.find("j", i + 1)
    return out


def after_blanks(text: str, pos: int) -> str:
    """The character after the whitespace (``\\s*``) at ``pos``, or "": a typed loop that
    costs a fraction of the regex call it spares where it cannot match."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return text[pos] if pos < n else ""


_WORD_BYTES: Final = bytes(ord(chr(i).lower()) if i < 128 and chr(i).isalnum() else 32 for i in range(256))
_ISO: Final = re.compile(rf"(?P<y>{YEAR})[-./](?P<m>0?[1-9]|1[0-2])[-./](?P<d>0?[1-9]|[12]\d|3[01])(?!\d)")
_SLASH: Final = re.compile(rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{YEAR})")
_JUCHE_DATE: Final = re.compile(r"juche\s*(?P<y>\d{2,3})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})")
_JUCHE_YEAR: Final = re.compile(_juche())
_HOLIDAY: Final = re.compile(r"\s+(?:Day|[Hh]olidays?|Revolution|Festival|Uprising)\b")
_AGO: Final = re.compile(r"\s+(?P<dir>ago|earlier|later)(?![a-z])")
_AGO_FIRST: Final = ("a", "e", "l")
_DAY_AFTER: Final = re.compile(r"\s+(?P<w>after|before)(?=\s*[,.;:])")
_WEEKDAY_PREV: Final = frozenset(
    {"on", "last", "this", "next", "since", "until", "by", "from", "early", "late", "earlier"}
)
_YEAR_PREV: Final = frozenset({"early", "mid", "late", "of"})
_RELATIVE_SAME: Final = {"that": "the same", "that same": "the same", "the next": "the following"}
_RELATIVE_PREV: Final = frozenset({"this", "last", "next", "previous", "following", "same", "coming", "that", "new"})
SEASONS: Final = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12, "quarter": 0}
"""Season -> the month it starts in; a quarter counts within its year."""
_SEASON_PREV: Final = frozenset({"this", "last", "next", "the", "first", "second", "third", "fourth"})
_SEASON_BEFORE: Final = re.compile(
    r"(?<![a-z])(?P<w>this|last|next|the)(?:\s+(?P<q>first|second|third|fourth))?\s+$")
_SEASON_YEAR: Final = re.compile(rf"\s*,?\s*(?:of\s+)?(?:(?P<y>{YEAR})|(?P<r>this|last|next)\s+year)")
_SEASON_IN: Final = re.compile(r"(?<![a-z])(?:in|during|since|throughout|through|over|until)\s+$")
""""in the spring" is a season of the year; "the spring" alone may be water's."""
_NEW_YEAR_DAY: Final = re.compile(r"'?s?\s+day(?![a-z])")
_NEW_BEFORE: Final = re.compile(r"(?<![a-z])(?<!lunar\s)new\s+$")
_THE: Final = re.compile(r"(?<![a-z])the\s+$")
_DAY_BEFORE: Final = re.compile(r"(?<![a-z])the\s+day\s+before\s+$")
_LAST_THAT: Final = re.compile(r"(?<![a-z])(?P<w>last|that)\s+$")
_THIS_THAT: Final = re.compile(r"(?<![a-z])(?P<w>this|that)\s+$")
_THE_PREV: Final = frozenset({"the"})
_BEFORE_PREV: Final = frozenset({"before"})
_LAST_THAT_PREV: Final = frozenset({"last", "that"})
_THIS_THAT_PREV: Final = frozenset({"this", "that"})




def find_expressions(text: str, low: str | None = None,
                     hits: Iterable[tuple[int, tuple]] | None = None) -> list[Expression]:
    """Every date expression of ``text``, in text order, never overlapping (``low`` and
    ``hits``, when the caller has them: see ``_Matcher``)."""
    return _Matcher(text, low, hits).find()
