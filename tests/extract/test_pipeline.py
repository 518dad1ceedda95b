"""The pipeline runner: the checked order of components, and the collector paused per document."""

from __future__ import annotations

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
