"""Lexicon entries compiled for speed: one regex per list, found through its anchors.

A list of lexicon entries (regex fragments, see ``data/lexicon/claims.yaml``) becomes one
case-insensitive, whole-word regex. Python's ``re`` tries every alternative at every offset,
which is slow for lists of a hundred entries, so each entry is also reduced to how its
matches start (" shut" for "shut(?:s|ting)? down", the whole word " has " for "(?:has|have)
no"): one Aho-Corasick pass over the text finds the few offsets where a match can start, and
the regex of the entries that start so is tried there only (STACK.md: pyahocorasick, 13 M
words/s). Entries whose start cannot be told are scanned for with a regex of their own, only
from the runs of letters that hold their word when they are glued to one ("ChairmanKim").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Final

import ahocorasick

META: Final = set("\\()[]{}.?*+|^$ '")


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


DEFERRED: Final = frozenset({"the", "a", "an", "to", "in", "at", "on", "of", "for", "by", "with", "into", "under",
                      "is", "are", "was", "were", "be", "been", "being", "has", "have", "had"})
"""Function words that start many entries ("the marshal", "(?:at|to) a standstill") and half
the words of a text: such an entry is anchored on the first word after them instead ("the|
marshal", "to a| standstill", see ``Anchors``), which is found far less often."""


def starts(entry: str, whole_at_end: bool = True) -> set[str] | None:
    """How every match of an entry starts, as anchor keys: " shut" (a word starting so),
    " has " (that whole word), "the| marshal" (see ``DEFERRED``); None when it cannot be told.
    ``whole_at_end``: whether a literal that ends the entry counts as a whole word (as it
    always has for a first word; never for a word told otherwise)."""
    while entry.startswith(("(?<!", "(?<=")):
        entry = entry[_close(entry, 0) + 1:]
    # A group, or a case-sensitive one ("(?-i:may)": its keys, lower-cased like all keys,
    # are found in any case, which its regex then tells apart)
    opened = 3 if entry.startswith("(?:") else 5 if entry.startswith("(?-i:") else 0
    if opened:
        close = _close(entry, 0)
        if entry[close + 1: close + 2] == "{":
            return None
        optional = entry[close + 1: close + 2] in ("?", "*")
        rest = entry[close + 2:] if optional else entry[close + 1:]
        found: set[str] = set()
        for branch in [*_branches(entry[opened:close]), *([""] if optional else [])]:
            part = starts(branch + rest, whole_at_end) if branch + rest else None
            if part is None:
                return None
            found |= part
        return found
    literal, whole = _literal(entry, whole_at_end)
    word = literal.lower()
    if whole and len(literal) < len(entry) and word in DEFERRED:
        after = starts(entry[len(literal) + 1:], False)
        if after is not None:
            return {word + (" " if BACK in key else BACK) + key for key in after}
    optional_at = len(literal) + 1
    if entry[optional_at: optional_at + 1] == "?" and entry[optional_at - 1] not in META:
        # "re-?open": a word that starts "reopen" or "re-open", not just any "re..."
        either = [starts(entry[:optional_at - 1] + entry[optional_at + 1:], False),
                  starts(entry[:optional_at] + entry[optional_at + 1:], False)]
        if either[0] is not None and either[1] is not None:
            return either[0] | either[1]
    if len(literal) < 2:
        return None
    return {" " + word + (" " if whole else "")}


BACK: Final = "|"
"""What joins the deferred words (space-separated) to the key of the word after them."""


def _literal(entry: str, whole_at_end: bool = True) -> tuple[str, bool]:
    """The literal text an entry starts with, and whether it is a whole word (followed by a
    space; at the end of the entry, ``whole_at_end``)."""
    literal, whole = "", whole_at_end
    for ch in entry:
        if ch in META:
            whole = ch == " "
            if ch in "?*{" and literal:
                literal = literal[:-1]
            break
        literal += ch
    return literal, whole


GLUE: Final = re.compile(r"\((?:\?(?:-i)?:)?(?:\[(?:[a-z]-[a-z]|[A-Z]-[A-Z]|[0-9]-[0-9]|[A-Za-z0-9])+\][*+?]?)+\)[?*]?")
"""An optional group of letters and digits only: "(?-i:[A-Za-z]*[a-z])?"."""


def glued(entry: str) -> str | None:
    """The word (lower-cased) that every match of an entry whose start cannot be told holds
    right after a run of letters, when the entry says so: "kim" for "(?!to(?-i:Kim))(?-i:[A-Za-z]*
    [a-z])?Kim ..." ("ChairmanKim Jong Un"). Such a match starts where the run of word
    characters before that word starts, since none may come before it; None: not such an entry."""
    while entry.startswith(("(?<!", "(?<=", "(?!", "(?=")):
        entry = entry[_close(entry, 0) + 1:]
    glue = GLUE.match(entry)
    literal, _ = _literal(entry[glue.end():] if glue else entry)
    return literal.lower() if len(literal) >= 2 and literal.isalnum() else None


FEW_KEYS: Final = 4
"""Up to so many keys (the pronouns of a leader: " he ", " his ", " him "), one ``str.find``
per key costs less than an automaton's pass (measured); beyond, the pass costs less."""


class Anchors:
    """Anchor keys -> values, found in one Aho-Corasick pass over a window of a text (a
    ``str.find`` per key, when only ``FEW_KEYS``). A deferred key ("the| marshal") is found
    as the word after its ``BACK`` and counts where the deferred word before it starts,
    when only white space lies between."""

    def __init__(self, keyed: Iterable[tuple[Iterable[str], Any]]) -> None:
        self._automaton = ahocorasick.Automaton()
        values: dict[str, list[Any]] = {}
        for keys, value in keyed:
            for key in keys:
                values.setdefault(key, []).append(value)
        found_as: dict[str, list[tuple[str, tuple[str, ...], tuple[Any, ...]]]] = {}
        for key, found in values.items():
            back, _, word = key.rpartition(BACK)
            before = tuple(" " + w for w in reversed(back.split())) if back else ()
            found_as.setdefault(word, []).append((key, before, tuple(found)))
        self._found_as = {word: tuple(as_keys) for word, as_keys in found_as.items()}
        """Word searched for -> (key, the deferred words before it, last first, values)."""
        for word, as_keys in self._found_as.items():
            self._automaton.add_word(word, (len(word), as_keys))
        self._empty = not values
        self._few = tuple(self._found_as) if len(values) <= FEW_KEYS else None
        """The words, when so few that ``offsets`` finds each with ``str.find``."""
        if values:
            self._automaton.make_automaton()

    def grouped(self, text: str, start: int, end: int) -> dict[Any, dict[int, list[str]]] | None:
        """Each value -> the offsets of ``text[start:end]`` where a word starts as one of its
        keys says -> those keys (in the order found); None when the text cannot be read this
        way (lower-casing changed its length)."""
        padded = _mapped(text)
        if padded is None:
            return None
        out: dict[Any, dict[int, list[str]]] = {}
        if self._empty or end <= start:
            return out
        for item in self._automaton.iter(_window(padded, start, end)):
            entry: tuple[int, tuple[tuple[str, tuple[str, ...], tuple[Any, ...]], ...]] = item[1]
            hit: int = item[0] - entry[0] + 1 + start
            if hit >= end:
                continue
            for key, back, values in entry[1]:
                at = _deferred_start(padded, hit, back) if back else hit
                if at < start:
                    continue
                for value in values:
                    offsets = out.get(value)
                    if offsets is None:
                        out[value] = {at: [key]}
                    elif at in offsets:
                        offsets[at].append(key)
                    else:
                        offsets[at] = [key]
        return out

    def offsets(self, text: str, start: int, end: int) -> dict[int, list[str]] | None:
        """The offsets of ``text[start:end]`` where a word starts as a key says -> the keys
        found there (in no set order), whatever their values (what a single list needs)."""
        padded = _mapped(text)
        if padded is None:
            return None
        found: dict[int, list[str]] = {}
        if self._empty or end <= start:
            return found
        if self._few is not None:
            for word in self._few:
                hit = padded.find(word, start, end + 2)
                while 0 <= hit < end:
                    _add_keys(found, padded, hit, start, self._found_as[word])
                    hit = padded.find(word, hit + 1, end + 2)
            return found
        for item in self._automaton.iter(_window(padded, start, end)):
            entry: tuple[int, tuple[tuple[str, tuple[str, ...], tuple[Any, ...]], ...]] = item[1]
            hit = item[0] - entry[0] + 1 + start
            if hit < end:
                _add_keys(found, padded, hit, start, entry[1])
        return found


def _add_keys(found: dict[int, list[str]], padded: str, hit: int, start: int,
              keys: tuple[tuple[str, tuple[str, ...], tuple[Any, ...]], ...]) -> None:
    """Records the ``keys`` of a word found at ``hit`` where they start (``Anchors.offsets``)."""
    for key, back, _ in keys:
        at = _deferred_start(padded, hit, back) if back else hit
        if at < start:
            continue
        if at in found:
            found[at].append(key)
        else:
            found[at] = [key]


def _deferred_start(padded: str, at: int, back: tuple[str, ...]) -> int:
    """Where the words ``back`` (" a", " to": last first) start when only white space lies
    between them and the word at offset ``at`` of a ``_mapped`` text; -1 when they do not.
    (Spaces of the mapped text also stand for other characters that end a word, but nothing
    else can separate a match's words: a wrong offset is only tried in vain.)"""
    for word in back:
        i = at
        while i > 0 and padded[i] == " ":
            i -= 1
        at = i + 1 - len(word)
        if at < 0 or not padded.startswith(word, at):
            return -1
    return at


def _match_order(m: re.Match[str]) -> tuple[int, int]:
    """Matches by start, the longest first."""
    return m.start(), -m.end()


def _window(padded: str, start: int, end: int) -> str:
    """The part of a ``_mapped`` text that holds the keys starting at offsets ``start`` to
    ``end`` (``end`` at most the text's length): a slice, because an automaton's pass over
    a window of a string still copies the whole string first, which costs more than the
    pass over a sentence (offsets found in the slice are then relative to ``start``)."""
    return padded if start == 0 and end + 2 >= len(padded) else padded[start : end + 2]


# Characters that end a word are mapped to a space (one for one, so offsets hold): every one
# but a letter, a digit, "_", "'", "’" and "-".
_WORD_BEYOND_ASCII: Final = re.compile(r"[^\x00-\x7f](?<=[\w\u2019])")
_ASCII_MAPPED: Final = bytes(c if c < 128 and (chr(c).isalnum() or chr(c) in "_'-") else 32 for c in range(256))


_SINGLE: Final = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                  "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}
_ASCII: Final = [chr(c) for c in range(128)]


def _ascii_of(op: str, av: Any, flags: int) -> set[str] | None:
    """The ASCII characters that one parsed single-character item of a regex matches, as the
    regex engine tells them (``flags``: whether case is ignored); None when not such an item."""
    if op == "LITERAL":
        body = re.escape(chr(av))
    elif op == "NOT_LITERAL":
        body = "[^" + re.escape(chr(av)) + "]"
    elif op == "IN":
        parts: list[str] = []
        for item_op, item in av:
            name = str(item_op)
            if name == "NEGATE":
                parts.insert(0, "^")
            elif name == "LITERAL":
                parts.append(re.escape(chr(item)))
            elif name == "RANGE":
                parts.append(re.escape(chr(item[0])) + "-" + re.escape(chr(item[1])))
            elif name == "CATEGORY" and str(item) in _SINGLE:
                parts.append(_SINGLE[str(item)])
            else:
                return None
        body = "[" + "".join(parts) + "]"
    else:
        return None
    one = re.compile(body, flags & re.IGNORECASE)
    return {c for c in _ASCII if one.fullmatch(c)}


def _first_of(items: list[Any], flags: int) -> tuple[set[str] | None, bool]:
    """(ASCII characters a match of the parsed regex ``items`` may start with, whether it may
    match the empty string); None for the characters when that cannot be told."""
    out: set[str] = set()
    for op, av in items:
        name = str(op)
        chars: set[str] | None
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width
            continue
        if name == "SUBPATTERN":
            chars, empty = _first_of(list(av[3]), (flags | av[1]) & ~av[2])
        elif name == "BRANCH":
            chars, empty = set(), False
            for branch in av[1]:
                found, maybe = _first_of(list(branch), flags)
                if found is None:
                    return None, False
                chars |= found
                empty = empty or maybe
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            chars, maybe = _first_of(list(av[2]), flags)
            empty = av[0] == 0 or maybe
        else:
            chars, empty = _ascii_of(name, av, flags), False
        if chars is None:
            return None, False
        out |= chars
        if not empty:
            return out, False
    return out, True


def _starts_scan(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """Where a match of a ``compile_entries`` regex may start in an ASCII text: after a
    character that its whole-word start lets through (neither a word character nor "-"),
    before one that a match may start with (this regex matches the character before, so a
    match may start where it ends); None when that cannot be told. A scan for one of a few
    characters costs less than trying every alternative of the entries at every offset."""
    parsed: Any = re._parser.parse(pattern.pattern, pattern.flags)  # type: ignore[attr-defined]
    chars, empty = _first_of(list(parsed), pattern.flags)
    if chars is None or empty or not chars:
        return None
    return re.compile(r"[^\w-](?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])")


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


def holds(text: str, letters: str, start: int, end: int) -> bool | None:
    """Whether ``text[start:end]`` holds ``letters`` (lower-case letters) in any case, as a
    case-blind regex search would tell, read with ``str.find`` on the ``_mapped`` text instead
    of lower-casing every character again; None when the text cannot be read so."""
    padded = _mapped(text)
    if padded is None:
        return None
    return padded.find(letters, start + 1, end + 1) >= 0


class Finder:
    """A compiled lexicon list with the ``re.Pattern`` methods the extraction uses: entries
    with known starts are tried at their anchors only, the others scanned for. At an anchor,
    only the entries that may start as the keys found there say are tried (one regex per key:
    an alternative that cannot match there changes nothing but the cost of failing)."""

    __slots__ = ("_glue", "_glue_lower", "_known", "_many", "_one", "_starts", "anchors", "pattern", "scanned")

    def __init__(self, entries: Any, where: str) -> None:
        self.pattern = compile_entries(entries, where)
        keyed = [(e, starts(e.strip())) for e in entries]
        unknown = [e for e, k in keyed if k is None]
        self.scanned = compile_entries(unknown, where) if unknown else None
        words = [glued(e.strip()) for e in unknown]
        glue = "|".join(sorted({re.escape(w) for w in words if w is not None}))
        self._glue = re.compile(glue, re.IGNORECASE) if unknown and None not in words else None
        """The words every scanned match holds (see ``glued``): what ``_scanned`` looks for."""
        self._glue_lower = re.compile(glue)
        """The same, case-sensitive, for a ``_mapped`` text (lower case): in ASCII text it finds
        what ``_glue`` finds there, with a literal search instead of a case-blind one."""
        self._starts = _starts_scan(self.scanned) if self.scanned is not None and self._glue is None else None
        """Where a scanned match may start in an ASCII text, when not ``glued`` (see ``_scanned``)."""
        self._known: list[tuple[str, set[str]]] = [(e, k) for e, k in keyed if k is not None]
        by_key: dict[str, list[str]] = {}
        for entry, keys in self._known:
            for key in sorted(keys):
                by_key.setdefault(key, []).append(entry)
        self._one = {key: compile_entries(found, where) for key, found in by_key.items()}
        """Anchor key -> the regex of the entries that start so (in list order, which
        ``compile_entries`` keeps among entries of one length)."""
        self._many: dict[tuple[str, ...], re.Pattern[str]] = {}
        """The same for several keys found at one offset (" ha" and " has "), compiled when
        first needed."""
        self.anchors = Anchors([(by_key, None)])

    def _together(self, keys: list[str]) -> re.Pattern[str]:
        """The regex of the entries that may start where all of ``keys`` are found."""
        together = tuple(sorted(set(keys)))
        found = self._many.get(together)
        if found is None:
            entries = [e for e, starting in self._known if not starting.isdisjoint(together)]
            found = self._many[together] = compile_entries(entries, "anchored entries")
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                 offsets: dict[int, list[str]] | None = None) -> Iterator[re.Match[str]]:
        """Matches in ``text[pos:endpos]`` (see ``matches``)."""
        return iter(self.matches(text, pos, endpos, offsets))

    def matches(self, text: str, pos: int = 0, endpos: int | None = None,
                offsets: dict[int, list[str]] | None = None) -> list[re.Match[str]]:
        """Matches in ``text[pos:endpos]``, as a list (no generator to drive: most windows
        hold none); ``offsets``: the anchor hits (offset -> keys found there), when already
        found."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if end < len(text) and _in_word(text[end]) and end > 0 and _in_word(text[end - 1]):
            # The window ends inside a word: there the text is cut as if it ended (as ``re``'s
            # endpos does), which the anchors, read on the whole text, cannot see. (A window
            # that ends where a word starts, as before a trigger, cuts no word: read so.)
            return list(self.pattern.finditer(text, pos, end))
        if offsets is None:
            offsets = self.anchors.offsets(text, pos, end)
            if offsets is None:
                return list(self.pattern.finditer(text, pos, end))
        found: list[re.Match[str]] = []
        last = -1
        one = self._one
        for at in sorted(offsets):
            if at < last:
                continue
            keys = offsets[at]
            m = (one[keys[0]] if len(keys) == 1 else self._together(keys)).match(text, at, end)
            if m is not None:
                last = m.end()
                found.append(m)
        if self.scanned is None:
            return found  # in text order, none overlapping (tried from the last end on)
        found.extend(self._scanned(self.scanned, text, pos, end))
        found.sort(key=_match_order)
        kept: list[re.Match[str]] = []
        last = -1
        for m in found:
            if m.start() >= last:
                last = m.end()
                kept.append(m)
        return kept

    def _scanned(self, scanned: re.Pattern[str], text: str, pos: int, end: int) -> list[re.Match[str]]:
        """``scanned.finditer(text, pos, end)``; when every scanned entry is ``glued``, tried
        only where a run of word characters holding one of their words starts (anywhere
        else its whole-word start, ``(?<![\\w-])``, fails) instead of at every offset; else,
        in ASCII text, only where ``_starts_scan`` says a match may start."""
        if self._glue is None:
            if self._starts is None or not text.isascii():
                return list(scanned.finditer(text, pos, end))
            # Tried at the offsets where a match may start only, as ``finditer`` would:
            # each from the end of the last match found on
            matched: list[re.Match[str]] = []
            last = -1
            if pos == 0 and end > 0:
                m = scanned.match(text, 0, end)
                if m is not None:
                    last = m.end()
                    matched.append(m)
            for c in self._starts.finditer(text, max(pos - 1, 0), end):
                if c.end() >= last:
                    m = scanned.match(text, c.end(), end)
                    if m is not None:
                        last = m.end()
                        matched.append(m)
            return matched
        padded = _mapped(text) if text.isascii() else None
        if padded is not None:  # the glue words are words: kept, lower-cased, one place on
            found = [m.start() - 1 for m in self._glue_lower.finditer(padded, pos + 1, end + 1)]
        else:
            found = [m.start() for m in self._glue.finditer(text, pos, end)]
        out: list[re.Match[str]] = []
        last = tried = -1
        for at in found:
            while at > pos and (text[at - 1].isalnum() or text[at - 1] == "_"):  # what ``\w`` is
                at -= 1
            if at >= last and at != tried:
                tried = at
                m = scanned.match(text, at, end)
                if m is not None:
                    last = m.end()
                    out.append(m)
        return out

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        found = self.matches(text, pos, endpos)
        return found[0] if found else None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)
