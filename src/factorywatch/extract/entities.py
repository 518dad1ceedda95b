"""Organizations and people named in a text.

They matter twice: claims are attributed to them (the leader, the Party, KCNA, a source),
and an organization must never be taken for a facility (annotation.md: the Cabinet, the
National Quality Monitoring Committee, Rodong Sinmun are organizations). Everything is
data-driven (``data/lexicon/organizations.yaml``):

* known organizations and people through one Aho-Corasick automaton (STACK.md: never a
  regex alternation of many literals);
* organization names built on a head word ("Kyonghung Trade Bureau", "North Hwanghae
  Provincial Committee") or an opener ("Ministry of Electric Power Industry");
* Korean personal names: a surname and a two-part given name whose parts read as Korean
  syllables ("Jon Hyon Chol", "Oh Hyun-jong"), a title and a name ("President Donald
  Trump"), "a woman surnamed Oh" (and later mentions of "Oh").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import ahocorasick
import yaml

from factorywatch.extract.facility_lexicon import is_generic, looks_korean
from factorywatch.extract.facility_lexicon import lexicon as facility_lexicon
from factorywatch.extract.pipeline import component
from factorywatch.model import Analysis, Entity

ORGANIZATION = "organization"
PERSON = "person"

_CAP = r"[A-Z][\w'\u2019&-]*"
_SEP = r"[ \t\u00a0]+"
_POSSESSIVE_END = re.compile(r"(?:['\u2019]s|['\u2019])$")
_CANONICAL_PART = re.compile(r"-([a-z])")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    automaton: ahocorasick.Automaton
    org_pattern: re.Pattern[str]
    person_pattern: re.Pattern[str]
    title_pattern: re.Pattern[str]
    surnamed_pattern: re.Pattern[str]
    org_heads: frozenset[str]
    facility_heads: frozenset[str]
    titles: frozenset[str]


def _strings(raw: dict, *path: str) -> list[str]:
    value: object = raw
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"data/lexicon/organizations.yaml: {'.'.join(path)} must be a list of names")
    return value


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", _SEP) for w in sorted(set(words), key=len, reverse=True))


@cache
def _lexicon() -> _Lexicon:
    raw = yaml.safe_load(
        resources.files("factorywatch.data").joinpath("lexicon/organizations.yaml").read_text("utf-8")
    )
    automaton = ahocorasick.Automaton()
    for name in _strings(raw, "organizations"):
        automaton.add_word(name, (ORGANIZATION, name, True))
    for name in _strings(raw, "people", "known"):
        automaton.add_word(name, (PERSON, name, False))
    automaton.make_automaton()
    heads = _strings(raw, "org_heads")
    openers = _strings(raw, "org_openers")
    titles = _strings(raw, "people", "titles")
    org = (
        rf"(?<![\w'\u2019-])(?:(?:{_alternation(openers)}){_SEP}(?:the{_SEP})?{_CAP}(?:{_SEP}(?:and{_SEP})?{_CAP}){{0,5}}"
        rf"|(?:{_CAP}{_SEP}){{0,6}}(?:{_alternation(heads)})(?![\w-]))"
    )
    person = (
        rf"(?<![\w'\u2019-])(?:{_alternation(_strings(raw, 'people', 'surnames'))})"
        rf"{_SEP}[A-Z][a-zŏŭ]+(?:{_SEP}[A-Z][a-zŏŭ]+|-[A-Za-z][a-zŏŭ]+)(?![\w'\u2019-])"
    )
    title = rf"(?<![\w-])(?:{_alternation(titles)}){_SEP}(?P<name>{_CAP}(?:{_SEP}{_CAP}){{0,2}})"
    surnamed = (
        rf"\b(?:an?|the){_SEP}(?:[a-z-]+{_SEP}){{0,2}}(?:{_alternation(_strings(raw, 'people', 'surnamed'))})"
        rf"{_SEP}surnamed{_SEP}(?P<name>[A-Z][a-z]+)\b"
    )
    fac = facility_lexicon()
    return _Lexicon(
        automaton=automaton,
        org_pattern=re.compile(org),
        person_pattern=re.compile(person),
        title_pattern=re.compile(title),
        surnamed_pattern=re.compile(surnamed),
        org_heads=frozenset(h.split()[-1] for h in heads),
        facility_heads=frozenset(" ".join(h) for h in fac.heads) | {w.title() for h in fac.heads for w in h},
        titles=frozenset(t for title in titles for t in title.split()),
    )


def _canonical_person(name: str) -> str:
    """"Kim Jong-un" -> "Kim Jong Un": one spelling of a Korean name's parts."""
    return " ".join(_CANONICAL_PART.sub(lambda m: " " + m.group(1).upper(), name).split())


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _known(text: str, lex: _Lexicon) -> list[tuple[int, int, str, str, int]]:
    out = []
    for last, (label, name, strict) in lex.automaton.iter(text):
        start, end = last - len(name) + 1, last + 1
        if strict and not _word_bounded(text, start, end):
            continue
        if not strict and start > 0 and text[start - 1].isupper():
            continue  # leaders are matched even when glued to a word ("SecretaryKim Jong Unsent")
        out.append((start, end, label, _canonical_person(name) if label == PERSON else name, 3))
    return out


