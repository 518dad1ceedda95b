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
from dataclasses import dataclass, replace
from functools import cache

from factorywatch.extract.cues import WORD, lexicon
from factorywatch.extract.pipeline import component
from factorywatch.ingest import outlet_side
from factorywatch.ingest.outlets import outlet_in_text
from factorywatch.model import Analysis, Sentence
from factorywatch.vocab import vocab

PLURAL_LOOKBACK = 8
"""Sentences back that "these factories" may reach for the last list of facilities."""
GROUP_DISTANCE = 3
"""Sentences between a group description and the sentence that enumerates the group."""


@component("side", reads=("doc",), writes=("side",))
def side(analysis: Analysis) -> Analysis:
    """Official when the outlet is state media (with no outlet given, the one the text names as
    its publisher: "Pyongyang, October 27 (KCNA) --"); otherwise independent."""
    outlet = analysis.doc.outlet or outlet_in_text(analysis.text)
    return replace(analysis, side=outlet_side(outlet) or "independent")


@cache
def _plural_heads() -> re.Pattern[str]:
    words = set()
    for heads in vocab().facility_kinds.values():
        for head in heads:
            last = head.split()[-1].lower()
            if last.endswith("s"):  # "works": plural and singular alike, and a common noun
                continue
            if last.endswith("y"):
                words.add(last[:-1] + "ies")
            elif last.endswith(("x", "ch")):
                words.add(last + "es")
            else:
                words.add(last + "s")
    return re.compile(r"(?<!\w)(" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)


