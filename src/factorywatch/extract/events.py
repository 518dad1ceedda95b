"""The ``events`` component: what happened to a facility, one event per (type, facility).

Triggers are the lexicon of ``data/lexicon/events.yaml``; a trigger counts in a sentence that
reaches a facility (see ``attribution.reach``), unless it is negated or hypothetical. When a
sentence has contrasting parts ("A was praised, but B stopped"), a trigger goes to the
facilities its own part names. The evidence is the sentence; the date is the sentence's date
nearest the trigger, leaving out the day a source spoke ("told Daily NK on Friday").

Events that reach no facility are not emitted: the tool is about facilities, and an event of
"factories" in general cannot be placed on a dossier or a map.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from factorywatch.extract.attribution import Reach, reach, segments
from factorywatch.extract.cues import Rule, in_scope, irrealis, lexicon, negated, words_between
from factorywatch.extract.pipeline import component
from factorywatch.model import Analysis, Event, Sentence, Span
from factorywatch.vocab import EVENT_TYPES

REPORTING_WINDOW = 4
"""Words between a reporting cue and a day it dates ("told Daily NK on Friday")."""


@dataclass(frozen=True, slots=True)
class Trigger:
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


def _near(rule: Rule, text: str, sent: Sentence, start: int, end: int) -> bool:
    assert rule.near is not None
    for m in lexicon().cues[rule.near].finditer(text, sent.start, sent.end):
        gap = words_between(text, end, m.start()) if m.start() >= end else words_between(text, m.end(), start)
        if gap <= rule.window:
            return True
    return False


def masked(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


@lru_cache(maxsize=4096)
def sentence_triggers(text: str, start: int, end: int, leader: bool,
                      names: tuple[tuple[int, int], ...]) -> tuple[Trigger, ...]:
    """Every event trigger of one sentence that is neither negated nor hypothetical nor part
    of a facility's name (``names``)."""
    sent = Sentence(start, end)
    found: list[Trigger] = []
    for etype, rules in lexicon().events.items():
        for rule in rules:
            if not _rule_applies(rule, text, sent, leader):
                continue
            for m in rule.triggers.finditer(text, start, end):
                if masked(names, m.start(), m.end()):
                    continue
                if rule.near is not None and not _near(rule, text, sent, m.start(), m.end()):
                    continue
                if negated(text, start, m.start()) or irrealis(text, start, m.start()):
                    continue
                found.append(Trigger(etype, m.start(), m.end()))
    return tuple(sorted(found, key=lambda t: t.start))


def triggers_of(analysis: Analysis, r: Reach, i: int) -> tuple[Trigger, ...]:
    sent = analysis.sentences[i]
    return sentence_triggers(analysis.text, sent.start, sent.end, r.leader[i], r.masked[i])


def event_date(analysis: Analysis, sent: Sentence, at: int) -> tuple[str | None, str | None]:
    """The resolved date of the sentence nearest ``at``, leaving out the day a source spoke."""
    reporting = lexicon().cues["reporting"]
    best = None
    for d in analysis.dates:
        if not sent.start <= d.start < sent.end or d.value is None:
            continue
        if d.precision == "day" and in_scope(reporting, analysis.text, sent.start, d.start, REPORTING_WINDOW):
            continue
        if best is None or abs(d.start - at) < abs(best.start - at):
            best = d
    return (best.value, best.precision) if best is not None else (None, None)


@component("events", reads=("sentences", "facilities", "mentions"), writes=("events",))
def events(analysis: Analysis) -> Analysis:
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
                value, precision = event_date(analysis, sent, trig.start)
                if old is None or value is not None:
                    chosen[key] = Event(trig.type, fac, sent, Span(trig.start, trig.end), value, precision)
    order = {t: k for k, t in enumerate(EVENT_TYPES)}
    found = sorted(chosen.values(), key=lambda e: (e.evidence.start, order[e.type], e.facility or 0))
    return replace(analysis, events=tuple(found))
