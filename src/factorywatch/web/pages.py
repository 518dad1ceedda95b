"""HTML pages: each route reads its parameters, calls the library and renders a template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from factorywatch.analyze.contradictions import contradictions
from factorywatch.analyze.timeline import timeline
from factorywatch.store import SearchHit
from factorywatch.vocab import vocab
from factorywatch.web.deps import PageParams, store_for
from factorywatch.web.highlight import highlights, render
from factorywatch.web.queries import search_page
from factorywatch.web.templating import page

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

LATEST = 8
"""Documents, events and contradictions listed on the overview (the newest)."""


@router.get("/", name="overview")
def overview(request: Request) -> HTMLResponse:
    with store_for(request) as store:
        stats = store.stats()
        latest = store.documents(limit=LATEST)
        events = timeline(store, newest_first=True, limit=LATEST).items
        contradicted = contradictions(store, limit=LATEST).items
    return page(request, "overview.html", stats=stats, latest=latest, events=events, contradicted=contradicted)


@router.get("/search", name="search_page")
def search(
    request: Request,
    pages: PageParams,
    q: Annotated[str, Query(max_length=500)] = "",
) -> HTMLResponse:
    hits: list[SearchHit] = []
    more = False
    if q.strip():
        with store_for(request) as store:
            hits, more = search_page(store, q, pages)
    return page(request, "search.html", q=q, hits=hits, more=more, paging=pages)


@router.get("/documents/{ref}", name="document_page")
def document(request: Request, ref: str) -> HTMLResponse:
    with store_for(request) as store:
        stored = store.document(ref)
        analysis = store.load_analysis(stored.info.id)
    body = render(stored.text, highlights(analysis))
    return page(request, "document.html", doc=stored, analysis=analysis, body=body)


@router.get("/map", name="map_page")
def map_page(request: Request) -> HTMLResponse:
    v = vocab()
    return page(request, "map.html", kinds=v.kind_labels, provinces=v.provinces, statuses=v.statuses,
                event_types=v.event_types)
