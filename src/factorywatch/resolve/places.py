"""Place words inside facility names, recognised through the project's gazetteer.

"Wonsan Shoe Factory" and "Hamhung Shoe Factory" differ by place and are two factories; a
name may also drop its place ("Taegyong Laver Processing Factory" for the one in Pyongyang).
To tell a place from the rest of a romanized name the resolver asks the gazetteer, folded to
the romanization skeleton (``romanize.fold``) so that every spelling of a place is one key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

from factorywatch.resolve.romanize import ascii_letters, fold


def _folded(name: str) -> str:
    return fold("".join(ascii_letters(name).lower().replace("'", "").replace("-", " ").split()))


@cache
def place_provinces() -> Mapping[str, frozenset[str]]:
    """Folded place name -> the provinces that have a unit of that name (Unsan: two)."""
    source = resources.files("factorywatch.data").joinpath("gazetteer.json")
    if not source.is_file():
        return {}
    out: dict[str, set[str]] = {}
    for unit in json.loads(source.read_text("utf-8")).get("units", ()):
        if unit.get("level") == "region":
            continue
        for name in (*unit.get("names", ()), *unit.get("suffix_names", ())):
            out.setdefault(_folded(name), set()).add(unit["province"])
    return {name: frozenset(p) for name, p in out.items() if len(name) > 2}


def split_place(run: Sequence[str]) -> tuple[str, str]:
    """Split a run of romanized words into (place, rest), joined without spaces.

    The longest leading words that make a known place win; else the longest trailing ones
    ("Kim Jong Suk Pyongyang"); else there is no place and the whole run is the rest.
    """
    places = place_provinces()
    for i in range(len(run), 0, -1):
        if _folded("".join(run[:i])) in places:
            return "".join(run[:i]), "".join(run[i:])
    for i in range(1, len(run)):
        if _folded("".join(run[i:])) in places:
            return "".join(run[i:]), "".join(run[:i])
    return "", "".join(run)
