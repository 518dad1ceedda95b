"""Lexicon entries compiled for speed: one regex per list, found through its anchors.

A list of lexicon entries (regex fragments, see ``data/lexicon/claims.yaml``) becomes one
case-insensitive, whole-word regex. Python's ``re`` tries every alternative at every offset,
which is slow for lists of a hundred entries, so each entry is also reduced to how its
matches start (" shut" for "shut(?:s|ting)? down", the whole word " has " for "(?:has|have)
no"): one Aho-Corasick pass over the text finds the few offsets where a match can start, and
the regex is tried there only (STACK.md: pyahocorasick, 13 M words/s). A list with an entry
whose start cannot be told is scanned with the regex alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import ahocorasick

META = set("\\()[]{}.?*+|^$ '")


def fragment(entry: str) -> str:
    """A lexicon entry as regex: a space is any whitespace, an apostrophe either apostrophe."""
    out, in_class, escaped = [], False, False
    for ch in entry:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
            out.append(ch)
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        elif ch == " ":
            out.append(r"\s" if in_class else r"\s+")
        elif ch == "'":
            out.append("'’" if in_class else "['’]")
        else:
            out.append(ch)
    return "".join(out)


def compile_entries(entries: Any, where: str) -> re.Pattern[str]:
    """One regex for a list of entries: whole words (a hyphenated compound is one word, so
    "low-priced" holds no "low"), case-insensitive, longest entry first."""
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{where}: expected a non-empty list of patterns")
    parts = []
    for entry in entries:
        if not isinstance(entry, str) or not entry.strip():
            raise ValueError(f"{where}: not a pattern: {entry!r} (quote it in the YAML file)")
        frag = fragment(entry.strip())
        try:
            re.compile(frag)
        except re.error as exc:
            raise ValueError(f"{where}: bad pattern {entry!r}: {exc}") from None
        parts.append(frag)
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _close(entry: str, at: int) -> int:
    """Index of the parenthesis closing the one that opens at ``at``."""
    depth, i = 0, at
    while i < len(entry):
        ch = entry[i]
        if ch == "\\":
            i += 2
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i
        i += 1
    return len(entry)


def _branches(inner: str) -> list[str]:
    out, depth, last, i = [], 0, 0, 0
    while i < len(inner):
        ch = inner[i]
        if ch == "\\":
            i += 2
            continue
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            out.append(inner[last:i])
            last = i + 1
        i += 1
    return [*out, inner[last:]]


def starts(entry: str) -> set[str] | None:
    """How every match of an entry starts, as anchor keys: " shut" (a word starting so) or
    " has " (that whole word); None when it cannot be told."""
    while entry.startswith(("(?<!", "(?<=")):
        entry = entry[_close(entry, 0) + 1:]
    if entry.startswith("(?:"):
        close = _close(entry, 0)
        if entry[close + 1: close + 2] == "{":
            return None
        optional = entry[close + 1: close + 2] in ("?", "*")
        rest = entry[close + 2:] if optional else entry[close + 1:]
        found: set[str] = set()
        for branch in [*_branches(entry[3:close]), *([""] if optional else [])]:
            part = starts(branch + rest) if branch + rest else None
            if part is None:
                return None
            found |= part
        return found
    literal, whole = "", True
    for ch in entry:
        if ch in META:
            whole = ch == " "
            if ch in "?*{" and literal:
                literal = literal[:-1]
            break
        literal += ch
    if len(literal) < 2:
        return None
    return {" " + literal.lower() + (" " if whole else "")}


class Anchors:
    """Anchor keys -> values, found in one Aho-Corasick pass: ``hits`` yields (offset, value)
    for each offset of ``text[start:end]`` where a word starts as a key says."""

    def __init__(self, keyed: Iterable[tuple[Iterable[str], Any]]) -> None:
        self._automaton = ahocorasick.Automaton()
        values: dict[str, list[Any]] = {}
        for keys, value in keyed:
            for key in keys:
                values.setdefault(key, []).append(value)
        for key, found in values.items():
            self._automaton.add_word(key, (len(key), tuple(found)))
        self._empty = not values
        if values:
            self._automaton.make_automaton()

    def hits(self, text: str, start: int, end: int) -> Iterator[tuple[int, Any]] | None:
        """None when the text cannot be read this way (lower-casing changed its length)."""
        padded = _mapped(text)
        if padded is None:
            return None
        if self._empty or end <= start:
            return iter(())
        return ((at, value)
                for last, (size, found) in self._automaton.iter(padded, start, end + 2)
                if start <= (at := last - size + 1) < end
                for value in found)

    def offsets(self, text: str, start: int, end: int) -> list[int] | None:
        """The offsets of ``hits``, each once and in order (what a single list needs)."""
        padded = _mapped(text)
        if padded is None:
            return None
        if self._empty or end <= start:
            return []
        found = set()
        for last, (size, _) in self._automaton.iter(padded, start, end + 2):
            at = last - size + 1
            if start <= at < end:
                found.add(at)
        return sorted(found)


# Characters that end a word are mapped to a space (one for one, so offsets hold): every one
# but a letter, a digit, "_", "'", "’" and "-".
_WORD_BEYOND_ASCII = re.compile(r"[^\x00-\x7f](?<=[\w\u2019])")
_ASCII_MAPPED = bytes(c if c < 128 and (chr(c).isalnum() or chr(c) in "_'-") else 32 for c in range(256))


def _in_word(char: str) -> bool:
    """Whether ``char`` is part of a word (what ``_mapped`` keeps)."""
    return char.isalnum() or char in "_'\u2019-"


@lru_cache(maxsize=8)
def _mapped(text: str) -> str | None:
    """The text lower-cased, word ends as spaces, padded with one space at each end (so the
    word at offset i starts right after index i of the result); None if lower-casing changes
    its length."""
    low = text.lower()
    if len(low) != len(text):
        return None
    # A byte table, not a regex replacement per character; the few characters beyond ASCII
    # that are part of words are put back after.
    mapped = low.encode("ascii", "replace").translate(_ASCII_MAPPED).decode("ascii")
    if not low.isascii():
        pieces: list[str] = []
        done = 0
        for m in _WORD_BEYOND_ASCII.finditer(low):
            pieces += (mapped[done : m.start()], m.group())
            done = m.end()
        mapped = "".join(pieces) + mapped[done:]
    return " " + mapped + " "


class Finder:
    """A compiled lexicon list with the ``re.Pattern`` methods the extraction uses: entries
    with known starts are tried at their anchors only, the others scanned for."""

    __slots__ = ("anchored", "anchors", "pattern", "scanned")

    def __init__(self, entries: Any, where: str) -> None:
        self.pattern = compile_entries(entries, where)
        keyed = [(e, starts(e.strip())) for e in entries]
        known = [e for e, k in keyed if k is not None]
        unknown = [e for e, k in keyed if k is None]
        self.anchored = compile_entries(known, where) if known else None
        self.scanned = compile_entries(unknown, where) if unknown else None
        self.anchors = Anchors([(set().union(*(k for _, k in keyed if k is not None)), None)])

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                 offsets: Iterable[int] | None = None) -> Iterator[re.Match[str]]:
        """Matches in ``text[pos:endpos]``; ``offsets``: the anchor hits, when already found."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if end < len(text) and _in_word(text[end]):
            # The window ends inside a word: there the text is cut as if it ended (as ``re``'s
            # endpos does), which the anchors, read on the whole text, cannot see.
            yield from self.pattern.finditer(text, pos, end)
            return
        if offsets is None:
            offsets = self.anchors.offsets(text, pos, end)
            if offsets is None:
                yield from self.pattern.finditer(text, pos, end)
                return
        else:
            offsets = sorted(offsets)
        found = []
        if self.anchored is not None:
            last = -1
            for at in offsets:
                if at >= last and (m := self.anchored.match(text, at, end)):
                    last = m.end()
                    found.append(m)
        if self.scanned is not None:
            found.extend(self.scanned.finditer(text, pos, end))
            found.sort(key=lambda m: (m.start(), -m.end()))
        last = -1
        for m in found:
            if m.start() >= last:
                last = m.end()
                yield m

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)
