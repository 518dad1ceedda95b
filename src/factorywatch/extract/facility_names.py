"""Facility names in a text: where they are, what kind of site they name, how to compare them.

A name is a run of name words ending in a head noun of ``data/vocab.yaml`` ("Kumsong
Tractor Factory", "No. 245 Factory", "Pyongyang Electric Cable Factory 326", "Factory No.
76", "Huichon power station"). One compiled regex finds every run that ends in a head noun
(STACK.md: ~7 M words/s); a short walk from the head leftwards over the run's few words
then decides where the name starts, using the lexicon in ``data/lexicon/facilities.yaml``:
headline verbs, determiners and addresses end it ("Kim Jong Un Inspects | Sinuiju Cosmetics
Factory", "South Pyongan Province | Pyongsong Market"); product words and descriptors
continue it but never make a name on their own ("Machine Factory" is not a name).

``name_key`` is the comparison key of a name inside one document: romanization variants,
synonyms, word order, dates written as "2.8" and optional descriptors fold away, so
"Pyongyang 326 Electric Wire Factory" and "Pyongyang Electric Cable Factory 326" meet,
and "Pyongyang Textile Factory" and "Pyongyang Film Factory" never do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from factorywatch.vocab import vocab

MONTHS = {
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
    plurals: frozenset[tuple[str, ...]]
    products: frozenset[str]
    descriptors: frozenset[str]
    optional: frozenset[str]
    standard: dict[str, str]
    """Synonym -> the standard word of its group."""
    stop_words: frozenset[str]
    foreign: frozenset[str]
    alias_cues: tuple[str, ...]
    reference_nouns: dict[str, tuple[str, ...]]

    @property
    def generic(self) -> frozenset[str]:
        return self.products | self.descriptors

    def head_kind(self, words: tuple[str, ...]) -> tuple[str, int] | None:
        """Kind and length of the longest head noun that ``words`` ends with."""
        low = tuple(w.lower() for w in words[-3:])
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


def _words(raw: dict, key: str) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ValueError(f"data/lexicon/facilities.yaml: {key} must be a list of words")
    return value


@cache
def lexicon() -> FacilityLexicon:
    """The facility lexicon, read and checked once."""
    raw = yaml.safe_load(
        resources.files("factorywatch.data").joinpath("lexicon/facilities.yaml").read_text("utf-8")
    )
    heads: dict[tuple[str, ...], str] = {}
    plurals: set[tuple[str, ...]] = set()
    for kind, kind_heads in vocab().facility_kinds.items():
        for head in kind_heads:
            words = tuple(head.lower().split())
            heads[words] = kind
            many = (*words[:-1], plural(words[-1]))
            if many != words:
                heads.setdefault(many, kind)
                plurals.add(many)
    standard: dict[str, str] = {}
    for group in raw.get("synonyms") or ():
        if not isinstance(group, list) or len(group) < 2:
            raise ValueError("data/lexicon/facilities.yaml: each synonyms entry is a list of 2+ words")
        for word in group:
            standard[word.lower()] = group[0].lower()
    refs = raw.get("reference_nouns") or {}
    kinds = set(vocab().facility_kinds)
    for noun, noun_kinds in refs.items():
        unknown = set(noun_kinds) - kinds
        if unknown:
            raise ValueError(f"data/lexicon/facilities.yaml: reference noun {noun}: unknown kinds {sorted(unknown)}")
    return FacilityLexicon(
        heads=heads,
        plurals=frozenset(plurals),
        products=frozenset(w.lower() for w in _words(raw, "products")),
        descriptors=frozenset(w.lower() for w in _words(raw, "descriptors")),
        optional=frozenset(w.lower() for w in _words(raw, "optional_in_key")),
        standard=standard,
        stop_words=frozenset(_words(raw, "stop_words")),
        foreign=frozenset(w.lower() for w in _words(raw, "foreign_places")),
        alias_cues=tuple(sorted((c.lower() for c in _words(raw, "alias_cues")), key=len, reverse=True)),
        reference_nouns={k.lower(): tuple(v) for k, v in refs.items()},
    )


# --- finding names ---------------------------------------------------------------------

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_SEP = r"[ \t\u00a0]+"
_NAME_WORD = rf"(?:No\.|[{_UPPER}][\w'\u2019-]*|\d+(?:\.\d+)*(?:st|nd|rd|th)?|and|&)"
_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_POSSESSIVE = re.compile(r"['\u2019]s$|(?<=s)['\u2019]$")
_TOKEN = re.compile(r"\S+")


def _head_alternation(heads: dict[tuple[str, ...], str]) -> str:
    def word(w: str) -> str:
        return f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}"

    phrases = sorted(heads, key=lambda ws: (-len(ws), -sum(map(len, ws))))
    return "|".join(_SEP.join(word(w) for w in ws) for ws in phrases)


@cache
def _name_regex() -> re.Pattern[str]:
    heads = _head_alternation(lexicon().heads)
    return re.compile(
        rf"(?<![\w'\u2019.-])(?P<pre>(?:{_NAME_WORD}{_SEP})*)(?P<head>{heads})(?![\w-])"
        rf"(?P<num>{_SEP}No\.[ ]?\d+(?!\w)|{_SEP}\d+(?=[\n\r.,;:!?)\]]|$))?"
    )


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A run ending in a head noun, with the name that the left walk kept."""

    start: int
    """Start of the name (after any determiner); ``head_start`` when nothing was kept."""
    end: int
    head_start: int
    kind: str
    words: tuple[str, ...]
    """The name's words, head (and trailing number) included."""
    modifiers: tuple[str, ...]
    """The words before the head (the trailing number of "Factory No. 76" included)."""
    proper: bool
    """A proper word or a number among the modifiers: a name, not a description."""
    capital: bool
    """Head written with a capital letter."""
    plural: bool
    foreign: bool
    """A word of the name is a place outside North Korea."""


