"""Sentence splitting: the first component, on which evidence sentences and reference
resolution rest.

A scan over candidate breaks (terminal punctuation, newlines) with an abbreviation list
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

from functools import cache
from typing import Final

from factorywatch.extract.pipeline import component, evolve
from factorywatch.model import Analysis, Sentence, builder
from factorywatch.vocab import read_data

# A candidate break: terminal punctuation or a newline, with the closing quotes, brackets
# and whitespace after it (terminals, closers, and the whitespace "\n \t\r\f\v\u00a0").
_STARTS: Final = ".!?\u2026\n"
_TERMINAL: Final = ".!?\u2026"
_CLOSERS: Final = "\"'\u201d\u2019\u00bb)]"


_sentence: Final = builder(Sentence)


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = read_data("lexicon/abbreviations.yaml")
    sections = ("always", "before_number", "continuing_words")
    for name in sections:
        if not isinstance(raw.get(name), list) or not all(isinstance(w, str) for w in raw[name]):
            raise ValueError(f"data/lexicon/abbreviations.yaml: {name} must be a list of words")
    always, before_number, continuing = (frozenset(w.lower() for w in raw[name]) for name in sections)
    return always, before_number, continuing


def _is_lower(ch: str) -> bool:
    """``ch.islower()``, without the method call on ASCII."""
    code = ord(ch)
    return 97 <= code <= 122 if code < 128 else ch.islower()


def _is_letter(ch: str) -> bool:
    """``ch.isalpha()``, without the method call on ASCII."""
    code = ord(ch)
    return 97 <= (code | 32) <= 122 if code < 128 else ch.isalpha()


def _is_space(text: str, i: int) -> bool:
    """``text[i].isspace()``, without making the one-character string on ASCII."""
    code = ord(text[i])
    return 9 <= code <= 13 or 28 <= code <= 32 if code < 128 else text[i].isspace()


def _is_word(ch: str) -> bool:
    """Whether ``ch`` is a regex ``\\w`` character."""
    return ch.isalnum() or ch == "_"


def _ends_after(text: str, period: int, number_next: bool, always: frozenset[str],
                before_number: frozenset[str]) -> bool:
    """Whether the period at ``period`` closes a sentence, by the word before it (``\\w[\\w.]*``,
    within 8 characters), which the caller has seen to end in a letter."""
    floor = period - 8 if period > 8 else 0
    first = period
    while first > floor:
        ch = text[first - 1]
        if not (_is_word(ch) or ch == "."):
            break
        first -= 1
    while text[first] == ".":
        first += 1
    if (first == period - 1 or text[period - 2] == ".") and text[period - 1].isupper():
        return False  # an initial: "N. Korea", "U.S.", "Kim J. Un"
    low = text[first:period].lower()
    return low not in always and not (number_next and low in before_number)


def _newline_ends_sentence(text: str, newline: int, after: int, continuing: frozenset[str]) -> bool:
    """Whether the single newline at ``newline`` ends a sentence; ``after``: the first
    character past the whitespace that follows it."""
    if after >= len(text):
        return True
    if _is_lower(text[after]):
        return False  # hard-wrapped text
    floor = newline - 40 if newline > 40 else 0
    line_start = text.rfind("\n", floor, newline) + 1 or floor
    end = newline  # the line before, right-trimmed
    while end > line_start and _is_space(text, end - 1):
        end -= 1
    if end == line_start:
        return True
    if text[end - 1] in ",;-\u2013\u2014(":
        return False
    first = end  # its last word
    while first > line_start and _is_word(text[first - 1]):
        first -= 1
    return first == end or text[first:end].lower() not in continuing


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into trimmed sentences, in order, covering every non-blank character.

    Whether punctuation ends a sentence is decided inline: it is asked of nearly every break.
    A period ends one unless a lower-case word follows ("... Co. said") or the word before
    it is an abbreviation or an initial (``_ends_after``); "?", "!", "..." and a period after
    a number or a bracket always do (unless a lower-case word follows)."""
    always, before_number, continuing = _abbreviations()
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
        # The break, read in one pass: its punctuation (terminals, then closers), the offset
        # of its first newline (-1: none), its number of newlines and whether any space follows
        # the punctuation (a typed loop: slicing it out to look it up costs more).
        head = text[start]
        newline = 0 if head == "\n" else -1
        newlines = spaced = 1 if newline == 0 else 0
        punct = terminals = 1 - newlines
        state = 2 if newline == 0 else 0  # 0: in the terminals, 1: in the closers, 2: past them
        stop = start + 1
        while stop < size:
            code = ord(text[stop])
            if code == 32 or 9 <= code <= 13 or code == 160:  # the whitespace a break may have
                spaced, state = 1, 2
                if code == 10:
                    newlines += 1
                    if newline < 0:
                        newline = stop - start
            elif (ch := text[stop]) in _TERMINAL:
                if state == 0:
                    punct, terminals = punct + 1, terminals + 1
                else:
                    state = 2
            elif ch in _CLOSERS:
                if state < 2:
                    punct, state = punct + 1, 1
            else:
                break
            stop += 1
        pos = stop
        if not spaced and stop < size:
            continue  # no space after it: "U.S.A", "101.4%"
        if newlines > 1:
            cut = start + (punct or newline)
        else:
            after = stop  # the first character after the break's whitespace, if any
            while after < size and _is_space(text, after):
                after += 1
            if punct and newline != 0:
                if after == size or not (_is_lower(text[after]) or (  # "... Co. said"
                        terminals == 1 and head == "." and start > 0  # "?", "!", "...", "in 2019."
                        and _is_letter(text[start - 1])
                        and not _ends_after(text, start, text[after].isdigit(), always, before_number))):
                    cut = start + punct
                elif newline > 0 and _newline_ends_sentence(text, start + newline, after, continuing):
                    cut = start + newline
                else:
                    continue
            elif newline >= 0 and _newline_ends_sentence(text, start + newline, after, continuing):
                cut = start + newline
            else:
                continue
        cuts.append(cut)
    cuts.append(size)
    out: list[Sentence] = []
    begin = 0
    for cut in cuts:  # each chunk trimmed in place (``str.strip`` trims what isspace says)
        while begin < cut and _is_space(text, begin):
            begin += 1
        end = cut
        while end > begin and _is_space(text, end - 1):
            end -= 1
        if end > begin:
            out.append(_sentence(begin, end))
        begin = cut
    return tuple(out)


@component("sentences", reads=("text",), writes=("sentences",))
def sentences(analysis: Analysis) -> Analysis:
    return evolve(analysis, sentences=split_sentences(analysis.text))
