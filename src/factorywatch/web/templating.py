"""Jinja2 templates read from the package, with autoescaping always on.

Pages get their data from the routes (which call the library) and only format it; the
globals here are presentation constants shared by every page (navigation, attribution,
vocabulary labels).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import NoMatchFound
from starlette.templating import Jinja2Templates

from factorywatch.analyze.place import LOCALITY, PROVINCE
from factorywatch.vocab import vocab
from factorywatch.web.highlight import KINDS, evidence_anchor, fragments_html

NAV: tuple[tuple[str, str], ...] = (
    ("Overview", "overview"),
    ("Map", "map_page"),
    ("Facilities", "facilities_page"),
    ("Contradictions", "contradictions_page"),
    ("Timeline", "timeline_page"),
    ("Review", "review_page"),
    ("Search", "search_page"),
)
"""Navigation: (label, route name); a page not (yet) served is left out of the menu."""

BOUNDARIES_ATTRIBUTION = (
    "Boundaries: geoBoundaries (Runfola et al. 2020), counties from HDX / World Food Programme, "
    "CC BY 3.0 IGO; provinces dissolved from them using the North Korea Administrative Divisions "
    "Dataset (open-admin-data), CC BY 4.0"
)
"""Shown in the page footer and in the map's attribution control (see ATTRIBUTION.md)."""

PRECISION_LABELS = {LOCALITY: "county/city centroid", PROVINCE: "province centroid"}
"""How a map place's precision (``analyze.place``) is worded, on pages and in map popups."""


@pass_context
def path_for(context: dict[str, Any], name: str, /, **params: Any) -> str:
    """The path (not the absolute URL) of a named route."""
    request: Request = context["request"]
    return str(request.app.url_path_for(name, **{k: str(v) for k, v in params.items()}))


def http_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL, else None: a stored URL is untrusted input, and a
    ``javascript:`` or ``data:`` one must never become a link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


@pass_context
def evidence_url(context: dict[str, Any], document: int, start: int, end: int) -> str:
    """The link to an evidence sentence: its document's page at the sentence's anchor."""
    return f"{path_for(context, 'document_page', ref=document)}#{evidence_anchor(start, end)}"


@pass_context
def page_url(context: dict[str, Any], **changes: Any) -> str:
    """The current page's query string with ``changes`` applied (None or "" drops a
    parameter, and ``offset=0`` too): for pagers and sort links that keep the filters."""
    request: Request = context["request"]
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    params += [(k, str(v)) for k, v in changes.items() if v not in (None, "") and not (k == "offset" and v == 0)]
    return "?" + urlencode(params)


@pass_context
def nav_items(context: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(label, path, is current page) for each navigation entry the app serves."""
    request: Request = context["request"]
    current = getattr(request.scope.get("route"), "name", None)
    items = []
    for label, name in NAV:
        try:
            items.append((label, str(request.app.url_path_for(name)), name == current))
        except NoMatchFound:
            continue
    return items


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("factorywatch.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    v = vocab()
    env.globals.update(
        path_for=path_for,
        nav_items=nav_items,
        evidence_url=evidence_url,
        page_url=page_url,
        precision_labels=PRECISION_LABELS,
        attribution=BOUNDARIES_ATTRIBUTION,
        highlight_kinds=KINDS,
        kind_labels=v.kind_labels,
        event_labels=v.event_types,
        status_labels=v.statuses,
    )
    env.filters["snippet"] = fragments_html
    env.filters["http_url"] = http_url
    return env


TEMPLATES = Jinja2Templates(env=_environment())


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` (``TemplateResponse(request, name, ctx)``: Starlette 1.x order)."""
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)
