"""Article text with its extractions marked inline, as escaped HTML.

Article text is untrusted, so the only HTML that reaches a page is built here: every piece
of text goes through ``markupsafe.escape`` and the tags around it are ours. Spans come from
stored offsets (the one anchor); bad ones (empty, out of the text, crossing another span)
are dropped rather than raised, since messy extraction results must still render.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from factorywatch.model import Analysis
from factorywatch.vocab import vocab


@dataclass(frozen=True, slots=True)
class Highlight:
    start: int
    end: int
    kind: str
    """A key of ``KINDS``: the colour and the legend entry."""
    label: str
    """Short text shown after the span (displaCy's entity label)."""
    title: str = ""
    """Longer description shown on hover."""
    anchor: str | None = None
    """Element id, so a link can point at the span (``#anchor``)."""


KINDS: dict[str, str] = {
    "facility": "Facility",
    "place": "Place",
    "date": "Date",
    "trigger": "Event trigger",
    "event": "Event sentence",
    "claim-official": "Official claim",
    "claim-independent": "Independent claim",
}
"""Highlight kinds, in legend order, with their legend text."""


def evidence_anchor(start: int, end: int) -> str:
    """The element id of an evidence sentence: what ``/documents/{id}#...`` links point at."""
    return f"s{start}-{end}"


def nest(text: str, spans: Iterable[Highlight]) -> list[Highlight]:
    """The spans that can be drawn as nested elements, in document order (outer first).

    Spans that are empty, fall outside ``text`` or cross a span already kept (longer,
    earlier spans win) are dropped; equal ranges nest.
    """
    ordered = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end)
    )
    kept: list[Highlight] = []
    open_: list[Highlight] = []
    for span in ordered:
        while open_ and open_[-1].end <= span.start:
            open_.pop()
        if open_ and span.end > open_[-1].end:
            continue
        kept.append(span)
        open_.append(span)
    return kept


def _open_tag(span: Highlight, anchors: set[str]) -> str:
    attrs = [f'class="hl hl-{escape(span.kind)}"', f'data-label="{escape(span.label)}"']
    if span.title:
        attrs.append(f'title="{escape(span.title)}"')
    if span.anchor and span.anchor not in anchors:
        anchors.add(span.anchor)
        attrs.append(f'id="{escape(span.anchor)}"')
    return f"<mark {' '.join(attrs)}>"


def render(text: str, spans: Iterable[Highlight]) -> Markup:
    """``text`` as HTML with each drawable span wrapped in ``<mark class="hl hl-KIND">``.

    The label is shown by CSS (``attr(data-label)``), so the element's text content is
    exactly the article text: stripping the tags and unescaping gives ``text`` back. An
    anchor used twice (an event and a claim on one sentence) is given to the outer span.
    """
    out: list[str] = []
    stack: list[Highlight] = []
    anchors: set[str] = set()
    pos = 0
    for span in nest(text, spans):
        while stack and stack[-1].end <= span.start:
            closing = stack.pop()
            out += [escape(text[pos : closing.end]), "</mark>"]
            pos = closing.end
        out += [escape(text[pos : span.start]), _open_tag(span, anchors)]
        pos = span.start
        stack.append(span)
    while stack:
        closing = stack.pop()
        out += [escape(text[pos : closing.end]), "</mark>"]
        pos = closing.end
    out.append(escape(text[pos:]))
    return Markup("".join(out))


def fragments_html(fragments: Sequence[tuple[str, bool]]) -> Markup:
    """A search snippet's (text, is_match) pieces as escaped HTML with ``<mark>`` on matches."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(piece) if hit else escape(piece) for piece, hit in fragments
    )


def highlights(analysis: Analysis) -> list[Highlight]:
    """Every extraction of ``analysis`` that has offsets, as highlight spans."""
    v = vocab()
    facilities = analysis.facilities

    def facility_name(index: int | None) -> str:
        return facilities[index].name if index is not None and 0 <= index < len(facilities) else ""

    spans = [
        Highlight(m.start, m.end, "facility", v.kind_labels.get(facilities[m.facility].kind, "Facility"),
                  facilities[m.facility].name)
        for m in analysis.mentions
        if 0 <= m.facility < len(facilities)
    ]
    spans += [
        Highlight(p.start, p.end, "place", "Place", ", ".join(x for x in (p.locality, p.province) if x))
        for p in analysis.places
    ]
    spans += [Highlight(d.start, d.end, "date", "Date", d.value or "") for d in analysis.dates]
    for e in analysis.events:
        what = v.event_types.get(e.type, e.type)
        about = " ".join(x for x in (what, facility_name(e.facility), e.date or "") if x)
        spans.append(Highlight(e.evidence.start, e.evidence.end, "event", "Event", about,
                               evidence_anchor(e.evidence.start, e.evidence.end)))
        if e.trigger:
            spans.append(Highlight(e.trigger.start, e.trigger.end, "trigger", what, about))
    for c in analysis.claims:
        about = f"{c.side} {c.polarity} claim about {facility_name(c.facility)}"
        about += f" ({c.source})" if c.source else ""
        spans.append(Highlight(c.evidence.start, c.evidence.end, f"claim-{c.side}", f"{c.side.title()} claim",
                               about, evidence_anchor(c.evidence.start, c.evidence.end)))
    return spans
