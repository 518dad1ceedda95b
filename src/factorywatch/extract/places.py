"""Places in the text (component ``places``) and the place of each facility (``locate``).

``places`` matches the gazetteer over the text and settles each name on one unit: a name
two counties share ("Unsan") takes the province the same sentence, else the document,
names; otherwise it keeps no province rather than guess. ``locate`` then places each
facility from the best evidence the text gives, recorded in ``Facility.place_source``:

1. ``name``: a place inside one of its names ("Wonsan Shoe Factory": Kangwon, Wonsan);
2. ``sentence``: a place a sentence that names or refers to it attaches to it ("the Goksan
   Factory in Pyongyang", "Factory No. 76 in Panmak-ri, Sakju County"), else the one
   province all other places of that sentence agree on;
3. ``source_location``: where the nearest source speaks from ("a source in South Pyongan
   Province told Daily NK"): a province only (a province-level city gives itself).

Places that say where someone acts rather than where a site is never count: datelines
("Pyongyang, March 3 (KCNA)"), places inside other names ("Jagang Provincial Committee",
another facility's name) and a source's own location outside step 3.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache
from itertools import pairwise
from operator import attrgetter
from typing import Final

from factorywatch.extract.date_expressions import after_blanks, occurs
from factorywatch.extract.pipeline import component, evolve
from factorywatch.extract.wordscan import scan
from factorywatch.gazetteer import (
    PlaceEntry,
    PlaceMatch,
    alternation,
    choose,
    entry,
    gazetteer,
    name_openers,
    phrase_trie,
    place_cues,
)
from factorywatch.model import Analysis, Facility, Mention, Place, Sentence, builder
from factorywatch.once import Once
from factorywatch.vocab import vocab

_place: Final = builder(Place)
_facility: Final = builder(Facility)

_START: Final = attrgetter("start")
"""The sort key of sentences and mentions (a lambda costs a Python call per item)."""


@dataclass(frozen=True, slots=True)
class _Rules:
    dateline: re.Pattern[str]
    inside_name: re.Pattern[str]
    name_first: frozenset[str]
    """What the first word after a place must start with for ``inside_name`` to match: a
    capital or a head's first letter ("of", "and" and "the" are tried apart)."""
    source_before: re.Pattern[str]
    """On lower-case text, through ``source_before``."""
    source_before_anycase: re.Pattern[str]
    source_after: re.Pattern[str]
    attached_after: re.Pattern[str]
    chained: re.Pattern[str]
    attached_before: re.Pattern[str]


def _rules() -> _Rules:
    return _RULES.get()


def _build_rules() -> _Rules:
    cues = place_cues()
    heads = {h for hs in vocab().facility_kinds.values() for h in hs} | set(cues["organization_heads"])
    nouns = alternation(cues["source_nouns"])
    lower_nouns = alternation(n.lower() for n in cues["source_nouns"])
    before = rf"\b(?:{lower_nouns})\s+(?:\w+\s+){{0,2}}?(?:in|from)\s+(?:the\s+)?$"
    village = r"(?:[A-Z][\w'\u2019]*-(?:ri|dong|up|eup|gu|rodongjagu)\b,?\s+(?:of\s+)?)?"
    return _Rules(
        dateline=re.compile(
            rf",?\s*(?:[A-Z][a-z]{{2,9}}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s*(?:\((?:{alternation(cues['agencies'])})\)|--|\u2014)"
        ),
        inside_name=re.compile(
            # "Kowon County and the Sinbong Farm" starts another name, not one the place is in
            rf"(?!\s+and\s+the\s)(?:['\u2019]s)?(?:\s+(?:[A-Z][\w'\u2019-]*|of|and|the)){{0,5}}?\s+"
            rf"(?:{phrase_trie(heads)})(?![\w-])"
        ),
        name_first=name_openers(heads),
        source_before=re.compile(before),
        source_before_anycase=re.compile(before, re.IGNORECASE),
        source_after=re.compile(rf"(?i)(?:\s+province)?-based\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b"),
        attached_after=re.compile(
            r"\s*(?:\[[^\]]{0,40}\]\s*)?,?\s*(?:(?:located|situated|based|built)\s+)?(?:in|at|of|near)\s+"
            rf"(?:the\s+)?(?:[a-z]+\s+){{0,2}}?(?:(?:city|county|town|district|province|area|village)\s+of\s+)?{village}$"
        ),
        chained=re.compile(rf"\s*(?:,|\bof\b|\bin\b)?\s*(?:the\s+)?{village}$"),
        attached_before=re.compile(r"(?:['\u2019]s)?\s+(?:the\s+)?$"),
    )