DEFINITE_PLURAL = re.compile(r"(?<!\w)(?:these|those|such|both|the|all (?:the|these|those)) +$", re.IGNORECASE)
RESTRICTIVE = re.compile(r"\s+(?:that|which|who|where|whose|with)(?!\w)", re.IGNORECASE)
""""the factories that fall out of favor": a new group, not the last one listed."""
LISTING = re.compile(r"(?<!\w)(?:include|includes|included|including|such as|namely|are|were|like)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reach:
    """Per sentence: the facilities it reaches, where it names them, whether a leader acts in it."""

    facilities: tuple[tuple[int, ...], ...]
    anchors: tuple[tuple[tuple[int, int], ...], ...]
    """(facility, offset) of each mention inside the sentence."""
    masked: tuple[tuple[tuple[int, int], ...], ...]
    """Spans of those mentions: cue words inside a name ("Automated Device Factory") are no cues."""
    leader: tuple[bool, ...]

    def within(self, i: int, part: Sentence) -> tuple[int, ...]:
        """The facilities a part of sentence ``i`` is about: those it mentions, else the sentence's."""
        own = tuple(dict.fromkeys(f for f, at in self.anchors[i] if part.start <= at < part.end))
        return own or self.facilities[i]


def reach(analysis: Analysis) -> Reach:
    text, sentences = analysis.text, analysis.sentences
    starts = [s.start for s in sentences]
    direct: list[list[int]] = [[] for _ in sentences]
    named: list[set[int]] = [set() for _ in sentences]
    spans: list[list[tuple[int, int]]] = [[] for _ in sentences]
    anchors: list[list[tuple[int, int]]] = [[] for _ in sentences]
    for m in sorted(analysis.mentions, key=lambda m: m.start):
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or m.end > sentences[i].end + 1 or not 0 <= m.facility < len(analysis.facilities):
            continue
        if m.facility not in direct[i]:
            direct[i].append(m.facility)
        if m.kind == "name":
            named[i].add(m.facility)
        spans[i].append((m.start, m.end))
        anchors[i].append((m.facility, m.start))
    facilities = [list(d) for d in direct]
    _definite_plurals(text, sentences, named, spans, facilities)
    _enumerated_groups(text, sentences, direct, named, spans, facilities)
    _continuations(text, sentences, facilities)
    return Reach(tuple(tuple(f) for f in facilities), tuple(tuple(a) for a in anchors),
                 tuple(tuple(s) for s in spans), _leader_flags(text, sentences))


def _plurals(text: str, sent: Sentence, spans: list[tuple[int, int]]):
    for m in _plural_heads().finditer(text, sent.start, sent.end):
        if not any(a <= m.start() < b for a, b in spans):
            yield m


def _definite_plurals(text, sentences, named, spans, facilities) -> None:
    """"These enterprises", "the factories": the facilities of the last sentence listing several."""
    last_list: tuple[int, list[int]] | None = None
    for i, sent in enumerate(sentences):
        for m in _plurals(text, sent, spans[i]):
            if last_list is None or i - last_list[0] > PLURAL_LOOKBACK:
                break
            if DEFINITE_PLURAL.search(text, max(sent.start, m.start() - 12), m.start()) and \
                    not RESTRICTIVE.match(text, m.end(), sent.end):
                _extend(facilities[i], last_list[1])
                break
        if len(named[i]) >= 2:
            last_list = (i, sorted(named[i], key=facilities[i].index))


def _enumerated_groups(text, sentences, direct, named, spans, facilities) -> None:
    """A group described in one sentence and enumerated in an adjacent one is the same group."""
    stop = lexicon().function_words
    for i, sent in enumerate(sentences):
        if len(named[i]) < 2 or not spans[i]:
            continue
        first = min(a for a, _ in spans[i])
        head = next(_plurals(text, Sentence(sent.start, first), []), None)
        if head is None or not LISTING.search(text, head.end(), first):
            continue
        described = _stems(text[sent.start:first], stop)
        members = [f for f in direct[i] if f in named[i]]
        for j in range(max(0, i - GROUP_DISTANCE), min(len(sentences), i + GROUP_DISTANCE + 1)):
            if j == i:
                continue
            for m in _plurals(text, sentences[j], spans[j]):
                if m.group(1).lower() == head.group(1).lower() and \
                        described & _stems(text[m.start(): min(sentences[j].end, m.end() + 60)], stop):
                    _extend(facilities[j], members)
                    break


OPENING = re.compile(r"[\s\"“‘'(\[]*")


def _continuations(text, sentences, facilities) -> None:
    """A sentence opening with "The next day", "In addition"... and naming no facility carries
    on with the facilities of the sentence before it."""
    cue = lexicon().cues["continuation"]
    for i in range(1, len(sentences)):
        if facilities[i] or not facilities[i - 1]:
            continue
        at = OPENING.match(text, sentences[i].start).end()
        if cue.match(text, at, sentences[i].end):
            facilities[i] = list(facilities[i - 1])


def _stems(chunk: str, stop: frozenset[str]) -> set[str]:
    heads = _plural_heads()
    out = set()
    for w in WORD.findall(chunk.lower()):
        if len(w) < 4 or w in stop or heads.fullmatch(w) or w.isdigit():
            continue
        out.add(w[:-1] if w.endswith("s") else w)
    return out


def _extend(target: list[int], more: list[int]) -> None:
    for f in more:
        if f not in target:
            target.append(f)


def _leader_flags(text: str, sentences: tuple[Sentence, ...]) -> tuple[bool, ...]:
    """Whether each sentence names a leader, or says "he" once the document has named one."""
    cues = lexicon().cues
    flags, seen = [], False
    for sent in sentences:
        named = bool(cues["leader"].search(text, sent.start, sent.end))
        flags.append(named or (seen and bool(cues["leader_pronoun"].search(text, sent.start, sent.end))))
        seen = seen or named
    return tuple(flags)


def segments(text: str, sent: Sentence) -> list[Sentence]:
    """The sentence cut before each contrast word: each part may have its own side."""
    cuts = [m.start() for m in lexicon().cues["contrast"].finditer(text, sent.start, sent.end) if m.start() > sent.start]
    bounds = [sent.start, *cuts, sent.end]
    return [Sentence(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


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
