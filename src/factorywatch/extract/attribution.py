"""Who says what, about which facility: the ``side`` component and the sentence-level
attribution that ``events`` and ``claims`` share.

A sentence reaches the facilities it names or refers to (``Mention``s of kind ``name`` or
``reference``), and also those a plural reference stands for: "these enterprises" after a
sentence that lists several facilities, or a group that an adjacent sentence enumerates
("the factories that have a numeral in their names" ... "Factories with numerals in their
names include A, B and C").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import Final

from factorywatch.extract.cues import WORD, lexicon
from factorywatch.extract.facility_lexicon import plural
from factorywatch.extract.patterns import Finder
from factorywatch.extract.pipeline import component, evolve, per_document
from factorywatch.extract.places import parent_link
from factorywatch.ingest import outlet_side
from factorywatch.ingest.outlets import outlet_in_text
from factorywatch.model import Analysis, Facility, Mention, Sentence, builder
from factorywatch.vocab import vocab

_sentence: Final = builder(Sentence)

PLURAL_LOOKBACK: Final = 8
"""Sentences back that "these factories" may reach for the last list of facilities."""
GROUP_DISTANCE: Final = 3
"""Sentences between a group description and the sentence that enumerates the group."""
CONTINUATION_WORDS: Final = 8
"""How far into a sentence "subsequently", "the next day"... still continue the one before."""
FIRST_WORDS: Final = re.compile(rf"(?:\W*\w+){{1,{CONTINUATION_WORDS}}}")
"""The first ``CONTINUATION_WORDS`` words of a sentence (``WORD`` matches), in one match."""


@component("side", reads=("doc",), writes=("side",))
def side(analysis: Analysis) -> Analysis:
    """Official when the outlet is state media (with no outlet given, the one the text names as
    its publisher: "Pyongyang, October 27 (KCNA) --"); otherwise independent."""
    outlet = analysis.doc.outlet or outlet_in_text(analysis.text)
    return evolve(analysis, side=_outlet_side(outlet) or "independent")


_outlet_side = lru_cache(maxsize=1024)(outlet_side)
"""``outlet_side``, cached: documents of one run come from a few outlets."""


@cache
def _plural_words() -> frozenset[str]:
    """"factories", "enterprises", "mines"...: plurals of the facility head nouns ("works",
    plural and singular alike and a common noun, left out)."""
    return frozenset(plural(head.split()[-1].lower()) for heads in vocab().facility_kinds.values() for head in heads
                     if not head.lower().endswith("works"))


@cache
def _plural_heads() -> Finder:
    return Finder(sorted(_plural_words()), "plural head nouns")


DEFINITE_PLURAL: Final = re.compile(r"(?<!\w)(?:these|those|such|both|the|all (?:the|these|those)) +$", re.IGNORECASE)
RESTRICTIVE: Final = re.compile(r"\s+(?:that|which|who|where|whose|with)(?!\w)", re.IGNORECASE)
""""the factories that fall out of favor": a new group, not the last one listed."""
RELATIVE: Final = re.compile(r"[ \t]*,[ \t]*(?:which|that|who)\b[^,;.]*")
""""the Munchon Granite Quarry, which supplies the site": a relative clause about the site named
before it, whose reference to another facility is no subject of the sentence."""
LISTING: Final = re.compile(r"(?<!\w)(?:include|includes|included|including|such as|namely|are|were|like)(?!\w)",
                     re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reach:
    """Per sentence: the facilities it reaches, where it names them, whether a leader acts in it."""

    facilities: tuple[tuple[int, ...], ...]
    anchors: tuple[tuple[tuple[int, int], ...], ...]
    """(facility, offset) of each mention inside the sentence."""
    masked: tuple[tuple[tuple[int, int], ...], ...]
    """Spans of those mentions: cue words inside a name ("Automated Device Factory") are no cues."""
    leader: tuple[bool, ...]
    unnamed: tuple[tuple[int, ...], ...] = ()
    """Offsets of the sites a sentence introduces without a name ("a brick works")."""

    def within(self, i: int, part: Sentence) -> tuple[int, ...]:
        """The facilities a part of sentence ``i`` is about: those it mentions, else the
        sentence's, unless it speaks of an unnamed site ("a brick works has halted its lines,
        and merchants at the Songyo Market ...": the first clause is not about the market)."""
        own: list[int] = []
        for f, at in self.anchors[i]:
            if part.start <= at < part.end and f not in own:
                own.append(f)
        if own:
            return tuple(own)
        if self.unnamed:
            for at in self.unnamed[i]:
                if part.start <= at < part.end:
                    return ()
        return self.facilities[i]


def reach(analysis: Analysis) -> Reach:
    """What each sentence reaches (computed once per document for ``events`` and ``claims``)."""
    return _reach(analysis.text, analysis.sentences, analysis.mentions, analysis.facilities)


