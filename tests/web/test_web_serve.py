"""``factorywatch serve``: options, a missing database, and the app on a real server."""

from __future__ import annotations

from pathlib import Path

import httpx
from click.testing import CliRunner

from factorywatch.cli import cli
from factorywatch.web.security import CONTENT_SECURITY_POLICY

pytest_plugins = ["web.webfixtures"]


def test_serve_help_lists_its_options() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--allow-edits", "127.0.0.1", "8000"):
        assert option in result.output


def test_serve_refuses_a_missing_database_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "none.db").exists()


def test_serve_refuses_a_bad_port() -> None:
    assert CliRunner().invoke(cli, ["serve", "--port", "0"]).exit_code == 2


def test_uvicorn_serves_the_app_compressed(live_server: str) -> None:
    r = httpx.get(f"{live_server}/static/geo/counties.geojson", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.json()["type"] == "FeatureCollection"
    page = httpx.get(f"{live_server}/")
    assert page.status_code == 200 and page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
