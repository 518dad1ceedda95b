"""The JSON API of the corpus views: facilities (filters, name search, sorting, paging, map
places), dossiers, events, contradictions, possible matches."""

from __future__ import annotations

import pytest
from web.webapp import COLOUR, GLASS, INDEPENDENT, OFFICIAL, PENCIL

pytest_plugins = ["web.webfixtures"]


def ids(body: dict) -> list[str]:
    return [item["facility"]["id"] for item in body["items"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [PENCIL, COLOUR, GLASS]),  # most reported first, then by name
        ({"sort": "name"}, [COLOUR, PENCIL, GLASS]),
        ({"sort": "last-event"}, [COLOUR, GLASS, PENCIL]),  # glass: its document's date
        ({"q": "No. 17"}, [PENCIL]),  # by an alias
        ({"q": "colour"}, [COLOUR]),
        ({"q": "pencil factory"}, [PENCIL, COLOUR]),
        ({"q": "<img"}, [GLASS]),
        ({"q": "100%"}, []),  # % is no wildcard
        ({"kind": "factory", "province": "South Hamgyong"}, [GLASS]),
        ({"status": "stopped"}, [PENCIL]),
        ({"status": "operating"}, [COLOUR, GLASS]),
        ({"status": "unknown"}, []),
        ({"contradicted": "true"}, [PENCIL]),
        ({"contradicted": "false"}, [COLOUR, GLASS]),
        ({"event_type": "shutdown"}, [PENCIL]),
        ({"year": 2024}, [PENCIL, COLOUR, GLASS]),
        ({"year": 2023}, []),
    ],
)
def test_facilities_filter_and_sort(client, params: dict, expected: list[str]) -> None:
    body = client.get("/api/facilities", params=params).json()
    assert ids(body) == expected


def test_facilities_carry_their_map_place(client) -> None:
    item = client.get("/api/facilities", params={"q": "No. 17"}).json()["items"][0]
    assert item["facility"] | {"reports": 2, "status": "stopped", "contradicted": True} == item["facility"]
    assert item["location"] == {"lat": pytest.approx(39.95, abs=0.01), "lon": pytest.approx(125.206, abs=0.01),
                                "precision": "locality"}


def test_facilities_page(client) -> None:
    first = client.get("/api/facilities", params={"limit": 2}).json()
    assert ids(first) == [PENCIL, COLOUR] and first["has_more"] is True and first["limit"] == 2
    last = client.get("/api/facilities", params={"limit": 2, "offset": 2}).json()
    assert ids(last) == [GLASS] and last["has_more"] is False and last["offset"] == 2


def test_dossier(client, web_db) -> None:
    _, doc = web_db
    d = client.get(f"/api/facilities/{PENCIL}").json()
    assert d["facility"]["id"] == PENCIL and d["facility"]["reports"] == 2
    assert [(n["name"], n["mentions"]) for n in d["names"]] == [("Ryongbuk Pencil Factory", 2), ("No. 17 Factory", 1)]
    assert d["place"]["location"]["precision"] == "locality" and d["place"]["locality"] == "Kusong"
    assert [(e["type"], e["day"]) for e in d["events"]] == [("commendation", "2024-03"), ("shutdown", "2024-04")]
    assert d["status"]["status"] == "stopped" and [s["status"] for s in d["status_history"]] == ["operating", "stopped"]
    official, independent = d["official_claims"][0], d["independent_claims"][0]
    assert official["evidence"] == OFFICIAL[official["evidence_start"] : official["evidence_end"]]
    assert independent["evidence"].startswith("A source") and independent["document"]["id"] == doc["independent"]
    assert d["contradiction"]["official"]["document"]["doc_id"] == "kcna-1"
    assert d["contradiction"]["independent"]["evidence"] == INDEPENDENT[: INDEPENDENT.index("shortages.") + 10]
    assert [x["document"]["doc_id"] for x in d["documents"]] == ["dnk-1", "kcna-1"]
    assert d["counts"] == {"documents": 2, "events": 2, "claims": 2}


