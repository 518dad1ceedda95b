"""The fast builders of the frozen records (``model.builder``): the same records as the classes build."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factorywatch.model import Analysis, DateRef, Entity, Facility, Mention, Place, Sentence, Span, builder

offsets = st.integers(min_value=0, max_value=10_000)
words = st.text(max_size=12)
maybe = st.none() | words


@given(offsets, offsets, maybe, maybe, maybe)
def test_place_as_the_class_builds_it(start: int, end: int, province: str | None, locality: str | None,
                                      gid: str | None) -> None:
    built = builder(Place)(start, end, province, locality, gid)
    assert type(built) is Place
    assert built == Place(start, end, province, locality, gid)
    assert hash(built) == hash(Place(start, end, province, locality, gid))
    assert pickle.loads(pickle.dumps(built)) == built


@pytest.mark.parametrize(
    ("cls", "args", "kwargs"),
    [
        (Span, (1, 4), {}),
        (Sentence, (0, 9), {}),
        (Entity, (0, 4), {"name": "KCNA", "label": "organization"}),
        (DateRef, (3, 9, "2024-05-01", "day"), {}),
        (Mention, (0, 7, 0, "name"), {}),
        (Facility, (), {"id": "f1", "name": "Kumsong Tractor Factory", "kind": "factory", "named": True}),
        (Place, (0, 9, "South Pyongan", None), {}),  # the default of the last field
    ],
)
def test_each_record_with_positional_keyword_and_default_arguments(cls: type, args: tuple, kwargs: dict) -> None:
    built = builder(cls)(*args, **kwargs)
    assert type(built) is cls and built == cls(*args, **kwargs)


def test_a_built_record_is_frozen() -> None:
    place = builder(Place)(0, 9, "South Pyongan", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.start = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del place.start  # type: ignore[misc]


def test_missing_and_unknown_arguments_are_refused_as_by_the_class() -> None:
    with pytest.raises(TypeError):
        builder(Span)(1)
    with pytest.raises(TypeError):
        builder(Span)(1, 2, colour="red")


def test_a_record_with_a_default_factory_has_no_builder() -> None:
    with pytest.raises(TypeError, match="default factory"):
        builder(Analysis)
