"""One exception handler for the whole app (as datasette has).

The library's own errors map to status codes; request validation, HTTP errors and bugs
are answered the same way. Under ``/api/`` the answer is ``{"error": {"status", "message"}}``,
elsewhere a plain HTML page. Neither ever shows a traceback, a SQL statement or a file path:
a bug is logged on the server and the client only learns that it happened.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from factorywatch.errors import FactorywatchError, InputError, NotFound, StoreError, UsageError
from factorywatch.web.security import SECURITY_HEADERS
from factorywatch.web.templating import page

log = logging.getLogger("factorywatch.web")

STATUS: dict[type[FactorywatchError], int] = {
    NotFound: 404,
    UsageError: 400,
    InputError: 400,
    StoreError: 503,
}
"""Status code of each library error; a subclass takes its nearest ancestor's code."""

PUBLIC_MESSAGES = {
    500: "Something went wrong on the server; the problem has been logged.",
    503: "The database cannot be read right now.",
}
"""Errors whose own message may carry internals (paths, SQLite errors) are replaced by these."""


def status_for(exc: FactorywatchError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def describe(exc: Exception) -> tuple[int, str, dict[str, str]]:
    """(status, message safe to show, extra headers) for any exception."""
    if isinstance(exc, FactorywatchError):
        status = status_for(exc)
        return status, PUBLIC_MESSAGES.get(status, str(exc)), {}
    if isinstance(exc, RequestValidationError):
        return 422, _validation_message(exc), {}
    if isinstance(exc, HTTPException):
        return exc.status_code, str(exc.detail), dict(exc.headers or {})
    return 500, PUBLIC_MESSAGES[500], {}


async def handle(request: Request, exc: Exception) -> Response:
    status, message, headers = describe(exc)
    if status >= 500:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    if status == 500:
        # Sent by Starlette's outermost middleware, past SecurityHeaders: set them here.
        headers |= SECURITY_HEADERS
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": {"status": status, "message": message}}, status, headers=headers)
    response = page(request, "error.html", status_code=status, status=status, message=message)
    response.headers.update(headers)
    return response


def install(app: FastAPI) -> None:
    for exc_class in (FactorywatchError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(exc_class, handle)
