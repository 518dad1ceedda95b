"""The ``events`` component: what happened to a facility, one event per (type, facility).

Triggers are the lexicon of ``data/lexicon/events.yaml``; a trigger counts in a sentence that
reaches a facility (see ``attribution.reach``), unless it is negated or hypothetical. When a
sentence has contrasting parts ("A was praised, but B stopped"), a trigger goes to the
facilities its own part names. The evidence is the sentence, and the first sentence that
dates the event is preferred; the date is ``dates.date_of`` the sentence and trigger.

Events that reach no facility are not emitted: the tool is about facilities, and an event of
"factories" in general cannot be placed on a dossier or a map.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from factorywatch.extract.attribution import Reach, reach, segments
from factorywatch.extract.cues import (
    WORD,
    Rule,
    irrealis,
    lexicon,
    negated,
    trigger_offsets,
    words_between,
)
from factorywatch.extract.dates import date_of
from factorywatch.extract.pipeline import component, evolve
from factorywatch.model import Analysis, Event, Sentence, Span
from factorywatch.vocab import EVENT_TYPES

NAME_JOINERS = frozenset({"for", "of", "and", "the"})
"""Small words inside names: "Bureau for Construction", "Ministry of Construction"."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger word of an event type, at ``text[start:end]``."""

    type: str
    start: int
    end: int


def _rule_applies(rule: Rule, text: str, sent: Sentence, leader: bool) -> bool:
    cues = lexicon().cues
    if rule.requires is not None:
        present = leader if rule.requires == "leader" else bool(cues[rule.requires].search(text, sent.start, sent.end))
        if not present:
            return False
    if rule.unless is not None:
        present = leader if rule.unless == "leader" else bool(cues[rule.unless].search(text, sent.start, sent.end))
        if present:
            return False
    return True


def _near(cue: str, window: int, text: str, sent: Sentence, start: int, end: int) -> bool:
    """Whether the cue set ``cue`` matches within ``window`` words of ``text[start:end]``."""
    for m in lexicon().cues[cue].finditer(text, sent.start, sent.end):
        gap = words_between(text, end, m.start()) if m.start() >= end else words_between(text, m.end(), start)
        if gap <= window:
            return True
    return False


def masked(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def is_headline(text: str, start: int, end: int) -> bool:
    """A title-case line ("Kim Jong Un Inspects Sinuiju Cosmetics Factory")."""
    words = [w for w in WORD.findall(text, start, end) if w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def in_name(text: str, start: int, at: int, end: int) -> bool:
    """Whether a capitalized word inside a sentence belongs to a proper name ("the Thermal
    Power Construction Complex", "Bureau for Construction"): a name is no trigger."""
    if not text[at].isupper() or not text[start:at].strip(" \t\n\"“‘'("):
        return False
    before = WORD.findall(text, start, at)[-2:]
    after = WORD.search(text, end, min(len(text), end + 40))
    joined = [w for w in before if w.lower() not in NAME_JOINERS][-1:]
    return bool((joined and joined[-1][0].isupper()) or (after and after.group(0)[0].isupper()))


@lru_cache(maxsize=64)  # shared by ``events`` and ``claims`` within one document
def sentence_triggers(text: str, start: int, end: int, leader: bool,
                      names: tuple[tuple[int, int], ...]) -> tuple[Trigger, ...]:
    """Every event trigger of one sentence that is neither negated nor hypothetical nor part
    of a facility's name (``names``)."""
    candidates = trigger_offsets(text, start, end)
    if not candidates:
        return ()
    rules = lexicon().rules
    sent = Sentence(start, end)
    headline: bool | None = None  # told when first asked
    found: list[Trigger] = []
    for k, offsets in candidates.items():
        rule = rules[k]
        if not _rule_applies(rule, text, sent, leader):
            continue
        for m in rule.triggers.finditer(text, start, end, offsets):
            if masked(names, m.start(), m.end()):
                continue
            if headline is None:
                headline = is_headline(text, start, end)
            if not headline and in_name(text, start, m.start(), m.end()):
                continue
            if rule.near is not None and not _near(rule.near, rule.window, text, sent, m.start(), m.end()):
                continue
            if negated(text, start, m.start()) or irrealis(text, start, m.start()):
                continue
            found.append(Trigger(rule.type, m.start(), m.end()))
    return tuple(sorted(found, key=lambda t: t.start))


def triggers_of(analysis: Analysis, r: Reach, i: int) -> tuple[Trigger, ...]:
    sent = analysis.sentences[i]
    return sentence_triggers(analysis.text, sent.start, sent.end, r.leader[i], r.masked[i])


@component("events", reads=("sentences", "facilities", "mentions", "dates"), writes=("events",))
def events(analysis: Analysis) -> Analysis:
    if not analysis.facilities:
        return evolve(analysis, events=())  # nothing an event could be attached to
    r = reach(analysis)
    text = analysis.text
    chosen: dict[tuple[str, int], Event] = {}
    for i, sent in enumerate(analysis.sentences):
        if not r.facilities[i]:
            continue
        parts = segments(text, sent)
        for trig in triggers_of(analysis, r, i):
            part = next(p for p in parts if p.start <= trig.start < p.end)
            for fac in r.within(i, part):
                key = (trig.type, fac)
                old = chosen.get(key)
                if old is not None and old.date is not None:
                    continue
                value, precision = date_of(analysis, sent, Span(trig.start, trig.end))
                if old is None or value is not None:
                    chosen[key] = Event(trig.type, fac, sent, Span(trig.start, trig.end), value, precision)
    order = {t: k for k, t in enumerate(EVENT_TYPES)}
    found = sorted(chosen.values(), key=lambda e: (e.evidence.start, order[e.type], e.facility or 0))
    return evolve(analysis, events=tuple(found))
