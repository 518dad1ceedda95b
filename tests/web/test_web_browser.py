"""In Debian's chromium (through Playwright, never ``playwright install``): the map draws its
boundaries, and an article carrying script payloads runs none of them and shows them as text.
Screenshots go to ``screenshots/`` (git-ignored)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture
def page(browser, live_server: str) -> Iterator[tuple[object, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    watch = Watch(pg, live_server)
    yield pg, watch
    context.close()


def shot(pg: object, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_map_draws_the_boundaries_offline(page, live_server: str) -> None:
    pg, watch = page
    pg.goto(f"{live_server}/map")
    pg.wait_for_selector("#map[data-ready='1']", timeout=15_000)
    assert int(pg.get_attribute("#map", "data-boundaries")) == 179 + 13
    assert pg.locator("#map path.leaflet-interactive").count() >= 179
    assert "CC BY 3.0 IGO" in pg.inner_text(".leaflet-control-attribution")
    assert pg.get_attribute("#map", "data-markers") == "0"
    shot(pg, "map.png")
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
    shot(pg, "xss.png")
    assert watch.dialogs == [] and watch.errors == [] and watch.foreign == []


def test_an_evidence_link_shows_its_sentence(page, live_server: str) -> None:
    pg, watch = page
    pg.goto(f"{live_server}/documents/kcna-1")
    pg.click(".extractions a[href^='#s']")
    target = pg.locator("mark.hl:target")
    assert target.count() == 1 and target.is_visible()
    assert "overfulfilled" in target.inner_text() or "commended" in target.inner_text()
    shot(pg, "document.png")
    assert watch.errors == [] and watch.foreign == []
