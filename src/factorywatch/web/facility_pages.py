"""HTML pages of the corpus views: the facility list, a facility's dossier, contradictions,
the timeline. Each reads its parameters, calls one ``factorywatch.analyze`` function and
renders a template.

Filters come from plain HTML forms, which send "any" as an empty string, so they are read as
strings, blanks dropped (``deps.blank``) and the rest checked by the library, whose
``UsageError`` becomes a 400 page that says what was wrong.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from factorywatch.analyze.contradictions import contradictions
from factorywatch.analyze.dossier import dossier
from factorywatch.analyze.facilities import list_facilities
from factorywatch.analyze.timeline import timeline
from factorywatch.resolve.judgements import ACTIONS
from factorywatch.vocab import vocab
from factorywatch.web import csrf
from factorywatch.web.chart import timeline_chart
from factorywatch.web.deps import MAX_LIMIT, PageParams, blank, form_bool, form_int, store_for
from factorywatch.web.templating import page

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

Field = Annotated[str, Query(max_length=200)]
DOSSIER_LIMIT = 50
"""Items of each dossier list shown (the newest); the timeline page pages through the rest."""


def _choices() -> dict[str, Any]:
    """The vocabularies a filter form offers."""
    v = vocab()
    return {"kinds": v.kind_labels, "provinces": v.provinces, "statuses": v.statuses, "event_types": v.event_types}


@router.get("/facilities", name="facilities_page")
def facilities(
    request: Request,
    pages: PageParams,
    q: Field = "",
    kind: Field = "",
    province: Field = "",
    status: Field = "",
    contradicted: Field = "",
    event_type: Field = "",
    year: Field = "",
    sort: Field = "reports",
) -> HTMLResponse:
    with store_for(request) as store:
        found = list_facilities(
            store, text=blank(q), kind=blank(kind), province=blank(province), status=blank(status),
            contradicted=form_bool(contradicted, "contradicted"), event_type=blank(event_type),
            year=form_int(year, "year"), sort=blank(sort) or "reports", limit=pages.limit, offset=pages.offset,
        )
    form = {"q": q, "kind": kind, "province": province, "status": status, "contradicted": contradicted,
            "event_type": event_type, "year": year}
    return page(request, "facilities.html", found=found, form=form, sort=blank(sort) or "reports", **_choices())


@router.get("/facilities/{ref}", name="facility_page")
def facility(
    request: Request,
    ref: str,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DOSSIER_LIMIT,
    judged: Field = "",
) -> Response:
    """The dossier. A facility asked for by name is redirected to its id's page."""
    with store_for(request) as store:
        found = dossier(store, ref, limit=limit)
    if found.facility.id != ref:
        url = request.app.url_path_for("facility_page", ref=found.facility.id)
        return RedirectResponse(str(url), status_code=303)
    token = csrf.token(request) if request.app.state.allow_edits else None
    response = page(request, "dossier.html", d=found, chart=timeline_chart(found.events, found.status_history),
                    judged=judged if judged in ACTIONS else None, csrf_token=token, limit=limit,
                    max_limit=MAX_LIMIT)
    if token:
        csrf.remember(request, response, token)
    return response


@router.get("/contradictions", name="contradictions_page")
def contradiction_list(request: Request, pages: PageParams, province: Field = "", kind: Field = "") -> HTMLResponse:
    with store_for(request) as store:
        found = contradictions(store, province=blank(province), kind=blank(kind), limit=pages.limit,
                               offset=pages.offset)
    return page(request, "contradictions.html", found=found, form={"province": province, "kind": kind},
                **_choices())


@router.get("/timeline", name="timeline_page")
def timeline_page(
    request: Request,
    pages: PageParams,
    facility: Field = "",
    province: Field = "",
    types: Annotated[list[str] | None, Query(alias="type", max_length=20)] = None,
    since: Field = "",
    until: Field = "",
    order: Literal["oldest", "newest"] = "oldest",
) -> HTMLResponse:
    chosen = [t for t in (blank(t) for t in types or ()) if t]
    with store_for(request) as store:
        found = timeline(store, facility=blank(facility), province=blank(province), types=chosen,
                         since=blank(since), until=blank(until), newest_first=order == "newest",
                         limit=pages.limit, offset=pages.offset)
    form = {"facility": facility, "province": province, "types": chosen, "since": since, "until": until,
            "order": order}
    return page(request, "timeline.html", found=found, form=form, chart=timeline_chart(found.items), **_choices())
