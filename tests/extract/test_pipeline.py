"""The pipeline runner: the checked order of components, and the collector paused per document."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator

import pytest

from factorywatch.extract.pipeline import REGISTRY, Pipeline, PipelineError, component, evolve
from factorywatch.model import Analysis, Document

PROBE = "test-gc-probe"


@pytest.fixture
def probe() -> Iterator[list[bool]]:
    """A component that records whether the collector ran enabled during it."""
    seen: list[bool] = []

    @component(PROBE, reads=("text",), writes=("extra",))
    def record(analysis: Analysis) -> Analysis:
        seen.append(gc.isenabled())
        if analysis.text == "raise":
            raise RuntimeError("a component failed")
        return evolve(analysis, extra={"seen": True})

    yield seen
    del REGISTRY[PROBE]


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_collector_paused_during_a_document_and_resumed_after(probe: list[bool], collector_enabled: None) -> None:
    analysis = Pipeline(["sentences", PROBE])(Document(text="The Kumsong Tractor Factory opened."))
    assert probe == [False]
    assert gc.isenabled()
    assert analysis.extra == {"seen": True} and len(analysis.sentences) == 1


def test_collector_resumed_when_a_component_raises(probe: list[bool], collector_enabled: None) -> None:
    with pytest.raises(RuntimeError):
        Pipeline([PROBE])(Document(text="raise"))
    assert probe == [False]
    assert gc.isenabled()


def test_collector_left_off_when_the_caller_turned_it_off(probe: list[bool], collector_enabled: None) -> None:
    gc.disable()
    Pipeline([PROBE])(Document(text="Text."))
    assert not gc.isenabled()


def test_component_reading_an_unwritten_field_is_refused() -> None:
    with pytest.raises(PipelineError, match="reads"):
        Pipeline(["events"])


def test_a_run_returns_a_frozen_analysis_and_leaves_its_input_alone() -> None:
    doc = Document(text="The Kumsong Tractor Factory opened on Monday.", published="2024-05-01")
    analysis = Pipeline(["sentences", "entities", "facilities", "dates"])(doc)
    assert type(analysis) is Analysis
    assert [f.name for f in analysis.facilities] == ["Kumsong Tractor Factory"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.facilities = ()  # type: ignore[misc]
    assert doc.text == "The Kumsong Tractor Factory opened on Monday."


def test_evolve_outside_a_run_copies() -> None:
    first = Analysis(text="One.", doc=Document(text="One."))
    second = evolve(first, side="official")
    assert second is not first and first.side is None and second.side == "official"
    assert evolve(second, side="official") is second  # nothing changes: the same object


@pytest.fixture
def replacer() -> Iterator[None]:
    """A component that returns an Analysis of its own (``dataclasses.replace``), not ``evolve``'s."""

    @component("test-replacer", reads=("text",), writes=("side",))
    def replace(analysis: Analysis) -> Analysis:
        return dataclasses.replace(analysis, side="official")

    yield
    del REGISTRY["test-replacer"]


def test_a_component_may_return_its_own_analysis(replacer: None) -> None:
    analysis = Pipeline(["sentences", "test-replacer", "entities"])(Document(text="KCNA reported it."))
    assert type(analysis) is Analysis
    assert analysis.side == "official" and len(analysis.sentences) == 1
    assert [e.name for e in analysis.entities] == ["KCNA"]
