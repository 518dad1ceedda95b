"""Extraction results: saved from an Analysis, replaced on re-extraction, loaded back losslessly."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from conftest import document
from hypothesis import given, settings
from hypothesis import strategies as st

from factorywatch.errors import NotFound
from factorywatch.model import (
    Analysis,
    Claim,
    Contradiction,
    DateRef,
    Document,
    Entity,
    Event,
    Facility,
    Mention,
    Place,
    Sentence,
    Span,
)
from factorywatch.store import ExtractionCounts, Store, open_store
from factorywatch.vocab import EVENT_TYPES, FACILITY_KINDS, POLARITIES, PROVINCES, SIDES, vocab

TEXT = (
    "KCNA reported that the Sunchon Cement Complex overfulfilled its plan. "
    "A source in South Phyongan Province said the complex stood idle in May."
)


def doc(text: str = TEXT, **meta: str | None) -> Document:
    return document(text, **meta)


def sample_analysis(d: Document) -> Analysis:
    first = Sentence(0, 69)
    second = Sentence(70, len(TEXT))
    return Analysis(
        text=d.text,
        doc=d,
        side="official",
        facilities=(Facility("sunchon-cement-complex", "Sunchon Cement Complex", "complex", True, "South Phyongan",
                             "Sunchon", "name"),),
        mentions=(Mention(23, 45, 0), Mention(111, 122, 0, "reference")),
        places=(Place(82, 105, "South Phyongan", None),),
        events=(Event("production_report", 0, first, Span(46, 59)),),
        claims=(Claim(0, "official", "positive", first, "KCNA"), Claim(0, "independent", "negative", second,
                "a source in South Phyongan Province", Span(106, 110))),
        contradictions=(Contradiction(0, 0, 1),),
    )


def test_saved_analysis_is_counted_and_surface_is_a_slice(store: Store) -> None:
    rowid = store.add_document(doc(id="seed"))
    assert rowid is not None
    store.save_analysis(rowid, sample_analysis(doc()), extractor_version="test")
    assert store.extraction_counts(rowid) == ExtractionCounts(facilities=1, mentions=2, events=1, claims=2,
                                                              contradictions=1)
    surfaces = [s for (s,) in store.db.execute("SELECT surface FROM doc_mentions ORDER BY idx")]
    assert surfaces == ["Sunchon Cement Complex", "the complex"]
    info = store.document(rowid).info
    assert info.extractor_version == "test" and info.extracted_at and info.side == "official"


def test_saving_again_replaces_the_earlier_results(store: Store) -> None:
    rowid = store.add_document(doc())
    assert rowid is not None
    store.save_analysis(rowid, sample_analysis(doc()))
    store.save_analysis(rowid, Analysis(text=TEXT, doc=doc(), facilities=(Facility("x", "X Mine", "mine", True),)))
    assert store.extraction_counts(rowid) == ExtractionCounts(facilities=1)
    assert store.load_analysis(rowid).facilities[0].name == "X Mine"


def test_results_of_an_unknown_document_are_refused_whole(store: Store) -> None:
    with pytest.raises(NotFound):
        store.save_analysis(42, sample_analysis(doc()))
    assert store.extraction_counts() == ExtractionCounts()


def test_a_failed_save_inside_a_batch_rolls_back_the_batch(store: Store) -> None:
    with pytest.raises(NotFound), store.transaction():
        rowid = store.add_document(doc())
        assert rowid is not None
        store.save_analysis(rowid, sample_analysis(doc()))
        store.save_analysis(rowid + 1, sample_analysis(doc()))
    assert store.count_documents() == 0
    assert store.extraction_counts() == ExtractionCounts()


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(st.text(min_size=1, max_size=120))
    n = len(text)

    def span(cls: type = Span) -> Span:
        start = draw(st.integers(0, n))
        return cls(start, draw(st.integers(start, n)))

    maybe = st.none() | st.text(max_size=15)
    facilities = draw(st.lists(st.builds(
        Facility, id=st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True), name=st.text(min_size=1, max_size=20),
        kind=st.sampled_from(FACILITY_KINDS), named=st.booleans(), province=st.none() | st.sampled_from(PROVINCES),
        locality=maybe, place_source=st.none() | st.sampled_from(vocab().place_sources),
    ), max_size=3))
    nf = len(facilities)
    facility = st.integers(0, nf - 1) if nf else st.nothing()
    mentions = [Mention(s.start, s.end, draw(facility), draw(st.sampled_from(["name", "reference"])))
                for _ in range(draw(st.integers(0, 4) if nf else st.just(0))) for s in [span()]]
    events = [Event(draw(st.sampled_from(EVENT_TYPES)), draw(st.none() | facility), span(Sentence),
                    draw(st.none() | st.just(span())), draw(st.none() | st.just("2024-05")),
                    draw(st.none() | st.just("month")))
              for _ in range(draw(st.integers(0, 3)))]
    claims = [Claim(draw(facility), draw(st.sampled_from(SIDES)), draw(st.sampled_from(POLARITIES)), span(Sentence),
                    draw(maybe), draw(st.none() | st.just(span())))
              for _ in range(draw(st.integers(0, 3) if nf else st.just(0)))]
    contradictions = [Contradiction(draw(facility), draw(st.integers(0, len(claims) - 1)),
                                    draw(st.integers(0, len(claims) - 1)))
                      for _ in range(draw(st.integers(0, 2) if claims else st.just(0)))]
    places = [Place(s.start, s.end, draw(st.none() | st.sampled_from(PROVINCES)), draw(maybe), draw(maybe))
              for _ in range(draw(st.integers(0, 2))) for s in [span()]]
    dates = [DateRef(s.start, s.end, draw(st.none() | st.just("2024-05-01")), draw(st.none() | st.just("day")))
             for _ in range(draw(st.integers(0, 2))) for s in [span()]]
    entities = [Entity(s.start, s.end, draw(st.text(min_size=1, max_size=10)),
                       draw(st.sampled_from(["organization", "person"])))
                for _ in range(draw(st.integers(0, 2))) for s in [span()]]
    d = doc(text, id=draw(maybe), outlet=draw(maybe))
    return Analysis(
        text=text, doc=d, side=draw(st.none() | st.sampled_from(SIDES)), places=tuple(places), dates=tuple(dates),
        facilities=tuple(facilities), mentions=tuple(mentions), entities=tuple(entities), events=tuple(events),
        claims=tuple(claims), contradictions=tuple(contradictions),
    )


@settings(max_examples=100, deadline=None)
@given(analysis=analyses())
def test_an_analysis_round_trips_through_the_store(analysis: Analysis) -> None:
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "fw.db") as store:
        rowid = store.add_document(analysis.doc)
        assert rowid is not None
        store.save_analysis(rowid, analysis)
        loaded = store.load_analysis(rowid)
    assert loaded == analysis
