"""The inline highlighter: escaped HTML whatever the text, nesting, round trips."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from web.webapp import OFFICIAL, document, official_analysis

from factorywatch.web.highlight import Highlight, evidence_anchor, fragments_html, highlights, nest, render

TAG = re.compile(r"<(/?)mark( [^>]*)?>")


def strip(markup: str) -> str:
    """The text content of rendered markup: our tags removed, entities decoded."""
    return html.unescape(TAG.sub("", markup))


def h(start: int, end: int, kind: str = "facility", label: str = "F") -> Highlight:
    return Highlight(start, end, kind, label)


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([h(0, 4), h(5, 9)], [(0, 4), (5, 9)]),  # disjoint
        ([h(2, 4), h(0, 9)], [(0, 9), (2, 4)]),  # nested: outer first
        ([h(0, 9), h(0, 9, "place")], [(0, 9), (0, 9)]),  # equal ranges nest
        ([h(0, 5), h(3, 8)], [(0, 5)]),  # crossing: the earlier one wins
        ([h(3, 8), h(0, 5)], [(0, 5)]),  # whatever the input order
        ([h(4, 4), h(-1, 3), h(8, 99)], []),  # empty, out of the text
    ],
)
def test_nest_keeps_drawable_spans(spans: list[Highlight], kept: list[tuple[int, int]]) -> None:
    assert [(s.start, s.end) for s in nest("0123456789", spans)] == kept


def test_render_marks_and_escapes() -> None:
    out = render("a <b> & c", [Highlight(2, 5, "place", "Place <x>", 'say "hi"', "s2-5")])
    assert out == ('a <mark class="hl hl-place" data-label="Place &lt;x&gt;" title="say &#34;hi&#34;" id="s2-5">'
                   "&lt;b&gt;</mark> &amp; c")


def test_render_nests_and_gives_a_repeated_anchor_once() -> None:
    spans = [Highlight(0, 6, "event", "E", "", "s0-6"), Highlight(0, 6, "claim-official", "C", "", "s0-6"), h(1, 3)]
    out = render("abcdef", spans)
    assert out.count('id="s0-6"') == 1
    assert strip(out) == "abcdef"
    assert out.index("hl-event") < out.index("hl-claim-official") < out.index("hl-facility")


spans_strategy = st.lists(
    st.builds(Highlight, st.integers(-3, 60), st.integers(-3, 60), st.sampled_from(["facility", "date", "a<b"]),
              st.text(max_size=5), st.text(max_size=5), st.none() | st.text(max_size=5)),
    max_size=12,
)


@given(st.text(max_size=60), spans_strategy)
def test_render_round_trips_and_never_leaks_markup(text: str, spans: list[Highlight]) -> None:
    out = str(render(text, spans))
    assert strip(out) == text
    # Every '<' left is one of our own tags; every '<' of the text was escaped.
    assert "<" not in TAG.sub("", out)
    assert out.count("<mark") == out.count("</mark>") == len(nest(text, spans))


@given(st.lists(st.tuples(st.text(max_size=20), st.booleans()), max_size=8))
def test_snippet_fragments_escape_everything_but_marks(fragments: list[tuple[str, bool]]) -> None:
    out = str(fragments_html(fragments))
    assert html.unescape(re.sub(r"</?mark>", "", out)) == "".join(t for t, _ in fragments)
    assert "<" not in re.sub(r"</?mark>", "", out)


def test_highlights_cover_every_extraction_with_offsets() -> None:
    analysis = official_analysis(document(OFFICIAL))
    spans = highlights(analysis)
    kinds = sorted({s.kind for s in spans})
    assert kinds == ["claim-official", "date", "event", "facility", "place", "trigger"]
    facilities = {OFFICIAL[s.start : s.end] for s in spans if s.kind == "facility"}
    assert facilities == {"Ryongbuk Pencil Factory", "the factory"}
    claim = next(s for s in spans if s.kind == "claim-official")
    assert claim.anchor == evidence_anchor(claim.start, claim.end)
    assert "KCNA" in claim.title


def test_highlights_ignore_dangling_facility_indexes() -> None:
    analysis = official_analysis(document(OFFICIAL))
    broken = replace(analysis, facilities=())
    assert [s for s in highlights(broken) if s.kind == "facility"] == []
