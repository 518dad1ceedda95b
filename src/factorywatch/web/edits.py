"""Analyst judgements from the browser: the review page of possible matches, and the merge /
split / not-same forms of the dossier, recorded through ``resolve.judgements``.

Every POST passes ``csrf.checked_form`` first (edits allowed, same origin, token), then
records one judgement (which re-resolves the corpus) and answers 303 to the dossier of the
facility that holds the judged names now, so reloading the page never records it twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from factorywatch.errors import UsageError
from factorywatch.resolve import judgements
from factorywatch.web import csrf
from factorywatch.web.deps import MAX_LIMIT, store_for
from factorywatch.web.templating import page

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

Form = Annotated[dict[str, str], Depends(csrf.checked_form)]


@router.get("/review", name="review_page")
def review(request: Request, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> HTMLResponse:
    """Pairs of facilities that may be one, best first; with edits allowed, each with merge
    and not-same buttons."""
    with store_for(request) as store:
        pairs = judgements.review(store, limit=limit)
    token = csrf.token(request) if request.app.state.allow_edits else None
    response = page(request, "review.html", pairs=pairs, csrf_token=token)
    if token:
        csrf.remember(request, response, token)
    return response


def _field(form: dict[str, str], name: str) -> str:
    value = " ".join(form.get(name, "").split())
    if not value:
        raise UsageError(f"fill in the {name.replace('_', ' ')}")
    return value


def _optional(form: dict[str, str], name: str) -> str | None:
    return " ".join(form.get(name, "").split())[:2000] or None


def _record(request: Request, action: str, judge: Callable[..., judgements.Outcome], *args: str,
            form: dict[str, str]) -> RedirectResponse:
    with store_for(request) as store:
        outcome = judge(store, *args, author=_optional(form, "author"), note=_optional(form, "note"))
    held = outcome.facilities
    landing = outcome.judgement.a if outcome.judgement.a in held or not held else held[0]
    url = request.app.url_path_for("facility_page", ref=landing)
    return RedirectResponse(f"{url}?judged={action}", status_code=303)


@router.post("/facilities/{ref}/merge", name="merge")
def merge(request: Request, ref: str, form: Form) -> RedirectResponse:
    """``ref`` and the facility named in ``other`` are one."""
    return _record(request, "merge", judgements.merge, ref, _field(form, "other"), form=form)


@router.post("/facilities/{ref}/not-same", name="not_same")
def not_same(request: Request, ref: str, form: Form) -> RedirectResponse:
    """``ref`` and the facility named in ``other`` are different facilities."""
    return _record(request, "not-same", judgements.not_same, ref, _field(form, "other"), form=form)


@router.post("/facilities/{ref}/split", name="split")
def split(request: Request, ref: str, form: Form) -> RedirectResponse:
    """The name in ``name`` (and its spellings) is not facility ``ref``."""
    return _record(request, "split", judgements.split, ref, _field(form, "name"), form=form)
