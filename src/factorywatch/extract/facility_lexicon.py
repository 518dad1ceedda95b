"""The facility lexicon (``data/lexicon/facilities.yaml``) and word tests built on it.

Head nouns and kinds come from ``data/vocab.yaml`` (the one definition); plurals are
derived here. The lexicon says which words may build a name without being a proper name
(products, descriptors), which end a name (stop words), which places lie outside North
Korea, which cues give an alias and which later references point to which kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from factorywatch.vocab import read_data, vocab

MONTHS: Final = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}


@dataclass(frozen=True, slots=True)
class FacilityLexicon:
    heads: dict[tuple[str, ...], str]
    """Head noun (lower-case words, singular and plural) -> facility kind."""
    plurals: dict[tuple[str, ...], tuple[str, ...]]
    """Plural head noun -> its singular ("power stations" -> "power station")."""
    head_ends: frozenset[str]
    """Last words of the head nouns, lower case."""
    products: frozenset[str]
    descriptors: frozenset[str]
    trade_names: frozenset[str]
    """Product words that name a unit with other product words ("Metal Construction Company")."""
    optional: frozenset[str]
    standard: dict[str, str]
    """Synonym -> the standard word of its group."""
    stop_words: frozenset[str]
    stop_suffixes: tuple[str, ...]
    """"-based", "-run"...: endings of hyphenated words that end a name."""
    foreign: frozenset[str]
    alias_cues: tuple[str, ...]
    """Cues that give a second name ("known as"), longest first."""
    weak_alias_cues: tuple[str, ...]
    """Cues that give one only after a comma or bracket ("called", "or")."""
    reference_nouns: dict[str, tuple[str, ...]]
    reference_only: dict[str, tuple[str, ...]]
    """Nouns that refer back but head no name ("the station", "the yard") -> kinds."""
    people_nouns: dict[str, tuple[str, ...]]
    """People who stand for the site they work at ("the Kogonwon miners") -> kinds."""
    reference_not_to: dict[str, tuple[str, ...]]
    """Reference noun -> last words of names it never points to ("factory" -> "company")."""
    not_before_reference: frozenset[str]
    reference_determiners: tuple[str, ...]
    """Possessives that stand for "the" ("the country's largest steelworks")."""

    def head_kind(self, words: tuple[str, ...]) -> tuple[str, int] | None:
        """Kind and length of the longest head noun that ``words`` ends with."""
        low = tuple([w.lower() for w in words[-3:]])
        for n in range(len(low), 0, -1):
            kind = self.heads.get(low[-n:])
            if kind is not None:
                return kind, n
        return None


def plural(word: str) -> str:
    """English plural of a head noun's last word ("Factory" -> "Factories")."""
    low = word.lower()
    if low.endswith("works"):
        return word
    if low.endswith("y") and low[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    if low.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted((w.lower() for w in words), key=len, reverse=True))


def _words(raw: dict, key: str) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ValueError(f"data/lexicon/facilities.yaml: {key} must be a list of words")
    return value