def _is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


def is_generic(word: str, lex: FacilityLexicon | None = None) -> bool:
    """A product word or descriptor (each part of a hyphenated word): never a proper name."""
    lex = lex or lexicon()
    low = _POSSESSIVE.sub("", word.lower()).replace("\u2019", "'")
    if low in lex.products or low in lex.descriptors or _ORDINAL.fullmatch(low):
        return True
    parts = low.split("-")
    return len(parts) > 1 and all(p in lex.products or p in lex.descriptors for p in parts)


def _accepts(tokens: list[str], i: int, right: str, lex: FacilityLexicon, after_entity: bool) -> bool:
    """Whether ``tokens[i]`` continues, leftwards, the name that ``right`` starts."""
    w = tokens[i]
    if w in lex.stop_words:
        return False
    if w in ("and", "&"):
        left = tokens[i - 1] if i > 0 else ""
        return (
            left.lower() in lex.products
            and (left.lower(),) not in lex.heads
            and right.lower() in lex.products
        )
    if w == "No.":
        return _is_number(right)
    if _is_number(w):
        return not _YEAR.fullmatch(w)
    if _ORDINAL.fullmatch(w):
        return True
    if w.lower() in MONTHS:
        return _is_number(right) and w[0].isupper()
    generic = is_generic(w, lex)
    if _POSSESSIVE.search(w):
        return generic
    if generic:
        return True
    if after_entity:
        return False  # "Kim Jong Un | Inspects ..."
    if w.endswith("ly") or (len(w) > 1 and w.isupper()):
        return False  # sentence adverbs; acronyms are organizations or countries
    return w[0].isupper()


def find_names(text: str, entity_ends: frozenset[int] = frozenset()) -> list[NameMatch]:
    """Every run in ``text`` that ends in a facility head noun, in text order.

    ``entity_ends`` are the end offsets of person and organization names: a capitalised
    word right after one is a headline verb ("Kim Jong Un Visits ..."), not a name word.
    """
    lex = lexicon()
    out: list[NameMatch] = []
    for m in _name_regex().finditer(text):
        pre = [(t.start(), t.group()) for t in _TOKEN.finditer(text, m.start("pre"), m.end("pre"))]
        head_words = tuple(m.group("head").split())
        num = tuple(m.group("num").split()) if m.group("num") else ()
        found = lex.head_kind(head_words)
        if found is None:  # cannot happen: the regex is built from the heads
            continue
        kind, _ = found
        out.extend(_split_run(text, pre, m.start("head"), head_words, num, m.end(), kind, lex, entity_ends))
    out.sort(key=lambda n: n.start)
    return out


