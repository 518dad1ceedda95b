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
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from factorywatch.extract.entity_lexicon import SEP, SURNAME, EntityLexicon, lexicon, word_copy
from factorywatch.extract.facility_lexicon import UPPER, is_generic, looks_korean
from factorywatch.extract.facility_lexicon import lexicon as facility_lexicon
from factorywatch.extract.pipeline import component, evolve
from factorywatch.model import Analysis, Entity

ORGANIZATION = "organization"
PERSON = "person"

_CAP = rf"[{UPPER}][\w'\u2019&-]*"
_WORD_CHARS = "_'\u2019-"
_POSSESSIVE_END = re.compile(r"(?:['\u2019]s|['\u2019])$")
_CANONICAL_PART = re.compile(r"-([a-z])")
_TOKEN = re.compile(r"\S+")
# capitalised words before an organization head, read on the reversed text
_CAPS_BEFORE = re.compile(rf"(?:{SEP}[\w'\u2019&-]*[{UPPER}](?![\w'\u2019.-])){{0,6}}")
_CAPS_AFTER = re.compile(rf"{SEP}(?:the{SEP})?{_CAP}(?:{SEP}(?:and{SEP})?{_CAP}){{0,5}}")
_NAME_AFTER = re.compile(rf"{SEP}({_CAP}(?:{SEP}{_CAP}){{0,2}})")
_NEXT_WORD = re.compile(rf"{SEP}(\w+)")
_SURNAMED_NAME = re.compile(rf"{SEP}([A-Z][a-z]+)\b")
# A capitalised word followed by two more (or one hyphenated): a possible Korean name. The
# rest is a lookahead so that triples may overlap ("Then Pak Pong Ju").
_KOREAN_NAME = re.compile(
    rf"[{UPPER}](?<![\w'\u2019-][{UPPER}])(?=(?P<rest>[a-z]{{0,4}}{SEP}[A-Z][a-z\u014f\u016d]+"
    rf"(?:{SEP}[A-Z][a-z\u014f\u016d]+|-[A-Za-z][a-z\u014f\u016d]+)(?![\w'\u2019-])))"
)

# ranks: which candidate wins an overlap
_KNOWN, _ORG, _KOREAN, _TITLED = 3, 2, 1, 0


@lru_cache(maxsize=4096)
def _canonical_person(name: str) -> str:
    """"Kim Jong-un" -> "Kim Jong Un": one spelling of a Korean name's parts."""
    return " ".join(_CANONICAL_PART.sub(lambda m: " " + m.group(1).upper(), name).split())


Candidate = tuple[int, int, str, str, int]
"""start, end, label, name, rank"""


def _organization_at_head(text: str, start: int, end: int, lex: EntityLexicon) -> Candidate | None:
    """The organization whose head word is ``text[start:end]`` ("... Trade Bureau")."""
    follow = _NEXT_WORD.match(text, end)
    if follow and (follow.group(1) in lex.facility_heads or follow.group(1) in lex.not_after_head):
        return None  # "... Passenger Service Enterprise" is a facility, "Department Store" a shop
    window = text[max(0, start - 120) : start][::-1]
    found = _CAPS_BEFORE.match(window)  # always matches, maybe empty
    run = found.end() if found else 0
    words = [(t.start(), t.group()) for t in _TOKEN.finditer(text, start - run, start)]
    fac = facility_lexicon()
    first = start
    for pos, w in reversed(words):
        if w in fac.stop_words or w in lex.facility_heads or w in lex.titles or _POSSESSIVE_END.search(w):
            break
        first = pos
    if first == start and text[max(0, start - 4) : start] not in ("the ", "The "):
        return None  # a bare head word counts only as "the Party", "the Ministry"
    return first, end, ORGANIZATION, " ".join(text[first:end].split()), _ORG


def _organization_after_opener(text: str, start: int, end: int, lex: EntityLexicon) -> Candidate | None:
    """The organization an opener begins ("Ministry of Electric Power Industry"), never one
    that names a facility ("Committee of the Namdok Youth Coal Mine")."""
    m = _CAPS_AFTER.match(text, end)
    if m is None or m.group().split()[0] == "the":
        return None  # "Ministry of the Democratic People's Republic ...": of a country
    if any(t.group() in lex.facility_heads for t in _TOKEN.finditer(text, end, m.end())):
        return None
    stop = m.end()
    possessive = next((t for t in _TOKEN.finditer(text, end, stop) if _POSSESSIVE_END.search(t.group())), None)
    if possessive is not None:  # "Ministry of Social Security’s investigation bureau"
        stop = possessive.start() + len(_POSSESSIVE_END.sub("", possessive.group()))
    return start, stop, ORGANIZATION, " ".join(text[start:stop].split()), _ORG


def _person_after_title(text: str, end: int, lex: EntityLexicon) -> Candidate | None:
    """The name after a title ("President Donald Trump")."""
    m = _NAME_AFTER.match(text, end)
    if m is None:
        return None
    fac = facility_lexicon()
    keep: list[re.Match[str]] = []
    for w in _TOKEN.finditer(text, m.start(1), m.end(1)):
        word = w.group()
        if word in lex.facility_heads or word in lex.org_heads:
            return None  # "General Foodstuff Factory", "Secretary ... Committee"
        if word in fac.stop_words or word in lex.titles or is_generic(word) or not word.isalpha():
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


class _Cover:
    """Whether a span lies inside one of a set of spans, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max))
        """Furthest end of the spans that start at or before each start."""

    def __call__(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end


def _triggered(text: str, lex: EntityLexicon) -> tuple[list[Candidate], list[int]]:
    """The candidates the automaton's triggers give, and the offsets where a capitalised
    surname and a space stand (one pass over the text's copy)."""
    out: list[Candidate] = []
    patterns: list[tuple[int, int, str]] = []
    surnames: list[int] = []
    size = len(text)
    for end, names in lex.automaton.iter(word_copy(text)):  # in order of their ends
        for kind, name in names:
            start = end - len(name)
            if kind is SURNAME:
                if text[start - 1].isupper():  # the key holds the space after it
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
    inside = _Cover([(c[0], c[1]) for c in out]) if out and patterns else None
    for start, end, kind in patterns:
        if inside is not None and inside(start, end):
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
        name = text[m.start() : end]
        surname, *given = name.replace("-", " ").split()
        if surname in lex.surnames and all(len(g) <= 8 and looks_korean(g) and not is_generic(g) for g in given):
            out.append((m.start(), end, PERSON, _canonical_person(" ".join(name.split())), _KOREAN))
    return out


def find_entities(text: str) -> tuple[Entity, ...]:
    """Organizations and people in ``text``: non-overlapping, in text order.

    Where candidates overlap, the one of higher rank (known name > organization pattern >
    Korean name > titled name) wins, then the longer one.
    """
    lex = lexicon()
    found, surnames = _triggered(text, lex)
    found += _korean_names(text, surnames, lex)
    found.sort(key=lambda c: (-c[4], c[0] - c[1], c[0]))
    taken = bytearray(len(text))
    kept = []
    for start, end, label, name, _ in found:
        if end <= start or 1 in taken[start:end]:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(Entity(start, end, name, label))
    return tuple(sorted(kept, key=lambda e: e.start))


@component("entities", reads=("text", "sentences"), writes=("entities",))
def entities(analysis: Analysis) -> Analysis:
    return evolve(analysis, entities=find_entities(analysis.text))
