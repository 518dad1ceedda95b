"""Protection of the app's only writes (analyst judgements) against cross-site requests.

Two independent checks, both required on every POST:

- a double-submit token: a random per-browser token lives in a cookie (``HttpOnly``, so no
  script reads it, ``SameSite=Strict``, so no other site's page sends it) and is repeated in a
  hidden field of each form; a POST whose field does not equal its cookie is refused;
- the request's ``Origin`` (else its ``Referer``) must be this server's own origin. The app's
  ``Referrer-Policy: same-origin`` lets browsers send both on its own forms, and on nothing
  that leaves it.

A read-only app (no ``--allow-edits``) refuses every POST before looking at either.
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import parse_qsl, urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "factorywatch_csrf"
FIELD = "csrf"
MAX_FORM_BYTES = 16_384
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
"""What ``secrets.token_urlsafe(32)`` makes: a cookie of any other shape is replaced."""


def token(request: Request) -> str:
    """The browser's token: the one its cookie holds, else a new one (``remember`` sets it)."""
    held = request.cookies.get(COOKIE, "")
    return held if _TOKEN.fullmatch(held) else secrets.token_urlsafe(32)


def remember(request: Request, response: Response, value: str) -> None:
    """Set the token cookie on ``response`` unless the browser already holds ``value``."""
    if request.cookies.get(COOKIE) != value:
        response.set_cookie(COOKIE, value, httponly=True, samesite="strict", path="/")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def same_origin(request: Request) -> bool:
    """Whether the request says it comes from a page of this server: by its ``Origin`` header
    when there is one (``null`` never matches), else by its ``Referer``; neither: no."""
    own = _origin(str(request.base_url))
    origin = request.headers.get("origin")
    if origin is not None:
        return origin.lower() == own
    referer = request.headers.get("referer")
    return referer is not None and _origin(referer) == own


async def checked_form(request: Request) -> dict[str, str]:
    """The fields of a POSTed form that passed every check (a FastAPI dependency of each
    route that writes). Refusals: 403 (edits not allowed, another origin, token missing or
    wrong), 413 (body too large), 415 (not a urlencoded form)."""
    if not request.app.state.allow_edits:
        raise HTTPException(403, "Edits are not allowed: start the server with --allow-edits.")
    if not same_origin(request):
        raise HTTPException(403, "Refused: the request did not come from this site's own pages.")
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise HTTPException(415, "Send the form as application/x-www-form-urlencoded.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(413, "The form is too large.")
    try:
        fields = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        raise HTTPException(400, "The form is not UTF-8.") from None
    cookie = request.cookies.get(COOKIE, "")
    if not (_TOKEN.fullmatch(cookie) and secrets.compare_digest(cookie.encode(), fields.get(FIELD, "").encode())):
        raise HTTPException(403, "Refused: the form's security token is missing or out of date; reload the page.")
    return fields