def test_dossier_by_name_and_limit(client) -> None:
    assert client.get("/api/facilities/ryongbuk pencil factory").json()["facility"]["id"] == PENCIL
    limited = client.get(f"/api/facilities/{PENCIL}", params={"limit": 1}).json()
    assert [e["type"] for e in limited["events"]] == ["shutdown"] and limited["counts"]["events"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [("commendation", PENCIL), ("shutdown", PENCIL), ("criticism", GLASS), ("opening", COLOUR)]),
        ({"newest_first": "true"},
         [("opening", COLOUR), ("criticism", GLASS), ("shutdown", PENCIL), ("commendation", PENCIL)]),
        ({"type": ["shutdown", "opening"]}, [("shutdown", PENCIL), ("opening", COLOUR)]),
        ({"facility": COLOUR}, [("opening", COLOUR)]),
        ({"facility": "No. 17 Factory"}, [("commendation", PENCIL), ("shutdown", PENCIL)]),
        ({"province": "South Hamgyong"}, [("criticism", GLASS)]),
        ({"province": "Jagang"}, []),
        ({"since": "2024-04", "until": "2024-04"}, [("shutdown", PENCIL)]),
        ({"until": "2024-03"}, [("commendation", PENCIL)]),
        ({"limit": 1, "offset": 1}, [("shutdown", PENCIL)]),
    ],
)
def test_events_in_date_order(client, params: dict, expected: list[tuple[str, str]]) -> None:
    body = client.get("/api/events", params=params).json()
    assert [(e["type"], e["facility"]["id"]) for e in body["items"]] == expected


def test_event_evidence_is_cut_from_its_document(client) -> None:
    event = client.get("/api/events", params={"type": "shutdown"}).json()["items"][0]
    assert event["evidence"] == INDEPENDENT[event["evidence_start"] : event["evidence_end"]]
    assert event["document"]["outlet"] == "Daily NK" and event["date_precision"] == "month"


def test_contradictions(client) -> None:
    body = client.get("/api/contradictions").json()
    assert [x["facility"]["id"] for x in body["items"]] == [PENCIL] and body["has_more"] is False
    x = body["items"][0]
    assert (x["official"]["side"], x["official"]["polarity"]) == ("official", "positive")
    assert (x["independent"]["side"], x["independent"]["polarity"]) == ("independent", "negative")
    assert x["officials"] == x["independents"] == 1
    assert client.get("/api/contradictions", params={"province": "Jagang"}).json()["items"] == []


def test_review_lists_the_possible_match(client) -> None:
    pairs = client.get("/api/review").json()
    assert [(p["a"], p["b"]) for p in pairs] == [(COLOUR, PENCIL)]
    assert 0.5 <= pairs[0]["score"] < 0.8 and any("color" in r["reason"] for r in pairs[0]["reasons"])


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/facilities/no-such-facility", 404),
        ("/api/facilities/%20", 400),
        (f"/api/facilities/{PENCIL}?limit=0", 422),
        ("/api/facilities?sort=size", 422),
        ("/api/facilities?contradicted=perhaps", 422),
        ("/api/facilities?q=" + "x" * 201, 422),
        ("/api/events?facility=no-such-facility", 404),
        ("/api/events?type=party", 422),
        ("/api/events?since=March", 400),
        ("/api/events?until=2024-3", 400),
        ("/api/events?newest_first=maybe", 422),
        ("/api/contradictions?kind=castle", 422),
        ("/api/contradictions?offset=-1", 422),
        ("/api/review?limit=0", 422),
    ],
)
def test_bad_corpus_requests_get_json_errors(client, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    assert r.json()["error"]["status"] == status and r.json()["error"]["message"]


def test_openapi_describes_the_corpus_api(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/facilities", "/api/facilities/{ref}", "/api/events", "/api/contradictions", "/api/review"):
        assert "get" in spec["paths"][path], path
    params = {p["name"]: p for p in spec["paths"]["/api/facilities"]["get"]["parameters"]}
    filters = {"q", "kind", "province", "status", "contradicted", "event_type", "year", "sort", "limit", "offset"}
    assert filters <= set(params)
    assert "mine" in str(params["kind"]["schema"]) and "last-event" in str(params["sort"]["schema"])
    assert "Dossier" in spec["components"]["schemas"] and "EventRow" in spec["components"]["schemas"]
    assert not any(p.startswith("/facilities") for p in spec["paths"])  # HTML pages stay out
