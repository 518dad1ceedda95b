"""Events of canonical facilities in date order, across the corpus or for one facility.

An event is dated by its own date (as precise as its text allows), else by its document's
publication date; events with neither come last. Events that name no facility, or a
facility not resolved to a canonical one, are not on the timeline.
"""

from __future__ import annotations

from collections.abc import Sequence

from factorywatch.analyze import filters
from factorywatch.analyze.facilities import find_facility
from factorywatch.analyze.paging import Page, check_paging, fetch_limit, page_of
from factorywatch.store import Store
from factorywatch.store.corpus_records import EventRow


def timeline(
    store: Store,
    *,
    facility: str | None = None,
    province: str | None = None,
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    newest_first: bool = False,
    limit: int | None = 100,
    offset: int = 0,
) -> Page[EventRow]:
    """One page of events, oldest first (``newest_first``: the reverse). ``facility`` is an
    id or a name (``find_facility``); ``types`` event types; ``since``/``until`` inclusive
    ISO dates of any precision (``until="2023"`` keeps all of 2023)."""
    check_paging(limit, offset)
    rows = store.event_rows(
        facility=find_facility(store, facility).id if facility else None,
        province=filters.province(province),
        types=filters.event_types(types),
        since=since,
        until=until,
        newest_first=newest_first,
        limit=fetch_limit(limit),
        offset=offset,
    )
    return page_of(rows, limit, offset)
