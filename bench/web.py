"""Web app latency on a realistic corpus: the dossier page, the facilities API and search.

The 1,059 KCNA articles of ../shared/corpus/kcna-2024 are replicated to ``--documents``
documents (``bench/ingest.py``'s ``replicate``: new ids, a line appended to each text) and
ingested with extraction and resolution into a database cached under ``.bench/`` (git-ignored;
rebuilt when the extractor changes, or with ``--rebuild``). The app is then served by
``factorywatch serve`` in a subprocess on a free loopback port and an httpx client asks it,
one request at a time (keep-alive, gzip accepted, as a browser does), ``--requests`` times per
endpoint after a warm-up:

- the dossier page of several facilities, the busiest ones included, and of the busiest alone;
- the dossier API (``/api/facilities/{id}``) of the same facilities;
- the facilities API with a rotation of filters, name searches and sorts;
- full-text search (``/api/search``) with a rotation of queries.

Prints a table (median, p95, max in ms; mean response size) and last one machine-readable
line ``documents=<n> dossier_median_ms=<x> dossier_p95_ms=<x> api_median_ms=<x>
api_p95_ms=<x> search_median_ms=<x> search_p95_ms=<x>``.
Targets: dossier and API < 50 ms median, < 150 ms p95.

Usage: .venv/bin/python bench/web.py [--documents 20000] [--requests 200] [--rebuild]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import cycle, islice
from pathlib import Path

import httpx
from ingest import SOURCE, replicate  # bench/ingest.py: this folder is on sys.path when run as a script

from factorywatch.analyze.facilities import list_facilities
from factorywatch.ingest.job import extractor_version, ingest_paths
from factorywatch.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
WARM_UP = 20
SEARCHES = ("factory", "coal mine", "Pyongyang", '"power station"', "electricity", "harvest", "steel",
            "Kim Jong Un", "fertilizer", "Hamhung", "workers AND plan", "constr*", "Chongjin", "textile")


def build(documents: int, rebuild: bool) -> Path:
    """The cached database of ``documents`` replicated articles, built if missing or stale."""
    path = CACHE / f"web-{documents}-{extractor_version()}.db"
    if path.exists() and not rebuild:
        print(f"database: {path.relative_to(ROOT)} (cached)")
        return path
    CACHE.mkdir(exist_ok=True)
    for stale in CACHE.glob(f"web-{documents}-*.db*"):
        stale.unlink()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fw-web-bench-") as tmp:
        inputs = Path(tmp) / "inputs"
        inputs.mkdir()
        replicate(SOURCE, inputs, documents)
        building = CACHE / f"building-{documents}.db"
        with open_store(building) as store:
            report = ingest_paths(store, [inputs], max_size=100_000_000)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.rename(path)
    resolved = report.resolved
    print(f"database: built {path.relative_to(ROOT)} in {time.perf_counter() - start:.0f} s: {report.stored:,}"
          f" documents, {resolved.facilities if resolved else 0:,} facilities, {report.extracted.events:,} events,"
          f" {report.extracted.claims:,} claims")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(db: Path) -> Iterator[str]:
    """``factorywatch serve`` over ``db`` in a subprocess; its base URL once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "factorywatch", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/api/stats", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start: {process.stderr.read().decode()}") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def pick_facilities(db: Path) -> list[str]:
    """The three busiest facilities, four from the middle and three of the least reported."""
    with open_store(db, create=False) as store:
        ids = [s.facility.id for s in list_facilities(store, sort="reports", limit=None).items]
    middle = len(ids) // 2
    return ids[:3] + ids[middle - 2 : middle + 2] + ids[-3:]


def facility_queries(names: list[str]) -> list[dict[str, str]]:
    words = [name.split()[0] for name in names]
    return [
        {}, {"sort": "last-event"}, {"sort": "name", "offset": "50"}, {"kind": "factory"},
        {"province": "Pyongyang"}, {"status": "operating"}, {"contradicted": "true"}, {"event_type": "opening"},
        {"year": "2024"}, {"limit": "500"}, *({"q": w} for w in words),
    ]


def measure(client: httpx.Client, urls: list[tuple[str, dict[str, str]]], requests: int) -> tuple[list[float], int]:
    """Times (ms) of ``requests`` GETs cycling through ``urls`` after a warm-up; mean bytes."""
    for url, params in islice(cycle(urls), WARM_UP):
        client.get(url, params=params).raise_for_status()
    times, size = [], 0
    for url, params in islice(cycle(urls), requests):
        start = time.perf_counter()
        r = client.get(url, params=params)
        times.append((time.perf_counter() - start) * 1000)
        r.raise_for_status()
        size += len(r.content)
    return times, size // max(requests, 1)


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true", help="Build the database again even if cached.")
    args = parser.parse_args()
    if not SOURCE.exists():
        sys.exit(f"bench/web.py needs the KCNA corpus at {SOURCE} (../shared next to the repository); it is absent.")
    db = build(args.documents, args.rebuild)
    facilities = pick_facilities(db)
    with open_store(db, create=False) as store:
        names = [store.canonical_facility(f).name for f in facilities]
        reports = [store.canonical_facility(f).reports for f in facilities]
    print(f"facilities asked for: {len(facilities)}, reports from {min(reports)} to {max(reports)}"
          f" (busiest: {names[0]})")
    cases = {
        "dossier page": [(f"/facilities/{f}", {}) for f in facilities],
        "busiest dossier": [(f"/facilities/{facilities[0]}", {})],
        "dossier API": [(f"/api/facilities/{f}", {}) for f in facilities],
        "facilities API": [("/api/facilities", q) for q in facility_queries(names)],
        "search API": [("/api/search", {"q": q}) for q in SEARCHES],
    }
    results: dict[str, tuple[float, float]] = {}
    with server(db) as base, httpx.Client(base_url=base, timeout=30) as client:
        print(f"{'endpoint':<16} {'requests':>8} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'mean KB':>8}")
        for name, urls in cases.items():
            times, size = measure(client, urls, args.requests)
            results[name] = (statistics.median(times), p95(times))
            print(f"{name:<16} {len(times):>8} {results[name][0]:>10.1f} {results[name][1]:>8.1f}"
                  f" {max(times):>8.1f} {size / 1024:>8.1f}")
    dossier, api, search = results["dossier page"], results["facilities API"], results["search API"]
    print(f"documents={args.documents} dossier_median_ms={dossier[0]:.1f} dossier_p95_ms={dossier[1]:.1f}"
          f" api_median_ms={api[0]:.1f} api_p95_ms={api[1]:.1f}"
          f" search_median_ms={search[0]:.1f} search_p95_ms={search[1]:.1f}")


if __name__ == "__main__":
    main()