_RULES: Final = Once(_build_rules)


@cache
def parent_link() -> re.Pattern[str]:
    """The words between a unit and its parent: " under the ", ", affiliated to the "."""
    return re.compile(rf"\s*,?\s+(?:{alternation(place_cues()['parent_links'])})\s+(?:the\s+)?", re.IGNORECASE)


@cache
def _area_word() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(place_cues()['area_words'])})\b")


_AREA_AFTER_NAME: Final = re.compile(
    r"(?:-[a-z]+)?[ \t]+(?:area|village|district|region)[ \t]+(?:of|in)[ \t]+(?:the[ \t]+)?"
)
"""What follows the first word of a name where the text names the area it starts with:
"Ryonpho area of ", "Kangdong-ri village in the "."""


def _areas_named(text: str, first: str) -> list[int]:
    """Where each phrase naming the area ``first`` ("Ryonpho area of ") ends, in order. Each
    ``first`` is found with str.find and its tail matched in place: a search for the area
    nouns over the whole text costs ten times as much (they are common words)."""
    out: list[int] = []
    i = text.find(first)
    while i >= 0:
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):  # a word starts there
            m = _AREA_AFTER_NAME.match(text, i + len(first))
            if m is not None:
                out.append(m.end())
        i = text.find(first, i + 1)
    return out


# ---------------------------------------------------------------------------------- places


def source_before(text: str, start: int) -> bool:
    """Whether a source speaks from the place at ``start`` ("a source in ", "sources from the ").
    The words before it must end with "in" or "from" (and maybe "the"): most places are
    passed over on that alone, without the search over 60 characters."""
    first = start - 60 if start > 60 else 0
    stretch = text[first:start]
    if stretch.isascii():
        tail = stretch.rstrip().lower()
        if tail.endswith("the"):
            tail = tail[:-3].rstrip()
        if not (tail.endswith("in") or tail.endswith("from")):
            return False
    rules = _rules()
    return occurs(rules.source_before, rules.source_before_anycase, text, first, start)


def source_after(text: str, end: int) -> bool:
    """Whether the place ending at ``end`` says where a source is ("a Hyesan-based source",
    "a South Pyongan Province-based source"). The case-blind regex runs only where "-" or
    blanks and a "p" follow: most places are passed over on one character or two."""
    if not (text.startswith("-", end) or after_blanks(text, end) in ("p", "P")):
        return False
    return _rules().source_after.match(text, end) is not None


def _sentence_of(starts: list[int], sentences: tuple[Sentence, ...], pos: int) -> int:
    i = bisect.bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < sentences[i].end else -1


def _sentence_at(sentences: tuple[Sentence, ...], pos: int) -> int:
    """``_sentence_of`` for a few positions: a bisection over the sentences themselves costs
    less than the list of all their starts (``bisect_right`` written out: with a ``key``,
    it calls that key through Python at each step)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if pos < sentences[mid].start:
            hi = mid
        else:
            lo = mid + 1
    i = lo - 1
    return i if i >= 0 and pos < sentences[i].end else -1


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the place at ``text[start:end]`` opens a dispatch ("Pyongyang, March 3 (KCNA) --")."""
    i = start - 1  # back over the blanks before it: most places follow a word on their line
    while i >= 0 and text[i] != "\n" and text[i].isspace():
        i -= 1
    return (i < 0 or text[i] == "\n") and _rules().dateline.match(text, end) is not None


def in_name(text: str, end: int) -> bool:
    """Whether the place ending at ``end`` lies inside a name (``_Rules.inside_name``:
    "Pyongyang" in "the Pyongyang Electric Cable Factory"). Half the places are followed by
    "," or "." and most others by a lower-case word: the regex runs only where blanks (after
    "'s" maybe) and a word that can go on a name follow."""
    i = end + 2 if text.startswith(_POSSESSIVE, end) else end
    j, n = i, len(text)
    while j < n and text[j].isspace():
        j += 1
    if j == i or j == n:
        return False
    rules = _rules()
    if text[j] not in rules.name_first and not text.startswith(_NAME_LINKS, j):
        return False
    return rules.inside_name.match(text, end) is not None


