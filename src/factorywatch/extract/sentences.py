"""Sentence splitting: the first component, on which evidence sentences and reference
resolution rest.

A regex over candidate breaks (terminal punctuation, newlines) with an abbreviation list
(STACK.md: 5/5 on the tricky cases at ~16 M words/s; blingfire would add 99 MB for the
same result). Rules that matter on news text:

* "Mar. 1", "No. 245", "Dr. Lee", "N. Korea", "U.S." do not end a sentence;
* a period followed by a lower-case word ("... Co. said") does not end one;
* a blank line always ends one, and so does a single newline: a photo caption or headline
  line never merges with the next line, unless the text is hard-wrapped in mid-sentence
  (the next line starts in lower case, or the line ends with a comma or a word such as
  "the").

Sentences are trimmed of surrounding whitespace; they never overlap and come in text order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Final

from factorywatch.extract.pipeline import component, evolve
from factorywatch.model import Analysis, Sentence
from factorywatch.vocab import read_data

# A candidate break: terminal punctuation or a newline, with the closing quotes, brackets
# and whitespace after it (every character of _TAIL).
_STARTS: Final = ".!?\u2026\n"
_TAIL: Final = ".!?\u2026\"'\u201d\u2019\u00bb)]\n \t\r\f\v\u00a0"
_TERMINAL: Final = ".!?\u2026"
_CLOSERS: Final = "\"'\u201d\u2019\u00bb)]"
_WORD_BEFORE: Final = re.compile(r"(\w[\w.]*)\.$")
_LAST_WORD: Final = re.compile(r"(\w+)$")
_NEXT_CHAR: Final = re.compile(r"\s*(\S)")


_SET_FIELDS: Final[tuple[Callable[[Sentence, int], None], ...]] = tuple(
    getattr(Sentence, name).__set__ for name in ("start", "end")
)


def _sentence(start: int, end: int) -> Sentence:
    """``Sentence(start, end)`` at half the cost: the frozen dataclass's ``__init__`` is
    interpreted code that sets each field through a guarded ``object.__setattr__``; this
    fills the slots directly (as ``pipeline.evolve`` does for ``Analysis``)."""
    sentence = object.__new__(Sentence)
    set_start, set_end = _SET_FIELDS
    set_start(sentence, start)
    set_end(sentence, end)
    return sentence


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = read_data("lexicon/abbreviations.yaml")
    sections = ("always", "before_number", "continuing_words")
    for name in sections:
        if not isinstance(raw.get(name), list) or not all(isinstance(w, str) for w in raw[name]):
            raise ValueError(f"data/lexicon/abbreviations.yaml: {name} must be a list of words")
    always, before_number, continuing = (frozenset(w.lower() for w in raw[name]) for name in sections)
    return always, before_number, continuing


@lru_cache(maxsize=8192)
def _ends_after(window: str, number_next: bool) -> bool:
    """Whether a period that ends ``window`` (the period and up to 8 characters before it)
    closes a sentence, by the word before it (cached: sentences end on the same words)."""
    m = _WORD_BEFORE.search(window)
    if not m:
        return True
    word = m.group(1)
    last = word.rsplit(".", 1)[-1]
    if len(last) == 1 and last.isupper():
        return False  # an initial: "N. Korea", "U.S.", "Kim J. Un"
    always, before_number, _ = _abbreviations()
    low = word.lower()
    return low not in always and not (low in before_number and number_next)


def _newline_ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the newline(s) in ``text[start:end]`` end a sentence."""
    if text.count("\n", start, end) > 1:
        return True  # a paragraph break
    nxt = _NEXT_CHAR.match(text, end)
    if nxt is None:
        return True
    if nxt.group(1).islower():
        return False  # hard-wrapped text
    line_start = text.rfind("\n", max(0, start - 40), start) + 1 or max(0, start - 40)
    tail = text[line_start:start].rstrip()
    if not tail:
        return True
    if tail[-1] in ",;-\u2013\u2014(":
        return False
    m = _LAST_WORD.search(tail)
    _, _, continuing = _abbreviations()
    return not (m and m.group(1).lower() in continuing)


@lru_cache(maxsize=1024)
def _shape(group: str) -> tuple[int, bool, int, bool, bool]:
    """What a break (a ``_STARTS`` character and the ``_TAIL`` after it) is made of: the
    length of its punctuation (terminals, then closers), whether that is a single period, the
    offset of its first newline (-1: none), whether it has two, and whether any space follows
    the punctuation.
    (Cached: breaks are a few strings, ". " and ".\\n" above all.)"""
    closed = group.lstrip(_TERMINAL).lstrip(_CLOSERS)  # what follows the punctuation
    punct = group[: len(group) - len(closed)]
    return (len(punct), punct.rstrip(_CLOSERS) == ".", group.find("\n"), group.count("\n") > 1,
            bool(closed.lstrip(_TERMINAL + _CLOSERS)))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into trimmed sentences, in order, covering every non-blank character.

    Whether punctuation ends a sentence is decided inline: it is asked of nearly every break.
    A period ends one unless a lower-case word follows ("... Co. said") or the word before
    it is an abbreviation or an initial (``_ends_after``); "?", "!", "..." and a period after
    a number or a bracket always do (unless a lower-case word follows)."""
    cuts: list[int] = []
    size = len(text)
    # The next offset of each character that starts a break (-1: none left): ``str.find``
    # runs at memory speed, where the regex engine would test the text character by character.
    nexts = [text.find(c) for c in _STARTS]
    pos = 0
    while True:
        start = size
        for i in range(len(nexts)):
            at = nexts[i]
            if 0 <= at < pos:
                at = nexts[i] = text.find(_STARTS[i], pos)
            if 0 <= at < start:
                start = at
        if start == size:
            break
        stop = start + 1
        while stop < size and text[stop] in _TAIL:
            stop += 1
        pos = stop
        punct, period, newline, paragraph, spaced = _shape(text[start:stop])
        if not spaced and stop < size:
            continue  # no space after it: "U.S.A", "101.4%"
        if paragraph:
            cut = start + (punct or newline)
        elif punct and newline != 0:
            after = stop  # the first character after the break's whitespace, if any
            while after < size and text[after].isspace():
                after += 1
            next_char = text[after] if after < size else None
            if next_char is None or not (next_char.islower() or (  # "... Co. said"
                    period and start > 0 and text[start - 1].isalpha()  # "?", "!", "...", "in 2019."
                    and not _ends_after(text[start - 8 if start > 8 else 0 : start + 1], next_char.isdigit()))):
                cut = start + punct
            elif newline > 0 and _newline_ends_sentence(text, start + newline, stop):
                cut = start + newline
            else:
                continue
        elif newline >= 0 and _newline_ends_sentence(text, start + newline, stop):
            cut = start + newline
        else:
            continue
        cuts.append(cut)
    cuts.append(size)
    out: list[Sentence] = []
    begin = 0
    for cut in cuts:  # each chunk trimmed in place (``str.strip`` trims what isspace says)
        while begin < cut and text[begin].isspace():
            begin += 1
        end = cut
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            out.append(_sentence(begin, end))
        begin = cut
    return tuple(out)


@component("sentences", reads=("text",), writes=("sentences",))
def sentences(analysis: Analysis) -> Analysis:
    return evolve(analysis, sentences=split_sentences(analysis.text))
