"""The ``claims`` component: how a facility is doing, said by whom.

A sentence (or each contrasting part of it) that reaches a facility is a claim when it has
polarity cues (``data/lexicon/claims.yaml``, plus the event triggers that say the same:
a shutdown is negative, a commendation positive). Its side:

- a state-media document narrates official claims throughout;
- praise an independent text quotes from the state ("once hailed as an “exemplary work
  unit”, the factory has stopped") is an official positive claim of its own;
- a fault the leader or a state body finds (criticism, punishment, an inspection's
  findings) is an official negative claim, even when a source retells it;
- then whoever the words name as speaking: state media and state claims ("the Rodong
  Sinmun reported", "North Korea says"), or sources, residents, traders, observers;
- failing that, praise is official (an independent outlet reports praise only as the
  state's) and criticism independent (the outlet's own findings).

One claim per (facility, side, polarity): the first sentence that makes it is its evidence.
"""

from __future__ import annotations

from factorywatch.extract.attribution import Reach, attribute, reach, segments
from factorywatch.extract.cues import lexicon, negated, words_between
from factorywatch.extract.events import Trigger, masked, triggers_of
from factorywatch.extract.patterns import Finder
from factorywatch.extract.pipeline import component, evolve
from factorywatch.model import Analysis, Claim, Sentence, Span

POSITIVE, NEGATIVE = "positive", "negative"
OFFICIAL, INDEPENDENT = "official", "independent"
PRAISE_WINDOW = 6
"""Words between "hailed as" and the praise it quotes."""
EVENT_WEIGHT = 0.9
"""An event trigger weighs a little less than a word of judgement: "residents give the newly
completed factory the cold shoulder" is a negative claim about a factory that opened."""


Hit = tuple[int, str, float, Span]
"""(offset, polarity, weight, span) of one cue."""


def cue_hits(text: str, part: Sentence, triggers: list[Trigger], official_doc: bool,
             names: tuple[tuple[int, int], ...] = ()) -> list[Hit]:
    """The polarity cues of one part of a sentence, in text order.

    In state-media narration only the state's own words of failure (criticism, missed plans,
    stoppages) are negative: "solving the shortage" or "despite difficulties" frame a success.
    """
    lex = lexicon()
    hits: list[Hit] = []
    for m in lex.positive.finditer(text, part.start, part.end):
        if masked(names, m.start(), m.end()):
            continue
        if not negated(text, part.start, m.start()):
            hits.append((m.start(), POSITIVE, 1.0, Span(m.start(), m.end())))
        elif not official_doc:
            hits.append((m.start(), NEGATIVE, 1.0, Span(m.start(), m.end())))
    if not official_doc:
        for m in lex.negative.finditer(text, part.start, part.end):
            if not masked(names, m.start(), m.end()) and not negated(text, part.start, m.start()):
                hits.append((m.start(), NEGATIVE, 1.0, Span(m.start(), m.end())))
    negative_events = lex.official_negative_events if official_doc else lex.negative_events
    for t in triggers:
        if t.type in lex.positive_events:
            hits.append((t.start, POSITIVE, EVENT_WEIGHT, Span(t.start, t.end)))
        elif t.type in negative_events:
            hits.append((t.start, NEGATIVE, EVENT_WEIGHT, Span(t.start, t.end)))
    return sorted(hits, key=lambda h: h[0])


def verdict(hits: list[Hit]) -> tuple[str, Span] | None:
    """Positive or negative by the weight of the cues; a tie goes to the first cue."""
    if not hits:
        return None
    pos = sum(h[2] for h in hits if h[1] == POSITIVE)
    neg = sum(h[2] for h in hits if h[1] == NEGATIVE)
    winner = hits[0][1] if abs(pos - neg) < 1e-9 else (POSITIVE if pos > neg else NEGATIVE)
    return winner, next(h[3] for h in hits if h[1] == winner)


