"""Facility names as a value type: cleaning, parsing into parts, and a canonical key.

Every stage that touches a facility name goes through here (as followthemoney's ``types``
own their cleaning), so extraction, resolution and export agree on what "the same name"
means. A name is parsed into the parts that decide identity:

* places and proper names (romanized Korean, folded to one spelling: ``romanize.fold``),
* product words (English, folded for spelling, plural and translation: ``lexicon``),
* optional words a shorter form may drop ("Youth", "General", "Coal" in a mine's name),
* number and date names ("No. 245", "March 30", "2.8", "326"),
* the head noun and its kind (from ``vocab.py``), widened to a kind class.

``name_key`` prints those parts back as a string; two names with one key are one name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from factorywatch.resolve.lexicon import NameLexicon, lexicon
from factorywatch.resolve.places import split_place
from factorywatch.resolve.romanize import ascii_letters, fold, hangul_to_latin
from factorywatch.resolve.words import Rewrite, fold_english, phrases, take_numbers, tokenize, translate

PROPER, PLACE, WORD, OPTIONAL = "proper", "place", "word", "optional"


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    role: str
    """``place``, ``proper`` (romanized name), ``word`` (English) or ``optional``."""
    group: str | None = None
    """For ``optional`` tokens: the lexicon group (``mineral``, ``honorific``...)."""


@dataclass(frozen=True, slots=True)
class NameParts:
    name: str
    """The display form (``normalize_name``)."""
    tokens: tuple[Token, ...]
    numbers: tuple[str, ...]
    """Number and date names, canonical and sorted: ``"245"``, ``"march 30"``."""
    head: str | None
    """The head noun as written in the key's language (``factory``, ``complex``, ``station``)."""
    kind: str | None
    classes: frozenset[str]
    aliases: tuple[str, ...]
    """Bracketed alternative names ("Taedong River Battery Factory (No. 245 Factory)")."""
    rewrites: tuple[Rewrite, ...]
    provinces: frozenset[str]
    """Provinces the name's place may be in (two for Unsan; empty without a known place)."""
    key: str
    # Views of ``tokens``, computed once: the matcher compares them pair after pair.
    places: tuple[str, ...] = field(init=False)
    propers: tuple[str, ...] = field(init=False)
    words: tuple[str, ...] = field(init=False)
    core: tuple[str, ...] = field(init=False)
    """What must agree for two names to be one: all but optional words, numbers, head."""
    optional: Mapping[str, frozenset[str]] = field(init=False)
    """Optional words by lexicon group."""

    def __post_init__(self) -> None:
        def of(*roles: str) -> tuple[str, ...]:
            return tuple(t.text for t in self.tokens if t.role in roles)

        optional: dict[str, set[str]] = {}
        for t in self.tokens:
            if t.role == OPTIONAL and t.group:
                optional.setdefault(t.group, set()).add(t.text)
        for name, value in (
            ("places", of(PLACE)),
            ("propers", of(PROPER)),
            ("words", of(WORD)),
            ("core", of(PLACE, PROPER, WORD)),
            ("optional", {g: frozenset(w) for g, w in optional.items()}),
        ):
            object.__setattr__(self, name, value)

    @property
    def generic(self) -> bool:
        """A name that does not single out one site: product words only ("Machine Factory"),
        or a place with a plain industrial head ("Sinuiju factory"). Its identity holds only
        inside the document that uses it (where "Pyongsong Market" or "Masan Mine" do not)."""
        if self.numbers or self.propers:
            return False
        return not self.places or not self.words and self.classes <= {"industrial"}

    @property
    def code_only(self) -> bool:
        """A bare number name ("No. 245 Factory"), which only a text can tie to a named site."""
        return bool(self.numbers) and not self.core


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"'})
_EDGE = " \t\"'.,;:!?*-\u2013\u2014"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def normalize_name(name: str) -> str:
    """The display form of a name: Unicode NFKC, straight quotes, single spaces, no leading
    "the" or stray punctuation. Idempotent; keeps case and spelling (analysts read it)."""
    text = " ".join(unicodedata.normalize("NFKC", name).translate(_QUOTES).split())
    while True:
        before = text
        text = _LEADING_THE.sub("", text.strip(_EDGE))
        if text == before:
            return text


