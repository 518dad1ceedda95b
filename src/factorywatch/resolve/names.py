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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from factorywatch.resolve.lexicon import NameLexicon, lexicon
from factorywatch.resolve.places import split_place
from factorywatch.resolve.romanize import ascii_letters, fold, hangul_to_latin

PROPER, PLACE, WORD, OPTIONAL = "proper", "place", "word", "optional"


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One step that made two spellings one (shown to analysts as a reason)."""

    before: str
    after: str
    why: str
    """``romanization``, ``spelling``, ``plural``, ``compound``, ``translation`` or ``number``."""


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

    def of(self, *roles: str) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens if t.role in roles)

    @property
    def places(self) -> tuple[str, ...]:
        return self.of(PLACE)

    @property
    def propers(self) -> tuple[str, ...]:
        return self.of(PROPER)

    @property
    def words(self) -> tuple[str, ...]:
        return self.of(WORD)

    @property
    def optional(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.role == OPTIONAL)

    @property
    def core(self) -> tuple[str, ...]:
        """What must agree for two names to be one: all but optional words, numbers, head."""
        return self.of(PLACE, PROPER, WORD)

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
    plural, British spelling, translated or compound variant, Revised Romanization vowel or
    voiced stop, DPRK aspiration h, and diacritics or apostrophes. Fewer marks: more standard
    ("Taedonggang Battery Factory" over "Taedong River Battery Factory")."""
    marks = sum(r.why in ("spelling", "plural", "translation", "compound") for r in parts.rewrites)
    for r in parts.rewrites:
        if r.why == "romanization":
            marks += len(_SOUTHERN.findall(r.before)) + len(_ASPIRATED.findall(r.before))
    return marks + (not parts.name.isascii()) + ("'" in parts.name)


def slugify(name: str) -> str:
    """A lower-case ASCII slug of a display name (the shape of gold ``key`` values)."""
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
    numbers, text = _take_numbers(text, lex)
    words = _tokenize(text, lex)
    words = [_english(w, lex, rewrites) for w in words]
    words, more_numbers = _phrases(words, lex, rewrites)
    numbers = tuple(sorted(set(numbers) | set(more_numbers)))
    words = _translate(words, lex, rewrites)
    words, head, kind, modifiers = _head(_place_first(words, lex), lex)
    classes = {lex.kind_class.get(kind, kind)} if kind else set()
    classes |= {lex.kind_hints[w] for w in words if w in lex.kind_hints}
    words = [w for w in words if w not in lex.kind_hints]
    provinces: set[str] = set()
    tokens = _roles(words + modifiers, len(words), frozenset(classes), lex, rewrites, provinces)
    parts = NameParts(display, tokens, numbers, head, kind, frozenset(classes), aliases, tuple(rewrites), frozenset(provinces), "")
    return NameParts(**{**{f: getattr(parts, f) for f in NameParts.__slots__}, "key": _key(parts, lex)})


def _key(parts: NameParts, lex: NameLexicon) -> str:
    out = [t.text for t in parts.tokens]
    out += parts.numbers
    if parts.classes:
        hinted = sorted(c for c in parts.classes if c in lex.kind_hints.values())
        main = lex.kind_class.get(parts.kind or "", parts.kind or "")
        cls = hinted[0] if hinted else main
        out.append(lex.class_words.get(cls, ""))
    return " ".join(w for w in out if w)


def _month_names(lex: NameLexicon) -> dict[int, str]:
    full: dict[int, str] = {}
    for name, month in lex.months.items():
        if len(name) > len(full.get(month, "")):
            full[month] = name
    return full


@lru_cache(maxsize=1)
def _number_patterns() -> tuple[re.Pattern[str], ...]:
    lex = lexicon()
    months = "|".join(sorted(map(re.escape, lex.months), key=len, reverse=True))
    markers = "|".join(sorted((re.escape(m.rstrip(".:")) for m in lex.number_markers if m.rstrip(".:")), key=len, reverse=True))
    ordinal = r"(?:st|nd|rd|th)?"
    return (
        re.compile(rf"\b(?P<month>{months})\.?\s*(?P<day>\d{{1,2}}){ordinal}\b"),
        re.compile(rf"\b(?P<day>\d{{1,2}}){ordinal}\s+(?P<month>{months})\b"),
        re.compile(r"(?<![\d.])(?P<m>\d{1,2})\s*[.\u00b7\u30fb]\s*(?P<day>\d{1,2})(?![\d]|\.\d)"),
        re.compile(rf"(?:\b(?:{markers})\b\.?|#)\s*#?\s*(?P<n>\d+)"),
        re.compile(rf"\b(?P<n>\d+){ordinal}\b"),
    )


def _take_numbers(text: str, lex: NameLexicon) -> tuple[list[str], str]:
    """Pull number and date names out of the text: what remains is words."""
    found: list[str] = []
    month_names = _month_names(lex)

    def date(month: int, day: int) -> str | None:
        return f"{month_names[month]} {day}" if 1 <= month <= 12 and 1 <= day <= 31 else None

    def take(match: re.Match[str]) -> str:
        groups = match.groupdict()
        if "month" in groups:
            value = date(lex.months[groups["month"]], int(groups["day"]))
        elif "m" in groups:
            value = date(int(groups["m"]), int(groups["day"]))
        else:
            value = str(int(groups["n"]))
        if value is None:
            return match.group(0).replace(".", " ")
        found.append(value)
        return " "

    for pattern in _number_patterns():
        text = pattern.sub(take, text)
    return found, text


