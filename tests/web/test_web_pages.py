"""HTML pages over a small database: content, navigation, paging, errors."""

from __future__ import annotations

import re

import pytest

from factorywatch.web.security import CONTENT_SECURITY_POLICY

pytest_plugins = ["web.webfixtures"]


def test_overview_shows_counts_and_latest_documents(client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    body = r.text
    assert re.search(r'<span class="n">4</span> documents', body)
    assert re.search(r'<span class="n">4</span> extracted', body)
    assert re.search(r'<span class="n">3</span> facilities', body)
    # newest first
    docs = body[body.index("<h2>Latest documents</h2>") :]
    assert docs.index("New workshop") < docs.index("Plant news") < docs.index("Pencil factory idle") \
        < docs.index("Pencil factory overfulfils")
    assert 'action="/search"' in body


def test_navigation_lists_only_served_pages_and_marks_the_current_one(client) -> None:
    body = client.get("/map").text
    nav = body[body.index("<nav") : body.index("</nav>")]
    assert '<a href="/map" aria-current="page">Map</a>' in nav
    assert '<a href="/">Overview</a>' in nav
    for path in re.findall(r'href="([^"]+)"', nav):
        assert client.get(path).status_code == 200, path


def test_search_page_marks_matches_and_links_documents(client, web_db) -> None:
    _, ids = web_db
    body = client.get("/search", params={"q": "idle"}).text
    assert "<mark>idle</mark>" in body
    assert f'href="/documents/{ids["independent"]}"' in body
    assert 'rel="next"' not in body


def test_search_page_pages(client) -> None:
    first = client.get("/search", params={"q": "pencil", "limit": 1}).text
    assert 'rel="next"' in first and 'rel="prev"' not in first
    last = client.get("/search", params={"q": "pencil", "limit": 1, "offset": 2}).text
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert client.get("/search", params={"q": "pencil", "offset": 50}).status_code == 200


@pytest.mark.parametrize("q", ["", "   ", '"unbalanced', "Jong-un", "NOT", "a OR"])
def test_search_page_takes_any_query(client, q: str) -> None:
    assert client.get("/search", params={"q": q}).status_code == 200


def test_document_page_highlights_extractions_with_a_legend(client, web_db) -> None:
    _, ids = web_db
    body = client.get(f"/documents/{ids['official']}").text
    mark = '<mark class="hl hl-facility" data-label="Factory" title="Ryongbuk Pencil Factory">'
    assert mark + "Ryongbuk Pencil Factory</mark>" in body
    for kind in ("place", "date", "trigger", "event", "claim-official"):
        assert f"hl hl-{kind}" in body
    legend = body[body.index('class="legend"') : body.index("</ul>", body.index('class="legend"'))]
    assert "Official claim" in legend and "Event trigger" in legend
    # evidence links point at anchors that exist on the page
    for anchor in re.findall(r'href="#(s\d+-\d+)"', body):
        assert f'id="{anchor}"' in body
    assert 'href="https://example.org/kcna-1"' in body


def test_document_page_by_input_id(client) -> None:
    assert "Pencil factory idle" in client.get("/documents/dnk-1").text


def test_map_page_points_its_script_at_the_data(client) -> None:
    body = client.get("/map").text
    assert 'data-counties="/static/geo/counties.geojson"' in body
    assert 'data-facilities="/api/facilities"' in body
    assert '<script src="/static/vendor/leaflet/leaflet.js"></script>' in body
    assert "CC BY 3.0 IGO" in body
    for name in ("kind", "province", "status", "event_type", "year"):
        assert f'name="{name}"' in body


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/documents/no-such-doc", 404),
        ("/documents/999999", 404),
        ("/no/such/page", 404),
        ("/search?limit=0&q=x", 422),
        ("/search?offset=-1&q=x", 422),
        ("/search?limit=abc&q=x", 422),
        ("/search?q=" + "x" * 501, 422),
    ],
)
def test_errors_are_plain_html_pages(client, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert f"<h1>{status}" in r.text
    assert "Traceback" not in r.text and "sqlite" not in r.text.lower()


def test_method_not_allowed_keeps_its_allow_header(client) -> None:
    r = client.post("/")
    assert r.status_code == 405
    assert r.headers["allow"] == "GET"