_BRACKETS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")


def split_aliases(name: str) -> tuple[str, tuple[str, ...]]:
    """``"X (Y)"`` -> ``("X", ("Y",))``; a name that is all bracket keeps the bracket's text."""
    inside = tuple(a.strip() for a in _BRACKETS.findall(name) if a.strip())
    outside = " ".join(_BRACKETS.sub(" ", name).split())
    if not outside.strip(_EDGE + "()[]") and inside:
        return inside[0], inside[1:]
    return outside, inside


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The canonical key of a name: equal keys denote one facility (given agreeing context).

    Romanization folded, diacritics, apostrophes, hyphens, spacing and "&" erased, plurals
    singular, British spellings and translated parts replaced by one form, the head noun
    replaced by its kind class. Idempotent: ``name_key(name_key(n)) == name_key(n)``.
    """
    key = parse_name(name).key
    for _ in range(4):  # a folded word may itself read as another word; settle on the fixed point
        again = parse_name(key).key
        if again == key:
            break
        key = again
    return key


_SOUTHERN = re.compile(r"eo|eu|^[gdb]")
_ASPIRATED = re.compile(r"[ptk]h")


def variant_marks(parts: NameParts) -> int:
    """How far a spelling is from the standard English form of its name: one mark for each
    plural, British spelling, translated or compound variant, place not spelled as the
    gazetteer spells it, Revised Romanization vowel or voiced stop, DPRK aspiration h, and
    diacritics or apostrophes. Fewer marks: more standard
    ("Taedonggang Battery Factory" over "Taedong River Battery Factory")."""
    marks = sum(r.why in ("spelling", "plural", "translation", "compound", "place") for r in parts.rewrites)
    for r in parts.rewrites:
        if r.why == "romanization":
            marks += len(_SOUTHERN.findall(r.before)) + len(_ASPIRATED.findall(r.before))
    return marks + (not parts.name.isascii()) + ("'" in parts.name)


@lru_cache(maxsize=65_536)
def slugify(name: str) -> str:
    """A lower-case ASCII slug of a display name (the shape of gold ``key`` values); cached:
    extraction slugs every facility name it reads, and names repeat."""
    text = ascii_letters(hangul_to_latin(normalize_name(name))).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@lru_cache(maxsize=200_000)
def parse_name(name: str) -> NameParts:
    """Parse a facility name into the parts that decide its identity (cached: names repeat)."""
    lex = lexicon()
    display = normalize_name(name)
    main, aliases = split_aliases(display)
    text = ascii_letters(hangul_to_latin(main)).casefold().replace("'", "").replace("&", " and ")
    text = re.sub(r"[^a-z0-9#.\u00b7\u30fb\s-]", " ", text)
    rewrites: list[Rewrite] = []
    found, text = take_numbers(text, lex)
    words = [fold_english(w, lex, rewrites) for w in tokenize(text, lex)]
    words, spelled_numbers = phrases(words, lex, rewrites)
    numbers = tuple(sorted(set(found) | set(spelled_numbers)))
    words = translate(words, lex, rewrites)
    words, head, kind, modifiers = _head(_place_first(words, lex), lex)
    classes = {lex.kind_class.get(kind, kind)} if kind else set()
    classes |= {lex.kind_hints[w] for w in words if w in lex.kind_hints}
    words = [w for w in words if w not in lex.kind_hints]
    provinces: set[str] = set()
    tokens = _roles(words + modifiers, len(words), frozenset(classes), lex, rewrites, provinces)
    key = _key(tokens, numbers, kind, frozenset(classes), lex)
    return NameParts(
        display, tokens, numbers, head, kind, frozenset(classes), aliases, tuple(rewrites), frozenset(provinces), key
    )


def _key(
    tokens: tuple[Token, ...], numbers: tuple[str, ...], kind: str | None, classes: frozenset[str], lex: NameLexicon
) -> str:
    out = [t.text for t in tokens] + list(numbers)
    if classes:
        hinted = sorted(c for c in classes if c in lex.kind_hints.values())
        cls = hinted[0] if hinted else lex.kind_class.get(kind or "", kind or "")
        out.append(lex.class_words.get(cls, ""))
    return " ".join(w for w in out if w)


def _place_first(words: list[str], lex: NameLexicon) -> list[str]:
    """ "shoe factory in Wonsan" -> "Wonsan shoe factory": a known place after in/at moves to
    the front, where names carry it."""
    for i, word in enumerate(words):
        if word in ("in", "at") and 0 < i < len(words) - 1:
            tail = words[i + 1 :]
            place, _, rest, _ = split_place([w for w in tail if w not in lex.english])
            if place and not rest and _head(words[:i], lex)[1]:
                return tail + words[:i]
    return words


def _head(words: list[str], lex: NameLexicon) -> tuple[list[str], str | None, str | None, list[str]]:
    """The head-noun phrase at the end: its last word and kind; the modifiers before it that
    name a product class ("Coal" Mine, "Thermal" Power Plant) are returned to be kept."""
    content = [w for w in words if w not in lex.stop_words]
    for phrase, kind in lex.heads:
        if len(content) >= len(phrase) and tuple(content[-len(phrase) :]) == phrase:
            cut = len(words)
            for _ in phrase:  # drop the phrase's words (and stop words inside it) from the end
                while words[cut - 1] in lex.stop_words:
                    cut -= 1
                cut -= 1
            return words[:cut], phrase[-1], kind, [w for w in phrase[:-1] if w in lex.head_optional]
    return words, None, None, []


def _roles(
    words: list[str],
    n_body: int,
    classes: frozenset[str],
    lex: NameLexicon,
    rewrites: list[Rewrite],
    provinces: set[str],
) -> tuple[Token, ...]:
    """Mark optional words, drop stop words, fold and join romanized runs, split off places."""
    marks: list[Token | None] = [None] * len(words)
    for i, word in enumerate(words):
        if marks[i] is not None:
            continue
        for first in dict.fromkeys((word, fold(word))):
            for probe, text, group in lex.optional_index.get(first, ()):
                span = words[i : i + len(probe)]
                if group.classes and not group.classes & classes or len(span) < len(probe):
                    continue
                seen = tuple(fold(w) for w in span) if group.romanized else tuple(span)
                if seen == probe and all(m is None for m in marks[i : i + len(probe)]):
                    marks[i] = Token(text, OPTIONAL, group.name)
                    for j in range(i + 1, i + len(probe)):
                        marks[j] = Token("", OPTIONAL, group.name)
                    break
            if marks[i] is not None:
                break
    tokens: list[Token] = []
    run: list[str] = []
    for i, word in enumerate(words):
        if marks[i] is None and word not in lex.stop_words and word not in lex.english and i < n_body:
            run.append(word)
            continue
        tokens.extend(_proper_run(run, rewrites, provinces))
        run = []
        mark = marks[i]
        if mark is not None:
            if mark.text:
                tokens.append(mark)
        elif word not in lex.stop_words:
            tokens.append(Token(word, WORD))
    tokens.extend(_proper_run(run, rewrites, provinces))
    return tuple(tokens)


def _proper_run(run: Sequence[str], rewrites: list[Rewrite], provinces: set[str]) -> Iterable[Token]:
    """Adjacent romanized words are one name written with or without spaces (Kim Chaek)."""
    if not run:
        return ()
    place, written, rest, where = split_place(run)
    provinces.update(where)
    out = []
    if place:
        if written != place.replace(" ", ""):
            rewrites.append(Rewrite(written, place, "place"))
        out.append(Token(place, PLACE))
    if rest:
        folded = fold(rest)
        if folded != rest:
            rewrites.append(Rewrite(rest, folded, "romanization"))
        out.append(Token(folded, PROPER))
    return out
