"""Cue lexicons of events and claims (``data/lexicon/*.yaml``), compiled once.

Trigger words, reporting cues and polarity cues are data; this module validates them on
load and compiles each list into one case-insensitive regular expression (one pass over a
sentence per list, as a trie-compiled alternation would be), plus the two scope checks that
every trigger shares: negation ("did not close") and irrealis ("may be punished").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from factorywatch.vocab import EVENT_TYPES

WORD = re.compile(r"\w+")
CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”—–]|\s-\s")


def compile_cues(entries: list[str], where: str) -> re.Pattern[str]:
    """One regex for a list of fragments: whole words, any whitespace, either apostrophe."""
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{where}: expected a non-empty list of patterns")
    for entry in entries:
        if not isinstance(entry, str) or not entry.strip():
            raise ValueError(f"{where}: not a pattern: {entry!r} (quote it in the YAML file)")
    parts = []
    for entry in entries:
        frag = _fragment(entry.strip())
        try:
            re.compile(frag)
        except re.error as exc:
            raise ValueError(f"{where}: bad pattern {entry!r}: {exc}") from None
        parts.append(frag)
    # Longest first, so that an alternation prefers "shut down" over "shut".
    parts.sort(key=len, reverse=True)
    # Hyphenated compounds are one word: "low-priced" holds no "low", "ex-officials" no "officials".
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _fragment(entry: str) -> str:
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


@dataclass(frozen=True, slots=True)
class Rule:
    """One trigger rule of an event type (see ``events.yaml``)."""

    triggers: re.Pattern[str]
    requires: str | None = None
    unless: str | None = None
    near: str | None = None
    window: int = 6


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: dict[str, re.Pattern[str]]
    events: dict[str, tuple[Rule, ...]]
    positive_events: frozenset[str]
    negative_events: frozenset[str]
    official_negative_events: frozenset[str]
    judgement_events: frozenset[str]
    positive: re.Pattern[str]
    negative: re.Pattern[str]
    function_words: frozenset[str]


REQUIRED_CUES = (
    "leader", "leader_pronoun", "negation", "negation_exempt_after", "irrealis", "official_source",
    "official_actor", "finding", "independent_source", "reporting", "continuation", "contrast", "same_as_previous",
)


def _read(name: str) -> dict:
    raw = yaml.safe_load(resources.files("factorywatch.data").joinpath("lexicon", name).read_text("utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"data/lexicon/{name}: expected a mapping")
    return raw


def _event_types(raw: dict, cues: dict[str, re.Pattern[str]]) -> dict[str, tuple[Rule, ...]]:
    types = raw.get("types") or {}
    unknown = set(types) - set(EVENT_TYPES)
    missing = set(EVENT_TYPES) - set(types)
    if unknown or missing:
        raise ValueError(f"data/lexicon/events.yaml: unknown types {sorted(unknown)}, missing {sorted(missing)}")
    out: dict[str, tuple[Rule, ...]] = {}
    for etype, rules in types.items():
        compiled = []
        for i, rule in enumerate(rules or ()):
            where = f"data/lexicon/events.yaml: {etype} rule {i + 1}"
            extra = set(rule) - {"triggers", "requires", "unless", "near", "window"}
            if extra:
                raise ValueError(f"{where}: unknown keys {sorted(extra)}")
            for key in ("requires", "unless", "near"):
                if rule.get(key) is not None and rule[key] not in cues:
                    raise ValueError(f"{where}: {key} names unknown cue set {rule[key]!r}")
            compiled.append(Rule(compile_cues(rule.get("triggers") or [], where), rule.get("requires"),
                                 rule.get("unless"), rule.get("near"), int(rule.get("window", 6))))
        if not compiled:
            raise ValueError(f"data/lexicon/events.yaml: {etype} has no rules")
        out[etype] = tuple(compiled)
    return out


@cache
def lexicon() -> Lexicon:
    claims = _read("claims.yaml")
    cue_lists = claims.get("cues") or {}
    absent = [c for c in REQUIRED_CUES if c not in cue_lists]
    if absent:
        raise ValueError(f"data/lexicon/claims.yaml: missing cue sets {absent}")
    cues = {name: compile_cues(entries, f"data/lexicon/claims.yaml: cues.{name}") for name, entries in cue_lists.items()}
    pol = claims.get("polarity") or {}
    sets = {}
    for key in ("positive_events", "negative_events", "official_negative_events", "judgement_events"):
        names = frozenset(pol.get(key) or ())
        if not names <= set(EVENT_TYPES):
            raise ValueError(f"data/lexicon/claims.yaml: polarity.{key} names unknown event types")
        sets[key] = names
    return Lexicon(
        cues=cues,
        events=_event_types(_read("events.yaml"), cues),
        positive=compile_cues(pol.get("positive") or [], "data/lexicon/claims.yaml: polarity.positive"),
        negative=compile_cues(pol.get("negative") or [], "data/lexicon/claims.yaml: polarity.negative"),
        function_words=frozenset(str(w).lower() for w in claims.get("function_words") or ()),
        **sets,
    )


def words_between(text: str, start: int, end: int) -> int:
    return len(WORD.findall(text, start, end)) if end > start else 0


def _clause_start(text: str, start: int, end: int) -> int:
    """Start of the clause that ``text[start:end]`` ends in (after the last comma, quote, dash...)."""
    last = start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        last = m.end()
    return last


def in_scope(cue: re.Pattern[str], text: str, start: int, at: int, window: int,
             exempt: re.Pattern[str] | None = None) -> bool:
    """Whether a cue occurs among the ``window`` words before ``at`` (not before ``start``), in
    the same clause."""
    words = list(WORD.finditer(text, _clause_start(text, start, at), at))[-window:]
    if not words:
        return False
    for m in cue.finditer(text, words[0].start(), at):
        if exempt is not None and exempt.match(text, _skip_space(text, m.end())):
            continue
        return True
    return False


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def negated(text: str, start: int, at: int) -> bool:
    """Whether the word at ``at`` is negated: "did not close", "no shortage" (but "not only")."""
    lex = lexicon()
    return in_scope(lex.cues["negation"], text, start, at, 3, lex.cues["negation_exempt_after"])


def irrealis(text: str, start: int, at: int) -> bool:
    """Whether the word at ``at`` is hypothetical or intended: "may be punished", "plans to close"."""
    return in_scope(lexicon().cues["irrealis"], text, start, at, 6)
