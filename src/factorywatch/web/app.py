"""The web app: ``create_app(db_path)`` builds it, ``factorywatch serve`` runs it with uvicorn.

The app is a thin layer, like the CLI: routes call the store's and the analysis' library
functions and render the result. Static files (the vendored Leaflet, the boundaries, the
app's own CSS and JS) are package data served from one folder that requests cannot leave.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.staticfiles import StaticFiles

from factorywatch import __version__
from factorywatch.store import open_store
from factorywatch.web import api, api_facilities, edits, error_handler, facility_pages, pages
from factorywatch.web.security import SecurityHeaders

STATIC = Path(str(resources.files("factorywatch.web") / "static"))


def create_app(db_path: str | Path, *, allow_edits: bool = False, allowed_hosts: Sequence[str] = ("*",)) -> FastAPI:
    """The app over the database at ``db_path``, which must exist (``StoreError`` otherwise).

    Without ``allow_edits`` no route writes to the database (and every POST answers 403);
    with it, the dossier and the review page serve merge / split / not-same forms.
    A request whose Host header is not in ``allowed_hosts`` gets a 400: an app served on
    loopback answers only to loopback names, so that a web page whose domain an attacker
    points at 127.0.0.1 (DNS rebinding) can neither read it nor post judgements.
    """
    open_store(db_path, create=False).close()  # fail now, in one line, rather than on each request
    app = FastAPI(
        title="factorywatch",
        version=__version__,
        description="Facilities, events, claims and contradictions extracted from North Korean "
        "state media and independent reports.",
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
    )
    app.state.db_path = Path(db_path)
    app.state.allow_edits = allow_edits
    for router in (pages.router, facility_pages.router, edits.router, api.router, api_facilities.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    error_handler.install(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app
