"""The lexicon of organizations and people (``data/lexicon/organizations.yaml``), compiled.

Its trigger names (known organizations and people, organization head words and openers,
titles, "surnamed") and the surnames are keys of one Aho-Corasick automaton over
``word_copy(text)``, in which every character but an ASCII letter or digit (or one of the
ASCII characters that join words: ``_ ' -``) is a space. A name that must stand as a word
starts after a space there, so the automaton leaves its root only at spaces (pyahocorasick's
cost per character grows with the letters that can start a key); keeping the joiners spares
the finder hits it would throw away ("Kim Jong Un" where "Kim Jong-Un" is written, a surname
in "Kim's" or "Pak-"). A leader's name may be glued to the word before it ("SecretaryKim Jong Unsent"), so
its key starts at its first space (" Jong Un"); a surname with the space after it marks
where a Korean name may start. A key stands for the names that end as it does; the finder
checks each against the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

import ahocorasick

from factorywatch.extract.facility_lexicon import lexicon as facility_lexicon
from factorywatch.vocab import read_data

SEP: Final = r"[ \t\u00a0]+"
"""Space between the words of a name (never a line break)."""
SURNAME: Final = None
"""The kind of a key's name that is a surname (with a space after it)."""


@dataclass(frozen=True, slots=True)
class EntityLexicon:
    automaton: ahocorasick.Automaton
    """Key on ``word_copy`` -> (kind, name) of each name it stands for."""
    surnames: frozenset[str]
    facility_heads: frozenset[str]
    not_after_head: frozenset[str]
    """Facility heads and the words that, after an organization head, make it no organization
    ("... Service Enterprise", "Department Store")."""
    not_before_head: frozenset[str]
    """Stop words, facility heads and title words: where the words before a head stop."""
    not_in_name: frozenset[str]
    """Facility and organization heads: a titled "name" with one is no person ("General
    Foodstuff Factory", "Secretary ... Committee")."""
    name_stops: frozenset[str]
    """Stop words and title words: where a titled name ends."""
    surnamed_before: re.Pattern[str]


COPIED: Final = "".join(chr(c) for c in range(128) if chr(c).isalnum() or chr(c) in "_'-")
"""The characters that ``copy`` keeps; it makes every other one a space."""
_WORD_BYTES: Final = bytes(c if chr(c) in COPIED else 32 for c in range(256))


def copy(text: str) -> str:
    """``text`` with every character but an ASCII letter, digit or word joiner a space (same
    length)."""
    return text.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii")


def word_copy(text: str) -> str:
    """What the automaton runs over: ``copy(text)`` after one space (offsets shift by one)."""
    return " " + copy(text)


def _glued(name: str) -> str:
    """The key of a name that may be glued to the word before it: its copy from its first
    space on (the whole copy for a name of one word)."""
    key = copy(name)
    return key[max(0, key.find(" ")):]


def _strings(raw: dict, *path: str) -> list[str]:
    value: object = raw
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"data/lexicon/organizations.yaml: {'.'.join(path)} must be a list of names")
    return value


@cache
def lexicon() -> EntityLexicon:
    raw = read_data("lexicon/organizations.yaml")
    triggers = (
        ("title", _strings(raw, "people", "titles")),
        ("org_head", _strings(raw, "org_heads")),
        ("opener", _strings(raw, "org_openers")),
        ("surnamed", ["surnamed"]),
        ("person", _strings(raw, "people", "known")),
        ("organization", _strings(raw, "organizations")),
    )
    surnames = frozenset(_strings(raw, "people", "surnames"))
    if not all(name.isascii() and name.isalpha() for name in surnames):
        # a surname is found where the text has it as written and its copy is the same
        raise ValueError("data/lexicon/organizations.yaml: people.surnames must be ASCII letters")
    kinds: dict[str, str] = {}
    for kind, names in triggers:  # later kinds win when one string is listed twice
        for name in names:
            kinds[name] = kind
    keys: dict[str, list[tuple[str | None, str]]] = {}
    for name in surnames:
        keys.setdefault(f" {copy(name)} ", []).append((SURNAME, name))
    for name, kind in kinds.items():
        keys.setdefault(_glued(name) if kind == "person" else f" {copy(name)}", []).append((kind, name))
    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, tuple(entries))
    automaton.make_automaton()
    fac = facility_lexicon()
    described = "|".join(re.escape(w) for w in _strings(raw, "people", "surnamed"))
    org_heads = frozenset(h.split()[-1] for h in _strings(raw, "org_heads"))
    facility_heads = frozenset(h[-1].title() for h in fac.heads)
    titles = frozenset(w for t in _strings(raw, "people", "titles") for w in t.split())
    return EntityLexicon(
        automaton=automaton,
        surnames=surnames,
        facility_heads=facility_heads,
        not_after_head=facility_heads | frozenset(_strings(raw, "not_after_org_head")),
        not_before_head=fac.stop_words | facility_heads | titles,
        not_in_name=facility_heads | org_heads,
        name_stops=fac.stop_words | titles,
        surnamed_before=re.compile(rf"\b(?:[Aa]n?|[Tt]he){SEP}(?:[a-z-]+{SEP}){{0,2}}(?:{described}){SEP}$"),
    )
