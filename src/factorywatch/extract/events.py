"""The ``events`` component: what happened to a facility, one event per (type, facility).

Triggers are the lexicon of ``data/lexicon/events.yaml``; a trigger counts in a sentence that
reaches a facility (see ``attribution.reach``), unless it is negated or hypothetical within its
own clause, or cancelled by the ``scope`` of events.yaml (a denial, an exhortation, a parade).
When a sentence has contrasting parts ("A was praised, but B stopped"), a trigger goes to the
facilities its own part names, never to one named only in a later clause, and a construction
goes to the site rather than to its builders. The evidence is the sentence that dates the event
most surely (``dates.event_date``); an event no sentence dates carries the last date before it.
In an article that names a single facility, a sentence that names none still gives it a
leader's visit, a ceremony, or an act of a pronoun subject ("They were congratulated").

Events that reach no facility are not emitted: the tool is about facilities, and an event of
"factories" in general cannot be placed on a dossier or a map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

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
from factorywatch.extract.dates import carried, event_date, more_precise
from factorywatch.extract.patterns import Finder, holds
from factorywatch.extract.pipeline import component, evolve
from factorywatch.model import Analysis, Event, Sentence, Span, builder
from factorywatch.vocab import EVENT_TYPES, read_data

_sentence: Final = builder(Sentence)
_span: Final = builder(Span)
_event: Final = builder(Event)

NAME_JOINERS: Final = frozenset({"for", "of", "and", "the"})
"""Small words inside names: "Bureau for Construction", "Ministry of Construction"."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger word of an event type, at ``text[start:end]``."""

    type: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Scope:
    """``scope`` of events.yaml: clause openers, cancelling cues per type, builders' names."""

    openers: Finder
    cancel: tuple[tuple[frozenset[str], Finder], ...]
    builders: Finder
    glued: Finder
    breaks: re.Pattern[str]


@lru_cache(maxsize=1)
def scope() -> Scope:
    raw = read_data("lexicon/events.yaml").get("scope") or {}
    where = "data/lexicon/events.yaml: scope"
    cancel = []
    for i, entry in enumerate(raw.get("cancel") or ()):
        types = frozenset(entry.get("types") or ())
        if not types or not types <= set(EVENT_TYPES):
            raise ValueError(f"{where}.cancel {i + 1}: types must name event types")
        cancel.append((types, Finder(entry.get("cues"), f"{where}.cancel {i + 1}")))
    return Scope(Finder(raw.get("clause_openers"), f"{where}.clause_openers"), tuple(cancel),
                 Finder(raw.get("builders"), f"{where}.builders"), Finder(raw.get("glued"), f"{where}.glued"),
                 re.compile("|".join(f"(?:{b})" for b in raw.get("clause_breaks") or ("(?!)",))))