def _by_sentence(pattern: Finder, text: str, starts: list[int], pos: int = 0) -> dict[int, list[re.Match[str]]]:
    """Matches of one pass of ``pattern`` over the text from ``pos``, by sentence index."""
    out: dict[int, list[re.Match[str]]] = {}
    for m in pattern.finditer(text, pos):
        out.setdefault(bisect.bisect_right(starts, m.start()) - 1, []).append(m)
    return out


@per_document
def _reach(text: str, sentences: tuple[Sentence, ...], mentions: tuple[Mention, ...],
           facilities: tuple[Facility, ...]) -> Reach:
    n_facilities = len(facilities)
    starts = [s.start for s in sentences]
    direct: list[list[int]] = [[] for _ in sentences]
    named: list[set[int]] = [set() for _ in sentences]
    spans: list[list[tuple[int, int]]] = [[] for _ in sentences]
    anchors: list[list[tuple[int, int]]] = [[] for _ in sentences]
    link = parent_link()
    previous: Mention | None = None
    for m in sorted(mentions, key=lambda m: m.start):
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or m.end > sentences[i].end + 1 or not 0 <= m.facility < n_facilities:
            continue
        spans[i].append((m.start, m.end))
        parent = previous is not None and previous.facility != m.facility and (
            link.fullmatch(text, previous.end, m.start) is not None
            or m.kind == "reference" and RELATIVE.fullmatch(text, previous.end, m.start) is not None)
        previous = m
        if parent:  # "X Mine under the Y Complex ...", "X Quarry, which supplies the site": about X
            continue
        if m.facility not in direct[i]:
            direct[i].append(m.facility)
        if m.kind == "name":
            named[i].add(m.facility)
        anchors[i].append((m.facility, m.start))
    reached = [list(d) for d in direct]
    if any(len(n) >= 2 for n in named):
        plurals = {i: [m for m in found if not any(a <= m.start() < b for a, b in spans[i])]
                   for i, found in _by_sentence(_plural_heads(), text, starts).items() if i >= 0}
        _definite_plurals(text, sentences, named, plurals, reached)
        _enumerated_groups(text, sentences, direct, named, spans, plurals, reached)
    if any(reached):
        _continuations(text, sentences, reached)
    leader = _leader_flags(text, starts, len(sentences)) if any(reached) else (False,) * len(sentences)
    unnamed: list[tuple[int, ...]] = [()] * len(sentences)
    for i, sent in enumerate(sentences):
        if reached[i] and len(segments(text, sent)) > 1:
            unnamed[i] = tuple(m.start() for m in _sites().unnamed.finditer(text, sent.start, sent.end))
    return Reach(tuple(tuple(f) for f in reached), tuple(tuple(a) for a in anchors),
                 tuple(tuple(s) for s in spans), leader, tuple(unnamed))


def _definite_plurals(text, sentences, named, plurals, facilities) -> None:
    """"These enterprises", "the factories": the facilities of the last sentence listing several."""
    last_list: tuple[int, list[int]] | None = None
    for i, sent in enumerate(sentences):
        if last_list is not None and i - last_list[0] <= PLURAL_LOOKBACK:
            for m in plurals.get(i, ()):
                if DEFINITE_PLURAL.search(text, max(sent.start, m.start() - 12), m.start()) and \
                        not RESTRICTIVE.match(text, m.end(), sent.end):
                    _extend(facilities[i], last_list[1])
                    break
        if len(named[i]) >= 2:
            last_list = (i, sorted(named[i], key=facilities[i].index))


def _enumerated_groups(text, sentences, direct, named, spans, plurals, facilities) -> None:
    """A group described in one sentence and enumerated in an adjacent one is the same group."""
    stop = lexicon().function_words
    for i, sent in enumerate(sentences):
        if len(named[i]) < 2 or not spans[i]:
            continue
        first = min(a for a, _ in spans[i])
        head = next((m for m in plurals.get(i, ()) if m.end() <= first), None)
        if head is None or not LISTING.search(text, head.end(), first):
            continue
        described = _stems(text[sent.start:first], stop)
        members = [f for f in direct[i] if f in named[i]]
        for j in range(max(0, i - GROUP_DISTANCE), min(len(sentences), i + GROUP_DISTANCE + 1)):
            if j == i:
                continue
            for m in plurals.get(j, ()):
                if m.group(0).lower() == head.group(0).lower() and \
                        described & _stems(text[m.start(): min(sentences[j].end, m.end() + 60)], stop):
                    _extend(facilities[j], members)
                    break


def _continuations(text, sentences, facilities) -> None:
    """A sentence with "The next day", "subsequently", "In addition"... among its first words,
    naming no facility, carries on with the facilities of the sentence before it."""
    cue = lexicon().cues["continuation"]
    for i in range(1, len(sentences)):
        if facilities[i] or not facilities[i - 1]:
            continue
        first = FIRST_WORDS.match(text, sentences[i].start, sentences[i].end)
        if first is not None and cue.search(text, sentences[i].start, first.end()):
            facilities[i] = list(facilities[i - 1])


