"""Untrusted article text stays inert: escaping, CSP on every response, static folder, errors."""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.requests import Request
from web.webapp import GLASS, PENCIL, XSS_TITLE, build_db, document

from factorywatch.cli.serve import LOOPBACK_NAMES
from factorywatch.store import open_store
from factorywatch.web.app import create_app
from factorywatch.web.deps import store_for
from factorywatch.web.security import SECURITY_HEADERS

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PAGES = ["/", "/map", "/search?q=glass", "/documents/xss-1", "/documents/kcna-1", "/facilities",
         "/facilities?q=%3Cimg", f"/facilities/{GLASS}", f"/facilities/{PENCIL}", "/contradictions", "/timeline",
         "/timeline?province=South+Hamgyong", "/review"]
PAYLOADS = ("<script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(3)">')

pytest_plugins = ["web.webfixtures"]


@pytest.mark.parametrize("path", PAGES)
def test_payloads_render_escaped(client, path: str) -> None:
    body = client.get(path).text
    for payload in PAYLOADS:
        assert payload not in body
    if path == "/documents/xss-1":
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in body
        assert "&lt;img src=x onerror=alert(1)&gt;" in body
        assert "javascript:alert(3)" in body  # shown as text...
        assert 'href="javascript:' not in body  # ...never as a link, nor the document's own URL
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # the title
    if path in (f"/facilities/{GLASS}", "/timeline?province=South+Hamgyong", "/"):
        assert "Tanchon &lt;img src=x onerror=alert(1)&gt; Glass Works" in body  # the facility's name
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in body  # its evidence sentence
    if path == f"/facilities/{GLASS}":
        assert "&lt;b&gt;KCNA&lt;/b&gt;" in body  # who made the claim


class Tags(HTMLParser):
    """Every start tag of a page, as the browser would parse it: (tag, attributes)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def editor(web_db) -> TestClient:
    """A client of the app over ``web_db`` with edits allowed (its pages carry forms)."""
    return TestClient(create_app(web_db[0], allow_edits=True), raise_server_exceptions=False)


@pytest.mark.parametrize("edits", [False, True])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_script_handler_or_style(client, editor, path: str, edits: bool) -> None:
    tags = Tags((editor if edits else client).get(path).text).tags
    for tag, attrs in tags:
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
        assert tag not in ("style", "img", "iframe", "object", "embed")
        if tag == "script":
            assert re.fullmatch(r"/static/[\w/.-]+\.js", attrs.get("src") or "")
        if tag == "a":
            assert not (attrs.get("href") or "").lower().startswith(("javascript:", "data:"))
        if tag == "form" and attrs.get("method") == "post":
            assert edits and (attrs.get("action") or "").startswith("/facilities/")


@pytest.mark.parametrize(
    "path",
    PAGES + ["/api/documents/1", "/api/search?q=x", "/openapi.json", "/static/css/app.css",
             "/static/geo/provinces.geojson", "/nope", "/api/nope", "/api/documents?limit=0"],
)
def test_security_headers_on_every_response(client, path: str) -> None:
    r = client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert r.headers[name] == value, (path, name)


@pytest.mark.parametrize(
    "path",
    [
        "/static/..%2f..%2fapp.py",
        "/static/..%2F..%2Fapp.py",
        "/static/%2e%2e/%2e%2e/app.py",
        "/static/css/..%2f..%2f..%2fapp.py",
        "/static/..%5c..%5capp.py",
        "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fcli.py",
        "/static//etc/passwd",
        "/static/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    ],
)
def test_static_files_cannot_leave_their_folder(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404)
    assert "import" not in r.text and "root:" not in r.text


def test_static_files_are_served(client) -> None:
    r = client.get("/static/vendor/leaflet/leaflet.js")
    assert r.status_code == 200 and "Leaflet 1.9.4" in r.text
    assert r.headers["content-type"].startswith("text/javascript")


@pytest.fixture
def crashing(tmp_path: Path) -> TestClient:
    path = tmp_path / "c.db"
    build_db(path)
    app = create_app(path)

    def boom() -> None:
        raise RuntimeError(f"secret internals at {path}")

    app.add_api_route("/boom", boom)
    app.add_api_route("/api/boom", boom)
    return TestClient(app, raise_server_exceptions=False)


def test_a_bug_shows_a_plain_page_without_internals(crashing: TestClient) -> None:
    for path, kind in (("/boom", "text/html"), ("/api/boom", "application/json")):
        r = crashing.get(path)
        assert r.status_code == 500 and r.headers["content-type"].startswith(kind)
        assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
        for name, value in SECURITY_HEADERS.items():
            assert r.headers[name] == value


def test_an_unreadable_database_is_a_503_without_its_path(tmp_path: Path) -> None:
    path = tmp_path / "gone.db"
    build_db(path)
    c = TestClient(create_app(path), raise_server_exceptions=False)
    path.unlink()
    for url in ("/", "/api/stats"):
        r = c.get(url)
        assert r.status_code == 503
        assert str(tmp_path) not in r.text and "gone.db" not in r.text


def test_the_title_payload_is_stored_as_given(client) -> None:
    assert client.get("/api/documents/xss-1").json()["document"]["title"] == XSS_TITLE


@pytest.mark.parametrize(("allow_edits", "status"), [(False, 500), (True, 200)])
def test_routes_cannot_write_unless_edits_are_allowed(tmp_path: Path, allow_edits: bool, status: int) -> None:
    path = tmp_path / "ro.db"
    build_db(path)
    app = create_app(path, allow_edits=allow_edits)

    def write(request: Request) -> dict[str, int | None]:
        with store_for(request) as store:
            return {"id": store.add_document(document("A new fictional text."))}

    app.add_api_route("/api/write", write)
    assert TestClient(app, raise_server_exceptions=False).get("/api/write").status_code == status
    with open_store(path, create=False) as store:
        assert store.count_documents() == (5 if allow_edits else 4)


def test_an_app_on_loopback_answers_only_to_loopback_names(web_db) -> None:
    app = create_app(web_db[0], allowed_hosts=LOOPBACK_NAMES)
    with TestClient(app, base_url="http://localhost:8000", raise_server_exceptions=False) as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"Host": "[::1]:8000"}).status_code == 200
        assert c.get("/", headers={"Host": "127.0.0.1"}).status_code == 200
        rebound = c.get("/api/facilities", headers={"Host": "attacker.example:8000"})
        assert rebound.status_code == 400 and "Glass" not in rebound.text


@pytest.mark.parametrize(("host", "refused"), [("127.0.0.1", True), ("0.0.0.0", False)])
def test_serve_checks_host_names_when_it_listens_on_loopback(web_db, monkeypatch, host: str, refused: bool) -> None:
    import uvicorn
    from click.testing import CliRunner

    from factorywatch.cli import cli

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append(app))
    assert CliRunner().invoke(cli, ["serve", "--db", str(web_db[0]), "--host", host]).exit_code == 0
    with TestClient(served[0], raise_server_exceptions=False) as c:
        assert (c.get("/", headers={"Host": "attacker.example"}).status_code == 400) is refused
