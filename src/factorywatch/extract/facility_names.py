"""Facility names in a text: where they are and what kind of site they name.

A name is a run of name words ending in a head noun of ``data/vocab.yaml`` ("Kumsong
Tractor Factory", "No. 245 Factory", "Pyongyang Electric Cable Factory 326", "Factory No.
76", "Huichon power station"). One compiled regex finds every run of capitalised words,
numbers and "No." that ends in a head noun (STACK.md: ~7 M words/s); a short walk from
the head leftwards over the run's few words then decides where the name starts:

* stop words end it: determiners, headline verbs, titles, an address before the name
  ("South Pyongan Province | Pyongsong Market");
* a capitalised word right after a person or organization is a headline verb ("Kim Jong
  Un | Inspects Sinuiju Cosmetics Factory");
* in a title-case line (headline, caption) an unknown word must read as Korean
  ("North Korea Struggles for 20 Years to Complete | Hydropower Plant");
* product words and descriptors continue a name but never make one alone ("Machine
  Factory", "Sci-Tech Complex" are no names), and "and" joins two product words only
  ("Kim Chaek Iron and Steel Complex", not "the Yongang Farm and Sinso Farm").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from factorywatch.extract.facility_lexicon import (
    MONTHS,
    FacilityLexicon,
    is_generic,
    is_possessive,
    lexicon,
    looks_korean,
    strip_possessive,
)

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_SEP = r"[ \t\u00a0]+"
_NAME_WORD = rf"(?:No\.|[{_UPPER}][\w'\u2019-]*|\d+(?:\.\d+)*(?:st|nd|rd|th)?|and|&)"
_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TOKEN = re.compile(r"\S+")
_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
_MINOR_WORDS = frozenset("a an and as at by for from in into of on or the to with vs".split())
_JOINERS = ("and", "&")


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A head noun with the name words the left walk kept before it."""

    start: int
    """Start of the name; ``head_start`` when no word was kept ("the factory")."""
    end: int
    head_start: int
    kind: str
    words: tuple[str, ...]
    """The name's words, head (and trailing number) included."""
    modifiers: tuple[str, ...]
    """The name's words other than the head noun (a trailing number included)."""
    proper: bool
    """A proper word or a number among the modifiers: a name, not a description."""
    capital: bool
    """Head written with a capital letter."""
    plural: bool
    foreign: bool
    """A word of the name is a place outside North Korea."""


def _head_alternation(heads: dict[tuple[str, ...], str]) -> str:
    def word(w: str) -> str:
        return f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}"

    phrases = sorted(heads, key=lambda ws: (-len(ws), -sum(map(len, ws))))
    return "|".join(_SEP.join(word(w) for w in ws) for ws in phrases)


@cache
def _name_regex() -> re.Pattern[str]:
    heads = _head_alternation(lexicon().heads)
    return re.compile(
        rf"(?<![\w'\u2019.-])(?P<pre>(?:{_NAME_WORD}{_SEP})*)(?P<head>{heads})(?![\w-])"
        rf"(?P<num>{_SEP}No\.[ ]?\d+(?!\w)|{_SEP}\d+(?=[\n\r.,;:!?)\]]|$))?"
    )


def _is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


Token = tuple[int, str]


