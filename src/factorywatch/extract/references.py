"""Later references to a facility: "the factory", "the complex", "the medical device
factory", "its".

They are not names (the output lists only naming forms), but events and claims are often
stated in their sentences ("the factory had also failed to accomplish its production
quotas"), so each one that points unambiguously to one facility becomes a ``Mention`` of
kind ``reference``. A reference points to the facility of a compatible kind mentioned
last before it; when another compatible facility was mentioned in the same or the previous
sentence, product words decide ("the medical device factory"), else the article's subject
(named first and most often), else no one. Nouns that head no name refer too ("the station",
"the yard", "the dam", "the station's workers"), and so do descriptions ("the country's
largest steelworks"); "the factory" never means a "... Trading Company", nor is "the
provincial market management office" a market.
A document that names a single facility gives it every fitting reference, even one before
the name ("A shoe factory in Wonsan ... the factory ... the Wonsan Shoe Factory").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from operator import attrgetter
from typing import Final

from factorywatch.extract.facility_keys import key_words
from factorywatch.extract.facility_lexicon import FacilityLexicon, lexicon, plural
from factorywatch.extract.facility_names import NameMatch
from factorywatch.model import Entity, Facility, Mention, builder
from factorywatch.vocab import vocab

_mention: Final = builder(Mention)

_FUNCTION_WORDS: Final = (
    "the|this|that|these|those|a|an|of|in|on|at|for|to|from|with|by|and|or|since|its|their|his|her|our"
)
_OF: Final = re.compile(r"[ \t]+(?:of|for)\b")
_START: Final = attrgetter("start")
"""The sort key of references and mentions (a lambda costs a Python-level call per item)."""


@cache
def _indefinite() -> re.Pattern[str]:
    """"a munitions-linked machine factory", "at a northeastern shipyard"; never "is a
    factory", "as a factory" (a predicate says what a site is, it does not introduce it)."""
    return re.compile(
        rf"(?<![\w'\u2019-])(?<!\bis )(?<!\bas )(?<!\bwas )(?:[Aa]n?)[ \t]+"
        rf"(?P<mods>(?:(?!(?:{_FUNCTION_WORDS})\b)[a-z][\w-]*[ \t]+){{0,3}})$"
    )


