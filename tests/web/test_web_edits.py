"""Analyst judgements from the browser: forms only with --allow-edits, CSRF (token cookie and
field, origin), judgements recorded through resolve.judgements, redirects to the result."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from web.webapp import COLOUR, GLASS, PENCIL, build_db

from factorywatch.store import open_store
from factorywatch.web.app import create_app
from factorywatch.web.csrf import COOKIE, MAX_FORM_BYTES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "edits.db"
    build_db(path)
    return path


@pytest.fixture
def editor(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, allow_edits=True), raise_server_exceptions=False) as c:
        yield c


def token(client: TestClient, path: str = f"/facilities/{PENCIL}") -> str:
    """Load a page with forms (which sets the cookie); the token its forms carry."""
    body = client.get(path).text
    found = set(re.findall(r'name="csrf" value="([^"]+)"', body))
    assert len(found) == 1
    return found.pop()


def judgements(db: Path) -> list[tuple[str, str, str | None, str | None]]:
    with open_store(db, create=False) as store:
        return [(j.action, j.a, j.b, j.name) for j in store.judgements()]


def facility_ids(db: Path) -> set[str]:
    with open_store(db, create=False) as store:
        return {f.id for f in store.facility_rows((), limit=None)}


def test_the_dossier_serves_forms_and_a_strict_cookie(editor: TestClient) -> None:
    r = editor.get(f"/facilities/{PENCIL}")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Path=/" in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    for action in ("merge", "not-same", "split"):
        assert f'<form method="post" action="/facilities/{PENCIL}/{action}"' in r.text
    assert r.text.count(f'<input type="hidden" name="csrf" value="{value}">') == 3
    again = editor.get(f"/facilities/{PENCIL}")  # the browser sends its cookie back: kept
    assert "set-cookie" not in again.headers and token(editor) == value


def test_a_facility_with_one_name_has_no_split_form(editor: TestClient) -> None:
    body = editor.get(f"/facilities/{GLASS}").text
    assert "/merge" in body and "/split" not in body


@pytest.mark.parametrize("action", ["merge", "not-same", "split"])
def test_a_read_only_app_refuses_every_post(db: Path, action: str) -> None:
    client = TestClient(create_app(db), raise_server_exceptions=False)
    client.cookies.set(COOKIE, "a" * 43)
    r = client.post(f"/facilities/{PENCIL}/{action}", data={"csrf": "a" * 43, "other": COLOUR, "name": "x"},
                    headers=ORIGIN)
    assert r.status_code == 403 and "--allow-edits" in r.text
    assert judgements(db) == []


def test_merge_is_recorded_and_redirects_to_the_merged_dossier(editor: TestClient, db: Path) -> None:
    csrf = token(editor)
    r = editor.post(f"/facilities/{PENCIL}/merge", data={"csrf": csrf, "other": COLOUR, "note": "one site"},
                    headers=ORIGIN, follow_redirects=False)
    assert r.status_code == 303
    landing = r.headers["location"]
    assert re.fullmatch(rf"/facilities/({PENCIL}|{COLOUR})\?judged=merge", landing)
    assert judgements(db) == [("merge", PENCIL, COLOUR, None)]
    assert len(facility_ids(db) & {PENCIL, COLOUR}) == 1
    page = editor.get(landing).text
    assert "Your merge judgement was recorded" in page and "Ryongbuk Colour Pencil Factory" in page


def test_split_is_recorded(editor: TestClient, db: Path) -> None:
    r = editor.post(f"/facilities/{PENCIL}/split", data={"csrf": token(editor), "name": "No. 17 Factory"},
                    headers=ORIGIN, follow_redirects=False)
    # The split name stays with the facility here: the one document that uses it says both names
    # are one facility, and resolution keeps a document's own names together.
    assert r.status_code == 303 and r.headers["location"] == f"/facilities/{PENCIL}?judged=split"
    assert judgements(db) == [("split", PENCIL, None, "No. 17 Factory")]


def test_not_same_from_the_review_page(editor: TestClient, db: Path) -> None:
    body = editor.get("/review").text
    assert f'action="/facilities/{COLOUR}/not-same"' in body and f'name="other" value="{PENCIL}"' in body
    r = editor.post(f"/facilities/{COLOUR}/not-same", data={"csrf": token(editor, "/review"), "other": PENCIL},
                    headers=ORIGIN, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/facilities/{COLOUR}?judged=not-same"
    assert judgements(db) == [("not-same", COLOUR, PENCIL, None)]
    assert {PENCIL, COLOUR} <= facility_ids(db)
    assert "No possible matches" in editor.get("/review").text


def test_a_referer_of_this_site_is_enough(editor: TestClient, db: Path) -> None:
    r = editor.post(f"/facilities/{PENCIL}/merge", data={"csrf": token(editor), "other": COLOUR},
                    headers={"Referer": f"http://testserver/facilities/{PENCIL}"}, follow_redirects=False)
    assert r.status_code == 303 and len(judgements(db)) == 1


@pytest.mark.parametrize(
    ("case", "headers"),
    [
        ("no token field", ORIGIN),
        ("wrong token", ORIGIN),
        ("no cookie", ORIGIN),
        ("malformed cookie", ORIGIN),
        ("another origin", {"Origin": "http://evil.example"}),
        ("another port", {"Origin": "http://testserver:8001"}),
        ("null origin", {"Origin": "null"}),
        ("another referer", {"Referer": "http://evil.example/facilities"}),
        ("neither origin nor referer", {}),
    ],
)
def test_cross_site_posts_are_refused(editor: TestClient, db: Path, case: str, headers: dict[str, str]) -> None:
    csrf = token(editor)
    data = {"csrf": csrf, "other": COLOUR}
    if case == "no token field":
        del data["csrf"]
    elif case == "wrong token":
        data["csrf"] = "b" * 43
    elif case == "no cookie":
        editor.cookies.clear()
    elif case == "malformed cookie":
        editor.cookies.set(COOKIE, "short")
        data["csrf"] = "short"
    r = editor.post(f"/facilities/{PENCIL}/merge", data=data, headers=headers, follow_redirects=False)
    assert r.status_code == 403 and r.headers["content-type"].startswith("text/html")
    assert judgements(db) == []


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"other": PENCIL}, 400, "already one facility"),
        ({"other": "no-such-facility"}, 404, "no facility"),
        ({"other": "   "}, 400, "fill in the other"),
        ({}, 400, "fill in the other"),
    ],
)
def test_judgement_mistakes_are_plain_error_pages(editor: TestClient, db: Path, data: dict, status: int,
                                                  message: str) -> None:
    r = editor.post(f"/facilities/{PENCIL}/merge", data={"csrf": token(editor)} | data, headers=ORIGIN)
    assert r.status_code == status and message in r.text and "Traceback" not in r.text
    assert judgements(db) == []


def test_only_small_urlencoded_forms_are_read(editor: TestClient, db: Path) -> None:
    csrf = token(editor)
    url = f"/facilities/{PENCIL}/merge"
    as_json = editor.post(url, json={"csrf": csrf, "other": COLOUR}, headers=ORIGIN)
    assert as_json.status_code == 415
    big = editor.post(url, data={"csrf": csrf, "other": COLOUR, "note": "x" * MAX_FORM_BYTES}, headers=ORIGIN)
    assert big.status_code == 413
    assert judgements(db) == []


def test_get_on_a_form_route_is_not_allowed(editor: TestClient) -> None:
    assert editor.get(f"/facilities/{PENCIL}/merge").status_code == 405
