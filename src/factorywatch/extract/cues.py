"""Cue lexicons of events and claims (``data/lexicon/*.yaml``), compiled once.

Trigger words, reporting cues and polarity cues are data; this module validates them on
load and compiles each list (``patterns.Finder``), plus the two scope checks that every
trigger shares: negation ("did not close") and irrealis ("may be punished").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from factorywatch.extract.patterns import Anchors, Finder, starts
from factorywatch.vocab import EVENT_TYPES, read_data

WORD: Final = re.compile(r"\w+")
CLAUSE_BREAK: Final = re.compile(r"[,;:()\[\]\"“”—–]|\s-\s")


@dataclass(frozen=True, slots=True)
class Rule:
    """One trigger rule of an event type (see ``events.yaml``)."""

    type: str
    triggers: Finder
    requires: str | None = None
    unless: str | None = None
    near: str | None = None
    window: int = 6


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Both lexicon files, validated and compiled."""

    cues: dict[str, Finder]
    events: dict[str, tuple[Rule, ...]]
    rules: tuple[Rule, ...]
    """Every rule of every type, in the order of ``events``."""
    rule_anchors: Anchors
    """How the rules' triggers start -> indices into ``rules`` (see ``trigger_offsets``)."""
    scanned: frozenset[int]
    """Rules with triggers whose start cannot be told: always scanned for."""
    positive_events: frozenset[str]
    official_positive_events: frozenset[str]
    negative_events: frozenset[str]
    official_negative_events: frozenset[str]
    judgement_events: frozenset[str]
    positive: Finder
    negative: Finder
    function_words: frozenset[str]


REQUIRED_CUES: Final = (
    "leader", "leader_pronoun", "negation", "negation_exempt_after", "irrealis", "official_source",
    "official_actor", "finding", "accusation", "praise", "independent_source", "reporting", "continuation", "contrast",
    "same_as_previous",
)


def _event_types(raw: dict, cues: dict[str, Finder]) -> dict[str, tuple[Rule, ...]]:
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
            compiled.append(Rule(etype, Finder(rule.get("triggers"), where), rule.get("requires"),
                                 rule.get("unless"), rule.get("near"), int(rule.get("window", 6))))
        if not compiled:
            raise ValueError(f"data/lexicon/events.yaml: {etype} has no rules")
        out[etype] = tuple(compiled)
    return out


@cache
def lexicon() -> Lexicon:
    claims = read_data("lexicon/claims.yaml")
    cue_lists = claims.get("cues") or {}
    absent = [c for c in REQUIRED_CUES if c not in cue_lists]
    if absent:
        raise ValueError(f"data/lexicon/claims.yaml: missing cue sets {absent}")
    cues = {name: Finder(entries, f"data/lexicon/claims.yaml: cues.{name}") for name, entries in cue_lists.items()}
    raw_events = read_data("lexicon/events.yaml")
    events = _event_types(raw_events, cues)
    raw_rules = [raw for etype in events for raw in raw_events["types"][etype]]
    keyed = [[starts(t.strip()) for t in raw["triggers"]] for raw in raw_rules]
    pol = claims.get("polarity") or {}
    sets = {}
    for key in ("positive_events", "official_positive_events", "negative_events", "official_negative_events",
                "judgement_events"):
        names = frozenset(pol.get(key) or ())
        if not names <= set(EVENT_TYPES):
            raise ValueError(f"data/lexicon/claims.yaml: polarity.{key} names unknown event types")
        sets[key] = names
    return Lexicon(
        cues=cues,
        events=events,
        rules=tuple(rule for rules in events.values() for rule in rules),
        rule_anchors=Anchors([(set().union(*(k for k in keys if k is not None)), i) for i, keys in enumerate(keyed)]),
        scanned=frozenset(i for i, keys in enumerate(keyed) if None in keys),
        positive=Finder(pol.get("positive"), "data/lexicon/claims.yaml: polarity.positive"),
        negative=Finder(pol.get("negative"), "data/lexicon/claims.yaml: polarity.negative"),
        function_words=frozenset(str(w).lower() for w in claims.get("function_words") or ()),
        **sets,
    )


def trigger_offsets(text: str, start: int, end: int) -> dict[int, dict[int, list[str]] | None]:
    """Rule index -> where its triggers may start in ``text[start:end]`` (offset -> anchor
    keys found there; None: scan the whole sentence), from one Aho-Corasick pass for every
    rule at once."""
    lex = lexicon()
    grouped = lex.rule_anchors.grouped(text, start, end)
    if grouped is None:
        return dict.fromkeys(range(len(lex.rules)))
    if not lex.scanned:
        return dict(sorted(grouped.items()))
    found: dict[int, dict[int, list[str]] | None] = {k: {} for k in lex.scanned}
    found.update(grouped)
    return dict(sorted(found.items()))


def words_between(text: str, start: int, end: int) -> int:
    return len(WORD.findall(text, start, end)) if end > start else 0


def _clause_start(text: str, start: int, end: int) -> int:
    """Start of the clause that ``text[start:end]`` ends in (after the last comma, quote, dash...)."""
    last = start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        last = m.end()
    return last


def clause_words(text: str, start: int, at: int) -> list[re.Match[str]]:
    """The words before ``at`` (not before ``start``) in the same clause: what ``in_scope``
    reads, once for both ``negated`` and ``irrealis`` when their scopes start alike."""
    return list(WORD.finditer(text, _clause_start(text, start, at), at))


def in_scope(cue: Finder | re.Pattern[str], text: str, start: int, at: int, window: int,
             exempt: Finder | None = None, clause: list[re.Match[str]] | None = None) -> bool:
    """Whether a cue occurs among the ``window`` words before ``at`` (not before ``start``), in
    the same clause (``clause``: its ``clause_words``, when already read)."""
    words = (clause_words(text, start, at) if clause is None else clause)[-window:]
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


def negated(text: str, start: int, at: int, clause: list[re.Match[str]] | None = None) -> bool:
    """Whether the word at ``at`` is negated: "did not close", "no shortage" (but "not only")."""
    lex = lexicon()
    return in_scope(lex.cues["negation"], text, start, at, 3, lex.cues["negation_exempt_after"], clause)


def irrealis(text: str, start: int, at: int, clause: list[re.Match[str]] | None = None) -> bool:
    """Whether the word at ``at`` is hypothetical or intended: "may be punished", "plans to close"."""
    return in_scope(lexicon().cues["irrealis"], text, start, at, 8, None, clause)