_POSSESSIVE: Final = ("'s", "\u2019s")
_NAME_LINKS: Final = ("of", "and", "the")


def resolve(text: str, sentences: tuple[Sentence, ...], matches: list[PlaceMatch]) -> tuple[Place, ...]:
    """Settle each match on one unit, using the provinces named nearby for ambiguous names."""
    if not matches:
        return ()
    sent_of = [_sentence_at(sentences, m.start) for m in matches]
    named: dict[int, set[str]] = {}  # sentence -> provinces its places lie in
    stated: dict[int, set[str]] = {}  # sentence -> provinces it names as provinces
    doc: dict[str, int] = {}  # provinces of the document's places, counted
    for k in range(len(matches)):  # indices: compiled, zip(..., strict=True) is a Python-level call
        m, s = matches[k], sent_of[k]
        province, itself, provinces_only = _province_of(m.entries)
        if province is None or is_dateline(text, m.start, m.end):
            continue
        if not itself:
            doc[province] = doc.get(province, 0) + 1  # "Pyongyang" names the state as often as a place
        if in_name(text, m.end):
            continue  # "the Pyongyang Electric Cable Factory" names a site, not where the sentence is
        named.setdefault(s, set()).add(province)
        if provinces_only:
            stated.setdefault(s, set()).add(province)
    out: list[Place] = []
    spelled: dict[str, set[str]] = {}  # unit -> the spellings the text gives it as its locality
    for k in range(len(matches)):
        m, s = matches[k], sent_of[k]
        entries = m.entries
        unit = entries[0] if len(entries) == 1 else choose(entries, named.get(s, ())) or choose(entries, doc)
        if unit is None:
            local = all(e.level in ("city", "county") for e in entries)
            out.append(_place(m.start, m.end, None, m.spelling if local else None, None))
            continue
        home = unit.province
        if unit.also_in:
            # "Rason ... of North Hamgyong Province", "Hwanghae ... North Hwanghae Province"
            moved = [p for p in unit.also_in if p in stated.get(s, ())]
            if len(moved) == 1 and home not in stated.get(s, ()):
                home = moved[0]
        if unit.level in ("city", "county") or unit.locality == unit.name and unit.level == "district":
            locality: str | None = m.spelling
            spelled.setdefault(unit.id, set()).add(m.spelling)
        else:
            locality = unit.locality
            if locality == m.spelling:
                spelled.setdefault(unit.id, set()).add(m.spelling)
        out.append(_place(m.start, m.end, home, locality, unit.id))
    return _common_spelling(out, spelled)


def _province_of(entries: tuple[PlaceEntry, ...]) -> tuple[str | None, bool, bool]:
    """The province all of ``entries`` lie in (None: none, or several), whether one of them
    bears its name ("Pyongyang"), and whether all of them are provinces (one loop, where
    a set and two generators cost three times as much)."""
    province = entries[0].province
    itself, provinces_only = False, True
    for e in entries:
        if e.province != province:
            return None, False, False
        itself = itself or e.name == province
        provinces_only = provinces_only and e.level == "province"
    return province, itself, provinces_only


def _variant(a: str, b: str) -> bool:
    """Two romanisations of one name ("Dancheon", "Tanchon"), not two names of one city
    ("Songjin", the old name of Kim Chaek)."""
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.6


def _common_spelling(out: list[Place], spelled: dict[str, set[str]]) -> tuple[Place, ...]:
    """A city the text spells two ways ("Tanchon" in the headline, "Dancheon" in the body)
    takes its most common English romanisation, the gazetteer's own name, wherever the text
    uses that spelling once; a text that never does keeps its own ("Cheongjin").

    ``spelled``: unit -> every spelling of it that ``out`` gives as its locality."""
    common = {uid: e.name for uid, spellings in spelled.items()
              if len(spellings) > 1 and (e := entry(uid)) is not None and e.name in spellings}
    if not common:
        return tuple(out)
    variants = {uid: {v for v in spelled[uid] if _variant(v, name)} for uid, name in common.items()}
    return tuple(replace(p, locality=common[p.gazetteer_id]) if p.gazetteer_id in common and p.locality in
                 variants[p.gazetteer_id] else p for p in out)


@component("places", reads=("text", "sentences"), writes=("places",))
def places(analysis: Analysis) -> Analysis:
    text = analysis.text
    words = scan(text)
    found = gazetteer().find(text, words.places, words.folded)
    return evolve(analysis, places=resolve(text, analysis.sentences, found))


