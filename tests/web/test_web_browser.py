"""In Debian's chromium (through Playwright, never ``playwright install``): the map draws its
boundaries and markers, a marker's popup leads to its dossier and an evidence link there to
the highlighted sentence of its document; an article carrying script payloads runs none of
them and shows them as text. No page logs an error or asks another host for anything.

Screenshots (1280x800) go to ``screenshots/`` (git-ignored); ``map.png`` and ``dossier.png``
are the ones the README shows, copied to ``docs/screenshot-map.png`` and
``docs/screenshot-dossier.png``."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytest_plugins = ["web.webfixtures"]


def chromium() -> str | None:
    return next((p for p in CHROMIUM if Path(p).exists()), None) or shutil.which("chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium()
    if executable is None:
        pytest.skip("no chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        yield b
        b.close()


class Watch:
    """What a page did that it should not: dialogs, console errors, requests elsewhere."""

    def __init__(self, page: object, base: str) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("request", lambda r: None if r.url.startswith((base, "data:")) else self.foreign.append(r.url))


@contextmanager
def open_page(browser: object, base: str) -> Iterator[tuple[object, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    try:
        yield pg, Watch(pg, base)
    finally:
        context.close()


@pytest.fixture
def page(browser, live_server: str) -> Iterator[tuple[object, Watch]]:
    """A page over the small database of ``webapp.build_db``."""
    with open_page(browser, live_server) as opened:
        yield opened


@pytest.fixture
def provincial_page(browser, provincial_server: str) -> Iterator[tuple[object, Watch]]:
    """A page over the small database with two mines placed by their province alone."""
    with open_page(browser, provincial_server) as opened:
        yield opened


@pytest.fixture
def samples_page(browser, samples_server: str) -> Iterator[tuple[object, Watch]]:
    """A page over the package's sample articles."""
    with open_page(browser, samples_server) as opened:
        yield opened


def shot(pg: object, name: str, *, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / name), full_page=full_page, animations="disabled")


def in_viewport(locator: object) -> bool:
    return locator.evaluate("e => { const r = e.getBoundingClientRect();"
                            " return r.height > 0 && r.top >= 0 && r.top < window.innerHeight; }")


def test_map_draws_the_boundaries_offline(page, live_server: str) -> None:
    pg, watch = page
    pg.goto(f"{live_server}/map")
    pg.wait_for_selector("#map[data-ready='1']", timeout=15_000)
    assert int(pg.get_attribute("#map", "data-boundaries")) == 179 + 13
    assert pg.locator("#map path.leaflet-interactive").count() >= 179
    assert "CC BY 3.0 IGO" in pg.inner_text(".leaflet-control-attribution")
    assert pg.get_attribute("#map", "data-markers") == "3"
    assert pg.locator("#map path.marker").count() == 3
    shot(pg, "map-small.png")
    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []


def test_script_payloads_stay_text(page, live_server: str) -> None:
    pg, watch = page
    pg.goto(f"{live_server}/documents/xss-1")
    pg.wait_for_load_state("networkidle")
    assert "<script>alert(1)</script>" in pg.inner_text("h1")
    text = pg.inner_text(".article-text")
    assert "<img src=x onerror=alert(1)>" in text and "<script>alert(2)</script>" in text
    assert '<a href="javascript:alert(3)">this link</a>' in text
    assert pg.locator("main img, main script, a[href^='javascript']").count() == 0
    assert pg.inner_text("mark.hl-facility").startswith("Tanchon <img src=x onerror=alert(1)> Glass Works")
    shot(pg, "xss.png", full_page=True)
    assert watch.dialogs == [] and watch.errors == [] and watch.foreign == []


def test_an_evidence_link_shows_its_sentence(page, live_server: str) -> None:
    pg, watch = page
    pg.goto(f"{live_server}/documents/kcna-1")
    pg.click(".extractions a[href^='#s']")
    target = pg.locator("mark.hl:target")
    assert target.count() == 1 and target.is_visible()
    assert "overfulfilled" in target.inner_text() or "commended" in target.inner_text()
    assert watch.errors == [] and watch.foreign == []


