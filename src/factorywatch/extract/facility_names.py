"""Facility names in a text: where they are and what kind of site they name.

A name is a run of name words ending in a head noun of ``data/vocab.yaml`` ("Kumsong
Tractor Factory", "No. 245 Factory", "Pyongyang Electric Cable Factory 326", "Factory No.
76", "Huichon power station"). An Aho-Corasick automaton over the heads' last words finds
every head (STACK.md: pyahocorasick, ~13 M words/s); one regex on the reversed text before
it reads the run of capitalised words, numbers and "No." that precedes it; a short walk
from the head leftwards over the run's few words then decides where the name starts:

* stop words end it: determiners, headline verbs, titles, an address before the name
  ("South Pyongan Province | Pyongsong Market");
* a capitalised word right after a person or organization is a headline verb ("Kim Jong
  Un | Inspects Sinuiju Cosmetics Factory");
* in a title-case line (headline, caption) an unknown word must read as Korean
  ("North Korea Struggles for 20 Years to Complete | Hydropower Plant");
* product words and descriptors continue a name but never make one alone ("Machine
  Factory", "Sci-Tech Complex" are no names), and "and" joins two of them only ("Kim Chaek
  Iron and Steel Complex", never "the Yongang Farm and Sinso Farm").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Final

import ahocorasick

from factorywatch.extract.facility_lexicon import (
    MONTHS,
    ORDINAL,
    UPPER,
    FacilityLexicon,
    is_generic,
    is_possessive,
    lexicon,
    looks_korean,
    strip_possessive,
)
from factorywatch.model import Entity

_NUMBER: Final = re.compile(r"\d+(?:\.\d+)*")
_YEAR: Final = re.compile(r"(?:19|20)\d\d")
_HEADLINE_WORD: Final = re.compile(r"[A-Za-z][\w'\u2019-]*")
_MINOR_WORDS: Final = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "vs"]
)
_JOINERS: Final = ("and", "&")
_NO_OR_JOINERS: Final = ("No.", *_JOINERS)
_GLUE: Final = "_-'\u2019."
_RUN_WINDOW: Final = 160
_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# The run of name words before a head, read backwards (on the reversed text): each word is
# preceded (in reading order) by whitespace and is a capitalised word, a number, "No.",
# "and" or "&", standing at a word boundary.
_RUN_REVERSED: Final = re.compile(
    rf"(?:[ \t\u00a0]+(?:\.oN|(?:ts|dn|dr|ht)?(?:\d+\.)*\d+|dna|&|[\w'\u2019-]*[{UPPER}])(?![\w'\u2019.-]))*"
)
_NUMBER_AFTER: Final = re.compile(r"[ \t\u00a0]+(?:No\.[ ]?\d+(?!\w)|\d+(?=[\n\r.,;:!?)\]]|$))")
_HEADLINE_MAX_WORDS: Final = 16


class NameMatch:
    """A head noun with the name words the left walk kept before it.

    A plain class, not a dataclass: compiled, it is a native class, several times cheaper
    to build (a document builds one for each head noun)."""

    start: int
    """Start of the name; ``head_start`` when no word was kept ("the factory")."""
    end: int
    head_start: int
    kind: str
    words: tuple[str, ...]
    """The name's words, head (and trailing number) included."""
    modifiers: tuple[str, ...]
    """The name's words other than the head noun (a trailing number included)."""
    head: tuple[str, ...]
    """The head noun's words, as written."""
    proper: bool
    """A proper word or a number among the modifiers: a name, not a description."""
    capital: bool
    """Head written with a capital letter."""
    plural: bool
    foreign: bool
    """A word of the name is a place outside North Korea."""
    spelled: str | None
    """The whole name where the text spells it apart: "Unryul Mine" for the "Unryul" of
    "Unryul and Jaeryong mines"."""

    def __init__(
        self, start: int, end: int, head_start: int, kind: str, words: tuple[str, ...], modifiers: tuple[str, ...],
        head: tuple[str, ...], proper: bool, capital: bool, plural: bool, foreign: bool, spelled: str | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.head_start = head_start
        self.kind = kind
        self.words = words
        self.modifiers = modifiers
        self.head = head
        self.proper = proper
        self.capital = capital
        self.plural = plural
        self.foreign = foreign
        self.spelled = spelled


@cache
def _head_index() -> tuple[ahocorasick.Automaton, dict[str, tuple[str, ...]]]:
    """An automaton over the last words of the head nouns, and for each last word what its
    heads have before it, longest first: their other words, each followed by a space ("power
    " for "power station"; "" for a one-word head)."""
    heads = lexicon().heads
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for words in heads:
        by_last.setdefault(words[-1], []).append(words)
    automaton = ahocorasick.Automaton()
    for last in by_last:
        automaton.add_word(last, last)
    automaton.make_automaton()
    return automaton, {
        k: tuple(" ".join(words[:-1]) + " " if len(words) > 1 else "" for words in sorted(v, key=len, reverse=True))
        for k, v in by_last.items()
    }


def head_words() -> tuple[str, ...]:
    """The last words of the head nouns, lower case: what ``find_names`` looks for."""
    return tuple(_head_index()[1])


def _lower(text: str) -> str:
    """Lower-case ``text`` without moving any offset."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


Token = tuple[int, str]


def _tokens(text: str, start: int, end: int) -> list[Token]:
    """(offset, word) of the runs of non-space characters in ``text[start:end]`` (as the
    regex ``\\S+`` finds them, several times cheaper than its matches)."""
    out: list[Token] = []
    if start >= end:
        return out
    part = text[start:end]
    at = 0
    for word in part.split():
        at = part.find(word, at)
        out.append((start + at, word))
        at += len(word)
    return out


class _Walker:
    """Walks name runs of one text leftwards from their heads."""

    def __init__(self, text: str, entities: Sequence[Entity]) -> None:
        self.text = text
        self.entities = entities
        self._entity_ends: frozenset[int] | None = None
        self.lex: FacilityLexicon = lexicon()
        self._headlines: dict[int, bool] = {}

    def after_entity(self, pos: int) -> bool:
        """Whether a person or organization name ends one or two characters before ``pos``
        (their ends are gathered at the first word that asks: most heads never do)."""
        ends = self._entity_ends
        if ends is None:
            ends = self._entity_ends = frozenset([e.end for e in self.entities])
        return pos - 1 in ends or pos - 2 in ends

    def headline(self, pos: int) -> bool:
        """Whether the line around ``pos`` is in title case (a headline or a caption)."""
        start = self.text.rfind("\n", 0, pos) + 1
        if start not in self._headlines:
            end = self.text.find("\n", pos)
            self._headlines[start] = _title_case(self.text, start, end if end >= 0 else len(self.text))
        return self._headlines[start]

    def accepts(self, tokens: list[Token], i: int, right: str) -> bool:
        """Whether ``tokens[i]`` continues, leftwards, the name that ``right`` starts."""
        lex = self.lex
        pos, w = tokens[i]
        low = w.lower()
        if w in lex.stop_words or low.endswith(lex.stop_suffixes):
            return False
        if w in _JOINERS:  # "Iron and Steel", "Economic and Trade", never "Farm and Sinso"
            left = tokens[i - 1][1] if i > 0 else ""
            return (
                bool(left)
                and is_generic(left)
                and (left.lower(),) not in lex.heads
                and is_generic(right)
            )
        if w == "No.":
            return _is_number(right)
        if w[0].isdecimal():  # what both number patterns start with (``\d``): most words skip them
            if _is_number(w):
                return not _YEAR.fullmatch(w)
            if ORDINAL.fullmatch(w):
                return True
        if low in MONTHS:
            return _is_number(right) and w[0].isupper()
        generic = is_generic(w)
        if is_possessive(w):
            return generic  # "Disabled Soldiers' ...", never "Korea's ..."
        if generic:
            return True
        if self.after_entity(pos):
            return False  # "Kim Jong Un | Inspects ..."
        if w.endswith("ly") or (len(w) > 1 and w.isupper()):
            return False  # sentence adverbs; acronyms are organizations or countries
        return w[0].isupper() and (looks_korean(w) or not self.headline(pos))

    def walk(self, pre: list[Token], head: list[Token], num: list[Token], kind: str) -> NameMatch:
        lex = self.lex
        right = head[0][1]
        first = len(pre)
        for i in range(len(pre) - 1, -1, -1):
            if not self.accepts(pre, i, right):
                break
            first, right = i, pre[i][1]
        while first < len(pre) and pre[first][1] in _JOINERS:
            first += 1
        named = pre[first:] + head
        if first < len(pre):  # the longest head: "Thermal Power Complex"
            found = lex.head_kind(tuple([w for _, w in named]))
            if found is not None and found[1] > len(head):
                kind = found[0]
                head = named[len(named) - found[1] :]
        before = [w for _, w in named[: len(named) - len(head)]]
        head_words = [w for _, w in head]
        after = [w for _, w in num]
        modifiers = tuple(before + after)
        capital = head_words[-1][0].isupper()
        proper = _proper(modifiers, capital, lex.trade_names)
        if proper and not capital:  # "Hungnam factory", "Huichon power station", never "Sudden market"
            proper = not num and all(looks_korean(strip_possessive(w)) for w in modifiers)
        last = (num or head)[-1]
        foreign = False
        for w in modifiers:
            if strip_possessive(w.lower()) in lex.foreign:
                foreign = True
                break
        return NameMatch(
            start=named[0][0],
            end=last[0] + len(last[1]),
            head_start=head[0][0],
            kind=kind,
            words=tuple(before + head_words + after),
            modifiers=modifiers,
            head=tuple(head_words),
            proper=proper,
            capital=capital,
            plural=tuple([w.lower() for w in head_words]) in lex.plurals,
            foreign=foreign,
        )


def _proper(modifiers: tuple[str, ...], capital: bool, trade_names: frozenset[str]) -> bool:
    """A proper word or a number among the modifiers; or, before a capitalised head, a trade
    name after another word ("Metal Construction Company")."""
    for w in modifiers:
        if w not in _NO_OR_JOINERS and not is_generic(w):
            return True
    if capital and len(modifiers) >= 2:
        for w in modifiers[1:]:
            if w.lower() in trade_names:
                return True
    return False


def _title_case(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has 3 to 16 words besides minor ones, 80 % of them
    capitalised (read up to the 17th: a paragraph is no headline)."""
    words = capitals = 0
    for m in _HEADLINE_WORD.finditer(text, start, end):
        word = m.group()
        if word in _MINOR_WORDS:
            continue
        words += 1
        if words > _HEADLINE_MAX_WORDS:
            return False
        capitals += word[0].isupper()
    return words >= 3 and capitals >= 0.8 * words


def find_names(
    text: str, entities: Sequence[Entity] = (), heads: Iterable[tuple[int, str]] | None = None
) -> list[NameMatch]:
    """Every head noun in ``text`` with the name before it (if any), in text order.

    ``entities``: the person and organization names of ``text``. A name inside a
    longer one ("Haeju Farm" in "Haeju Farm Machine Factory") is left out. ``heads``: (index
    of the last letter, word) of the ``head_words`` in the text, in text order, when the
    caller found them in a pass of its own (as whole words: this checks the boundaries).
    """
    automaton, by_last = _head_index()
    walker = _Walker(text, entities)
    out: list[NameMatch] = []
    reversed_text: str | None = None  # made at the first head: a slice per head costs more
    # The boundaries are tested on ``text``: lower-casing keeps whether a character is
    # alphanumeric or glue (checked for every code point), so the lower case of the whole
    # text is needed only to find the heads when the caller has not.
    for last_index, last in automaton.iter(_lower(text)) if heads is None else heads:
        end = last_index + 1
        start = end - len(last)
        if (start and (text[start - 1].isalnum() or text[start - 1] in _GLUE)) or (
            end < len(text) and (text[end].isalnum() or text[end] in "_-")
        ):
            continue
        head_start = _head_start(text, start, by_last[last])
        if head_start is None:
            continue
        if head_start == start:  # one word
            head = [(start, text[start:end])]
        else:
            head = _tokens(text, head_start, end)
        if reversed_text is None:
            reversed_text = text[::-1]
        # the window of _RUN_WINDOW characters before the head, read backwards (``endpos``
        # ends the string for the pattern's lookahead as a slice would)
        at = len(text) - head_start
        found_run = _RUN_REVERSED.match(reversed_text, at, at + min(head_start, _RUN_WINDOW))
        run = found_run.end() - at if found_run else 0  # always matches, maybe empty
        pre = _tokens(text, head_start - run, head_start)
        num_match = _NUMBER_AFTER.match(text, end)
        num = _tokens(text, end, num_match.end()) if num_match else []
        out.append(walker.walk(pre, head, num, walker.lex.heads[tuple([w.lower() for _, w in head])]))
    if not _in_order(out):  # most are: a name ends at its head, and heads come in text order
        out.sort(key=lambda n: (n.start, -n.end))
    kept: list[NameMatch] = []
    for n in out:
        if kept and kept[-1].start <= n.start and n.end <= kept[-1].end:
            continue
        kept.append(n)
    return kept


def _in_order(names: list[NameMatch]) -> bool:
    """Whether ``names`` are sorted by start, the longer first where two start together (a
    loop over them costs less than the sort's call of a key function for each)."""
    for i in range(1, len(names)):
        a, b = names[i - 1], names[i]
        if b.start < a.start or (b.start == a.start and b.end > a.end):
            return False
    return True


# "Unryul and ", "Ramjong, Hungsan and other ": names that share the plural head after them
_CONJUNCT: Final = rf"[{UPPER}][\w'\u2019-]*(?:[ \t]+[{UPPER}][\w'\u2019-]*)?"
_CONJUNCTS: Final = re.compile(
    rf"(?P<list>(?:{_CONJUNCT}[ \t]*,[ \t]*){{0,6}}{_CONJUNCT}),?[ \t]+(?:and|&)[ \t]+(?P<other>other[ \t]+)?$"
)
_PART: Final = re.compile(r"[^,]+")


def coordinated(text: str, names: list[NameMatch]) -> list[tuple[NameMatch, ...]]:
    """Names that share one plural head: "Unryul and Jaeryong mines", "the Kosan and Onchon
    Fruit Farms", "Ramjong, Hungsan and other mines": one name per proper word, each
    spelled in full ("Unryul Mine", "Kosan Fruit Farm"), the last one on the plural run;
    each group of such names in a tuple."""
    lex = lexicon()
    out: list[tuple[NameMatch, ...]] = []
    for n in names:
        if not n.plural:
            continue
        own = n.proper and n.modifiers and looks_korean(n.modifiers[0]) and not is_generic(n.modifiers[0])
        if not own and n.modifiers:
            continue
        if not _after_and(text, n.start):
            continue
        m = _CONJUNCTS.search(text, max(0, n.start - 120), n.start)
        if m is None or bool(m.group("other")) == bool(own):
            continue
        shared = n.modifiers[1:] if own else ()
        if any(not is_generic(w) for w in shared):
            continue
        head = tuple(w.title() for w in lex.plurals[tuple(w.lower() for w in n.head)])
        parts = []
        for part in reversed(list(_PART.finditer(text, m.start("list"), m.end("list")))):
            words = _tokens(text, part.start(), part.end())
            while len(words) > 1 and words[0][1] in lex.stop_words:
                words.pop(0)  # "The Namsan and Pukchon mines"
            if any(
                w in lex.stop_words or is_generic(w) or not looks_korean(w) or w.lower() in lex.foreign
                for _, w in words
            ):
                break
            parts.append((words[0][0], words[-1][0] + len(words[-1][1]), " ".join(w for _, w in words)))
        if own:
            parts.append((n.start, n.end, n.modifiers[0]))
        if len(parts) >= 2:
            out.append(tuple(_spelled(n, start, end, (w, *shared), head) for start, end, w in reversed(parts)))
    return out


def _blanks_before(text: str, at: int) -> int:
    """Where the spaces and tabs right before ``at`` start."""
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    return at


def _after_and(text: str, at: int) -> bool:
    """Whether ``text`` before ``at`` ends as ``_CONJUNCTS`` must: "and " or "& ", maybe
    followed by "other ". Most plural heads fail this check, which spares the search of the
    pattern at every character of its window (the pattern decides where the check passes)."""
    end = _blanks_before(text, at)
    if end == at:
        return False
    if text.endswith("other", 0, end):
        before = _blanks_before(text, end - 5)
        if before == end - 5:
            return False
        end = before
    return text.endswith(("and", "&"), 0, end)


def _spelled(n: NameMatch, start: int, end: int, modifiers: tuple[str, ...], head: tuple[str, ...]) -> NameMatch:
    return NameMatch(
        start=start,
        end=end,
        head_start=n.head_start,
        kind=n.kind,
        words=(*modifiers, *head),
        modifiers=modifiers,
        head=head,
        proper=True,
        capital=True,
        plural=False,
        foreign=n.foreign,
        spelled=" ".join((*modifiers, *head)),
    )


def _head_start(text: str, start: int, prefixes: tuple[str, ...]) -> int | None:
    """Start of the longest head noun ending with the word at ``start``, whose heads have
    ``prefixes`` before it (``_head_index``)."""
    for prefix in prefixes:
        if not prefix:
            return start
        begin = start - len(prefix)
        if begin >= 0 and _lower_at(text, begin, prefix) and (begin == 0 or not text[begin - 1].isalnum()):
            return begin
    return None


def _lower_at(text: str, at: int, prefix: str) -> bool:
    """Whether ``_lower(text)`` has the lower-case ASCII ``prefix`` at ``at``, lower-casing
    only that part: an ASCII part lowers alike either way ``_lower`` takes; any other
    (rare) needs the whole text's, whose length decides how ``_lower`` folds it."""
    part = text[at : at + len(prefix)]
    if part.isascii():
        return part.lower() == prefix
    return _lower(text).startswith(prefix, at)
