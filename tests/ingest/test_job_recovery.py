"""Recovery from an interrupted ingest: a real ``factorywatch ingest`` process killed mid-run
(SIGKILL, as by ``kill -9`` or the OOM killer; SIGINT, as by Ctrl-C) keeps every committed
batch, leaves a sound database, and a re-run stores every document exactly once."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factorywatch.store import open_store

RECORDS = 5000
FILES = 5
BATCH = 100


def generate(folder: Path) -> None:
    folder.mkdir()
    per_file = RECORDS // FILES
    for f in range(FILES):
        with (folder / f"part-{f}.jsonl").open("w", encoding="utf-8") as out:
            for i in range(f * per_file, (f + 1) * per_file):
                text = (f"Workers of the Namhung Youth Chemical Complex unit {i} carried out the plan ahead of time. "
                        f"A source in South Phyongan Province said unit {i} lacked coal in March.")
                record = {"id": f"gen-{i}", "outlet": "KCNA", "published": "2024-03-01", "text": text}
                out.write(json.dumps(record) + "\n")


def stored_count(db: Path) -> int:
    """Committed documents, read by another connection while the ingest writes (WAL)."""
    try:
        conn = sqlite3.connect(f"{db.absolute().as_uri()}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def ingest_cmd(inputs: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "factorywatch", "ingest", str(inputs), "--db", str(db), "--batch-size", str(BATCH),
            "--json"]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_an_ingest_interrupted_mid_run_recovers_on_rerun(tmp_path: Path, sig: signal.Signals) -> None:
    inputs, db = tmp_path / "inputs", tmp_path / "fw.db"
    generate(inputs)
    proc = subprocess.Popen(ingest_cmd(inputs, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while stored_count(db) < BATCH and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (-signal.SIGKILL, 130), err
    if sig == signal.SIGINT:
        assert "committed batch" in err and "Traceback" not in err

    with open_store(db, create=False) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # FTS5's own check: raises when the index and the documents disagree.
        store.db.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
        kept = store.count_documents()
    assert 0 < kept < RECORDS, "the ingest was not interrupted mid-run"
    assert kept % BATCH == 0, "only whole batches are committed"

    rerun = subprocess.run(ingest_cmd(inputs, db), capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert (summary["stored"], summary["duplicates"], summary["skipped"]) == (RECORDS - kept, kept, [])
    with open_store(db, create=False) as store:
        assert store.count_documents() == RECORDS
        distinct = store.db.execute("SELECT count(DISTINCT doc_id), count(DISTINCT content_hash) FROM documents")
        assert distinct.fetchone() == (RECORDS, RECORDS)
        assert len(store.search("Namhung", limit=RECORDS)) == RECORDS
