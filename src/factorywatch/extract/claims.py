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

Polarity: a denied failure is a success ("denied that the factory was closed", "has not
stopped production"); what might be or should be is no claim ("could have solved"); an
opening an independent outlet reports as news is no claim unless it cites the state; titles
only the state bestows ("the model factory") are its praise in any text; and praise goes to
the doer, not the sites it worked at ("X has accelerated the project at the Y Mine").

One claim per (facility, side, polarity): the first sentence that makes it is its evidence.
"""

from __future__ import annotations

import re
from typing import Final

from factorywatch.extract.attribution import Reach, attribute, reach, segments
from factorywatch.extract.cues import clause_words, irrealis, lexicon, negated, words_between
from factorywatch.extract.events import Trigger, triggers_of
from factorywatch.extract.patterns import Finder
from factorywatch.extract.pipeline import component, evolve
from factorywatch.model import Analysis, Claim, Sentence, Span, builder

_span: Final = builder(Span)
_claim: Final = builder(Claim)

POSITIVE, NEGATIVE = "positive", "negative"
FACT: Final = "fact"
"""An opening an independent text reports as news ("the market reopened on Thursday"): it
weighs against a stoppage in the same words ("resumed operation after shutting down") but
makes no claim of its own."""
OFFICIAL, INDEPENDENT = "official", "independent"
PRAISE_WINDOW: Final = 6
"""Words between "hailed as" and the praise it quotes."""
EVENT_WEIGHT: Final = 0.9
"""An event trigger weighs a little less than a word of judgement: "residents give the newly
completed factory the cold shoulder" is a negative claim about a factory that opened."""


Hit = tuple[int, str, float, Span]
"""(offset, polarity, weight, span) of one cue."""
DENIED: Final = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+(?:\w+\s+)?$", re.IGNORECASE)
"""A verb's own negation right before a cue of failure: "has not stopped production" says it runs."""
SITE_LEAD: Final = re.compile(r"\b(?:at|in|for|to|from|on|into)\s+(?:the\s+)?$", re.IGNORECASE)
LISTED_LEAD: Final = re.compile(r"(?:,|\band)\s+(?:the\s+)?$", re.IGNORECASE)
"""What comes right before a site a doer worked at ("at the Y Mine"), and before the sites
listed with it ("and the Z Mine"); see ``doers``."""


def cue_hits(text: str, part: Sentence, triggers: list[Trigger], official_doc: bool,
             names: tuple[tuple[int, int], ...] = ()) -> list[Hit]:
    """The polarity cues of one part of a sentence, in text order.

    In state-media narration only the state's own words of failure (criticism, missed plans,
    stoppages) are negative: "solving the shortage" or "despite difficulties" frame a success.
    """
    lex = lexicon()
    hits: list[Hit] = []
    for m in lex.positive.finditer(text, part.start, part.end):
        if in_name(names, m.start()):
            continue
        clause = clause_words(text, part.start, m.start())
        if irrealis(text, part.start, m.start(), clause):
            continue
        if not negated(text, part.start, m.start(), clause):
            hits.append((m.start(), POSITIVE, 1.0, _span(m.start(), m.end())))
        elif not official_doc:
            hits.append((m.start(), NEGATIVE, 1.0, _span(m.start(), m.end())))
    if not official_doc:
        for m in lex.negative.finditer(text, part.start, part.end):
            if in_name(names, m.start()):
                continue
            if not negated(text, part.start, m.start()):
                hits.append((m.start(), NEGATIVE, 1.0, _span(m.start(), m.end())))
            elif DENIED.search(text, max(part.start, m.start() - 24), m.start()):
                hits.append((m.start(), POSITIVE, 1.0, _span(m.start(), m.end())))
    negative_events = lex.official_negative_events if official_doc else lex.negative_events
    stated = official_doc or lex.cues["official_source"].search(text, part.start, part.end) is not None
    for t in triggers:
        if t.type in lex.positive_events or (stated and t.type in lex.official_positive_events):
            hits.append((t.start, POSITIVE, EVENT_WEIGHT, _span(t.start, t.end)))
        elif t.type in lex.official_positive_events:
            hits.append((t.start, FACT, EVENT_WEIGHT, _span(t.start, t.end)))
        elif t.type in negative_events:
            hits.append((t.start, NEGATIVE, EVENT_WEIGHT, _span(t.start, t.end)))
    return sorted(_outweighed(hits), key=_hit_start)


def _hit_start(h: Hit) -> int:
    return h[0]


def in_name(names: tuple[tuple[int, int], ...], at: int) -> bool:
    """Whether a cue starts inside a facility's name ("Automated" in "October 5 Automated Device
    Factory"); a cue that only spans a name ("denied that the factory was closed") still counts."""
    for a, b in names:
        if a <= at < b:
            return True
    return False


def _outweighed(hits: list[Hit]) -> list[Hit]:
    """Drop a cue inside a longer cue of the other polarity: "closed" in "denied that the
    factory was closed", "failing" in "solved the problem of failing pumps"."""
    kept: list[Hit] = []
    for h in hits:
        span = h[3]
        for o in hits:
            other = o[3]
            if (o[1] == NEGATIVE) != (h[1] == NEGATIVE) and other.start <= span.start and span.end <= other.end \
                    and other.end - other.start > span.end - span.start:
                break
        else:
            kept.append(h)
    return kept


def verdict(hits: list[Hit]) -> tuple[str, Span] | None:
    """Positive or negative by the weight of the cues; a tie goes to the first cue. A positive
    verdict of reported openings alone is no claim."""
    if not hits:
        return None
    pos = sum(h[2] for h in hits if h[1] != NEGATIVE)
    neg = sum(h[2] for h in hits if h[1] == NEGATIVE)
    first = NEGATIVE if hits[0][1] == NEGATIVE else POSITIVE
    winner = first if abs(pos - neg) < 1e-9 else (POSITIVE if pos > neg else NEGATIVE)
    return next(((winner, h[3]) for h in hits if h[1] == winner), None)


def embedded_praise(text: str, part: Sentence, hits: list[Hit]) -> list[Hit]:
    """Positive cues an independent text quotes from the state to set against its own
    findings: "once hailed as an “exemplary work unit”, the factory has stopped", and the
    titles only the state bestows ("the model factory has been idle since April")."""
    cues = lexicon().cues
    praised = []
    for m in cues["praise"].finditer(text, part.start, part.end):
        for h in hits:
            if h[1] == POSITIVE and m.start() <= h[0] and words_between(text, m.end(), h[0]) <= PRAISE_WINDOW:
                praised.append(h)
    for m in cues["state_title"].finditer(text, part.start, part.end):
        inside = [h for h in hits if h[1] == POSITIVE and m.start() <= h[0] < m.end()]
        praised.extend(inside or [(m.start(), POSITIVE, 1.0, _span(m.start(), m.end()))])
    return list(dict.fromkeys(praised))


def doers(text: str, r: Reach, i: int, part: Sentence, facs: tuple[int, ...], hits: list[Hit],
          pol: str) -> tuple[int, ...]:
    """A part without the sites its doers worked at or were sent to: "the X Complex has
    accelerated the project at the Y Mine and the Z Mine" praises the complex, not the mines
    named after its last cue of that polarity behind "at", "for"... (and those listed with
    them); "the factory cannot import materials and its workers were sent to the Y Mine"
    faults the factory only."""
    last = max((h[0] for h in hits if (h[1] == NEGATIVE) == (pol == NEGATIVE)), default=part.start)
    anchors = sorted((at, f) for f, at in r.anchors[i] if part.start <= at < part.end)
    if not any(at < last for at, _ in anchors):
        return facs
    sites: set[int] = set()
    previous_site = False
    for at, f in anchors:
        lead = text[max(part.start, at - 12):at]
        previous_site = at > last and (SITE_LEAD.search(lead) is not None or
                                       (previous_site and LISTED_LEAD.search(lead) is not None))
        if previous_site:
            sites.add(f)
    sites -= {f for at, f in anchors if at < last}  # named before the cue too: a doer
    kept = {f for at, f in anchors if f not in sites}
    return tuple(f for f in facs if f in kept or f not in sites)


def punished_only(text: str, part: Sentence, triggers: list[Trigger]) -> bool:
    """Whether a part punishes people without judging the facility: "the chief engineer was
    detained for failing to maintain the pumps" tells of the man, not of how the mine does
    (a criticism with it, "accusing them of failing", does judge)."""
    kinds = {t.type for t in triggers}
    return ("punishment" in kinds and not kinds & (lexicon().judgement_events - {"punishment"})
            and lexicon().cues["accusation"].search(text, part.start, part.end) is None)


def _first(pattern: Finder, text: str, part: Sentence) -> str | None:
    m = pattern.search(text, part.start, part.end)
    return m.group(0) if m else None


def side_of(analysis: Analysis, r: Reach, i: int, part: Sentence, pol: str,
            triggers: list[Trigger]) -> tuple[str, str | None]:
    """(side, source in words) of a claim made in one part of sentence ``i``."""
    text, cues = analysis.text, lexicon().cues
    if analysis.side == OFFICIAL:
        return OFFICIAL, analysis.doc.outlet or "state media"
    leader = cues["leader"].search(text, part.start, part.end)
    named = [m for m in (leader, cues["official_actor"].search(text, part.start, part.end)) if m is not None]
    actor = min(named, key=lambda m: m.start()).group(0) if named else ("the leader" if r.leader[i] else None)
    ground = cues["independent_source"].search(text, part.start, part.end)
    if pol == NEGATIVE and (actor or not ground) and (
            any(t.type in lexicon().judgement_events for t in triggers)
            or cues["finding"].search(text, part.start, part.end)
            or cues["accusation"].search(text, part.start, part.end)
            or (leader and not ground and cues["reporting"].search(text, leader.end(), part.end))):
        return OFFICIAL, actor or "state body"
    sent = analysis.sentences[i]
    if pol == NEGATIVE and part.start > sent.start:
        finder = cues["official_actor"].search(text, sent.start, part.start)
        if finder and cues["finding"].search(text, finder.end(), part.start):
            return OFFICIAL, finder.group(0)  # "inspectors found that it reported 60 tons, but it made less"
    speaker = min(named, key=lambda m: m.start()) if named else None
    if pol == POSITIVE and speaker and (not ground or speaker.start() < ground.start()) and \
            cues["reporting"].search(text, speaker.end(), ground.start() if ground else part.end):
        return OFFICIAL, speaker.group(0)  # "an official of the committee said it is under planned overhaul"
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
        chosen.setdefault((fac, side, pol), _claim(fac, side, pol, sent, source, cue))

    for i, sent in enumerate(analysis.sentences):
        made: list[tuple[str, str, str | None]] = []
        if r.facilities[i]:
            trigs = triggers_of(analysis, r, i)
            for part in segments(text, sent):
                in_part = [t for t in trigs if part.start <= t.start < part.end]
                hits = cue_hits(text, part, in_part, official_doc, r.masked[i])
                facs = r.within(i, part)
                praised = [] if official_doc else embedded_praise(text, part, hits)
                if praised:
                    state: str | None = _first(lexicon().cues["official_source"], text, part) or "state media"
                    for fac in facs:
                        add(fac, OFFICIAL, POSITIVE, sent, state, praised[0][3])
                    made.append((OFFICIAL, POSITIVE, state))
                    hits = [h for h in hits if h not in praised]
                judged = verdict(hits)
                if judged is None:
                    continue
                pol, cue = judged
                side, source = side_of(analysis, r, i, part, pol, in_part)
                if pol == NEGATIVE and punished_only(text, part, in_part):
                    continue
                for fac in doers(text, r, i, part, facs, hits, pol):
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
