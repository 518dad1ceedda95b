"""The JSON API under ``/api/``: the library's records, paged, described by OpenAPI.

Models here describe what leaves the app (pydantic validates it and FastAPI publishes it
in ``/openapi.json``); the records inside are the store's and the model's own dataclasses.
"""

from __future__ import annotations

from typing import Annotated, Generic, Literal, TypeVar

from fastapi import APIRouter, Query
from pydantic import BaseModel
from starlette.requests import Request

from factorywatch.analyze.paging import Page as LibraryPage
from factorywatch.model import Claim, Contradiction, DateRef, Entity, Event, Facility, Mention, Place
from factorywatch.store import DocumentInfo, ExtractionCounts, SearchHit, Stats
from factorywatch.vocab import EVENT_TYPES, FACILITY_KINDS, PROVINCES, vocab
from factorywatch.web.deps import PageParams, store_for
from factorywatch.web.queries import documents_page, search_page

router = APIRouter(prefix="/api", tags=["api"])
T = TypeVar("T")
STATUSES = tuple(vocab().statuses)

# Vocabulary values as enums, so a typo is a 422 and /openapi.json lists what is allowed.
Kind = Literal[FACILITY_KINDS]  # type: ignore[valid-type]
Province = Literal[PROVINCES]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    has_more: bool
    """Whether a page at ``offset + limit`` has items."""


def paged(page: LibraryPage[T]) -> Page[T]:
    """A corpus view's page as the API sends it (its limit is always set here)."""
    return Page(items=list(page.items), limit=page.limit or 0, offset=page.offset, has_more=page.has_more)


class Extraction(BaseModel):
    """A document's stored extraction, every record anchored by offsets into its text."""

    places: list[Place]
    dates: list[DateRef]
    facilities: list[Facility]
    mentions: list[Mention]
    entities: list[Entity]
    events: list[Event]
    claims: list[Claim]
    contradictions: list[Contradiction]


class DocumentDetail(BaseModel):
    document: DocumentInfo
    text: str
    counts: ExtractionCounts
    extraction: Extraction


@router.get("/documents", response_model=Page[DocumentInfo])
def list_documents(
    request: Request,
    pages: PageParams,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
) -> Page[DocumentInfo]:
    """Documents, newest first."""
    with store_for(request) as store:
        docs, more = documents_page(store, pages, outlet=outlet, since=since, until=until)
    return Page(items=docs, limit=pages.limit, offset=pages.offset, has_more=more)


@router.get("/documents/{ref}", response_model=DocumentDetail)
def get_document(request: Request, ref: str) -> DocumentDetail:
    """One document by its input id or integer id, with its text and extraction."""
    with store_for(request) as store:
        stored = store.document(ref)
        a = store.load_analysis(stored.info.id)
    extraction = Extraction(
        places=list(a.places), dates=list(a.dates), facilities=list(a.facilities), mentions=list(a.mentions),
        entities=list(a.entities), events=list(a.events), claims=list(a.claims),
        contradictions=list(a.contradictions),
    )
    return DocumentDetail(document=stored.info, text=stored.text, counts=stored.counts, extraction=extraction)


@router.get("/search", response_model=Page[SearchHit])
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words, or FTS5 syntax")],
    pages: PageParams,
) -> Page[SearchHit]:
    """Full-text search, best first; each hit's snippet as (text, is_match) fragments."""
    with store_for(request) as store:
        hits, more = search_page(store, q, pages)
    return Page(items=hits, limit=pages.limit, offset=pages.offset, has_more=more)


@router.get("/stats", response_model=Stats)
def stats(request: Request) -> Stats:
    """Counts: documents by outlet and year, facilities by kind and province."""
    with store_for(request) as store:
        return store.stats()
