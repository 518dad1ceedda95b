"""Where to draw a facility: the centroid of its best known place, and how precise it is.

A facility is placed at its locality's (city or county) centroid when the gazetteer knows
that locality, else at its province's centroid, else nowhere. ``precision`` says which, so
a map or an export never passes a province centroid off as a site.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from factorywatch import gazetteer

LOCALITY, PROVINCE = "locality", "province"


@dataclass(frozen=True, slots=True)
class Location:
    lat: float
    lon: float
    precision: str
    """``locality`` (city or county centroid) or ``province`` (province centroid)."""


@lru_cache(maxsize=4096)
def locate(province: str | None, locality: str | None) -> Location | None:
    """The centroid of the most precise place the gazetteer knows; None when it knows none.

    A locality whose centroid is the province's own (a locality it could not find, or a city
    that is its province, as Rason) counts as province precision."""
    whole = gazetteer.centroid(province) if province else None
    if locality:
        point = gazetteer.centroid(province, locality)
        if point is not None and point != whole:
            return Location(point[0], point[1], LOCALITY)
    return Location(whole[0], whole[1], PROVINCE) if whole else None