def _organizations(text: str, lex: _Lexicon) -> list[tuple[int, int, str, str, int]]:
    fac = facility_lexicon()
    out = []
    for m in lex.org_pattern.finditer(text):
        words = [(t.start(), t.group()) for t in re.finditer(r"\S+", m.group())]
        if words[-1][1].rstrip(".") in lex.org_heads:
            # a head-word name: keep the words, leftwards, that can belong to it
            first = len(words) - 1
            for i in range(len(words) - 2, -1, -1):
                w = words[i][1]
                if w in fac.stop_words or w in lex.facility_heads or _POSSESSIVE_END.search(w) or w in lex.titles:
                    break
                first = i
            follow = re.match(rf"{_SEP}(\w+)", text[m.end() : m.end() + 30])
            if follow and follow.group(1) in lex.facility_heads:
                continue  # "... Passenger Service Enterprise" is a facility
            if first == len(words) - 1 and not text[max(0, m.start() - 4) : m.start()].endswith(("the ", "The ")):
                continue  # a bare head word counts only as "the Party", "the Ministry"
            words = words[first:]
        else:  # an opener: drop a trailing possessive and anything after it
            cut = next((i for i, (_, w) in enumerate(words) if _POSSESSIVE_END.search(w)), None)
            if cut is not None:
                words = words[: cut + 1]
                words[-1] = (words[-1][0], _POSSESSIVE_END.sub("", words[-1][1]))
        start = m.start() + words[0][0]
        end = m.start() + words[-1][0] + len(words[-1][1])
        out.append((start, end, ORGANIZATION, " ".join(text[start:end].split()), 2))
    return out


def _people(text: str, lex: _Lexicon) -> list[tuple[int, int, str, str, int]]:
    fac = facility_lexicon()
    out = []
    for m in lex.person_pattern.finditer(text):
        given = re.split(r"[ \t\u00a0-]+", m.group())[1:]
        if all(len(g) <= 8 and looks_korean(g) and not is_generic(g, fac) for g in given):
            out.append((m.start(), m.end(), PERSON, _canonical_person(" ".join(m.group().split())), 1))
    for m in lex.title_pattern.finditer(text):
        keep: list[re.Match[str]] = []
        for w in re.finditer(r"\S+", text[m.start("name") : m.end("name")]):
            word = w.group()
            if word in lex.facility_heads or word in lex.org_heads:
                keep = []  # "General Foodstuff Factory", "Secretary ... Committee"
                break
            if word in fac.stop_words or word in lex.titles or is_generic(word, fac) or not word.isalpha():
                break
            keep.append(w)
        if keep:
            start, end = m.start("name") + keep[0].start(), m.start("name") + keep[-1].end()
            out.append((start, end, PERSON, " ".join(text[start:end].split()), 0))
    for m in lex.surnamed_pattern.finditer(text):
        name = m.group("name")
        out.append((m.start(), m.end(), PERSON, name, 3))
        for later in re.finditer(rf"\b{re.escape(name)}\b", text[m.end() :]):
            out.append((m.end() + later.start(), m.end() + later.end(), PERSON, name, 2))
    return out


def find_entities(text: str) -> tuple[Entity, ...]:
    """Organizations and people in ``text``: non-overlapping, in text order.

    Where candidates overlap, the one of higher rank (known name > organization pattern >
    surname pattern > title pattern) wins, then the longer one.
    """
    lex = _lexicon()
    found = _known(text, lex) + _organizations(text, lex) + _people(text, lex)
    found.sort(key=lambda c: (-c[4], -(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    kept = []
    for start, end, label, name, _ in found:
        if end <= start or any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        kept.append(Entity(start, end, name, label))
    return tuple(sorted(kept, key=lambda e: e.start))


@component("entities", reads=("text", "sentences"), writes=("entities",))
def entities(analysis: Analysis) -> Analysis:
    return replace(analysis, entities=find_entities(analysis.text))