@cache
def _people() -> re.Pattern[str]:
    """"vendors", "the Kogonwon miners": people nouns, with the place that may name them."""
    nouns = "|".join(re.escape(n) for n in sorted(lexicon().people_nouns, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?P<place>[A-Z][\w'\u2019-]+)[ \t]+)?(?P<noun>{nouns})(?![\w-])")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A determiner and up to three lower-case words before a head ("the factory", "the
    medical device factory", "the country's largest steelworks"); a reference-only noun
    right after a determiner ("the station", "the yard's workers"); an office word after a
    head ("market management office")."""
    lex = lexicon()
    determiner = rf"{_determiner(lex.reference_determiners)}[ \t]+"
    nouns = "|".join(re.escape(n).replace(r"\ ", r"[ \t]+") for n in sorted(lex.reference_only, key=len, reverse=True))
    office = "|".join(re.escape(w) for w in sorted(lex.not_before_reference))
    return (
        re.compile(rf"{determiner}(?P<mods>(?:(?!(?:{_FUNCTION_WORDS})\b)[a-z][\w-]*[ \t]+){{0,3}})$"),
        re.compile(rf"{determiner}(?P<noun>{nouns})(?![\w-])"),
        re.compile(rf"[ \t]+(?:{office})\b", re.IGNORECASE),
    )


_PLAIN_DETERMINERS: Final = ("the", "this", "that", "The", "This", "That")


def _determiner(possessives: tuple[str, ...]) -> str:
    """A determiner at the start of a word: "the", "this", "that" or a possessive (any case).

    Not written as "(?<!...)(?:the|this|...)" but as the words' first letters, the check of
    the character before, then each word as its rest after that letter: "[Tt](?<!....)
    (?:(?<=t)he|(?<=t)his|...)". It matches the same, but a scan or search then skips from
    letter to letter instead of trying the whole pattern at each character (twice as fast)."""
    firsts = {c for w in possessives for c in (w[0].lower(), w[0].upper())} | {w[0] for w in _PLAIN_DETERMINERS}
    rests = "|".join(
        f"(?<={re.escape(w[0])})" + re.escape(w[1:]).replace(r"\ ", r"[ \t]+").replace("'", "['\u2019]")
        for w in possessives
    )
    plain = "|".join(f"(?<={w[0]}){w[1:]}" for w in _PLAIN_DETERMINERS)
    return f"[{re.escape(''.join(sorted(firsts)))}](?<![\\w'\u2019-].)(?:(?i:{rests})|{plain})"


@cache
def _only_words() -> tuple[tuple[str, ...], int]:
    """A word of each reference-only noun, the last (what each match ends with), and how
    many runs of words a match has before that word: a determiner ("the country's") and
    the noun's other words ("construction site")."""
    lex = lexicon()
    words = tuple(sorted({noun.split()[-1] for noun in lex.reference_only}))
    determiner = max(len(d.split()) for d in lex.reference_determiners + _PLAIN_DETERMINERS)
    return words, determiner + max(len(noun.split()) for noun in lex.reference_only) - 1


@cache
def _people_words() -> tuple[tuple[str, ...], int, frozenset[str]]:
    """The people nouns, how many runs of words a match has before one (a place and the
    noun's other words), and the kinds of site they may stand for."""
    nouns = lexicon().people_nouns
    kinds = frozenset(kind for noun_kinds in nouns.values() for kind in noun_kinds)
    return tuple(nouns), max(len(noun.split()) for noun in nouns), kinds


def run_start(text: str, at: int, runs: int, lo: int) -> int:
    """Where ``runs`` runs of non-space characters back from ``at`` start (the run that
    holds ``at`` counts as one, if ``at`` is inside it), ``lo`` at the least."""
    for _ in range(runs):
        while at > lo and text[at - 1].isspace():
            at -= 1
        while at > lo and not text[at - 1].isspace():
            at -= 1
    return at


def _apart(text: str, at: int, length: int) -> bool:
    """Whether the word at ``at`` has no word character before it, nor one or a hyphen after."""
    end = at + length
    return not (at and _is_word(text[at - 1])) and not (end < len(text) and (_is_word(text[end]) or text[end] == "-"))


def _run_end(text: str, at: int, runs: int) -> int:
    """End of the ``runs``-th run of non-space characters after the one that holds ``at``."""
    n = len(text)
    while at < n and not text[at].isspace():
        at += 1
    for _ in range(runs):
        while at < n and text[at].isspace():
            at += 1
        while at < n and not text[at].isspace():
            at += 1
    return at


def matches_near(pattern: re.Pattern[str], text: str, words: tuple[str, ...], runs: int) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, for a pattern whose matches end with one of ``words``, a
    word apart (``_apart``), and span at most ``runs`` + 1 runs of non-space characters: each
    match is searched for in the few runs around an occurrence of a word (``str.find``)
    instead of by trying the pattern at every character of the text, which costs several
    times more. The pattern may look behind its match (the text is searched, not sliced)
    but at one character past it only."""
    out: list[re.Match[str]] = []
    nexts = [text.find(w) for w in words]
    pos = 0
    while True:
        at = -1
        for k in range(len(words)):
            while 0 <= nexts[k] and (nexts[k] < pos or not _apart(text, nexts[k], len(words[k]))):
                nexts[k] = text.find(words[k], max(pos, nexts[k] + 1))
            if nexts[k] >= 0 and (at < 0 or nexts[k] < at):
                at = nexts[k]
        if at < 0:
            return out
        # No match starts in [pos, start) (a match spans ``at`` or starts after it); each
        # match that starts before the end of the run of ``at`` ends within ``runs`` runs
        # after it, so the window holds it and the character after, and finds it first.
        start = run_start(text, at, runs, pos)
        run_end = _run_end(text, at, 0)
        m = pattern.search(text, start, min(len(text), _run_end(text, at, runs) + 1))
        if m is not None and m.start() < run_end:
            out.append(m)
            pos = m.end()
        else:
            pos = run_end


class Reference:
    """A reference to a facility (a plain class, not a frozen dataclass: compiled, a native
    class, several times cheaper to build)."""

    start: int
    end: int
    nouns: tuple[str, ...]
    """Head noun, lower case ("factory", "power station")."""
    products: frozenset[str]
    """Standard product words before the head ("medical device" -> appliances, medical)."""
    indefinite: bool
    """"a machine factory": the lead's description of the one such site it goes on to name."""
    place: str | None
    """People nouns only: the place before them ("the Kogonwon miners")."""

    def __init__(self, start: int, end: int, nouns: tuple[str, ...], products: frozenset[str],
                 indefinite: bool = False, place: str | None = None) -> None:
        self.start = start
        self.end = end
        self.nouns = nouns
        self.products = products
        self.indefinite = indefinite
        self.place = place


def find_references(text: str, heads: list[NameMatch], kinds: set[str]) -> list[Reference]:
    """References among head nouns that carry no name ("the factory", "the ice cream factory"),
    reference-only nouns and people nouns.

    ``kinds``: the kinds of the document's facilities. A people noun stands only for a
    facility of its kinds (``_introduced``): where there is none, people nouns are not
    searched for (a search of the whole text per noun)."""
    lex = lexicon()
    before, only, office = _patterns()
    out = []
    for h in heads:
        if h.modifiers or h.plural or office.match(text, h.end):
            continue
        nouns = tuple([w.lower() for w in h.words])
        if " ".join(nouns) not in lex.reference_nouns:
            continue
        m = before.search(text, max(0, h.head_start - 60), h.head_start)
        indefinite = m is None
        if m is None:
            m = _indefinite().search(text, max(0, h.head_start - 60), h.head_start)
            if m is None:
                continue
        mods = m.group("mods").split()
        products = frozenset(key_words(tuple([w for w in mods if w.lower() in lex.products])))
        out.append(Reference(m.start("mods") if mods else h.head_start, h.end, nouns, products, indefinite))
    only_words, only_runs = _only_words()
    for m in matches_near(only, text, only_words, only_runs):
        if not office.match(text, m.end()) and not _OF.match(text, m.end()):  # "the site of the campfire"
            out.append(Reference(m.start("noun"), m.end(), tuple(m.group("noun").lower().split()), frozenset()))
    people_words, people_runs, people_kinds = _people_words()
    if people_kinds.isdisjoint(kinds):
        return sorted(out, key=_START)
    for m in matches_near(_people(), text, people_words, people_runs):
        place = m.group("place")
        at = m.start("place") if place else m.start("noun")
        out.append(Reference(at, m.end(), (m.group("noun"),), frozenset(), place=place))
    return sorted(out, key=_START)


def _kinds(ref: Reference, lex: FacilityLexicon) -> tuple[str, ...]:
    noun = " ".join(ref.nouns)
    return lex.reference_nouns.get(noun) or lex.reference_only.get(noun) or lex.people_nouns[noun]


def _headed_by(ref: Reference, name: str) -> bool:
    """Whether a facility's name (lower case) has the reference's own head noun ("the
    factory" and the "February 26 Machine Factory", not the "Songjin steelworks")."""
    words = name.split()
    return all(n in words for n in ref.nouns)


def _may_name(banned: tuple[str, ...], name: str) -> bool:
    """Whether the head of a reference may stand for a facility of that name, lower case
    ("the factory" never stands for a "... Trading Company"; ``banned``: the head's
    ``reference_not_to``)."""
    return not name.endswith(banned)


def resolve_references(
    text: str,
    starts: list[int],
    facilities: list[Facility],
    keys: list[frozenset[str]],
    names: list[Mention],
    references: list[Reference],
    entities: tuple[Entity, ...],
) -> list[Mention]:
    """Reference mentions for the references that point to one facility.

    ``starts``: where the sentences start; ``keys[i]`` holds every key word of facility
    ``i``'s names; ``names`` are its name mentions, in text order.
    """
    lex = lexicon()
    # what each reference compares, read once per document rather than once per reference
    kinds_of = [f.kind for f in facilities]
    lowered = [f.name.lower() for f in facilities]
    last: dict[int, int] = {}
    events = sorted([(m.start, m.facility) for m in names])
    subject = _subject(events)
    out: list[Mention] = []
    pending = 0
    for ref in references:
        while pending < len(events) and events[pending][0] < ref.start:
            pos, fi = events[pending]
            last[fi] = pos
            pending += 1
        kinds = _kinds(ref, lex)
        if ref.products:
            fitting = {i for i, k in enumerate(keys) if ref.products <= k}
        else:
            fitting = {i for i, kind in enumerate(kinds_of) if kind in kinds}
        banned = lex.reference_not_to.get(ref.nouns[-1], ())
        fitting = {i for i in fitting if _may_name(banned, lowered[i])}
        if ref.indefinite or ref.nouns[0] in lex.people_nouns:
            target = _introduced(text, ref, fitting, facilities, events, _sentence_of(starts, ref.start))
            if target is not None:
                out.append(_mention(ref.start, ref.end, target, "reference"))
            continue
        fitting = {i for i in fitting if _headed_by(ref, lowered[i])} or fitting
        target = _choose(fitting, last, ref.start, starts, len(facilities) == 1, subject)
        if target is not None:
            out.append(_mention(ref.start, ref.end, target, "reference"))
            last[target] = ref.start
    out.extend(_possessives(text, starts, names + out, entities))
    return sorted(out, key=_START)


def _sentence_of(starts: list[int], pos: int) -> int:
    """Index of the sentence (of those starting at ``starts``) that holds ``pos``; a plain
    function, not a closure per document (compiled, a closure is a Python-level object)."""
    return max(0, bisect_right(starts, pos) - 1)


LEAD_SENTENCES: Final = 3
"""Headline, dateline sentence and lead: where an article introduces its site unnamed."""


def _introduced(text: str, ref: Reference, fitting: set[int], facilities: list[Facility],
                names: list[tuple[int, int]], sentence: int) -> int | None:
    """The one facility an indefinite description or a people noun stands for.

    "at a northeastern shipyard" in the lead: the only fitting facility, named later. "the
    Kogonwon miners": the fitting facility whose name starts with that place. "arrested five
    vendors": the only fitting facility, in an article that speaks of no others of its kind
    ("markets", "mines")."""
    if ref.place is not None:
        place = ref.place.lower()
        fitting = {i for i in fitting if facilities[i].name.lower().split()[0] == place}
        return fitting.pop() if len(fitting) == 1 else None
    if len(fitting) != 1:
        return None
    target = next(iter(fitting))
    if ref.indefinite:
        first = next((pos for pos, fi in names if fi == target), None)
        return target if sentence < LEAD_SENTENCES and first is not None and ref.start < first else None
    many = "|".join(plural(h.split()[-1]) for h in vocab().facility_kinds[facilities[target].kind])
    return None if re.search(rf"\b(?:{many})\b", text, re.IGNORECASE) else target


def _subject(names: list[tuple[int, int]]) -> int | None:
    """The facility an article is about: the one it names first, when it names it more often
    than any other."""
    if not names:
        return None
    counts: dict[int, int] = {}
    for _, fi in names:
        counts[fi] = counts.get(fi, 0) + 1
    first = names[0][1]
    most = counts.pop(first)
    return first if all(n < most for n in counts.values()) else None


def _choose(
    fitting: set[int],
    last: dict[int, int],
    pos: int,
    starts: list[int],
    alone: bool,
    subject: int | None,
) -> int | None:
    """The facility a reference at ``pos`` points to, among the ``fitting`` ones.

    ``alone``: the document names one facility only, which may then be referred to before
    its name appears. ``subject``: the facility the article is about, which a reference means
    when several fitting ones were named just before.
    """
    if alone and fitting:
        return next(iter(fitting))
    seen = [(last[i], i) for i in fitting if i in last]
    if not seen:
        return None
    seen.sort(reverse=True)
    window = starts[max(0, _sentence_of(starts, pos) - 1)] if starts else 0
    rivals = [i for p, i in seen[1:] if p >= window]
    if not rivals:
        return seen[0][1]
    return subject if subject in fitting and subject in last else None


def _possessives(
    text: str, starts: list[int], mentions: list[Mention], entities: tuple[Entity, ...]
) -> list[Mention]:
    """"its" after the one facility its sentence (or, sentence-initially, the previous one)
    speaks of, with no person or organization named in between (``starts``: where the
    sentences start)."""
    if not mentions or not starts:
        return []
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(bisect_right(starts, m.start) - 1, []).append(m)
    out = []
    for at in _its(text):
        k = bisect_right(starts, at) - 1
        before = [m for m in by_sentence.get(k, ()) if m.end <= at]
        if not before and k > 0 and at - starts[k] < 12:
            before = by_sentence.get(k - 1, [])
        if len({m.facility for m in before}) != 1 or _entity_between(entities, _furthest_end(before), at):
            continue
        out.append(_mention(at, at + 3, before[0].facility, "reference"))
    return out


def _furthest_end(mentions: list[Mention]) -> int:
    """The end of the mention that ends last (a loop: compiled, ``max`` over a generator
    builds a Python-level object)."""
    end = mentions[0].end
    for m in mentions:
        if m.end > end:
            end = m.end
    return end


def _entity_between(entities: tuple[Entity, ...], start: int, end: int) -> bool:
    """Whether a person or organization name starts in ``[start, end)``."""
    for e in entities:
        if start <= e.start < end:
            return True
    return False


def _its(text: str) -> list[int]:
    """Starts of the words "its" and "Its", in order (``str.find``: several times faster
    than a regex that tries each "i")."""
    out = []
    for word in ("its", "Its"):
        at = text.find(word)
        while at >= 0:
            end = at + 3
            if not (at and _is_word(text[at - 1])) and not (end < len(text) and _is_word(text[end])):
                out.append(at)
            at = text.find(word, end)
    out.sort()
    return out


def _is_word(char: str) -> bool:
    """A character of the regex class ``\\w``."""
    return char.isalnum() or char == "_"
