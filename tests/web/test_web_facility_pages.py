"""HTML pages of the corpus views: facility list, dossier, contradictions, timeline, review,
overview; every evidence link lands on an anchor its document page has."""

from __future__ import annotations

import html
import json
import re

import pytest
from web.webapp import COLOUR, GLASS, INDEPENDENT, OFFICIAL, PENCIL

from factorywatch.web.security import CONTENT_SECURITY_POLICY

pytest_plugins = ["web.webfixtures"]

EVIDENCE = re.compile(r'href="(/documents/(\d+))#(s\d+-\d+)"')


def section(body: str, element_id: str) -> str:
    """The ``<section id=...>`` of a page, up to the next section at that level."""
    start = body.index(f'<section id="{element_id}"')
    end = body.find('<section id="', start + 1)
    return body[start : end if end > 0 else len(body)]


def facility_links(body: str) -> list[str]:
    return re.findall(r'class="facility-link" href="/facilities/([^"]+)"', body)


def assert_evidence_links_land(client, body: str) -> int:
    """Every evidence link of ``body`` points at an element its document page has; how many."""
    links = set(EVIDENCE.findall(html.unescape(body)))
    pages: dict[str, str] = {}
    for path, _, anchor in links:
        page = pages.setdefault(path, client.get(path).text)
        assert f'id="{anchor}"' in page, (path, anchor)
    return len(links)


def test_facilities_table_links_dossiers(client) -> None:
    body = client.get("/facilities").text
    assert facility_links(body) == [PENCIL, COLOUR, GLASS]
    row = body[body.index(f'/facilities/{PENCIL}"') :]
    row = row[: row.index("</tr>")]
    assert "Kusong, North Pyongan" in row and "status-stopped" in row and 'class="badge contradicted"' in row
    assert "Tanchon &lt;img src=x onerror=alert(1)&gt; Glass Works" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sort=name", [COLOUR, PENCIL, GLASS]),
        ("q=No.+17", [PENCIL]),
        ("q=&kind=&province=&status=&contradicted=&event_type=&year=&sort=reports", [PENCIL, COLOUR, GLASS]),
        ("province=S.+Hamgyong", [GLASS]),  # a province spelled any way the gazetteer knows
        ("status=operating&sort=name", [COLOUR, GLASS]),
        ("contradicted=yes", [PENCIL]),
        ("contradicted=no", [COLOUR, GLASS]),
        ("event_type=opening", [COLOUR]),
        ("year=2024&kind=factory", [PENCIL, COLOUR, GLASS]),
        ("year=2023", []),
    ],
)
def test_facilities_filters(client, query: str, expected: list[str]) -> None:
    assert facility_links(client.get(f"/facilities?{query}").text) == expected


def test_facilities_sort_links_and_pager_keep_the_filters(client) -> None:
    body = html.unescape(client.get("/facilities?kind=factory&limit=1").text)
    assert "Reports ▼" in body  # the current sort, not a link
    assert 'href="?kind=factory&limit=1&sort=name"' in body
    assert 'rel="next" href="?kind=factory&limit=1&offset=1"' in body and 'rel="prev"' not in body
    last = html.unescape(client.get("/facilities?kind=factory&limit=1&offset=2").text)
    assert 'rel="prev" href="?kind=factory&limit=1&offset=1"' in last and 'rel="next"' not in last
    assert 'name="kind"' in body and '<option value="factory" selected>' in body


def test_dossier_shows_names_place_and_status(client) -> None:
    body = client.get(f"/facilities/{PENCIL}").text
    names = section(body, "names")
    assert re.search(r"<td>Ryongbuk Pencil Factory</td><td class=\"num\">2</td><td class=\"num\">2</td>", names)
    assert re.search(r"<td>No. 17 Factory</td><td class=\"num\">1</td><td class=\"num\">1</td>", names)
    place = section(body, "place")
    assert "Kusong, North Pyongan" in place and "39.950, 125.206" in place and "county/city centroid" in place
    assert 'href="/map?province=North+Pyongan"' in place
    assert "status-stopped" in body[: body.index('class="toc"')]  # as last reported, at the top
    history = section(body, "status")
    assert history.index("Operating") < history.index("Stopped")


def test_dossier_sets_claims_side_by_side_with_their_sentences(client, web_db) -> None:
    _, doc = web_db
    claims = section(client.get(f"/facilities/{PENCIL}").text, "claims")
    official = claims[claims.index("side-official") : claims.index("side-independent")]
    independent = claims[claims.index("side-independent") :]
    first = OFFICIAL[: OFFICIAL.index(". ") + 1]
    assert f'<mark class="hl hl-claim-official">{first}</mark>' in official
    assert f'href="/documents/{doc["official"]}#s0-{len(first)}"' in official and "KCNA, 2024-03-15" in official
    assert "hl-claim-independent" in independent and "Daily NK, 2024-05-02" in independent
    assert INDEPENDENT[:40] in independent


def test_dossier_contradiction_timeline_and_documents(client, web_db) -> None:
    _, doc = web_db
    body = client.get(f"/facilities/{PENCIL}").text
    contradiction = section(body, "contradiction")
    assert "1 official positive claim stands against" in contradiction
    assert "hl-claim-official" in contradiction and "hl-claim-independent" in contradiction
    timeline = section(body, "timeline")
    assert timeline.count('<circle class="dot') == 2
    assert "status-operating" in timeline and "status-stopped" in timeline  # commendation, shutdown
    table = timeline[timeline.index('<table class="events">') :]
    assert table.index("Commendation") < table.index("Shutdown")
    assert '<rect class="band status-operating"' in timeline
    documents = section(body, "documents")
    assert documents.index(f'/documents/{doc["independent"]}"') < documents.index(f'/documents/{doc["official"]}"')


