"""Organizations and people named in a text.

They matter twice: claims are attributed to them (the leader, the Party, KCNA, a source),
and an organization must never be taken for a facility (annotation.md: the Cabinet, the
National Quality Monitoring Committee, Rodong Sinmun are organizations). Everything is
data-driven (``data/lexicon/organizations.yaml``), and one Aho-Corasick pass (STACK.md:
never a regex alternation of many literals) finds every trigger:

* known organizations and people ("KCNA", "Kim Jong Un", even glued to a word as KCNA's
  text sometimes has it: "SecretaryKim Jong Unsent");
* organization head words, with the capitalised words before them ("Kyonghung Trade
  Bureau", "North Hwanghae Provincial Committee"), and openers with the words after them
  ("Ministry of Electric Power Industry");
* titles with the name after them ("Premier Pak Pong Ju", "President Donald Trump");
* "a woman surnamed Oh" (and every later "Oh").

Korean names without a title come from one regex over capitalised word triples, tried where
the same pass found a surname: a surname and a two-part given name that reads as Korean
("Jon Hyon Chol", "Oh Hyun-jong").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from factorywatch.extract.entity_lexicon import COPIED, SEP, SURNAME, EntityLexicon, lexicon, word_copy
from factorywatch.extract.facility_lexicon import UPPER, is_generic, looks_korean
from factorywatch.extract.pipeline import component, evolve
from factorywatch.extract.wordscan import scan
from factorywatch.model import Analysis, Entity, builder

ORGANIZATION: Final = "organization"
PERSON: Final = "person"

_CAP: Final = rf"[{UPPER}][\w'\u2019&-]*"
_WORD_CHARS: Final = "_'\u2019-"
_COPIED: Final = frozenset(COPIED)
_POSSESSIVE_ENDS: Final = ("'s", "\u2019s", "'", "\u2019")
# where a word of a name ends in a possessive ("Security’s", "Workers'")
_POSSESSIVE_AT_WORD_END: Final = re.compile(r"['\u2019]s?(?!\S)")
_CANONICAL_PART: Final = re.compile(r"-([a-z])")
_TOKEN: Final = re.compile(r"\S+")
# what the words before an organization head are read with (``_name_start_before``)
_SPACES: Final = " \t\u00a0"  # SEP's
_JOINERS: Final = "_'\u2019&-"  # characters of a word besides letters and digits
_NOT_BEFORE_CAPITAL: Final = "_'\u2019.-"  # nor letters and digits: a word starts at no capital after one
_ASCII_CAPITALS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CAPITALS: Final = frozenset(c for c in map(chr, range(256)) if re.fullmatch(f"[{UPPER}]", c))
# capitalised words after an opener; never "the ..." ("Ministry of the Democratic People's
# Republic ...": of a country)
_CAPS_AFTER: Final = re.compile(rf"{SEP}{_CAP}(?:{SEP}(?:and{SEP})?{_CAP}){{0,5}}")
_NAME_AFTER: Final = re.compile(rf"{SEP}({_CAP}(?:{SEP}{_CAP}){{0,2}})")
_NEXT_WORD: Final = re.compile(rf"{SEP}(\w+)")
_SURNAMED_NAME: Final = re.compile(rf"{SEP}([A-Z][a-z]+)\b")
# A capitalised word followed by two more (or one hyphenated): a possible Korean name. The
# rest is a lookahead so that triples may overlap ("Then Pak Pong Ju").
_KOREAN_NAME: Final = re.compile(
    rf"[{UPPER}](?<![\w'\u2019-][{UPPER}])(?=(?P<rest>[a-z]{{0,4}}{SEP}[A-Z][a-z\u014f\u016d]+"
    rf"(?:{SEP}[A-Z][a-z\u014f\u016d]+|-[A-Za-z][a-z\u014f\u016d]+)(?![\w'\u2019-])))"
)

# ranks: which candidate wins an overlap
_KNOWN: Final = 3
_ORG: Final = 2
_KOREAN: Final = 1
_TITLED: Final = 0


_entity: Final = builder(Entity)


@lru_cache(maxsize=4096)
def _canonical_person(name: str) -> str:
    """"Kim Jong-un" -> "Kim Jong Un": one spelling of a Korean name's parts."""
    return " ".join(_CANONICAL_PART.sub(lambda m: " " + m.group(1).upper(), name).split())


Candidate = tuple[int, int, str, str, int]
"""start, end, label, name, rank"""