@cache
def lexicon() -> FacilityLexicon:
    """The facility lexicon, read and checked once."""
    raw = read_data("lexicon/facilities.yaml")
    heads: dict[tuple[str, ...], str] = {}
    plurals: dict[tuple[str, ...], tuple[str, ...]] = {}
    for kind, kind_heads in vocab().facility_kinds.items():
        for head in kind_heads:
            words = tuple(head.lower().split())
            heads[words] = kind
            many = (*words[:-1], plural(words[-1]))
            if many != words:
                heads.setdefault(many, kind)
                plurals.setdefault(many, words)
    kinds = set(vocab().facility_kinds)
    for head, kind in (raw.get("extra_heads") or {}).items():
        if kind not in kinds:
            raise ValueError(f"data/lexicon/facilities.yaml: extra head {head}: unknown kind {kind}")
        heads.setdefault(tuple(head.lower().split()), kind)
    standard: dict[str, str] = {}
    for group in raw.get("synonyms") or ():
        if not isinstance(group, list) or len(group) < 2:
            raise ValueError("data/lexicon/facilities.yaml: each synonyms entry is a list of 2+ words")
        for word in group:
            standard[word.lower()] = group[0].lower()
    refs = raw.get("reference_nouns") or {}
    only = raw.get("reference_only_nouns") or {}
    people = raw.get("people_nouns") or {}
    for noun, noun_kinds in (*refs.items(), *only.items(), *people.items()):
        unknown = set(noun_kinds) - kinds
        if unknown:
            raise ValueError(f"data/lexicon/facilities.yaml: reference noun {noun}: unknown kinds {sorted(unknown)}")
    return FacilityLexicon(
        heads=heads,
        plurals=plurals,
        head_ends=frozenset(h[-1] for h in heads),
        products=frozenset(w.lower() for w in _words(raw, "products")),
        descriptors=frozenset(w.lower() for w in _words(raw, "descriptors")),
        trade_names=frozenset(w.lower() for w in _words(raw, "trade_names")),
        optional=frozenset(w.lower() for w in _words(raw, "optional_in_key")),
        standard=standard,
        stop_words=frozenset(_words(raw, "stop_words")),
        stop_suffixes=tuple("-" + w.lower() for w in _words(raw, "stop_suffixes")),
        foreign=frozenset(w.lower() for w in _words(raw, "foreign_places")),
        alias_cues=_longest_first(_words(raw["alias_cues"], "strong")),
        weak_alias_cues=_longest_first(_words(raw["alias_cues"], "weak")),
        reference_nouns={k.lower(): tuple(v) for k, v in refs.items()},
        reference_only={k.lower(): tuple(v) for k, v in only.items()},
        people_nouns={k.lower(): tuple(v) for k, v in people.items()},
        reference_not_to={k.lower(): tuple(w.lower() for w in v)
                          for k, v in (raw.get("reference_not_to") or {}).items()},
        not_before_reference=frozenset(w.lower() for w in _words(raw, "not_before_reference")),
        reference_determiners=_longest_first(_words(raw, "reference_determiners")),
    )

UPPER: Final = "A-Z\u00c0-\u00d6\u00d8-\u00de"
"""Capital letters, for regex character classes (Latin-1 capitals included)."""
ORDINAL: Final = re.compile(r"\d+(?:st|nd|rd|th)")
_POSSESSIVE: Final = re.compile(r"['\u2019]s$|(?<=s)['\u2019]$")
_SYLLABLE: Final = (
    r"(?:kk|tt|pp|ss|jj|ch|ph|th|kh|sh|[gkndrlmbpsjhty])?"
    r"(?:wae|wa|wo|we|wi|ui|yae|yeo|yeu|ya|yo|yu|ye|ae|oe|eo|eu|ee|oo|[aeiou\u014f\u016d])"
    r"(?:ng|n|k|l|m|p|t|g|b)?"
)
_KOREAN: Final = re.compile(rf"(?:{_SYLLABLE})+", re.IGNORECASE)


@lru_cache(maxsize=65536)
def strip_possessive(word: str) -> str:
    """"Soldiers’" -> "Soldiers", "Korea's" -> "Korea"."""
    return _POSSESSIVE.sub("", word)


@lru_cache(maxsize=65536)
def is_possessive(word: str) -> bool:
    return _POSSESSIVE.search(word) is not None


@lru_cache(maxsize=65536)
def looks_korean(word: str) -> bool:
    """Whether ``word`` reads as romanized Korean syllables ("Pyongsong", "Jong", "Hyun-jong");
    English words mostly do not ("Sudden", "Complete", "Struggles")."""
    return _KOREAN.fullmatch(word.replace("-", "").replace("'", "")) is not None


@lru_cache(maxsize=65536)
def is_generic(word: str) -> bool:
    """A product word or descriptor (each part of a hyphenated word): never a proper name."""
    lex = lexicon()
    low = strip_possessive(word.lower()).replace("\u2019", "'")
    if low in lex.products or low in lex.descriptors or ORDINAL.fullmatch(low):
        return True
    parts = low.split("-")
    return len(parts) > 1 and all(p in lex.products or p in lex.descriptors for p in parts)
