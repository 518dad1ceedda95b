"""Fixtures of the web tests, loaded with ``pytest_plugins = ["web.webfixtures"]``: the database
of ``webapp.build_db`` shared by a module, a client of the app over it, and live servers over
it and over the package's ingested sample articles."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from web.webapp import add_provincial, build_db

from factorywatch.ingest.job import ingest_paths, sample_paths
from factorywatch.store import open_store
from factorywatch.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's "use httpx2" notice
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """(path, ids) of a database built by ``build_db``, shared by one test module."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    return path, build_db(path)


@pytest.fixture(scope="module")
def client(web_db: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    """A client of the app over ``web_db``; server errors come back as responses, as a browser sees them."""
    with TestClient(create_app(web_db[0]), raise_server_exceptions=False) as c:
        yield c


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """The app over ``db`` served by uvicorn on a free loopback port, in a thread; its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def live_server(web_db: tuple[Path, dict[str, int]]) -> Iterator[str]:
    """The app over ``web_db`` on a live server; yields its base URL."""
    with serve(web_db[0]) as url:
        yield url


@pytest.fixture(scope="module")
def provincial_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over ``build_db``'s database plus two mines placed by their province alone."""
    path = tmp_path_factory.mktemp("provincial") / "provincial.db"
    build_db(path)
    add_provincial(path)
    with serve(path) as url:
        yield url


@pytest.fixture(scope="module")
def samples_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the package's fictional sample articles, ingested (extracted and resolved)."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with open_store(path) as store:
        ingest_paths(store, sample_paths())
    with serve(path) as url:
        yield url