def embedded_praise(text: str, part: Sentence, hits: list[Hit]) -> list[Hit]:
    """Positive cues an independent text quotes from the state to set against its own
    findings: "once hailed as an “exemplary work unit”, the factory has stopped"."""
    praised = []
    for m in lexicon().cues["praise"].finditer(text, part.start, part.end):
        for h in hits:
            if h[1] == POSITIVE and m.start() <= h[0] and words_between(text, m.end(), h[0]) <= PRAISE_WINDOW:
                praised.append(h)
    return praised


def _first(pattern: Finder, text: str, part: Sentence) -> str | None:
    m = pattern.search(text, part.start, part.end)
    return m.group(0) if m else None


def side_of(analysis: Analysis, r: Reach, i: int, part: Sentence, pol: str,
            triggers: list[Trigger]) -> tuple[str, str | None]:
    """(side, source in words) of a claim made in one part of sentence ``i``."""
    text, cues = analysis.text, lexicon().cues
    if analysis.side == OFFICIAL:
        return OFFICIAL, analysis.doc.outlet or "state media"
    named = [m for m in (cues["leader"].search(text, part.start, part.end),
                         cues["official_actor"].search(text, part.start, part.end)) if m is not None]
    actor = min(named, key=lambda m: m.start()).group(0) if named else ("the leader" if r.leader[i] else None)
    if pol == NEGATIVE and (actor or not cues["independent_source"].search(text, part.start, part.end)) and (
            any(t.type in lexicon().judgement_events for t in triggers) or cues["finding"].search(text, part.start, part.end)):
        return OFFICIAL, actor or "state body"
    for scope in (part, analysis.sentences[i]):
        said = attribute(text, scope)
        if said.side is not None:
            return said.side, said.source
    if pol == POSITIVE:
        return OFFICIAL, actor or "state media"
    return INDEPENDENT, analysis.doc.outlet or "the reporting outlet"


@component("claims", reads=("sentences", "facilities", "mentions", "side"), writes=("claims",))
def claims(analysis: Analysis) -> Analysis:
    if not analysis.facilities:
        return evolve(analysis, claims=())  # a claim is about a facility
    text = analysis.text
    r = reach(analysis)
    same = lexicon().cues["same_as_previous"]
    official_doc = analysis.side == OFFICIAL
    chosen: dict[tuple[int, str, str], Claim] = {}
    previous: list[tuple[str, str, str | None]] = []

    def add(fac: int, side: str, pol: str, sent: Sentence, source: str | None, cue: Span | None) -> None:
        chosen.setdefault((fac, side, pol), Claim(fac, side, pol, sent, source, cue))

    for i, sent in enumerate(analysis.sentences):
        made: list[tuple[str, str, str | None]] = []
        if r.facilities[i]:
            trigs = triggers_of(analysis, r, i)
            for part in segments(text, sent):
                in_part = [t for t in trigs if part.start <= t.start < part.end]
                hits = cue_hits(text, part, in_part, official_doc, r.masked[i])
                praised = [] if official_doc else embedded_praise(text, part, hits)
                if praised:
                    state: str | None = _first(lexicon().cues["official_source"], text, part) or "state media"
                    for fac in r.within(i, part):
                        add(fac, OFFICIAL, POSITIVE, sent, state, praised[0][3])
                    made.append((OFFICIAL, POSITIVE, state))
                    hits = [h for h in hits if h not in praised]
                judged = verdict(hits)
                if judged is None:
                    continue
                pol, cue = judged
                side, source = side_of(analysis, r, i, part, pol, in_part)
                for fac in r.within(i, part):
                    add(fac, side, pol, sent, source, cue)
                made.append((side, pol, source))
            if not made and previous and same.search(text, sent.start, sent.end):
                for prev_side, prev_pol, prev_source in previous:
                    for fac in r.facilities[i]:
                        add(fac, prev_side, prev_pol, sent, prev_source, None)
                made = previous
        previous = made
    ordered = sorted(chosen.values(), key=lambda c: (c.evidence.start, c.facility, c.side, c.polarity))
    return evolve(analysis, claims=tuple(ordered))
