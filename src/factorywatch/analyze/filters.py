"""Checking what a user filters by, so a typo is a one-line error rather than an empty list.

Vocabulary values (kinds, event types, statuses) must be exact (any case); a province may be
named any way the gazetteer knows ("S. Hamgyong", "Hamgyongnam-do").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from factorywatch import gazetteer
from factorywatch.errors import UsageError
from factorywatch.vocab import EVENT_TYPES, FACILITY_KINDS, vocab


def one_of(value: str | None, allowed: Iterable[str], what: str) -> str | None:
    """``value`` as the vocabulary spells it (any case, spaces or hyphens for underscores);
    None stays None."""
    return None if value is None else _word(value, tuple(allowed), what)


def _word(value: str, allowed: tuple[str, ...], what: str) -> str:
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    for item in allowed:
        if item.lower() == wanted:
            return item
    raise UsageError(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")


def kind(value: str | None) -> str | None:
    return one_of(value, FACILITY_KINDS, "kind")


def status(value: str | None) -> str | None:
    return one_of(value, vocab().statuses, "status")


def event_type(value: str | None) -> str | None:
    return one_of(value, EVENT_TYPES, "event type")


def event_types(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(_word(v, EVENT_TYPES, "event type") for v in values)


def province(value: str | None) -> str | None:
    if value is None:
        return None
    found = gazetteer.normalize_province(value)
    if found is None:
        raise UsageError(f"unknown province {value!r}; use one of {', '.join(vocab().provinces)}")
    return found