def _split_run(
    text: str,
    pre: list[tuple[int, str]],
    head_start: int,
    head_words: tuple[str, ...],
    num: tuple[str, ...],
    end: int,
    kind: str,
    lex: FacilityLexicon,
    entity_ends: frozenset[int],
) -> list[NameMatch]:
    """The names in one run: the last one ends at the head; earlier ones end at inner heads
    ("the Yongang Farm and Sinso Farm")."""
    out = [_walk(pre, head_start, head_words, num, end, kind, lex, entity_ends)]
    stop = len(pre) - len(out[0].modifiers) + len(num)
    while stop > 0:
        tokens = [w for _, w in pre[:stop]]
        inner = next((j for j in range(stop - 1, -1, -1) if (tokens[j].lower(),) in lex.heads), None)
        if inner is None:
            break
        ikind = lex.heads[(tokens[inner].lower(),)]
        istart, iword = pre[inner]
        name = _walk(pre[:inner], istart, (iword,), (), istart + len(iword), ikind, lex, entity_ends)
        out.append(name)
        stop = inner - len(name.modifiers)
    return out


def _walk(
    pre: list[tuple[int, str]],
    head_start: int,
    head_words: tuple[str, ...],
    num: tuple[str, ...],
    end: int,
    kind: str,
    lex: FacilityLexicon,
    entity_ends: frozenset[int],
) -> NameMatch:
    tokens = [w for _, w in pre]
    right = head_words[0]
    first = len(tokens)
    for i in range(len(tokens) - 1, -1, -1):
        start, _ = pre[i]
        after_entity = any(start - k in entity_ends for k in (1, 2))
        if not _accepts(tokens, i, right, lex, after_entity):
            break
        first, right = i, tokens[i]
    while first < len(tokens) and tokens[first] in ("and", "&"):
        first += 1
    named = (*tokens[first:], *head_words)
    found = lex.head_kind(named)
    if found is not None and found[1] > len(head_words):  # the longest head: "Thermal Power Complex"
        kind, n_head = found
        head_start = pre[len(tokens) - (n_head - len(head_words))][0]
        head_words = named[len(named) - n_head :]
    modifiers = (*named[: len(named) - len(head_words)], *num)
    plural_head = tuple(w.lower() for w in head_words) in lex.plurals
    proper = any(not is_generic(w, lex) for w in modifiers if w not in ("No.", "and", "&"))
    return NameMatch(
        start=pre[first][0] if first < len(tokens) else head_start,
        end=end,
        head_start=head_start,
        kind=kind,
        words=(*named, *num),
        modifiers=modifiers,
        proper=proper,
        capital=head_words[-1][0].isupper(),
        plural=plural_head,
        foreign=any(_POSSESSIVE.sub("", w.lower()) in lex.foreign for w in tokens[first:]),
    )


# --- comparing names -------------------------------------------------------------------

_RIVER = re.compile(r"\b(\w+)[ -]river\b")
_FOLD = (("ph", "p"), ("th", "t"), ("kh", "k"), ("eo", "o"), ("eu", "u"), ("oo", "u"))
_INITIAL = {"g": "k", "d": "t", "b": "p", "j": "ch"}
_MONTH_DAY = re.compile(
    r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.? (\d{1,2})\b"
)


def ascii_fold(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'")


def romanization_fold(word: str) -> str:
    """One spelling for the romanizations of a Korean word (Heungnam/Hungnam,
    Phyongyang/Pyongyang, Gaeseong/Kaesong)."""
    for a, b in _FOLD:
        word = word.replace(a, b)
    if word[:1] in _INITIAL:
        word = _INITIAL[word[0]] + word[1:]
    return word


def key_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The compared words of a name's modifiers: spelling folded, synonyms made standard,
    dates written as numbers ("February 8" -> "2.8"), optional descriptors dropped."""
    lex = lexicon()
    text = ascii_fold(" ".join(w for w in words if w not in ("No.", "and", "&")))
    text = _RIVER.sub(lambda m: m.group(1) + "gang", text)
    text = _MONTH_DAY.sub(lambda m: f"{MONTHS[m.group(1)]}.{m.group(2)}", text)
    out = []
    for word in re.split(r"[\s\-]+", text):
        word = re.sub(r"'s?$", "", word).strip("'")
        if not word or word in lex.optional:
            continue
        if word in lex.standard:
            out.append(lex.standard[word])
        elif word in lex.products or word in lex.descriptors or word[0].isdigit():
            out.append(word)
        else:
            out.append(romanization_fold(word))
    return tuple(out)


def name_key(match: NameMatch) -> frozenset[str]:
    """Order-free comparison key of a name (see module docstring)."""
    return frozenset(key_words(match.modifiers))
