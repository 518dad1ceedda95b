"""Later references to a facility: "the factory", "the complex", "the medical device
factory", "its".

They are not names (the output lists only naming forms), but events and claims are often
stated in their sentences ("the factory had also failed to accomplish its production
quotas"), so each one that points unambiguously to one facility becomes a ``Mention`` of
kind ``reference``. A reference points to the facility of a compatible kind mentioned
last before it; it is left alone when another compatible facility was mentioned in the
same or the previous sentence, unless product words decide ("the medical device factory").
A document that names a single facility gives it every fitting reference, even one before
the name ("A shoe factory in Wonsan ... the factory ... the Wonsan Shoe Factory").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from factorywatch.extract.facility_keys import key_words
from factorywatch.extract.facility_lexicon import lexicon
from factorywatch.extract.facility_names import NameMatch
from factorywatch.model import Entity, Facility, Mention, Sentence

_FUNCTION_WORDS = "the|this|that|these|those|a|an|of|in|on|at|for|to|from|with|by|and|or|since|its|their|his|her|our"
# "the factory", "the medical device factory": a determiner and up to three lower-case words
_DETERMINER = re.compile(
    rf"(?<![\w'\u2019-])(?:the|this|that|The|This|That)[ \t]+"
    rf"(?P<mods>(?:(?!(?:{_FUNCTION_WORDS})\b)[a-z][\w-]*[ \t]+){{0,3}})$"
)
_ITS = re.compile(r"[Ii](?<!\w[Ii])ts\b")  # "\bits\b", with a letter first: the engine skips to I and i


@dataclass(frozen=True, slots=True)
class Reference:
    start: int
    end: int
    nouns: tuple[str, ...]
    """Head noun, lower case ("factory", "power station")."""
    products: frozenset[str]
    """Standard product words before the head ("medical device" -> appliances, medical)."""


def find_references(text: str, heads: list[NameMatch]) -> list[Reference]:
    """References among head nouns that carry no name ("the factory", "the ice cream factory")."""
    lex = lexicon()
    out = []
    for h in heads:
        if h.modifiers or h.plural:
            continue
        nouns = tuple(w.lower() for w in h.words)
        m = _DETERMINER.search(text, max(0, h.head_start - 60), h.head_start)
        if m is None or " ".join(nouns) not in lex.reference_nouns:
            continue
        mods = m.group("mods").split()
        products = frozenset(key_words(tuple(w for w in mods if w.lower() in lex.products)))
        out.append(Reference(m.start("mods") if mods else h.head_start, h.end, nouns, products))
    return out


def resolve_references(
    text: str,
    sentences: tuple[Sentence, ...],
    facilities: list[Facility],
    keys: list[frozenset[str]],
    names: list[Mention],
    references: list[Reference],
    entities: tuple[Entity, ...],
) -> list[Mention]:
    """Reference mentions for the references that point to one facility.

    ``keys[i]`` holds every key word of facility ``i``'s names; ``names`` are its name
    mentions, in text order.
    """
    lex = lexicon()
    starts = [s.start for s in sentences]

    def sentence_of(pos: int) -> int:
        return max(0, bisect_right(starts, pos) - 1)

    last: dict[int, int] = {}
    events = sorted([(m.start, m.facility) for m in names])
    out: list[Mention] = []
    pending = 0
    for ref in references:
        while pending < len(events) and events[pending][0] < ref.start:
            pos, fi = events[pending]
            last[fi] = pos
            pending += 1
        kinds = lex.reference_nouns[" ".join(ref.nouns)]
        if ref.products:
            fitting = {i for i, k in enumerate(keys) if ref.products <= k}
        else:
            fitting = {i for i, f in enumerate(facilities) if f.kind in kinds}
        target = _choose(fitting, last, ref.start, sentence_of, starts, len(facilities) == 1)
        if target is not None:
            out.append(Mention(ref.start, ref.end, target, "reference"))
            last[target] = ref.start
    out.extend(_possessives(text, sentences, names + out, entities))
    return sorted(out, key=lambda m: m.start)


def _choose(
    fitting: set[int], last: dict[int, int], pos: int, sentence_of: Callable[[int], int], starts: list[int], alone: bool
) -> int | None:
    """The facility a reference at ``pos`` points to, among the ``fitting`` ones.

    ``alone``: the document names one facility only, which may then be referred to before
    its name appears.
    """
    if alone and fitting:
        return next(iter(fitting))
    seen = sorted(((last[i], i) for i in fitting if i in last), reverse=True)
    if not seen:
        return None
    window = starts[max(0, sentence_of(pos) - 1)] if starts else 0
    rivals = [i for p, i in seen[1:] if p >= window]
    return None if rivals else seen[0][1]


def _possessives(
    text: str, sentences: tuple[Sentence, ...], mentions: list[Mention], entities: tuple[Entity, ...]
) -> list[Mention]:
    """"its" after the one facility its sentence (or, sentence-initially, the previous one)
    speaks of, with no person or organization named in between."""
    if not mentions or not sentences:
        return []
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(bisect_right(starts, m.start) - 1, []).append(m)
    out = []
    for its in _ITS.finditer(text):
        k = bisect_right(starts, its.start()) - 1
        before = [m for m in by_sentence.get(k, ()) if m.end <= its.start()]
        if not before and k > 0 and its.start() - starts[k] < 12:
            before = by_sentence.get(k - 1, [])
        if len({m.facility for m in before}) != 1:
            continue
        anchor = max(m.end for m in before)
        if any(anchor <= e.start < its.start() for e in entities):
            continue
        out.append(Mention(its.start(), its.end(), before[0].facility, "reference"))
    return out
