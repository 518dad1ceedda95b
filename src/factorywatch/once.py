"""A value built on its first use and kept for the life of the process: ``Once(build).get()``.

``functools.cache`` over a function of no arguments does the same, but compiled code reaches
the value through the cache's wrapper, a Python-level call each time; the extraction asks for
its rules and its gazetteer many times per document, and a compiled ``Once`` answers with the
read of a native attribute (setup.py compiles this module with the pipeline's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None

    def get(self) -> T:
        """The value, built by the first call."""
        value = self._value
        if value is None:
            value = self._value = self._build()
        return value