@dataclass(slots=True)
class _Walker:
    """Walks name runs of one text leftwards from their heads."""

    text: str
    entity_ends: frozenset[int]
    lex: FacilityLexicon = field(default_factory=lexicon)
    _headlines: dict[int, bool] = field(default_factory=dict)

    def headline(self, pos: int) -> bool:
        """Whether the line around ``pos`` is in title case (a headline or a caption)."""
        start = self.text.rfind("\n", 0, pos) + 1
        if start not in self._headlines:
            end = self.text.find("\n", pos)
            words = [
                w
                for w in _HEADLINE_WORD.findall(self.text, start, end if end >= 0 else len(self.text))
                if w not in _MINOR_WORDS
            ]
            self._headlines[start] = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
        return self._headlines[start]

    def accepts(self, tokens: list[Token], i: int, right: str) -> bool:
        """Whether ``tokens[i]`` continues, leftwards, the name that ``right`` starts."""
        lex = self.lex
        pos, w = tokens[i]
        if w in lex.stop_words:
            return False
        if w in _JOINERS:
            left = tokens[i - 1][1].lower() if i > 0 else ""
            return left in lex.products and (left,) not in lex.heads and right.lower() in lex.products
        if w == "No.":
            return _is_number(right)
        if _is_number(w):
            return not _YEAR.fullmatch(w)
        if _ORDINAL.fullmatch(w):
            return True
        if w.lower() in MONTHS:
            return _is_number(right) and w[0].isupper()
        generic = is_generic(w, lex)
        if is_possessive(w):
            return generic  # "Disabled Soldiers' ...", never "Korea's ..."
        if generic:
            return True
        if pos - 1 in self.entity_ends or pos - 2 in self.entity_ends:
            return False  # "Kim Jong Un | Inspects ..."
        if w.endswith("ly") or (len(w) > 1 and w.isupper()):
            return False  # sentence adverbs; acronyms are organizations or countries
        return w[0].isupper() and (looks_korean(w) or not self.headline(pos))

    def run(self, pre: list[Token], head: list[Token], num: list[Token], kind: str) -> list[NameMatch]:
        """The names in one run: the last ends at the run's head, earlier ones at inner heads
        ("the Yongang Farm and Sinso Farm", "Ichon Power Station No. 2 and Hoeyang ...")."""
        out = [self.walk(pre, head, num, kind)]
        while True:
            rest = pre[: bisect_left(pre, (out[-1].start, ""))]
            inner = self.inner_head([w for _, w in rest])
            if inner is None:
                return out
            first, n_head, n_num = inner
            ihead = rest[first : first + n_head]
            ikind = self.lex.heads[tuple(w.lower() for _, w in ihead)]
            out.append(self.walk(rest[:first], ihead, rest[first + n_head : first + n_head + n_num], ikind))

    def inner_head(self, words: list[str]) -> tuple[int, int, int] | None:
        """The last head noun among ``words``: start index, length, length of a number after it."""
        for j in range(len(words) - 1, -1, -1):
            if words[j].lower() not in self.lex.head_ends:
                continue
            found = self.lex.head_kind(tuple(words[: j + 1]))
            if found is None:
                continue
            after = words[j + 1 : j + 3]
            if after[:1] == ["No."] and len(after) == 2 and _is_number(after[1]):
                n_num = 2
            elif after and _is_number(after[0]):
                n_num = 1
            else:
                n_num = 0
            return j + 1 - found[1], found[1], n_num
        return None

    def walk(self, pre: list[Token], head: list[Token], num: list[Token], kind: str) -> NameMatch:
        lex = self.lex
        right = head[0][1]
        first = len(pre)
        for i in range(len(pre) - 1, -1, -1):
            if not self.accepts(pre, i, right):
                break
            first, right = i, pre[i][1]
        while first < len(pre) and pre[first][1] in _JOINERS:
            first += 1
        named = pre[first:] + head
        words = tuple(w for _, w in named)
        found = lex.head_kind(words)
        if found is not None and found[1] > len(head):  # the longest head: "Thermal Power Complex"
            kind = found[0]
            head = named[len(named) - found[1] :]
        modifiers = tuple(w for _, w in named[: len(named) - len(head)]) + tuple(w for _, w in num)
        capital = head[-1][1][0].isupper()
        proper = any(not is_generic(w, lex) for w in modifiers if w not in ("No.", *_JOINERS))
        if not capital:  # "Hungnam factory", "Huichon power station", never "Sudden market"
            proper = proper and not num and all(looks_korean(strip_possessive(w)) for w in modifiers)
        last = (num or head)[-1]
        return NameMatch(
            start=named[0][0],
            end=last[0] + len(last[1]),
            head_start=head[0][0],
            kind=kind,
            words=words + tuple(w for _, w in num),
            modifiers=modifiers,
            proper=proper,
            capital=capital,
            plural=tuple(w.lower() for _, w in head) in lex.plurals,
            foreign=any(strip_possessive(w.lower()) in lex.foreign for w in modifiers),
        )


def find_names(text: str, entity_ends: frozenset[int] = frozenset()) -> list[NameMatch]:
    """Every head noun in ``text`` with the name before it (if any), in text order.

    ``entity_ends`` are the end offsets of person and organization names.
    """
    walker = _Walker(text, entity_ends)
    out: list[NameMatch] = []
    for m in _name_regex().finditer(text):
        pre = [(t.start(), t.group()) for t in _TOKEN.finditer(text, m.start("pre"), m.end("pre"))]
        head = [(t.start(), t.group()) for t in _TOKEN.finditer(text, m.start("head"), m.end("head"))]
        num = [(t.start(), t.group()) for t in _TOKEN.finditer(text, m.start("num"), m.end("num"))] if m.group("num") else []
        found = walker.lex.head_kind(tuple(w for _, w in head))
        if found is not None:  # always: the regex is built from the heads
            out.extend(walker.run(pre, head, num, found[0]))
    out.sort(key=lambda n: n.start)
    return out
