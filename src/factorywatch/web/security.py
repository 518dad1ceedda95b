"""Response headers that keep untrusted article text inert in the browser.

Article text is escaped everywhere; the Content-Security-Policy is the second line: no
inline script, handler or style may run even if some text slipped through unescaped, and
every script, style and image comes from this server (the app needs no other origin).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
"""Set on every response: by ``SecurityHeaders``, and by the 500 handler, whose response
is sent from outside the middleware stack. ``same-origin``: links to other sites carry no
referrer, while the app's own forms carry the ``Origin`` its CSRF check reads (with
``no-referrer`` browsers send ``Origin: null``)."""


class SecurityHeaders:
    """Pure ASGI middleware (no response buffering, unlike ``BaseHTTPMiddleware``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