def _stems(chunk: str, stop: frozenset[str]) -> set[str]:
    heads = _plural_words()
    out = set()
    for w in WORD.findall(chunk.lower()):
        if len(w) < 4 or w in stop or w in heads or w.isdigit():
            continue
        out.add(w.removesuffix("s"))
    return out


def _extend(target: list[int], more: list[int]) -> None:
    for f in more:
        if f not in target:
            target.append(f)


def _leader_flags(text: str, starts: list[int], n: int) -> tuple[bool, ...]:
    """Whether each sentence names a leader, or says "he" once the document has named one."""
    cues = lexicon().cues
    named = set(_by_sentence(cues["leader"], text, starts))
    first = min(named, default=n)
    # Pronouns count after the first sentence naming a leader only, so only those sentences
    # are read (a pronoun is one word: none runs into them from before).
    pronoun = set(_by_sentence(cues["leader_pronoun"], text, starts, starts[first + 1])) if first + 1 < n else set()
    return tuple(i in named or (i > first and i in pronoun) for i in range(n))


@dataclass(frozen=True, slots=True)
class _Sites:
    clause: re.Pattern[str]
    """", and ", "; ", ", while ": where a coordinated clause starts (never ", and other
    plants like ...", a list of sites)."""
    site: re.Pattern[str]
    """A named site ("the Songyo Market") or an unnamed one ("a brick works")."""
    unnamed: re.Pattern[str]


@cache
def _sites() -> _Sites:
    heads = sorted({h for hs in vocab().facility_kinds.values() for h in hs}, key=len, reverse=True)
    named = "|".join(re.escape(h) for h in heads)
    lower = "|".join(re.escape(h.lower()) for h in heads)
    unnamed = rf"(?<!\bis )(?<!\bas )(?<!\bwas )\b(?:a|an)[ \t]+(?:[a-z-]+[ \t]+){{0,3}}?(?:{lower})\b"
    return _Sites(
        clause=re.compile(r"(?:[,;][ \t]+(?:and|while|whereas)|;)[ \t]+(?!(?:other|such|many|several)\b)"),
        site=re.compile(rf"\b[A-Z][\w'\u2019-]*[ \t]+(?:[A-Z][\w'\u2019-]*[ \t]+)*(?:{named})\b|{unnamed}"),
        unnamed=re.compile(unnamed),
    )


def segments(text: str, sent: Sentence) -> tuple[Sentence, ...]:
    """The sentence cut before each contrast word (each part may have its own side), and
    between coordinated clauses that each speak of a site of their own ("a brick works has
    halted its lines, and merchants at the Songyo Market are paying more")."""
    return _segments(text, sent.start, sent.end)


@lru_cache(maxsize=64)  # ``events`` and ``claims`` both cut a document's sentences
def _segments(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    cuts = [m.start() for m in lexicon().cues["contrast"].finditer(text, start, end) if m.start() > start]
    sites = _sites()
    clauses = [m.end() for m in sites.clause.finditer(text, start, end)] if _may_coordinate(text, start, end) else []
    if clauses:
        bounds = [start, *clauses, end]
        for a, cut, b in zip(bounds, bounds[1:], bounds[2:], strict=False):
            if sites.site.search(text, a, cut) and sites.site.search(text, cut, b):
                cuts.append(cut)
    bounds = [start, *sorted(set(cuts)), end]
    return tuple(_sentence(a, b) for a, b in pairwise(bounds) if b > a)


CLAUSE_WORDS: Final = ("and", "while", "whereas")
"""The words after a comma that ``_Sites.clause`` takes for a clause's start."""


def _may_coordinate(text: str, start: int, end: int) -> bool:
    """Whether ``_Sites.clause`` may match in ``text[start:end]``: only at a semicolon, or at
    a comma followed by spaces or tabs and one of ``CLAUSE_WORDS``. Most sentences have
    commas but no such clause, and a ``str.find`` per comma costs less than the regex's scan
    of every character."""
    if text.find(";", start, end) >= 0:
        return True
    at = text.find(",", start, end)
    while at >= 0:
        j = at + 1
        while j < end and (text[j] == " " or text[j] == "\t"):
            j += 1
        if j > at + 1 and text.startswith(CLAUSE_WORDS, j, end):
            return True
        at = text.find(",", at + 1, end)
    return False


@dataclass(frozen=True, slots=True)
class Attribution:
    side: str | None
    """``official``, ``independent``, or None when the words say nothing of who speaks."""
    source: str | None


def attribute(text: str, part: Sentence) -> Attribution:
    """Who speaks in one part of a sentence: state media and state claims, or the ground."""
    cues = lexicon().cues
    official = cues["official_source"].search(text, part.start, part.end)
    ground = cues["independent_source"].search(text, part.start, part.end)
    if official and not ground:
        return Attribution("official", official.group(0))
    if ground and not official:
        return Attribution("independent", ground.group(0))
    return Attribution(None, None)
