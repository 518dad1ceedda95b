"""The one definition of factorywatch's vocabularies, read from ``data/vocab.yaml``.

Schema as data (as followthemoney does): facility kinds and their head nouns, provinces,
event types, claim sides and statuses live in a data file validated on load, and every
stage imports them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True, slots=True)
class Vocab:
    facility_kinds: dict[str, tuple[str, ...]]
    """kind -> head nouns (title case, singular)."""
    kind_labels: dict[str, str]
    provinces: tuple[str, ...]
    event_types: dict[str, str]
    """event type -> label."""
    event_status: dict[str, str | None]
    """event type -> facility status it implies (None: no change)."""
    sides: tuple[str, ...]
    polarities: tuple[str, ...]
    statuses: dict[str, str]
    place_sources: tuple[str, ...]


def read_data(path: str) -> dict:
    """A YAML mapping shipped under ``data/`` (``"lexicon/events.yaml"``), checked to be one:
    the one way every stage reads its vocabularies, lexicons and cue words."""
    raw = yaml.safe_load(resources.files("factorywatch.data").joinpath(path).read_text("utf-8"))
    if not isinstance(raw, dict):
        raise TypeError(f"data/{path}: expected a mapping")
    return raw


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise ValueError(f"data/vocab.yaml: {what}")


@cache
def vocab() -> Vocab:
    raw = read_data("vocab.yaml")
    kinds = raw["facility_kinds"]
    events = raw["event_types"]
    statuses = raw["statuses"]
    for name, ev in events.items():
        _check(ev.get("status") in (None, *statuses), f"event type {name}: unknown status {ev.get('status')!r}")
    _check(len(raw["provinces"]) == 13, "there must be 13 provinces")
    return Vocab(
        facility_kinds={k: tuple(v.get("heads") or ()) for k, v in kinds.items()},
        kind_labels={k: v["label"] for k, v in kinds.items()},
        provinces=tuple(raw["provinces"]),
        event_types={k: v["label"] for k, v in events.items()},
        event_status={k: v.get("status") for k, v in events.items()},
        sides=tuple(raw["sides"]),
        polarities=tuple(raw["polarities"]),
        statuses=dict(statuses),
        place_sources=tuple(raw["place_sources"]),
    )


FACILITY_KINDS = tuple(vocab().facility_kinds)
PROVINCES = vocab().provinces
EVENT_TYPES = tuple(vocab().event_types)
SIDES = vocab().sides
POLARITIES = vocab().polarities