def test_every_dossier_evidence_link_lands_on_its_sentence(client) -> None:
    assert assert_evidence_links_land(client, client.get(f"/facilities/{PENCIL}").text) == 3


def test_dossier_lists_hold_the_newest_and_offer_more(client) -> None:
    short = client.get(f"/facilities/{PENCIL}", params={"limit": 1}).text
    assert "Documents (1 newest of 2)" in short and 'href="?limit=500"' in html.unescape(short)
    assert section(short, "timeline").count('<circle class="dot') == 1
    assert "The newest 1 of 2 events" in short and f'href="/timeline?facility={PENCIL}"' in short
    assert 'href="?limit=500"' not in client.get(f"/facilities/{PENCIL}").text


def test_dossier_by_name_redirects_to_its_id(client) -> None:
    r = client.get("/facilities/No. 17 Factory", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/facilities/{PENCIL}"


def test_read_only_dossier_and_review_have_no_forms(client) -> None:
    for path in (f"/facilities/{PENCIL}", "/review"):
        r = client.get(path)
        assert "<form method=\"post\"" not in r.text and 'name="csrf"' not in r.text
        assert "set-cookie" not in r.headers


def test_dossier_of_a_facility_with_one_side_only(client) -> None:
    body = client.get(f"/facilities/{GLASS}").text
    assert body.count('<circle class="dot status-none"') == 1  # criticism implies no status
    assert "No independent claims." in body and "No official positive claim stands against" in body
    assert "status-operating" in body[: body.index('class="toc"')]  # from its official positive claim


def test_contradictions_page(client, web_db) -> None:
    _, doc = web_db
    body = client.get("/contradictions").text
    assert facility_links(body) == [PENCIL]
    assert "KCNA, 2024-03-15" in body and "Daily NK, 2024-05-02" in body
    assert f"/documents/{doc['independent']}#s0-" in body
    assert assert_evidence_links_land(client, body) == 2
    assert facility_links(client.get("/contradictions?province=Jagang").text) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Commendation", "Shutdown", "Criticism", "Opening"]),
        ("order=newest", ["Opening", "Criticism", "Shutdown", "Commendation"]),
        ("type=shutdown&type=opening", ["Shutdown", "Opening"]),
        ("type=&facility=No.+17+Factory", ["Commendation", "Shutdown"]),
        ("since=2024-04&until=2024-12&province=North+Pyongan", ["Shutdown", "Opening"]),
    ],
)
def test_timeline_page(client, query: str, expected: list[str]) -> None:
    body = client.get(f"/timeline?{query}").text
    rows = body[body.index('<table class="events">') :]
    assert re.findall(r'<span class="badge event-\w+">([^<]+)</span>', rows) == expected
    assert body.count('<circle class="dot') == len(expected)


def test_timeline_evidence_links_land(client) -> None:
    assert assert_evidence_links_land(client, client.get("/timeline").text) == 4


def test_overview_lists_latest_events_and_contradictions(client) -> None:
    body = client.get("/").text
    events = body[body.index('class="latest-events"') :]
    assert events.index("Opening") < events.index("Criticism") < events.index("Shutdown") \
        < events.index("Commendation")
    contradictions = body[body.index('class="latest-contradictions"') : body.index('class="latest-events"')]
    assert facility_links(contradictions) == [PENCIL]
    assert assert_evidence_links_land(client, body) == 4


def test_review_page_lists_possible_matches(client) -> None:
    body = client.get("/review").text
    assert f'href="/facilities/{COLOUR}"' in body and f'href="/facilities/{PENCIL}"' in body
    assert "0.70" in body and "only one names the product" in html.unescape(body)
    assert "--allow-edits" in body


def test_map_page_gives_its_script_the_labels(client) -> None:
    body = client.get("/map").text
    found = re.search(r'data-precisions="([^"]+)"', body)
    assert json.loads(html.unescape(found.group(1))) == {"locality": "county/city centroid",
                                                         "province": "province centroid"}
    assert json.loads(html.unescape(re.search(r'data-statuses="([^"]+)"', body).group(1)))["stopped"] == "Stopped"
    assert 'data-dossier="/facilities/"' in body


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/facilities/no-such-facility", 404),
        ("/facilities?kind=castle", 400),
        ("/facilities?province=Atlantis", 400),
        ("/facilities?status=exploded", 400),
        ("/facilities?year=twenty", 400),
        ("/facilities?contradicted=maybe", 400),
        ("/facilities?sort=size", 400),
        ("/facilities?limit=0", 422),
        (f"/facilities/{PENCIL}?limit=0", 422),
        ("/contradictions?kind=castle", 400),
        ("/timeline?facility=no-such-facility", 404),
        ("/timeline?type=party", 400),
        ("/timeline?since=March", 400),
        ("/timeline?offset=-5", 422),
        ("/timeline?order=sideways", 422),
        ("/review?limit=0", 422),
    ],
)
def test_bad_parameters_get_plain_error_pages(client, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert f"<h1>{status}" in r.text and "Traceback" not in r.text
