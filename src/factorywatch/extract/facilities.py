"""The ``facilities`` component: named facilities, their aliases and later references.

From the name runs of ``facility_names`` it keeps the names (a proper word or a number
before a head noun, singular; each of the names sharing a plural head: "Unryul and Jaeryong
mines"), drops sites outside North Korea, organizations and lower-case headline phrases
("Magnesite mine in Tanchon misses plan"), then joins the names that denote one facility
within the document:

* the same key (spelling, synonyms, word order: "Wonsan Shoes Factory" / "Wonsan Shoe
  Factory", "Pyongyang 326 Electric Wire Factory" / "Pyongyang Electric Cable Factory 326");
* an alias given in brackets or by a cue ("Taedong River Battery Factory (No. 245
  Factory)", "..., known as the March 30 Factory", "renamed the project “...”");
* a short form made of the place alone ("the Hungnam factory", "Kaesong zone") when one
  facility only starts with that place.

Each facility takes the fullest, most standard of its names (see ``_standardness``) and an
id from ``facility_id``. Later references ("the factory", "its") follow (``references``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from operator import attrgetter
from typing import Final

from factorywatch.extract.facility_keys import key_words, name_key
from factorywatch.extract.facility_lexicon import MONTHS, is_generic, lexicon
from factorywatch.extract.facility_names import NameMatch, coordinated, find_names
from factorywatch.extract.pipeline import component, evolve
from factorywatch.extract.references import find_references, resolve_references, run_start
from factorywatch.extract.wordscan import scan
from factorywatch.gazetteer import word_trie
from factorywatch.model import Analysis, Entity, Facility, Mention, Sentence, builder
from factorywatch.once import Once
from factorywatch.resolve.names import slugify

_facility: Final = builder(Facility)
_mention: Final = builder(Mention)

_INDUSTRIAL: Final = frozenset({"factory", "complex", "enterprise"})
_CODE_WORD: Final = re.compile(r"No\.|\d+(?:\.\d+)*")
_BRACKET_CODE: Final = re.compile(r"[ \t]*\([ \t]*(No\.[ \t]?\d+|[A-Z]{2,6})[ \t]*\)")
_BRACKET_OPEN: Final = re.compile(r"[ \t]*\([ \t]*(?:the[ \t]+)?")
_BRACKET_CLOSE: Final = re.compile(r"[ \t]*\)")
_START: Final = attrgetter("start")
_SPAN: Final = attrgetter("start", "end")
"""Sort keys of names and mentions (a lambda costs a Python-level call per item)."""


def facility_id(name: str) -> str:
    """Id of a facility: a lower-case slug of its standard name ("wonsan-shoe-factory").

    One small function so that a stronger canonical key (cross-document resolution) can
    replace it.
    """
    return slugify(name)


class FacilitiesFound:
    """The facilities of a text and their mentions (a plain class, not a frozen dataclass:
    compiled, a native class, far cheaper to build, and every document builds one)."""

    facilities: tuple[Facility, ...]
    mentions: tuple[Mention, ...]

    def __init__(self, facilities: tuple[Facility, ...], mentions: tuple[Mention, ...]) -> None:
        self.facilities = facilities
        self.mentions = mentions


def _foreign_patterns() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    """Patterns of a foreign place after and before a name, and how many runs of words the
    one before spans at most (the place's words and "the")."""
    return _FOREIGN.get()


def _build_foreign_patterns() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    foreign = lexicon().foreign
    places = word_trie(foreign)
    after = re.compile(
        rf"[ \t]*,?[ \t]*(?:(?:which|that)[ \t]+(?:is|was)[ \t]+)?(?:(?:located|based|situated)[ \t]+)?"
        rf"(?:in|of|at|near|outside|across the border in)[ \t]+(?:the[ \t]+)?"
        rf"(?:[A-Z][\w'\u2019-]*[ \t]+){{0,2}}(?:{places})\b",
        re.IGNORECASE,
    )
    before = re.compile(
        rf"\b(?:{places})(?:['\u2019]s)?(?:-owned|-run|-based|-funded)?[ \t]+(?:the[ \t]+)?$", re.IGNORECASE
    )
    return after, before, max(len(p.split()) for p in foreign) + 1


_FOREIGN: Final = Once(_build_foreign_patterns)


def _outside_dprk(text: str, name: NameMatch) -> bool:
    """A site said to be abroad: "the ... Factory in Dandong", "a Chinese ... Factory"."""
    if name.foreign:
        return True
    after, before, runs = _foreign_patterns()
    if _may_follow(text, name.end) and after.match(text, name.end):
        return True
    # the pattern ends at the name: it can start no further back than its runs of words
    return before.search(text, run_start(text, name.start, runs, max(0, name.start - 40)), name.start) is not None


_AFTER_INITIALS: Final = "abilnostwABILNOSTW"
"""First letters of the words that may start the foreign-place pattern after a name
("which", "that", "located", "based", "situated", "in", "of", "at", "near", "outside",
"across"); in ASCII, ignoring case, no other letter matches them."""


def _may_follow(text: str, at: int) -> bool:
    """Whether the foreign-place pattern after a name may match at ``at``: after spaces and
    a comma, one of its first letters (or a character outside ASCII) must come."""
    n = len(text)
    while at < n and text[at] in " \t":
        at += 1
    if at < n and text[at] == ",":
        at += 1
    while at < n and text[at] in " \t":
        at += 1
    return at < n and (not text[at].isascii() or text[at] in _AFTER_INITIALS)


def _headline_phrase(text: str, name: NameMatch) -> bool:
    """A lower-case head in the headline ("Magnesite mine in Tanchon misses plan", "Wonsan
    market reopens"): a description in sentence case, no name; a capitalised one still is."""
    if name.capital:
        return False
    end = text.find("\n", name.end)
    return 0 <= end and text.find("\n", 0, name.start) < 0 and not text[:end].rstrip().endswith((".", "!", "?"))


def _is_code_word(word: str) -> bool:
    """``_CODE_WORD.fullmatch(word)``, tried only on a word that starts as it must (a
    decimal digit, what ``\\d`` matches, or "No."): most words are spared the regex call."""
    return (word[:1].isdecimal() or word.startswith("No.")) and _CODE_WORD.fullmatch(word) is not None


def _is_short(name: NameMatch) -> bool:
    """A place-only name ("Hungnam factory", "Kaesong zone"): a short form of a longer one."""
    for w in name.modifiers:
        if is_generic(w) or _is_code_word(w) or w.lower() in MONTHS:
            return False
    return True


def _is_code(name: NameMatch) -> bool:
    """A number name ("No. 245 Factory", "March 30 Factory"), the code of a facility."""
    for w in name.modifiers:
        if not _is_code_word(w) and w.lower() not in MONTHS:
            return False
    return True


def _covered(name: NameMatch, entities: tuple[Entity, ...]) -> bool:
    """An organization's name, or a person's name before a lower-case head ("Kim Jong Un
    factory visit"): no facility."""
    for e in entities:
        if e.start <= name.start and name.end <= e.end:
            return True
        if e.label == "person" and not name.capital and e.start <= name.start and e.end >= name.head_start - 1:
            return True
        if e.label == "organization" and e.start <= name.start < e.end:
            return True
    return False


class _Groups:
    """Union-find over name indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def members(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return out


def _family(kind: str) -> str:
    return "industrial" if kind in _INDUSTRIAL else kind


@cache
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()

    def alternation(cues: tuple[str, ...]) -> str:
        return "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)

    between = re.compile(
        rf"(?:\s*[,(]?\s*(?:which\s+(?:is|was)\s+|(?:is|was)\s+)?(?:{alternation(lex.alias_cues)})"
        rf"|\s*[,(]\s*(?:{alternation(lex.weak_alias_cues)}))"
        rf"\s+(?:as\s+)?(?:the\s+)?[\"\u201c\u2018']?\s*$",
        re.IGNORECASE,
    )
    renamed = re.compile(
        r"\brenamed\s+(?:(?:the|this|that|its)\s+[a-z]+(?:\s+[a-z]+)?\s+|it\s+)?(?:as\s+)?(?:the\s+)?[\"\u201c\u2018']?\s*$"
    )
    return between, renamed


def _alias_links(text: str, names: list[NameMatch], sentence_starts: list[int]) -> list[tuple[int, int]]:
    """Pairs of names that the text gives as one facility's names: a name in brackets after
    another, a cue between two ("known as"), or a name given by "renamed" to the facility
    named last before, within two sentences."""
    between, renamed = _cue_patterns()
    cue_in_text = "renamed" in text  # the word the "renamed" pattern needs
    links = []
    for j in range(1, len(names)):
        a, b = names[j - 1], names[j]
        bracketed = _BRACKET_OPEN.fullmatch(text, a.end, b.start) and _BRACKET_CLOSE.match(text, b.end)
        if bracketed or (b.start - a.end < 60 and between.match(text, a.end, b.start)):
            links.append((j - 1, j))
        elif cue_in_text and renamed.search(text, max(0, b.start - 60), b.start):
            cue = text.rfind("renamed", 0, b.start)
            earlier = [i for i in range(j) if names[i].end <= cue]
            if earlier:
                sentences_apart = bisect_right(sentence_starts, cue) - bisect_right(
                    sentence_starts, names[earlier[-1]].start
                )
                if sentences_apart <= 2:
                    links.append((earlier[-1], j))
    return links


def _standardness(name: NameMatch, surface_count: int) -> tuple:
    """Sort key of the names of one facility: the standard name sorts last.

    A proper name beats a number code ("No. 245 Factory") and a place-only short form;
    standard words ("Appliances", "Shoe", "Cable") and McCune-Reischauer spellings
    ("Taedonggang", "Hungnam") beat their variants; then the more frequent, then the first.
    """
    lex = lexicon()
    spelling = 0
    for w in name.modifiers:
        low = w.lower()
        std = lex.standard.get(low)
        if std is not None:
            spelling += 1 if std == low else -1
        if not is_generic(w) and ("eo" in low or "eu" in low):
            spelling -= 1
        if low == "river" or ("." in w and _CODE_WORD.fullmatch(w)):
            spelling -= 1  # "Taedong River" for Taedonggang, "2.8" for February 8
    return (not _is_code(name), name.capital, not _is_short(name), spelling, surface_count, -name.start)


def _most_standard(names: list[NameMatch], idx: list[int], spelling: dict[int, str]) -> int:
    """The index of the standard name among the names ``idx`` of one facility."""
    counts: dict[str, int] = {}
    for v in spelling.values():
        counts[v.lower()] = counts.get(v.lower(), 0) + 1
    best = idx[0]
    best_key = _standardness(names[best], counts[spelling[best].lower()])
    for i in idx[1:]:  # the first of the highest keys, as max() finds it, without a lambda
        key = _standardness(names[i], counts[spelling[i].lower()])
        if key > best_key:
            best, best_key = i, key
    return best


def find_facilities(text: str, sentences: tuple[Sentence, ...], entities: tuple[Entity, ...],
                    heads: Iterable[tuple[int, str]] | None = None) -> FacilitiesFound:
    """Facilities and their mentions (names and references) in ``text`` (``heads``: see
    ``find_names``)."""
    if heads is not None and not heads:
        return FacilitiesFound((), ())  # no head noun, no facility
    runs = find_names(text, entities, heads)
    names = [
        n
        for n in runs
        if n.proper
        and not n.plural
        and not _outside_dprk(text, n)
        and not _covered(n, entities)
        and not _headline_phrase(text, n)
    ]
    groups = coordinated(text, runs)
    for group in groups:
        if not any(_outside_dprk(text, n) or _covered(n, entities) for n in group):
            names.extend(group)
    if groups:  # ``runs`` are in text order, and so are the names kept from them
        names.sort(key=_START)
    if not names:
        return FacilitiesFound((), ())  # no name: nothing to refer to either ("the factories")
    keys = [name_key(n.modifiers) for n in names]
    facilities: list[Facility] = []
    fac_keys: list[frozenset[str]] = []
    mentions: list[Mention] = []
    starts = [s.start for s in sentences]
    for fi, idx in enumerate(_group(text, names, keys, starts)):
        spelling = {i: names[i].spelled or " ".join(text[names[i].start : names[i].end].split()) for i in idx}
        best = idx[0] if len(idx) == 1 else _most_standard(names, idx, spelling)
        name = spelling[best]
        facilities.append(_facility(id=facility_id(name), name=name, kind=names[best].kind, named=True))
        words: set[str] = set()
        for i in idx:
            words |= keys[i]
        fac_keys.append(frozenset(words))
        for i in idx:
            mentions.append(_mention(names[i].start, names[i].end, fi, "name"))
            code = _bracketed_code(text, names[i])
            if code is not None:
                mentions.append(_mention(code[0], code[1], fi, "name"))
    mentions.extend(_generic_names(runs, facilities, fac_keys, entities))
    mentions.sort(key=_START)
    references = find_references(text, [n for n in runs if not n.modifiers], {f.kind for f in facilities})
    mentions.extend(resolve_references(text, starts, facilities, fac_keys, mentions, references, entities))
    mentions.sort(key=_SPAN)
    return FacilitiesFound(tuple(facilities), tuple(mentions))


def _group(
    text: str, names: list[NameMatch], keys: list[frozenset[str]], sentence_starts: list[int]
) -> list[list[int]]:
    """Indices of ``names`` grouped by facility, in order of first mention."""
    groups = _Groups(len(names))
    seen: dict[tuple[frozenset[str], str], int] = {}
    for i in range(len(names)):  # indices: compiled, zip(..., strict=True) is a Python-level call
        groups.union(seen.setdefault((keys[i], _family(names[i].kind)), i), i)
    for i, j in _alias_links(text, names, sentence_starts):
        groups.union(i, j)
    full = [key_words(n.modifiers) for n in names]
    short = [_is_short(n) for n in names]
    _join_short_forms(names, full, short, groups)
    members = groups.members()
    # ``members`` lists the groups by their first index, and ``names`` are in text order: the
    # groups are already in order of first mention
    return [idx for idx in members.values() if not _ambiguous_short(names, full, short, idx, members)]


def _bracketed_code(text: str, name: NameMatch) -> tuple[int, int] | None:
    """A number or acronym in brackets after a name: "Chongjin Munitions Factory (No. 129)",
    "Kaesong Industrial Complex (KIC)"."""
    at = name.end
    while at < len(text) and text[at] in " \t":
        at += 1
    if not text.startswith("(", at):
        return None  # what most names are followed by: no bracket, no match to try
    m = _BRACKET_CODE.match(text, name.end)
    if m is None:
        return None
    code = m.group(1)
    if code.startswith("No"):
        return m.span(1)
    initials = "".join(w[0] for w in name.words if w[0].isupper())
    return m.span(1) if len(code) >= 2 and initials.endswith(code) else None


def _generic_names(
    runs: list[NameMatch], facilities: list[Facility], keys: list[frozenset[str]], entities: tuple[Entity, ...]
) -> list[Mention]:
    """Capitalised names made of product words only ("the Medical Appliances Factory") name
    the one facility of the document whose name has those words."""
    out = []
    for n in runs:
        if n.proper or n.plural or not n.capital or not n.modifiers or _covered(n, entities):
            continue
        words = name_key(n.modifiers)
        head = n.head[-1].lower()
        fitting = [
            i
            for i, k in enumerate(keys)
            if words <= k and facilities[i].kind == n.kind and head in facilities[i].name.lower().split()
        ]
        if len(fitting) == 1:
            out.append(_mention(n.start, n.end, fitting[0], "name"))
    return out


def _join_short_forms(
    names: list[NameMatch], full: list[tuple[str, ...]], short: list[bool], groups: _Groups
) -> None:
    """Join each place-only short form to the one facility whose name starts with that place
    and whose kind its head may name ("Komdok Mine" -> "Komdok Mining Complex", never
    "Tanchon Smelter" -> "Tanchon Magnesia Factory"). ``full``: each name's ``key_words``;
    ``short``: whether it is a short form."""
    refers_to = lexicon().reference_nouns
    for i, n in enumerate(names):
        if not short[i]:
            continue
        kinds = refers_to.get(" ".join(n.head).lower(), (n.kind,))
        targets = {
            groups.find(j)
            for j, m in enumerate(names)
            if full[j][: len(full[i])] == full[i] and m.kind in kinds and _names_more(full[j][len(full[i]) :])
        }
        if len(targets) == 1:
            groups.union(i, targets.pop())


def _names_more(extra: tuple[str, ...]) -> bool:
    """Whether the words a longer name adds to a short form say what the site is; a number
    alone names another unit ("Sokjon Power Station" is not "Sokjon Power Station No. 2")."""
    for w in extra:  # a loop: compiled, any() over a generator builds a Python-level object
        if not w[0].isdigit():
            return True
    return False


def _ambiguous_short(
    names: list[NameMatch], full: list[tuple[str, ...]], short: list[bool], idx: list[int],
    members: dict[int, list[int]],
) -> bool:
    """A lower-case short form left alone although longer names of a kind its head may name
    start with its place ("the Pyongyang factory" among five Pyongyang factories): no
    facility of its own ("the Songrim market" beside the Songrim Foodstuff Factory is one)."""
    for i in idx:  # a loop, not all() over a generator (compiled, a Python-level object)
        if not short[i] or names[i].capital:
            return False
    first = names[idx[0]]
    place = full[idx[0]]
    kinds = lexicon().reference_nouns.get(" ".join(first.head).lower(), (first.kind,))
    return any(
        full[j][: len(place)] == place
        and len(full[j]) > len(place)
        and names[j].kind in kinds
        for other in members.values()
        if other is not idx
        for j in other
    )


@component("facilities", reads=("text", "sentences", "entities"), writes=("facilities", "mentions"))
def facilities(analysis: Analysis) -> Analysis:
    text = analysis.text
    found = find_facilities(text, analysis.sentences, analysis.entities, scan(text).heads)
    return evolve(analysis, facilities=found.facilities, mentions=found.mentions)