def _clause_from(text: str, start: int, at: int, names: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    """Where the scope of negation and of irrealis before ``at`` starts: after the last clause
    opener ("and the", "while"); for negation also after the last facility name, whose "No."
    ("Power Station No. 7") negates nothing."""
    opened = start
    for m in scope().openers.finditer(text, start, at):
        opened = m.start()
    named = start
    for _, b in names:
        if named < b <= at:
            named = b
    return max(opened, named), opened


def _cancelled(etype: str, text: str, start: int, at: int) -> bool:
    for types, cues in scope().cancel:
        if etype in types and cues.search(text, start, at) is not None:
            return True
    return False


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
    for a, b in spans:
        if a < end and start < b:
            return True
    return False


REFERRING: Final = frozenset({"the", "this", "that", "these", "those", "it", "its", "their", "they", "them"})
"""Words of a reference that are no part of a name ("its", "the factory")."""


def name_spans(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """The mentions among ``spans`` that hold a capitalized name word: a cue inside a name is no
    cue ("Automated Device Factory"), but one that holds a reference is ("only six of its
    trawlers", "ordered the factory closed")."""
    named: list[tuple[int, int]] = []
    for a, b in spans:
        for w in WORD.findall(text, a, b):
            if w[0].isupper() and w.lower() not in REFERRING:
                named.append((a, b))
                break
    return tuple(named)


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
    sent = _sentence(start, end)
    headline: bool | None = None  # told when first asked
    found: list[Trigger] = []
    for k, offsets in candidates.items():
        rule = rules[k]
        if not _rule_applies(rule, text, sent, leader):
            continue
        for m in rule.triggers.matches(text, start, end, offsets):
            if masked(names, m.start(), m.end()):
                continue
            if in_name(text, start, m.start(), m.end()) and not scope().glued.match(text, m.start()):
                if headline is None:  # in a title-case line every word looks like a name's
                    headline = is_headline(text, start, end)
                if not headline:
                    continue
            if rule.near is not None and not _near(rule.near, rule.window, text, sent, m.start(), m.end()):
                continue
            neg_from, irr_from = _clause_from(text, start, m.start(), names)
            if negated(text, neg_from, m.start()) or irrealis(text, irr_from, m.start()):
                continue
            if _cancelled(rule.type, text, start, m.start()):
                continue
            found.append(Trigger(rule.type, m.start(), m.end()))
    return tuple(sorted(found, key=_trigger_start))


def _trigger_start(t: Trigger) -> int:
    return t.start


def triggers_of(analysis: Analysis, r: Reach, i: int) -> tuple[Trigger, ...]:
    sent = analysis.sentences[i]
    return sentence_triggers(analysis.text, sent.start, sent.end, r.leader[i], name_spans(analysis.text, r.masked[i]))


def _better(value: str | None, sure: int, old: str | None, old_sure: int) -> bool:
    """Whether a later sentence's date of an event replaces the earlier one (strengths of
    ``dates.event_date``): a surer date does, and so does a more precise one that refines a
    date taken from before the trigger ("... this year, and its manager was relieved", then
    "On Sept. 14, the manager was dismissed") or gives the day of a month ("an inspection
    this week", then "visited on Wednesday")."""
    if value is None or (old is not None and sure < old_sure):
        return False
    refines = more_precise(value, old) and (sure < 2 or len(value) == 10 and len(old or "") == 7)
    return old is None or sure > old_sure or refines


def _in_clause(text: str, r: Reach, i: int, part: Sentence, at: int) -> tuple[int, ...]:
    """The facilities of ``part`` of sentence ``i`` that a trigger at ``at`` reaches: not those
    named only in clauses after the trigger's."""
    found = r.within(i, part)
    stop = next((m.start() for m in scope().breaks.finditer(text, at, part.end)), part.end)
    before = {f for f, a in r.anchors[i] if part.start <= a < stop}
    later = {f for f, a in r.anchors[i] if stop <= a < part.end} - before
    return tuple(f for f in found if f not in later) if later else found


def _part_at(text: str, sent: Sentence, at: int) -> Sentence:
    """The part of ``segments`` that holds offset ``at`` of the sentence."""
    parts = segments(text, sent)
    for part in parts:
        if part.start <= at < part.end:
            return part
    raise ValueError(f"offset {at} is outside the sentence {sent}")


def _sites(analysis: Analysis, etype: str, facilities: tuple[int, ...]) -> tuple[int, ...]:
    """The facilities an event of ``etype`` goes to: a construction goes to the site, not to
    the builders named beside it."""
    if etype != "construction" or len(facilities) < 2:
        return facilities
    builders = scope().builders
    sites = tuple(f for f in facilities if not builders.search(analysis.facilities[f].name))
    return sites or facilities


SOLE_SUBJECT: Final = re.compile(r"[\"“‘']?(?:they|it)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
"""A pronoun subject just before a trigger at the start of a sentence ("They were congratulated")."""
CEREMONY: Final = re.compile(r"(?:[ \t\n]+[\w-]+){0,2}?[ \t\n]+ceremon(?:y|ies)\b", re.IGNORECASE)
"""A trigger that names a ceremony ("a grand ground-breaking ceremony", "the inaugural ceremony")."""

OTHER_SITE: Final = re.compile(r"[ \t\n]+(?:(?:the[ \t\n]+)?(?-i:[A-Z])|an?[ \t\n])")
"""A visit whose object is another place ("inspected a training base", "visited the April 25 Hostel")."""
DIGEST_ITEM: Final = re.compile(r"[ \t]*[-\u2022*][ \t]")
"""A line of a news digest ("- The respected Comrade ... inspected ..."): a story of its own."""


SOLE_START: Final = re.compile(r"[\"“‘']?(?:they|it)\s", re.IGNORECASE)
"""How a sentence whose trigger has a pronoun subject starts (``SOLE_SUBJECT``)."""
CEREMONY_WORD: Final = re.compile("ceremon", re.IGNORECASE)
BEYOND_CEREMONY: Final = re.compile(r"[^\w \t\n-]")
"""A character no ``CEREMONY`` match runs over."""


def _may_be_sole(text: str, sent: Sentence, leader: bool) -> bool:
    """Whether ``_of_sole`` may accept any trigger of the sentence: a leader's, one of a
    sentence that starts with a pronoun, or one a ceremony follows within the sentence or
    the words right after it. Most sentences of an article are none of these, and need no
    triggers (a cheap test before the costly one)."""
    if leader or SOLE_START.match(text, sent.start, sent.end):
        return True
    beyond = BEYOND_CEREMONY.search(text, sent.end)
    stop = beyond.start() if beyond else len(text)
    found = holds(text, "ceremon", sent.start, stop)
    return CEREMONY_WORD.search(text, sent.start, stop) is not None if found is None else found


def _of_sole(text: str, sent: Sentence, trig: Trigger, leader: bool) -> bool:
    """Whether a trigger of a sentence that names no facility, in an article that names only one,
    is that facility's: a leader's visit ("Kim, who attended the launch ceremony, left"), a
    ceremony ("There was a ground-breaking ceremony on Friday"), or an act whose subject is a
    pronoun ("They were congratulated by the provincial secretary"); not a visit to another
    place, nor one of a digest's lines. Other such sentences speak as often of the country or
    the campaign as of the facility."""
    if trig.type == "leader_visit" and (OTHER_SITE.match(text, trig.end) or DIGEST_ITEM.match(text, sent.start)):
        return False
    return (trig.type == "leader_visit" and leader) or CEREMONY.match(text, trig.end) is not None \
        or SOLE_SUBJECT.fullmatch(text, sent.start, trig.start) is not None


@component("events", reads=("sentences", "facilities", "mentions", "dates"), writes=("events",))
def events(analysis: Analysis) -> Analysis:
    if not analysis.facilities:
        return evolve(analysis, events=())  # nothing an event could be attached to
    r = reach(analysis)
    text = analysis.text
    chosen: dict[tuple[str, int], Event] = {}
    strength: dict[tuple[str, int], int] = {}
    sole = len(analysis.facilities) == 1
    for i, sent in enumerate(analysis.sentences):
        if not r.facilities[i] and not (sole and _may_be_sole(text, sent, r.leader[i])):
            continue
        for trig in triggers_of(analysis, r, i):
            if r.facilities[i]:
                found = _in_clause(text, r, i, _part_at(text, sent, trig.start), trig.start)
            else:
                found = (0,) if _of_sole(text, sent, trig, r.leader[i]) else ()
            for fac in _sites(analysis, trig.type, found):
                key = (trig.type, fac)
                old = chosen.get(key)
                if old is not None and strength[key] == 2 and old.date_precision != "month":
                    continue
                value, precision, sure = event_date(analysis, sent, _span(trig.start, trig.end))
                if old is None or _better(value, sure, old.date, strength[key]):
                    chosen[key] = _event(trig.type, fac, sent, _span(trig.start, trig.end), value, precision)
                    strength[key] = sure
    for key, ev in chosen.items():
        if ev.date is None:
            value, precision = carried(analysis, ev.evidence)
            chosen[key] = _event(ev.type, ev.facility, ev.evidence, ev.trigger, value, precision)
    order = {t: k for k, t in enumerate(EVENT_TYPES)}
    ordered = sorted(chosen.values(), key=lambda e: (e.evidence.start, order[e.type], e.facility or 0))
    return evolve(analysis, events=tuple(ordered))