def _name_start_before(text: str, start: int, lex: EntityLexicon) -> int:
    """Where the name of an organization whose head word starts at ``start`` begins: at the
    farthest of the capitalised words just before it, up to six, within 120 characters, each
    followed by spaces (never a line break), that are no ``lex.not_before_head`` word and no
    possessive (``start`` itself: none). A word is letters, digits and ``_JOINERS``, read
    from its first capital that follows no letter, digit or ``_NOT_BEFORE_CAPITAL``
    ("Kyonghung", "Bureau", "&Co" in "R&Co"; none in "Ri's" or "U.N"). A backward scan of the
    characters, where a regex would need a reversed copy; it stops at the first word that
    does not belong."""
    lowest = max(0, start - 120)
    at = start
    for _ in range(6):
        end = at
        while end > lowest and text[end - 1] in _SPACES:
            end -= 1
        if end == at:
            break  # no space before it
        run = end  # the word's characters before the spaces
        while run > lowest and (text[run - 1].isalnum() or text[run - 1] in _JOINERS):
            run -= 1
        word_start = run
        while word_start < end:
            if text[word_start] in _CAPITALS:
                before = text[word_start - 1] if word_start > lowest else " "
                if not (before.isalnum() or before in _NOT_BEFORE_CAPITAL):
                    break
            word_start += 1
        if word_start == end:
            break  # no capital that starts a word
        word = text[word_start:end]
        if word in lex.not_before_head or word.endswith(_POSSESSIVE_ENDS):
            break
        at = word_start
    return at


def _organization_at_head(text: str, start: int, end: int, lex: EntityLexicon) -> Candidate | None:
    """The organization whose head word is ``text[start:end]`` ("... Trade Bureau")."""
    follow = _NEXT_WORD.match(text, end)
    if follow is not None and follow.group(1) in lex.not_after_head:
        return None  # "... Passenger Service Enterprise" is a facility, "Department Store" a shop
    first = _name_start_before(text, start, lex)
    if first == start and text[max(0, start - 4) : start] not in ("the ", "The "):
        return None  # a bare head word counts only as "the Party", "the Ministry"
    return first, end, ORGANIZATION, " ".join(text[first:end].split()), _ORG


def _organization_after_opener(text: str, start: int, end: int, lex: EntityLexicon) -> Candidate | None:
    """The organization an opener begins ("Ministry of Electric Power Industry"), never one
    that names a facility ("Committee of the Namdok Youth Coal Mine")."""
    m = _CAPS_AFTER.match(text, end)
    if m is None or not lex.facility_heads.isdisjoint(m.group().split()):
        return None
    stop = m.end()
    possessive = _POSSESSIVE_AT_WORD_END.search(text, end, stop)
    if possessive is not None:  # "Ministry of Social Security’s investigation bureau"
        stop = possessive.start()
    return start, stop, ORGANIZATION, " ".join(text[start:stop].split()), _ORG


def _person_after_title(text: str, end: int, lex: EntityLexicon) -> Candidate | None:
    """The name after a title ("President Donald Trump")."""
    m = _NAME_AFTER.match(text, end)
    if m is None:
        return None
    keep: list[re.Match[str]] = []
    for w in _TOKEN.finditer(text, m.start(1), m.end(1)):
        word = w.group()
        if word in lex.not_in_name:
            return None  # "General Foodstuff Factory", "Secretary ... Committee"
        if word in lex.name_stops or is_generic(word) or not word.isalpha():
            break
        keep.append(w)
    if not keep or (len(keep) == 1 and not looks_korean(keep[0].group())):
        return None  # "General Staff"; a lone name must read as a Korean one ("Director Kim")
    start, stop = keep[0].start(), keep[-1].end()
    return start, stop, PERSON, " ".join(text[start:stop].split()), _TITLED


def _surnamed(text: str, start: int, end: int, lex: EntityLexicon) -> list[Candidate]:
    """"a woman surnamed Oh", and every later "Oh"."""
    before = lex.surnamed_before.search(text, max(0, start - 40), start)
    m = _SURNAMED_NAME.match(text, end)
    if before is None or m is None:
        return []
    name = m.group(1)
    out = [(before.start(), m.end(), PERSON, name, _KNOWN)]
    for later in re.finditer(rf"\b{re.escape(name)}\b", text[m.end() :]):
        out.append((m.end() + later.start(), m.end() + later.end(), PERSON, name, _ORG))
    return out


def _hits(text: str, lex: EntityLexicon) -> list[tuple[int, tuple[tuple[str | None, str], ...]]]:
    """The automaton's hits over ``word_copy(text)``, in order of their ends: from the pass
    the whole-word lexicons share (``wordscan``: a superset of them, which ``_triggered``
    sifts), or from a pass of the lexicon's own where that one cannot serve."""
    shared = scan(text).entities
    return shared if shared is not None else list(lex.automaton.iter(word_copy(text)))


def _capital_after_spaces(text: str, at: int) -> bool:
    """Whether ``text[at:]`` is ``_SPACES`` and then an ASCII capital."""
    size = len(text)
    while at < size and text[at] in _SPACES:
        at += 1
    return at < size and text[at] in _ASCII_CAPITALS