def _tokenize(text: str, lex: NameLexicon) -> list[str]:
    """Words; a hyphenated word is one word when it is a known compound ("stock-breeding")."""
    out: list[str] = []
    for raw in re.split(r"[\s.#\u00b7\u30fb]+", text):
        parts = [p for p in raw.split("-") if p]
        joined = "".join(parts)
        if len(parts) > 1 and (joined in lex.english or (joined,) in lex.phrases):
            out.append(joined)
        else:
            out.extend(w for p in parts for w in _split_closed(p, lex))
    return out


def _split_closed(word: str, lex: NameLexicon) -> tuple[str, ...]:
    """"machinetool" -> ("machine", "tool"): two English words written as one."""
    if word in lex.english or (word,) in lex.phrases or len(word) < 8:
        return (word,)
    for i in range(4, len(word) - 3):
        if word[:i] in lex.english and word[i:] in lex.english:
            return word[:i], word[i:]
    return (word,)


def _english(word: str, lex: NameLexicon, rewrites: list[Rewrite]) -> str:
    """Spelling and plural folding of one word ("Tyres" -> "tire"), to a fixed point."""
    out = word
    for _ in range(3):
        before = out
        spelled = lex.spelling.get(out, out)
        if len(spelled) > 5:
            for suffix, repl in lex.spelling_suffixes:
                if spelled.endswith(suffix):
                    spelled = spelled[: -len(suffix)] + repl
                    break
        if spelled != out:
            rewrites.append(Rewrite(out, spelled, "spelling"))
        single = _singular(spelled, lex)
        if single != spelled:
            rewrites.append(Rewrite(spelled, single, "plural"))
        out = single
        if out == before:
            break
    return out


def _singular(word: str, lex: NameLexicon) -> str:
    """Plural -> singular, to a fixed point so that a key parses back to itself."""
    for _ in range(3):
        before = word
        if word in lex.plural_irregular:
            word = lex.plural_irregular[word]
        elif len(word) < 4 or word in lex.plural_keep or word.endswith(("ss", "us", "is")):
            return word
        elif word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith(("ches", "shes", "xes", "sses")):
            word = word[:-2]
        elif word.endswith("s"):
            word = word[:-1]
        if word == before:
            return word
    return word


def _phrases(words: list[str], lex: NameLexicon, rewrites: list[Rewrite]) -> tuple[list[str], list[str]]:
    """Compounds, translation pairs and number words, longest match first, left to right."""
    longest = max(len(p) for p in lex.phrases)
    out: list[str] = []
    numbers: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            span = tuple(words[i : i + size])
            if span in lex.phrases:
                canonical, why = lex.phrases[span]
                rewrites.append(Rewrite(" ".join(span), " ".join(canonical), why))
                out.extend(canonical)
                break
            if size <= 2 and " ".join(span) in lex.numbers:
                numbers.append(str(lex.numbers[" ".join(span)]))
                rewrites.append(Rewrite(" ".join(span), numbers[-1], "number"))
                break
        else:
            out.append(words[i])
            size = 1
        i += size
    return out, numbers


def _translate(words: list[str], lex: NameLexicon, rewrites: list[Rewrite]) -> list[str]:
    """"Taedong River" -> "taedonggang", "Mount Paektu" -> "paektusan"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        prev = out[-1] if out else None
        if word in lex.suffix_translations and prev is not None and prev not in lex.english:
            out[-1] = prev + lex.suffix_translations[word]
            rewrites.append(Rewrite(f"{prev} {word}", out[-1], "translation"))
        elif word in lex.prefix_translations and i + 1 < len(words) and words[i + 1] not in lex.english:
            out.append(words[i + 1] + lex.prefix_translations[word])
            rewrites.append(Rewrite(f"{word} {words[i + 1]}", out[-1], "translation"))
            i += 1
        else:
            out.append(word)
        i += 1
    return out


def _place_first(words: list[str], lex: NameLexicon) -> list[str]:
    """"shoe factory in Wonsan" -> "Wonsan shoe factory": a known place after in/at moves to
    the front, where names carry it."""
    for i, word in enumerate(words):
        if word in ("in", "at") and 0 < i < len(words) - 1:
            tail = words[i + 1 :]
            place, rest, _ = split_place([w for w in tail if w not in lex.english])
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
            optional = {w for g in lex.optional if g.exclusive for p in g.phrases for w in p if len(p) == 1}
            return words[:cut], phrase[-1], kind, [w for w in phrase[:-1] if w in optional]
    return words, None, None, []


def _roles(
    words: list[str], n_body: int, classes: frozenset[str], lex: NameLexicon, rewrites: list[Rewrite], provinces: set[str]
) -> tuple[Token, ...]:
    """Mark optional words, drop stop words, fold and join romanized runs, split off places."""
    marks: list[Token | None] = [None] * len(words)
    for group in lex.optional:
        if group.classes and not group.classes & classes:
            continue
        for phrase in sorted(group.phrases, key=len, reverse=True):
            target = tuple(fold(w) for w in phrase) if group.romanized else phrase
            for i in range(len(words) - len(phrase) + 1):
                span = words[i : i + len(phrase)]
                probe = tuple(fold(w) for w in span) if group.romanized else tuple(span)
                if probe == target and all(m is None for m in marks[i : i + len(phrase)]):
                    marks[i] = Token(" ".join(phrase), OPTIONAL, group.name)
                    for j in range(i + 1, i + len(phrase)):
                        marks[j] = Token("", OPTIONAL, group.name)
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
    place, rest, where = split_place(run)
    provinces.update(where)
    out = []
    spelled = "".join(run)
    if place:
        if spelled[: len(spelled) - len(rest)] != place.replace(" ", ""):
            rewrites.append(Rewrite(spelled[: len(spelled) - len(rest)], place, "romanization"))
        out.append(Token(place, PLACE))
    if rest:
        folded = fold(rest)
        if folded != rest:
            rewrites.append(Rewrite(rest, folded, "romanization"))
        out.append(Token(folded, PROPER))
    return out