# ---------------------------------------------------------------------------------- locate


class _Found:
    """Where a facility is and what says so (a plain class: compiled, a native one, far
    cheaper to build than a frozen dataclass)."""

    province: str
    locality: str | None
    source: str

    def __init__(self, province: str, locality: str | None, source: str) -> None:
        self.province = province
        self.locality = locality
        self.source = source


class _Evidence:
    """The places of one analysis, sorted into what each may say about a facility."""

    def __init__(self, analysis: Analysis) -> None:
        text = analysis.text
        self.text = text
        self.sentences = analysis.sentences
        self.starts = [s.start for s in analysis.sentences]
        self.mentions = sorted(analysis.mentions, key=_START)
        self.mention_starts = [m.start for m in self.mentions]
        spans = [(m.start, m.end) for m in self.mentions]
        reach: list[int] = []  # the furthest end of the first k mentions
        furthest = -1
        for m in self.mentions:
            furthest = max(furthest, m.end)
            reach.append(furthest)
        self.mention_sentences: list[int] | None = None
        """The sentence of each mention, once asked (``one_locality``)."""
        self.sources: list[Place] = []  # where sources speak from
        self.free: list[Place] = []  # places that may locate a facility of their sentence
        self.in_name: dict[tuple[int, int], list[Place]] = {}
        for p in analysis.places:
            k = bisect.bisect_right(self.mention_starts, p.start)  # the mentions that start by its start
            if k and reach[k - 1] >= p.end:
                self.in_name.setdefault(_host(spans, k, p.end), []).append(p)
            elif source_before(text, p.start) or source_after(text, p.end):
                self.sources.append(p)
            elif not (is_dateline(text, p.start, p.end) or in_name(text, p.end)):
                self.free.append(p)
        self.free_starts = [p.start for p in self.free]

    def sentence(self, pos: int) -> Sentence | None:
        i = _sentence_of(self.starts, self.sentences, pos)
        return self.sentences[i] if i >= 0 else None

    def by_name(self, mentions: list[Mention]) -> _Found | None:
        found = [p for m in mentions if m.kind == "name" for p in self.in_name.get((m.start, m.end), ())]
        return _agree(found, "name")

    def attached(self, m: Mention) -> list[Place]:
        """Places a phrase ties to the mention: "X in A, B", "A's X"."""
        sent = self.sentence(m.start)
        if sent is None:
            return []
        rules, chain = _rules(), []
        i = bisect.bisect_left(self.free_starts, m.end)
        edge = m.end
        pattern = rules.attached_after
        while i < len(self.free) and self.free[i].start < sent.end:
            p = self.free[i]
            if not pattern.fullmatch(self.text, edge, p.start):
                break
            chain.append(p)
            edge, pattern, i = p.end, rules.chained, i + 1
        j = bisect.bisect_left(self.free_starts, m.start) - 1
        if not chain and j >= 0 and self.free[j].start >= sent.start:
            p = self.free[j]
            if rules.attached_before.fullmatch(self.text, p.end, m.start):
                chain.append(p)
        return chain

    def around(self, m: Mention) -> list[Place]:
        """The free places of the mention's sentence that lie nearer to one of this facility's
        mentions than to any other facility's."""
        sent = self.sentence(m.start)
        if sent is None:
            return []
        lo = bisect.bisect_left(self.mention_starts, sent.start)
        hi = bisect.bisect_left(self.mention_starts, sent.end)
        near = self.mentions[lo:hi]
        out = []
        lo, hi = bisect.bisect_left(self.free_starts, sent.start), bisect.bisect_left(self.free_starts, sent.end)
        for p in self.free[lo:hi]:
            dist: dict[int, int] = {}
            for o in near:
                d = p.start - o.end if p.start >= o.end else o.start - p.end
                dist[o.facility] = min(d, dist.get(o.facility, d))
            best = min(dist.values())
            if dist.get(m.facility) == best and list(dist.values()).count(best) == 1:
                out.append(p)
        return out

    def by_area(self, name: str) -> _Found | None:
        """Where the text places the village or area a name starts with: "Ryonpho
        Greenhouse Farm" ... "a site in Ryonpho area of Hamju County, South Hamgyong
        Province"."""
        first = name.split()[0]
        if not first[:1].isupper() or len(first) < 3:
            return None
        rules = _rules()
        for end in _areas_named(self.text, first):
            i = bisect.bisect_left(self.free_starts, end)
            chain: list[Place] = []
            edge = end
            while i < len(self.free) and (not chain and self.free[i].start == edge or
                                          chain and rules.chained.fullmatch(self.text, edge, self.free[i].start)):
                chain.append(self.free[i])
                edge, i = self.free[i].end, i + 1
            found = _agree(chain, "sentence")
            if found is not None:
                return found
        return None

    def by_source(self, mentions: list[Mention]) -> _Found | None:
        if not self.sources or not mentions:
            return None
        first = mentions[0]
        sent = self.sentence(first.start)
        limit = sent.end if sent else first.end
        before = [p for p in self.sources if p.start < limit]
        p = before[-1] if before else self.sources[0]
        if p.province is None:
            return None
        return _Found(p.province, self.one_locality(p.province, first.facility) or
                      (p.locality if _province_city(p) else None), "source_location")

    def one_locality(self, province: str, facility: int, levels: tuple[str, ...] = ("city", "county")) -> str | None:
        """The one city or county of ``province`` the text places anything in ("Cooperative
        farms in Onchon County, Nampo" ... "a source in Nampo"), or None; places in sentences
        about other facilities are theirs."""
        if self.mention_sentences is None:
            self.mention_sentences = [_sentence_of(self.starts, self.sentences, m.start) for m in self.mentions]
        others = {s for m, s in zip(self.mentions, self.mention_sentences, strict=True) if m.facility != facility}
        local = {(p.gazetteer_id, p.locality) for p in self.free
                 if p.province == province and _level(p.gazetteer_id) in levels and not _province_city(p)
                 and _sentence_of(self.starts, self.sentences, p.start) not in others}
        return local.pop()[1] if len({uid for uid, _ in local}) == 1 and len(local) == 1 else None

    def framing(self) -> _Found | None:
        """The province an article states as its frame ("Pyongyang, August 18 (KCNA) -- South
        Hamgyong Province of the DPRK is increasing ..."): the first place it names is a
        province, in its first two sentences, and it places nothing elsewhere, not even in a
        name. A digest of unrelated items, or an article that first names a county, frames
        nothing."""
        groups = [self.free, self.sources]
        groups.extend(self.in_name.values())
        provinces: set[str] = set()
        for group in groups:
            for p in group:
                if p.province:
                    provinces.add(p.province)
        lead = self.sentences[min(1, len(self.sentences) - 1)].end if self.sentences else 0
        first = self.free[0] if self.free else None
        if len(provinces) != 1 or first is None or _level(first.gazetteer_id) != "province" or first.start >= lead:
            return None
        return _Found(provinces.pop(), None, "sentence")


