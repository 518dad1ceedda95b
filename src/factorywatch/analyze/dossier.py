"""A facility's dossier: everything the corpus says about one canonical facility.

What an analyst asks first ("what do we know about the Kimchaek Iron and Steel Complex, and
does what Pyongyang says about it match what sources report?"): its names, its place and how
that place is known, its events in date order, the claims of each side, where they
contradict each other, its status over time, and the documents behind all of it. Each list
holds at most ``limit`` items (the newest); ``counts`` says how many there are in all, and
the timeline and claim views page through the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factorywatch.analyze.facilities import find_facility
from factorywatch.analyze.place import Location, locate
from factorywatch.analyze.status import StatusPeriod, facility_status, status_rules
from factorywatch.errors import UsageError
from factorywatch.store import Store
from factorywatch.store.corpus_records import (
    ClaimRow,
    ContradictionRow,
    EventRow,
    FacilityDocument,
    NameCount,
    PlaceCount,
)
from factorywatch.store.facilities import CanonicalFacility

DEFAULT_LIMIT = 100


@dataclass(frozen=True, slots=True)
class DossierPlace:
    province: str | None
    locality: str | None
    place_source: str | None
    """How it was placed: from its ``name``, its ``sentence``, or its ``source_location``."""
    location: Location | None
    """The centroid of that place and its precision (``locality`` or ``province``)."""
    reported: tuple[PlaceCount, ...]
    """Every place its documents gave it, most given first."""


@dataclass(frozen=True, slots=True)
class DossierCounts:
    documents: int
    events: int
    claims: int


@dataclass(frozen=True, slots=True)
class Dossier:
    facility: CanonicalFacility
    names: tuple[NameCount, ...]
    """Names and aliases its documents use, most used first."""
    place: DossierPlace
    status: StatusPeriod | None
    """As last reported, and when (``until``); None when nothing reported a status."""
    status_history: tuple[StatusPeriod, ...]
    """Oldest first: the last ``limit`` periods."""
    events: tuple[EventRow, ...]
    """Its newest events, in date order."""
    official_claims: tuple[ClaimRow, ...]
    """Newest first."""
    independent_claims: tuple[ClaimRow, ...]
    contradiction: ContradictionRow | None
    """Its newest official positive claim against its newest independent negative claim."""
    documents: tuple[FacilityDocument, ...]
    """Newest first."""
    counts: DossierCounts


def dossier(store: Store, ref: str, *, limit: int = DEFAULT_LIMIT) -> Dossier:
    """The dossier of the facility ``ref`` names (an id, or a name: see ``find_facility``)."""
    if limit < 1:
        raise UsageError("limit must be at least 1")
    facility = store.canonical_facility(find_facility(store, ref).id)
    fid = facility.id
    history = facility_status(store, fid, limit=limit)
    contradictions = store.contradiction_rows(status_rules(), facility=fid, limit=1)
    return Dossier(
        facility=facility,
        names=tuple(store.facility_names(fid)),
        place=DossierPlace(
            facility.province, facility.locality, facility.place_source,
            locate(facility.province, facility.locality), tuple(store.facility_places(fid)),
        ),
        status=history[-1] if history else None,
        status_history=history,
        events=_chronological(store.event_rows(facility=fid, newest_first=True, limit=limit)),
        official_claims=tuple(store.claim_rows(facility=fid, side="official", limit=limit)),
        independent_claims=tuple(store.claim_rows(facility=fid, side="independent", limit=limit)),
        contradiction=contradictions[0] if contradictions else None,
        documents=tuple(store.facility_documents(fid, limit=limit)),
        counts=DossierCounts(*store.count_records(fid)),
    )


def _chronological(newest_first: Iterable[EventRow]) -> tuple[EventRow, ...]:
    """The newest events, oldest first, undated ones last (as a timeline shows them)."""
    rows = list(newest_first)
    return tuple([r for r in reversed(rows) if r.day] + [r for r in rows if not r.day])