def summaries(base: str, **params: str) -> list[dict]:
    """Every facility of the live app, as ``/api/facilities`` gives it (most reported first)."""
    return httpx.get(f"{base}/api/facilities", params={"limit": 500, **params}).json()["items"]


def place(summary: dict) -> tuple[float, float] | None:
    loc = summary["location"]
    return (loc["lat"], loc["lon"]) if loc else None


def test_map_marker_to_dossier_to_evidence(samples_page, samples_server: str) -> None:
    pg, watch = samples_page
    everything = summaries(samples_server)
    places = Counter(place(s) for s in everything)
    # a contradicted facility alone at its place, so that its marker is the one a click lands on
    chosen = next(s["facility"] for s in everything
                  if s["facility"]["contradicted"] and s["location"]["precision"] == "locality"
                  and places[place(s)] == 1)
    pg.goto(f"{samples_server}/map")
    pg.wait_for_selector("#map[data-ready='1']", timeout=15_000)
    placed = int(pg.get_attribute("#map", "data-markers"))
    assert placed == sum(1 for s in everything if s["location"]) >= 20
    assert pg.locator("#map path.marker").count() == placed
    pg.click(f"#map path.marker[data-facility='{chosen['id']}']")
    popup = pg.locator(".leaflet-popup-content")
    popup.wait_for()
    assert chosen["name"] in popup.inner_text() and "county/city centroid" in popup.inner_text()
    shot(pg, "map.png")

    pg.click(".leaflet-popup-content a.popup-title")
    pg.wait_for_url(f"{samples_server}/facilities/{chosen['id']}")
    assert pg.inner_text("h1") == chosen["name"]
    shot(pg, "dossier-from-map.png")

    link = pg.locator("#claims .side-independent a.evidence-link").first
    sentence = pg.locator("#claims .side-independent mark").first.inner_text()
    link.click()
    pg.wait_for_url(f"{samples_server}/documents/*#s*")
    target = pg.locator("mark.hl:target")
    assert target.count() == 1 and target.is_visible() and in_viewport(target)
    assert "hl-claim-independent" in target.get_attribute("class")
    assert target.inner_text() == sentence
    shot(pg, "evidence.png")
    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []


def test_a_province_centroid_says_so_and_names_its_neighbours(provincial_page, provincial_server: str) -> None:
    pg, watch = provincial_page
    everything = summaries(provincial_server)
    coarse = next(s for s in everything if s["location"] and s["location"]["precision"] == "province")
    kind = coarse["facility"]["kind"]
    same_kind = summaries(provincial_server, kind=kind)
    neighbours = [s["facility"]["name"] for s in same_kind
                  if place(s) == place(coarse) and s["facility"]["id"] != coarse["facility"]["id"]]
    assert neighbours  # the other mine of the province
    pg.goto(f"{provincial_server}/map?kind={kind}")
    pg.wait_for_selector("#map[data-ready='1']", timeout=15_000)
    assert pg.input_value("select[name=kind]") == kind
    assert pg.locator("#map path.marker").count() == len(same_kind)
    marker = pg.locator(f"#map path.marker[data-facility='{coarse['facility']['id']}']")
    assert "precision-province" in marker.get_attribute("class")
    marker.dispatch_event("click")  # markers at one place overlap: a click by position may land on another
    text = pg.locator(".leaflet-popup-content").inner_text()
    assert "province centroid" in text
    assert all(name in text for name in neighbours) and ("Also placed here" in text) == bool(neighbours)
    other = next(k for k in ("mine", "factory", "market") if k != kind)
    pg.select_option("select[name=kind]", other)
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(pg.locator("#map path.marker")).to_have_count(len(summaries(provincial_server, kind=other)))
    assert watch.errors == [] and watch.foreign == []


def test_dossier_screenshot(samples_page, samples_server: str) -> None:
    pg, watch = samples_page
    busiest = summaries(samples_server)[0]["facility"]["id"]
    dossier = httpx.get(f"{samples_server}/api/facilities/{busiest}").json()
    pg.goto(f"{samples_server}/facilities/{busiest}")
    pg.wait_for_load_state("networkidle")
    dated = sum(1 for e in dossier["events"] if e["day"])
    assert pg.locator("#timeline svg circle.dot").count() == dated > 0
    shot(pg, "dossier.png")
    assert watch.errors == [] and watch.foreign == []
