"""The JSON API: records, paging, bounds-checked parameters, JSON errors, OpenAPI."""

from __future__ import annotations

import pytest
from web.webapp import OFFICIAL

pytest_plugins = ["web.webfixtures"]


def test_document_with_text_and_extraction(client, web_db) -> None:
    _, ids = web_db
    body = client.get(f"/api/documents/{ids['official']}").json()
    assert body["document"]["doc_id"] == "kcna-1"
    assert body["text"] == OFFICIAL
    assert body["counts"]["facilities"] == 1
    ex = body["extraction"]
    assert ex["facilities"][0]["id"] == "ryongbuk-pencil-factory"
    for m in ex["mentions"]:  # offsets slice back to the text
        assert OFFICIAL[m["start"] : m["end"]] in ("Ryongbuk Pencil Factory", "the factory")
    assert ex["claims"][0]["evidence"] == {"start": 0, "end": OFFICIAL.index(". ") + 1}
    assert client.get("/api/documents/kcna-1").json()["document"]["id"] == ids["official"]


def test_documents_list_pages_newest_first(client) -> None:
    first = client.get("/api/documents", params={"limit": 3}).json()
    assert [d["doc_id"] for d in first["items"]] == ["kcna-2", "xss-1", "dnk-1"]
    assert first["has_more"] is True and first["limit"] == 3 and first["offset"] == 0
    rest = client.get("/api/documents", params={"limit": 3, "offset": 3}).json()
    assert [d["doc_id"] for d in rest["items"]] == ["kcna-1"] and rest["has_more"] is False
    by_outlet = client.get("/api/documents", params={"outlet": "daily nk"}).json()["items"]
    assert [d["doc_id"] for d in by_outlet] == ["dnk-1"]


def test_search_returns_fragments_and_pages(client, web_db) -> None:
    _, ids = web_db
    body = client.get("/api/search", params={"q": "idle"}).json()
    assert [h["id"] for h in body["items"]] == [ids["independent"]]
    assert ["idle", True] in body["items"][0]["fragments"]
    two = client.get("/api/search", params={"q": "pencil", "limit": 1}).json()
    assert len(two["items"]) == 1 and two["has_more"] is True
    assert client.get("/api/search", params={"q": "pencil", "offset": 2, "limit": 5}).json()["has_more"] is False


def test_stats_count_canonical_facilities(client) -> None:
    body = client.get("/api/stats").json()
    assert body["documents"] == 4 and body["extracted"] == 4 and body["facilities"] == 3


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/documents/no-such-doc", 404),
        ("/api/no-such-endpoint", 404),
        ("/api/documents?limit=0", 422),
        ("/api/documents?limit=501", 422),
        ("/api/documents?offset=-1", 422),
        ("/api/documents?offset=10001", 422),
        ("/api/documents?limit=ten", 422),
        ("/api/documents?since=March", 400),
        ("/api/search", 422),
        ("/api/search?q=", 422),
        ("/api/facilities?kind=castle", 422),
        ("/api/facilities?province=Atlantis", 422),
        ("/api/facilities?status=exploded", 422),
        ("/api/facilities?event_type=party", 422),
        ("/api/facilities?year=20240", 422),
    ],
)
def test_bad_requests_get_json_errors(client, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    error = r.json()["error"]
    assert error["status"] == status and error["message"]
    assert "Traceback" not in r.text


def test_openapi_describes_the_api(client) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/documents", "/api/documents/{ref}", "/api/search", "/api/facilities", "/api/stats"):
        assert "get" in paths[path]
    assert not any(p.startswith("/documents") or p == "/" for p in paths)  # HTML pages stay out
    params = {p["name"]: p for p in paths["/api/documents"]["get"]["parameters"]}
    assert params["limit"]["schema"]["maximum"] == 500
    assert client.get("/docs").status_code == 404  # the CDN-based docs UI is off