def _host(spans: list[tuple[int, int]], k: int, end: int) -> tuple[int, int]:
    """The first of the first ``k`` spans that reaches ``end`` (one does)."""
    for i in range(k):
        if end <= spans[i][1]:
            return spans[i]
    raise ValueError(end)


def _agree(found: list[Place], source: str) -> _Found | None:
    """The one province the places give, with a locality when one locality of it stands out."""
    provinces = {p.province for p in found if p.province}
    if len(provinces) != 1:
        return None
    province = provinces.pop()
    local = [p for p in found if p.province == province and p.locality]
    counties = [p for p in local if _level(p.gazetteer_id) in ("city", "county")] or local
    if len({p.gazetteer_id or p.locality for p in counties}) > 1:
        # "Onchon County, Nampho Municipality": a province-level city names the province
        counties = [p for p in counties if not _province_city(p)] or counties
    units = {p.gazetteer_id or p.locality for p in counties}
    return _Found(province, counties[0].locality if len(units) == 1 else None, source)


def _province_city(p: Place) -> bool:
    """Pyongyang, Nampo, Rason: a city that is a province of its own."""
    unit = entry(p.gazetteer_id) if p.gazetteer_id else None
    return unit is not None and unit.name == unit.province


def _level(unit_id: str | None) -> str | None:
    unit = entry(unit_id) if unit_id else None
    return unit.level if unit else None


def _refine(found: _Found, extra: _Found | None) -> _Found:
    """A province from the name, with the locality a sentence gives in that province."""
    if found.locality is None and extra and extra.province == found.province and extra.locality:
        return _Found(found.province, extra.locality, found.source)
    return found


