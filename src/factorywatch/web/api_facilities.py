"""The JSON API of the corpus views: facilities, a facility's dossier, events, contradictions,
possible matches. Each route checks its parameters, calls one ``factorywatch.analyze`` (or
``resolve.judgements``) function and sends its records as they are (``asdict`` shape, the
same JSON as the CLI's ``--json``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from starlette.requests import Request

from factorywatch.analyze.contradictions import contradictions
from factorywatch.analyze.dossier import DEFAULT_LIMIT, Dossier, dossier
from factorywatch.analyze.facilities import FacilitySummary, list_facilities
from factorywatch.analyze.timeline import timeline
from factorywatch.resolve.judgements import review
from factorywatch.store.corpus import SORTS
from factorywatch.store.corpus_records import ContradictionRow, EventRow
from factorywatch.store.facilities import PossibleMatch
from factorywatch.web.api import EventType, Kind, Page, Province, Status, paged
from factorywatch.web.deps import MAX_LIMIT, PageParams, store_for

router = APIRouter(prefix="/api", tags=["api"])

Sort = Literal[SORTS]  # type: ignore[valid-type]
DateParam = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")]
DossierLimit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most items of each list (the newest)")]
EventTypes = Annotated[list[EventType] | None, Query(alias="type", description="Event types (repeat for several)")]


@router.get("/facilities", response_model=Page[FacilitySummary])
def facilities(
    request: Request,
    pages: PageParams,
    q: Annotated[str | None, Query(max_length=200, description="Part of any name the facility goes by")] = None,
    kind: Kind | None = None,
    province: Province | None = None,
    status: Annotated[Status | None, Query(description="As last reported; unknown: none reported")] = None,
    contradicted: Annotated[bool | None, Query(description="Official positive claims stand against independent "
                                                           "negative ones")] = None,
    event_type: Annotated[EventType | None, Query(description="It has an event of this type")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="A document of that year reports it")] = None,
    sort: Annotated[Sort, Query(description="reports: most first; last-event: latest first; name")] = "reports",
) -> Page[FacilitySummary]:
    """Canonical facilities matching every filter, each with its map place: the centroid of its
    locality (``precision: locality``, a city or county) or else province (``province``)."""
    with store_for(request) as store:
        page = list_facilities(store, text=q, kind=kind, province=province, status=status, contradicted=contradicted,
                               event_type=event_type, year=year, sort=sort, limit=pages.limit, offset=pages.offset)
    return paged(page)


@router.get("/facilities/{ref}", response_model=Dossier)
def facility(
    request: Request,
    ref: str,
    limit: DossierLimit = DEFAULT_LIMIT,
) -> Dossier:
    """One facility's dossier, by id (or by a name that fits one facility only): names, place,
    status over time, events, claims of each side, contradiction, documents."""
    with store_for(request) as store:
        return dossier(store, ref, limit=limit)


@router.get("/events", response_model=Page[EventRow])
def events(
    request: Request,
    pages: PageParams,
    facility: Annotated[str | None, Query(max_length=200, description="A facility id or name")] = None,
    province: Province | None = None,
    types: EventTypes = None,
    since: DateParam = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
    newest_first: bool = False,
) -> Page[EventRow]:
    """Events of canonical facilities in date order (the event's date, else its document's)."""
    with store_for(request) as store:
        page = timeline(store, facility=facility, province=province, types=types or (), since=since, until=until,
                        newest_first=newest_first, limit=pages.limit, offset=pages.offset)
    return paged(page)


@router.get("/contradictions", response_model=Page[ContradictionRow])
def contradiction_list(
    request: Request, pages: PageParams, province: Province | None = None, kind: Kind | None = None
) -> Page[ContradictionRow]:
    """Facilities where an official positive claim stands against an independent negative claim,
    each with the newest claim of both sides; newest first."""
    with store_for(request) as store:
        page = contradictions(store, province=province, kind=kind, limit=pages.limit, offset=pages.offset)
    return paged(page)


@router.get("/review", response_model=list[PossibleMatch])
def possible_matches(
    request: Request, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most pairs")] = 50
) -> list[PossibleMatch]:
    """Pairs of facilities that may be one, best first, with the matcher's reasons."""
    with store_for(request) as store:
        return review(store, limit=limit)