def _triggered(text: str, lex: EntityLexicon) -> tuple[list[Candidate], list[int]]:
    """The candidates the automaton's triggers give, and the offsets where a capitalised
    surname stands with spaces and a capital after it: where ``_KOREAN_NAME`` may match,
    which needs both (a regex call costs more than the look).

    A hit counts only where the text has the name as written: a surname as a word of its
    own, with a character after it (``word_copy`` has no space at the end); any other name
    as a whole (which means its key's hit on ``word_copy`` too, a surname's need not)."""
    out: list[Candidate] = []
    patterns: list[tuple[int, int, str]] = []
    surnames: list[int] = []
    size = len(text)
    end: int  # typed, so that compiled code reads them natively
    names: tuple[tuple[str | None, str], ...]
    for end, names in _hits(text, lex):  # in order of their ends
        for kind, name in names:
            start = end - len(name)
            if kind is SURNAME:  # its key holds the spaces around it: it starts at start - 1
                if (
                    text.startswith(name, start - 1)
                    and end <= size
                    and text[end - 1] in _SPACES
                    and (start == 1 or text[start - 2] not in _COPIED)
                    and text[start - 1].isupper()
                    and _capital_after_spaces(text, end)
                ):
                    surnames.append(start - 1)
            elif not text.startswith(name, start):
                continue  # the copy matched, the text does not
            elif kind == "person":  # leaders are matched even when glued to a word
                if not (start > 0 and text[start - 1].isupper()):
                    out.append((start, end, PERSON, _canonical_person(name), _KNOWN))
            elif (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in _WORD_CHARS)) and (
                end == size or not (text[end].isalnum() or text[end] in _WORD_CHARS)
            ):
                if kind == "organization":
                    out.append((start, end, ORGANIZATION, name, _KNOWN))
                else:
                    patterns.append((start, end, kind))
    # Known names and patterns both come in the order of their ends: the known names that end
    # at or after a pattern are out[j:], and it lies inside one if the least of their starts
    # is at or before its own.
    least_start = [0] * len(out)
    least = len(text)
    for i in range(len(out) - 1, -1, -1):
        least = min(least, out[i][0])
        least_start[i] = least
    j, known = 0, len(out)
    for start, end, kind in patterns:
        while j < known and out[j][1] < end:
            j += 1
        if j < known and least_start[j] <= start:
            continue  # inside a known name, which wins any overlap ("Party" in "Workers' Party of Korea")
        found: Candidate | list[Candidate] | None
        if kind == "org_head":
            found = _organization_at_head(text, start, end, lex)
        elif kind == "opener":
            found = _organization_after_opener(text, start, end, lex)
        elif kind == "title":
            found = _person_after_title(text, end, lex)
        else:
            found = _surnamed(text, start, end, lex)
        if isinstance(found, list):
            out.extend(found)
        elif found is not None:
            out.append(found)
    return out, surnames


def _korean_names(text: str, surnames: list[int], lex: EntityLexicon) -> list[Candidate]:
    """Surname + two-part given name that reads as Korean ("Jon Hyon Chol", "Oh Hyun-jong"),
    tried where a surname starts."""
    out: list[Candidate] = []
    for at in sorted(set(surnames)):
        m = _KOREAN_NAME.match(text, at)
        if m is None:
            continue
        end = m.end("rest")
        name = text[at:end]
        surname, first, second = name.replace("-", " ").split()  # what the regex lets through
        if (
            surname in lex.surnames
            and len(first) <= 8
            and len(second) <= 8
            and not is_generic(first)
            and not is_generic(second)
            and looks_korean(first)
            and looks_korean(second)
        ):
            out.append((at, end, PERSON, _canonical_person(" ".join(name.split())), _KOREAN))
    return out


def find_entities(text: str) -> tuple[Entity, ...]:
    """Organizations and people in ``text``: non-overlapping, in text order.

    Where candidates overlap, the one of higher rank (known name > organization pattern >
    Korean name > titled name) wins, then the longer one.
    """
    lex = lexicon()
    found, surnames = _triggered(text, lex)
    found += _korean_names(text, surnames, lex)
    # Candidates in the order of their spans fall into groups of spans that overlap (a chain of
    # them): which one wins is a question within a group only, and most are of one candidate.
    kept: list[Candidate] = []
    group: list[Candidate] = []
    reach = 0
    for c in sorted(found):
        if c[1] <= c[0]:
            continue
        if c[0] < reach:
            group.append(c)
        else:
            kept += group if len(group) == 1 else _winners(group, found)
            group = [c]
        reach = max(reach, c[1])
    kept += group if len(group) == 1 else _winners(group, found)
    return tuple([_entity(start, end, name, label) for start, end, label, name, _ in kept])


def _winners(group: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """The candidates of a group that win, in the order of their spans: by rank, then length,
    then position, then the order they were found in (a tuple of those sorts as a key would,
    without a key function to call; equal keys are equal candidates)."""
    ranked = sorted([(-c[4], c[0] - c[1], c[0], found.index(c), c) for c in group])
    won: list[Candidate] = []
    for _, _, _, _, c in ranked:
        free = True
        for w in won:
            if c[1] > w[0] and w[1] > c[0]:
                free = False
                break
        if free:
            won.append(c)
    won.sort()
    return won


@component("entities", reads=("text", "sentences"), writes=("entities",))
def entities(analysis: Analysis) -> Analysis:
    return evolve(analysis, entities=find_entities(analysis.text))
