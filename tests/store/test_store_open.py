"""Opening databases: creation, migrations, the factorywatch marker, refusing other files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factorywatch.errors import StoreError
from factorywatch.store import migrations as mig
from factorywatch.store import open_store
from factorywatch.store.migrations import APPLICATION_ID, Migration, latest_version


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """Contents, mtime and sibling files: what 'untouched' means."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


def test_new_database_is_marked_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    with open_store(tmp_path / "fw.db") as store:
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        versions = [v for (v,) in store.db.execute("SELECT version FROM migrations ORDER BY version")]
        assert versions == list(range(1, latest_version() + 1))
        assert latest_version() >= 2


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    open_store(tmp_path / "fw.db").close()
    with open_store(tmp_path / "fw.db") as store:
        assert store.db.execute("SELECT count(*) FROM migrations").fetchone()[0] == latest_version()


def test_an_empty_file_becomes_a_database(tmp_path: Path) -> None:
    (tmp_path / "fw.db").touch()
    with open_store(tmp_path / "fw.db") as store:
        assert store.count_documents() == 0


@pytest.mark.parametrize(
    "content",
    [b"not a database at all, just text\n" * 20, b"\x00\x01\x02binary" * 300, "Pyŏngyang".encode() * 200],
)
def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    before = snapshot(path)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(path)
    assert snapshot(path) == before


def test_another_applications_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE things (a)")
    other.commit()
    other.close()
    before = snapshot(path)
    with pytest.raises(StoreError, match="not a factorywatch database"):
        open_store(path)
    assert snapshot(path) == before


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fw.db"
    with open_store(path) as store:
        store.db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (latest_version() + 1, "future", "2099"))
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_without_create_a_missing_database_is_an_error_and_not_created(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "missing.db", create=False)
    assert list(tmp_path.iterdir()) == []


def test_an_impossible_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        open_store(tmp_path / "no" / "such" / "dir" / "fw.db")


def test_a_new_migration_is_a_new_entry_applied_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(tmp_path / "fw.db").close()
    known = mig.migrations()
    extra = Migration(len(known) + 1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
    monkeypatch.setattr(mig, "migrations", lambda: (*known, extra))
    for _ in range(2):
        with open_store(tmp_path / "fw.db") as store:
            store.db.execute("SELECT count(*) FROM notes").fetchone()
            assert store.db.execute("SELECT max(version) FROM migrations").fetchone()[0] == extra.version


def test_a_failing_migration_leaves_the_database_at_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(tmp_path / "fw.db").close()
    known = mig.migrations()
    broken = Migration(len(known) + 1, "broken", "CREATE TABLE half (a);\nINSERT INTO no_such_table VALUES (1);")
    monkeypatch.setattr(mig, "migrations", lambda: (*known, broken))
    with pytest.raises(StoreError):
        open_store(tmp_path / "fw.db")
    monkeypatch.undo()
    with open_store(tmp_path / "fw.db") as store:
        assert store.db.execute("SELECT max(version) FROM migrations").fetchone()[0] == len(known)
        assert store.db.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None


def test_migration_modules_are_numbered_without_gaps() -> None:
    assert [m.version for m in mig.migrations()] == list(range(1, latest_version() + 1))
    assert all(m.name and m.sql.strip() for m in mig.migrations())
