"""Canonical facilities: the filtered list, and finding one by id or by any of its names."""

from __future__ import annotations

from dataclasses import dataclass

from factorywatch.analyze import filters
from factorywatch.analyze.paging import Page, check_paging, fetch_limit, page_of
from factorywatch.analyze.place import Location, locate
from factorywatch.analyze.status import status_rules
from factorywatch.errors import NotFound, UsageError
from factorywatch.resolve.names import name_key
from factorywatch.store import Store
from factorywatch.store.corpus_records import FacilityRef, FacilityRow

_CANDIDATES_SHOWN = 8


@dataclass(frozen=True, slots=True)
class FacilitySummary:
    """A facility as a list or a map shows it: what the corpus says, and where to draw it."""

    facility: FacilityRow
    location: Location | None
    """Its best known place's centroid, None when its place is unknown."""


def summarize(row: FacilityRow) -> FacilitySummary:
    return FacilitySummary(row, locate(row.province, row.locality))


def refresh_summaries(store: Store) -> None:
    """Rebuild the per-facility summary (status, latest event, contradiction) that facility
    lists read. Call it after resolving facilities: until then, lists on a read-only
    connection compute it per request (a pass over every event and claim)."""
    store.refresh_facility_summary(status_rules())


def all_facilities(store: Store) -> list[FacilitySummary]:
    """Every canonical facility, by name (for exports)."""
    store.ensure_facility_summary(status_rules())
    return [summarize(r) for r in store.facility_rows(status_rules(), sort="name", limit=None)]


def list_facilities(
    store: Store,
    *,
    text: str | None = None,
    kind: str | None = None,
    province: str | None = None,
    status: str | None = None,
    contradicted: bool | None = None,
    event_type: str | None = None,
    year: int | None = None,
    sort: str = "reports",
    limit: int | None = 50,
    offset: int = 0,
) -> Page[FacilitySummary]:
    """Canonical facilities matching every filter given (see ``Store.facility_rows``), one
    page in ``sort`` order: ``reports`` (most reported first), ``last-event`` (latest event
    first) or ``name``; ``status="unknown"``: nothing reported one. Unknown filter values
    raise ``UsageError``."""
    check_paging(limit, offset)
    store.ensure_facility_summary(status_rules())
    rows = store.facility_rows(
        status_rules(),
        text=text.strip() if text and text.strip() else None,
        kind=filters.kind(kind),
        province=filters.province(province),
        status=filters.status(status),
        contradicted=contradicted,
        event_type=filters.event_type(event_type),
        year=year,
        sort=sort,
        limit=fetch_limit(limit),
        offset=offset,
    )
    return page_of(map(summarize, rows), limit, offset)


def find_facility(store: Store, ref: str) -> FacilityRef:
    """The canonical facility ``ref`` denotes: its id; else the one facility that goes by
    that name (any case); else by a name with the same name key (other romanization,
    spelling or kind word: ``resolve.names.name_key``); else by a name containing it.

    Raises ``UsageError`` listing the candidates when several fit, ``NotFound`` when none."""
    ref = " ".join(ref.split())
    if not ref:
        raise UsageError("give a facility id or name")
    found = store.facility_refs([ref])
    if found:
        return found[0]
    for ids in (
        lambda: store.facilities_named(ref),
        lambda: store.facility_ids_with_key(name_key(ref)),
        lambda: store.facilities_named(ref, partial=True),
    ):
        candidates = store.facility_refs(ids())
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            shown = "; ".join(f"{c.name} [{c.id}]" for c in candidates[:_CANDIDATES_SHOWN])
            more = f" and {len(candidates) - _CANDIDATES_SHOWN} more" if len(candidates) > _CANDIDATES_SHOWN else ""
            raise UsageError(f"{ref!r} names several facilities: {shown}{more}; give an id")
    raise NotFound(f"no facility {ref!r} (see `factorywatch facilities --text ...`)")
