"""Place words inside facility names, recognised through the project's gazetteer.

"Wonsan Shoe Factory" and "Hamhung Shoe Factory" differ by place and are two factories; a
name may also drop its place ("Taegyong Laver Processing Factory" for the one in Pyongyang).
To tell a place from the rest of a romanized name the resolver asks ``factorywatch.gazetteer``,
which knows every spelling of every unit (MR, DPRK, Revised Romanization).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from factorywatch import gazetteer
from factorywatch.resolve.romanize import fold


@lru_cache(maxsize=65536)
def _lookup(words: tuple[str, ...]) -> tuple[str, frozenset[str]] | None:
    """The gazetteer's own name of the unit these words name (lower case), with the
    provinces of every unit of that name; None when they name no unit. Tried spaced
    ("kim chaek") and joined ("kimchaek")."""
    if len("".join(words)) < 3:
        return None
    for spelling in dict.fromkeys((" ".join(words), "".join(words))):
        entries = gazetteer.lookup(spelling)
        if entries:
            return _named(entries)
    return _by_skeleton().get(fold("".join(words)))


def _named(entries: Iterable[gazetteer.PlaceEntry]) -> tuple[str, frozenset[str]]:
    entries = tuple(entries)
    return min(e.name for e in entries).lower(), frozenset(e.province for e in entries if e.province is not None)


@cache
def _by_skeleton() -> dict[str, tuple[str, frozenset[str]]]:
    """Units by the romanization skeleton of their name: spellings the gazetteer does not
    list (Ragwon for Rakwon: a sound change of Revised Romanization) still find their unit."""
    groups: dict[str, list[gazetteer.PlaceEntry]] = {}
    for entry in gazetteer.all_entries():
        groups.setdefault(fold("".join(entry.name.lower().split())), []).append(entry)
    return {skeleton: _named(entries) for skeleton, entries in groups.items() if len(skeleton) > 2}


def split_place(run: Sequence[str]) -> tuple[str, str, str, frozenset[str]]:
    """Split a run of romanized words into (place, place as written, rest, provinces).

    The place comes back as the gazetteer spells it (every romanization of Hamhung is
    "hamhung"); the written place and the rest joined without spaces (Kim Chaek = Kimchaek).
    The longest leading words that make a known place win; else the longest trailing ones
    ("Kim Jong Suk Pyongyang"); else there is no place and the whole run is the rest.
    """
    words = tuple(run)
    for i in range(len(words), 0, -1):
        found = _lookup(words[:i])
        if found is not None:
            return found[0], "".join(words[:i]), "".join(words[i:]), found[1]
    for i in range(1, len(words)):
        found = _lookup(words[i:])
        if found is not None:
            return found[0], "".join(words[i:]), "".join(words[:i]), found[1]
    return "", "", "".join(words), frozenset()