def place_facility(ev: _Evidence, mentions: list[Mention], name: str = "") -> _Found | None:
    """Name, then sentence (or the area its name starts with), then source; a place the text
    attaches to the facility ("the Goksan Factory in Pyongyang") outranks a name that points
    elsewhere."""
    attached: _Found | None = None
    for m in mentions:
        attached = _agree(ev.attached(m), "sentence")
        if attached is not None:
            break
    # the text placing the area the name starts with ("Ryonpho area of Hamju County") says
    # more than a city that merely shares a sentence with the name
    around = attached or (ev.by_area(name) if name else None)
    if around is None:
        for m in mentions:
            around = _agree(ev.around(m), "sentence")
            if around is not None:
                break
    named = ev.by_name(mentions)
    if named is not None:
        if attached is not None and attached.province != named.province:
            return attached
        return _refine(named, around)
    return around or ev.by_source(mentions)


def placed(fac: Facility, province: str | None, locality: str | None, source: str | None) -> Facility:
    """``fac`` placed: ``dataclasses.replace(fac, province=..., locality=..., place_source=...)``
    at a third of the cost (``replace`` reads the class's fields and passes keywords). It
    names every field of ``Facility``: tests/extract/test_places.py fails when one is added."""
    return _facility(fac.id, fac.name, fac.kind, fac.named, province, locality, source)


def parents(analysis: Analysis, mentions: list[Mention], starts: list[int]) -> dict[int, int]:
    """Facility -> the facility it belongs to: the one named right after it with a link
    ("X Mine under the Y Complex"), else the one area complex its sentence names ("The
    Sunchon Area ... Complex has accelerated the project at the X Mine").

    ``mentions``: the analysis's, in the text's order; ``starts``: its sentences' starts."""
    text, link = analysis.text, parent_link()
    areas = {i for i, f in enumerate(analysis.facilities) if f.kind == "complex" and _area_word().search(f.name)}
    out: dict[int, int] = {}
    for a, b in pairwise(mentions):
        if a.facility != b.facility and a.kind == "name" and link.fullmatch(text, a.end, b.start):
            out.setdefault(a.facility, b.facility)
    in_sentence: dict[int, set[int]] = {}
    for m in mentions:
        in_sentence.setdefault(bisect.bisect_right(starts, m.start), set()).add(m.facility)
    for facs in in_sentence.values():
        grouping = facs & areas
        if len(grouping) == 1:
            parent = next(iter(grouping))
            for f in facs - areas:
                out.setdefault(f, parent)
    return out


@component("locate", reads=("facilities", "mentions", "places", "sentences", "doc"), writes=("facilities",))
def locate(analysis: Analysis) -> Analysis:
    if not analysis.facilities:
        return analysis
    ev = _Evidence(analysis)
    mentions: dict[int, list[Mention]] = {}  # facility -> its mentions, in the text's order
    for m in ev.mentions:
        mentions.setdefault(m.facility, []).append(m)
    out: list[Facility] = []
    for i, fac in enumerate(analysis.facilities):
        found = None if fac.province else place_facility(ev, mentions.get(i, []), fac.name)
        if found is not None and found.locality is None:
            # "a cooperative farm in North Pyongan Province" ... "the Ryongchon County party
            # committee": a county; a city is as often where the site's output goes (Hamhung)
            found = _Found(found.province, ev.one_locality(found.province, i, ("county",)), found.source)
        if found is not None:
            fac = placed(fac, found.province, found.locality, found.source)
        out.append(fac)
    for i, j in parents(analysis, ev.mentions, ev.starts).items():
        if out[i].province is None and out[j].province is not None:  # a unit lies where its parent does
            out[i] = placed(out[i], out[j].province, out[j].locality, "sentence")
    at = {p.start: p for p in analysis.places if p.province}
    parent = parent_link()
    for m in ev.mentions:
        link = parent.match(analysis.text, m.end) if out[m.facility].province is None else None
        p = at.get(link.end()) if link else None
        if p is not None:  # "... Company under the Pyongyang City Management Bureau"
            out[m.facility] = placed(out[m.facility], p.province, p.locality, "sentence")
    frame: _Found | None = None
    for f in out:
        if f.province is None:
            frame = ev.framing()
            break
    if frame is not None:
        out = [f if f.province else placed(f, frame.province, f.locality, frame.source) for f in out]
    return evolve(analysis, facilities=tuple(out))
