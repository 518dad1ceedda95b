"""North Korea's provinces, cities, counties and districts, and a fast matcher over text.

A value type (as followthemoney's ``types/``): extraction, resolution, maps and exports all
go through it to turn a place name in any romanization ("Phyongyang", "P'yŏngyang",
"Pyeongyang") into one unit with its canonical province and centroid.

The data (``data/gazetteer.json``) is built by ``scripts/build_gazetteer.py`` with every
spelling already expanded, so matching is a single Aho-Corasick pass over a folded copy of
the text (lower case, diacritics dropped, every other character but a letter or digit made a
space: the same length, so offsets carry over, and names match as whole words only), then
capitals, level suffixes ("County", "-gun"), names that are not places ("Taedong River")
and leftmost-longest selection (STACK.md: pyahocorasick, 13 M words/s).
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

import ahocorasick

from factorywatch.once import Once
from factorywatch.vocab import PROVINCES, read_data

LEVELS: Final = ("region", "province", "area", "county", "city", "district")
"""Least to most specific: a match naming several units of one province takes the last."""


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """One unit of the gazetteer."""

    id: str
    name: str
    province: str | None
    """One of vocab PROVINCES; None for a region (Hwanghae) that spans two provinces."""
    level: str
    locality: str | None
    """City or county a site in this unit is in (a district gives its city), or None."""
    lat: float
    lon: float
    also_in: tuple[str, ...] = ()
    """Provinces a text may also give it (Rason was part of North Hamgyong)."""
    approx: bool = False


class PlaceMatch:
    """A place name found in a text: ``text[start:end]``, level word included.

    A plain class with the value semantics of a frozen dataclass (equality, hash, repr):
    compiled, a native class costs a fifth as much to build, and ``find`` builds one for
    each place of a text."""

    start: int
    end: int
    entries: tuple[PlaceEntry, ...]
    """Every unit the name may denote (two Unsan counties: two entries)."""
    spelling: str
    """The name as the text spells it, without MR marks ("Cheongjin", "Unpha", "Chongjin")."""
    suffix: str | None
    """The level word the text used ("County", "Province", "-gun"), if any."""

    def __init__(self, start: int, end: int, entries: tuple[PlaceEntry, ...], spelling: str,
                 suffix: str | None = None) -> None:
        self.start = start
        self.end = end
        self.entries = entries
        self.spelling = spelling
        self.suffix = suffix

    def _fields(self) -> tuple[int, int, tuple[PlaceEntry, ...], str, str | None]:
        return self.start, self.end, self.entries, self.spelling, self.suffix

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlaceMatch) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return "PlaceMatch(start={!r}, end={!r}, entries={!r}, spelling={!r}, suffix={!r})".format(*self._fields())


@dataclass(frozen=True, slots=True)
class _Name:
    """What the automaton knows of one spaced name, worked out once: its units, those of
    them a text may name without their level word, and its spelling."""

    length: int
    entries: tuple[PlaceEntry, ...]
    bare: tuple[PlaceEntry, ...]
    """The units it may denote without a level word (all of them, when each needs one)."""
    needs_level: bool
    """Every unit needs a level word, or a prefix such as "city of"."""
    spelling: str

    @staticmethod
    def of(length: int, values: list[tuple[PlaceEntry, str, bool]]) -> _Name:
        bare = [v for v in values if not v[2]] or values
        return _Name(length, tuple(v[0] for v in values), tuple(v[0] for v in bare),
                     all(needs for _, _, needs in values), _mark_free(values[0][1]))


def _mark_free(spelling: str) -> str:
    """Ch'ŏngjin -> Chongjin: the text's own spelling without McCune-Reischauer's marks
    (the gold keeps each system's spelling otherwise: "Cheongjin", "Unpha")."""
    return spelling.replace("'", "")


_APOSTROPHES: Final = "\u2019\u2018\u02bc\u02bb`\u00b4"


@cache
def _fold_char(c: str) -> str:
    if c in _APOSTROPHES:
        return "'"
    base = unicodedata.normalize("NFKD", c)[:1]
    return base if base.isascii() and base.isalpha() else c


@cache
def _folded(c: str) -> bytes:
    """What ``fold`` makes of one character beyond ASCII, in UTF-8: lowered ("İ", which
    lowers to two characters, stays), then without its diacritic."""
    low = c.lower()
    if len(low) != 1:
        low = c
    return (low if low.isascii() else _fold_char(low)).encode("utf-8", "surrogatepass")


_ASCII_BYTES: Final = bytes(range(128))
_SIGMA: Final = "\u03a3"
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Lower-case, drop diacritics and unify apostrophes, keeping every offset.

    A text beyond ASCII is folded as UTF-8 bytes: ``bytes.lower`` lowers the ASCII letters
    and leaves every other byte alone, and each other character is replaced by its fold
    once for all its occurrences (str.lower and a regex over a text beyond Latin-1 cost
    ten times as much). A capital sigma lowers by the letters around it, so a Greek text
    is folded a character at a time."""
    if text.isascii():
        return text.lower()
    data = text.encode("utf-8", "surrogatepass")
    # an ASCII byte never occurs inside another character's UTF-8: these are the others, whole
    others = set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    if _SIGMA in others:
        return _fold_by_context(text)
    data = data.lower()
    for c in others:
        data = data.replace(c.encode("utf-8", "surrogatepass"), _folded(c))
    return data.decode("utf-8", "surrogatepass")


def _fold_by_context(text: str) -> str:
    """``fold`` with ``str.lower``, which lowers a capital sigma by the letters around it."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for c in set(_NON_ASCII.findall(low)):
        folded = _fold_char(c)
        if folded != c:
            low = low.replace(c, folded)
    return low


_WORD_BYTES: Final = bytes(i if chr(i).isascii() and chr(i).isalnum() else 32 for i in range(256))


def _spaced(folded: str) -> str:
    """A folded text with every character but an ASCII letter or digit made a space (same
    length): names then match as whole words, "Ch'ongjin" as "ch ongjin"."""
    return folded.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii")


def word_copy(folded: str) -> str:
    """A text as the gazetteer matches it, from its ``fold``: every character but an ASCII
    letter or digit a space, and one space more at each end."""
    return f" {_spaced(folded)} "


def word_trie(words: Iterable[str]) -> str:
    """A regex that matches the literal ``words`` and nothing else, written as a trie
    ("mill|mine" -> "mi(?:ll|ne)"): the engine tests each character once, where a plain
    alternation tries every word at every offset (STACK.md: ~200x slower for 5,000 words).
    For patterns asked whether they match, not which word matched."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


def name_openers(heads: Iterable[str]) -> frozenset[str]:
    """The characters a run of capitalised words or one of ``heads`` starts with: what must
    follow the blanks for a pattern "capitalised words, then one of the heads" to match, so
    that a cheap look at one character spares the regex most places it cannot match."""
    return frozenset(string.ascii_uppercase) | {h[:1] for h in heads}


def phrase_trie(phrases: Iterable[str]) -> str:
    """``word_trie`` of phrases in which, as in ``alternation``, a space stands for any
    whitespace: for a list of heads tried at several places of a match ("Pyongyang
    ... Factory"), where an alternation tries each of them at each."""
    return word_trie(phrases).replace(r"\ ", r"\s+")


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first; a space stands for any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def place_cues() -> dict[str, tuple[str, ...]]:
    """The cue words of ``data/lexicon/places.yaml``, checked on load."""
    raw = read_data("lexicon/places.yaml")
    keys = ("not_place_after", "not_place_hyphen", "suffixes", "hyphen_suffixes", "prefixes", "organization_heads",
            "source_nouns", "agencies", "parent_links", "area_words")
    for key in keys:
        if not isinstance(raw.get(key), list) or not all(isinstance(w, str) and w for w in raw[key]):
            raise ValueError(f"data/lexicon/places.yaml: {key} must be a list of words")
    return {key: tuple(raw[key]) for key in keys}


class Gazetteer:
    """The units and their compiled matcher; build once per process (``gazetteer()``)."""

    def __init__(self, data: dict) -> None:
        self.entries: tuple[PlaceEntry, ...] = tuple(_entry(u) for u in data["units"])
        self.attribution: str = data["attribution"]
        names: dict[str, list[tuple[PlaceEntry, str, bool]]] = {}
        for entry, unit in zip(self.entries, data["units"], strict=True):
            for spelling in unit["names"]:
                names.setdefault(spelling.lower(), []).append((entry, spelling, False))
            for spelling in unit["suffix_names"]:
                names.setdefault(spelling.lower(), []).append((entry, spelling, True))
        self._names = names
        words: dict[str, list[tuple[PlaceEntry, str, bool]]] = {}
        for key, values in names.items():  # "ch'ongjin" and "ch ongjin" are one key once spaced
            bucket = words.setdefault(_spaced(key), [])
            bucket.extend(v for v in values if v not in bucket)
        self.keys: dict[str, _Name] = {f" {key} ": _Name.of(len(key), values) for key, values in words.items()}
        """The automaton's keys (" name ", on ``word_copy``) and values, for a caller that
        matches them together with other whole-word lexicons (``extract.wordscan``)."""
        self._automaton = ahocorasick.Automaton()
        for key, value in self.keys.items():
            self._automaton.add_word(key, value)
        self._automaton.make_automaton()
        cues = place_cues()
        self._suffix = re.compile(_after_pattern(cues, str)[1], re.IGNORECASE)
        self._after = re.compile(_after_pattern(cues, str)[0], re.IGNORECASE)
        """What follows a name: a word that makes it no place ("Taedong River"), else maybe
        its level word ("County", "-gun"); one regex for both."""
        self._after_lower = re.compile(_after_pattern(cues, str.lower)[0])
        """``_after`` for lower-case text (a case-blind alternation tries each branch)."""
        self._prefix = re.compile(rf"(?i)\b(?:{alternation(cues['prefixes'])})\s+$")
        self.by_id: dict[str, PlaceEntry] = {e.id: e for e in self.entries}
        self.provinces: dict[str, PlaceEntry] = {
            e.province: e for e in self.entries if e.level == "province" and e.province
        }

    def find(self, text: str, hits: Iterable[tuple[int, _Name]] | None = None,
             folded: str | None = None) -> list[PlaceMatch]:
        """Every place named in ``text``: whole words, capitalised, leftmost-longest.

        ``hits``: the (end, value) pairs of ``keys`` over ``word_copy(fold(text))``, when
        the caller found them in a pass of its own; ``folded``: ``fold(text)``, when the
        caller has it (an ASCII text's is its lower case, for ``_after_lower``)."""
        # (start, -stop, -end, stop, ...): sorted as they are, leftmost, then longest, then the
        # longest name without its level word; no two share a start and an end (one key each)
        found: list[tuple[int, int, int, int, tuple[PlaceEntry, ...], str, str | None]] = []
        if hits is None:
            hits = self._automaton.iter(word_copy(fold(text)))
        lower = folded if folded is not None and text.isascii() else None
        for last, name in hits:
            start = last - name.length - 1  # the key is " name ": whole words only
            end = start + name.length
            if not text[start].isupper():
                continue
            after = self._after.match(text, end) if lower is None else self._after_lower.match(lower, end)
            if after is None:
                if name.needs_level and not self._prefix.search(text, max(0, start - 20), start):
                    continue
                found.append((start, -end, -end, end, name.bare, name.spelling, None))
            elif after.group("not_place") is None:
                stop = after.end()
                found.append((start, -stop, -end, stop, name.entries, name.spelling, text[end:stop].strip(" -")))
        found.sort()
        out: list[PlaceMatch] = []
        edge = -1
        for start, _, _, stop, entries, spelling, suffix in found:
            if start >= edge:
                out.append(PlaceMatch(start, stop, entries, spelling, suffix))
                edge = stop
        return out

    def lookup(self, name: str) -> list[PlaceEntry]:
        """The units a name may denote, in any romanization, with or without its level word."""
        key = re.sub(r"\s+", " ", fold(name).strip())
        values = self._names.get(key)
        if values is None:
            bare = self._suffix.sub("", key)
            values = self._names.get(bare.strip(), [])
        return [v[0] for v in values]


def _after_pattern(cues: dict[str, tuple[str, ...]], case: Callable[[str], str]) -> tuple[str, str]:
    """What may follow a name (``Gazetteer._after``) and its level words alone, of the cue
    words in ``case``."""
    alt = {key: alternation(case(w) for w in cues[key])
           for key in ("suffixes", "hyphen_suffixes", "not_place_after", "not_place_hyphen")}
    suffix = rf"(?:\s+(?:{alt['suffixes']})|-(?:{alt['hyphen_suffixes']}))(?![\w-])"
    not_after = rf"\s+(?:{alt['not_place_after']})\b|-(?:{alt['not_place_hyphen']})\b"
    return rf"(?P<not_place>{not_after})|{suffix}", suffix


def _entry(unit: dict) -> PlaceEntry:
    level, province = unit["level"], unit["province"]
    if level not in LEVELS or (province is None) != (level == "region") or (province and province not in PROVINCES):
        raise ValueError(f"data/gazetteer.json: unit {unit['id']} has level {level!r}, province {province!r}")
    if not unit["names"] and not unit["suffix_names"]:
        raise ValueError(f"data/gazetteer.json: unit {unit['id']} has no name")
    return PlaceEntry(
        id=unit["id"], name=unit["name"], province=province, level=level, locality=unit["locality"],
        lat=float(unit["lat"]), lon=float(unit["lon"]), also_in=tuple(unit["also_in"]), approx=bool(unit["approx"]),
    )


def _load() -> Gazetteer:
    raw = resources.files("factorywatch.data").joinpath("gazetteer.json").read_text("utf-8")
    return Gazetteer(json.loads(raw))


_GAZETTEER: Final = Once(_load)


def gazetteer() -> Gazetteer:
    return _GAZETTEER.get()


def most_specific(entries: Iterable[PlaceEntry]) -> PlaceEntry:
    """The first of the most specific level (a loop: compiled, a ``max`` with a lambda key
    calls a Python object per entry)."""
    best: PlaceEntry | None = None
    best_level = -1
    for e in entries:
        level = LEVELS.index(e.level)
        if level > best_level:
            best, best_level = e, level
    if best is None:
        raise ValueError("most_specific() of no entries")
    return best


def choose(entries: Sequence[PlaceEntry], context: Iterable[str] = ()) -> PlaceEntry | None:
    """The unit a name denotes: the only province among its entries, else the one province of
    ``context`` (provinces the text names nearby) that fits; None when still ambiguous."""
    provinces = {e.province for e in entries}
    if len(provinces) == 1:
        return most_specific(entries)
    fitting = {p for p in context if p in provinces}
    if len(fitting) == 1:
        return most_specific([e for e in entries if e.province in fitting])
    return None


def find(text: str) -> list[PlaceMatch]:
    """Every place named in ``text`` (see ``Gazetteer.find``)."""
    return gazetteer().find(text)


def lookup(name: str) -> list[PlaceEntry]:
    """The units ``name`` may denote: "Unsan" gives both Unsan counties."""
    return gazetteer().lookup(name)


def spellings() -> tuple[str, ...]:
    """Every spelling of every unit that ``find`` matches, as the data writes it (for tools
    that match the same names another way, such as the spaCy baseline of bench/extract.py)."""
    return tuple(sorted({spelling for values in gazetteer()._names.values() for _, spelling, _ in values}))


def all_entries() -> tuple[PlaceEntry, ...]:
    return gazetteer().entries


def entry(unit_id: str) -> PlaceEntry | None:
    """The unit with this id (``Place.gazetteer_id``), or None."""
    return gazetteer().by_id.get(unit_id)


def province_of(name: str) -> str | None:
    """The province of a named place, or None when unknown or ambiguous ("Unsan")."""
    provinces = {e.province for e in lookup(name)}
    return provinces.pop() if len(provinces) == 1 else None


def normalize_province(name: str) -> str | None:
    """The vocab spelling of a province named any way ("Hamgyongbuk-do", "N. Hamgyong",
    "Gangwon Province", "Phyongyang"); None for anything that is not a province."""
    if name in PROVINCES:
        return name
    for province in PROVINCES:
        if province.lower() == name.strip().lower():
            return province
    entries = lookup(name)
    provinces = {e.province for e in entries if e.level == "province"}
    return provinces.pop() if len(provinces) == 1 else None


def centroid(province: str | None, locality: str | None = None) -> tuple[float, float] | None:
    """Approximate (lat, lon) of a locality in a province, else of the province; None if unknown."""
    prov = normalize_province(province) if province else None
    if locality:
        entries = [
            e for e in lookup(locality)
            if e.level not in ("province", "region") or e.locality
            if prov is None or prov == e.province or prov in e.also_in
        ]
        if entries and (prov or len({e.province for e in entries}) == 1):
            entry = most_specific(entries)
            return entry.lat, entry.lon
    if prov:
        whole = gazetteer().provinces.get(prov)
        return (whole.lat, whole.lon) if whole else None
    return None
