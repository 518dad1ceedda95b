"""Opening a factorywatch database: the file checks, the pragmas, transactions.

A path that is not SQLite, or a SQLite file without factorywatch's marker, is refused
before anything is written to it, so pointing ``--db`` at the wrong file never harms it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from factorywatch.errors import StoreError
from factorywatch.store.migrations import APPLICATION_ID, migrate


def connect(path: str | Path, *, create: bool) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode (transactions are explicit), checked and migrated."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"{path}: no such database (run `factorywatch ingest` first)")
    mode = "rwc" if create else "rw"
    try:
        db = sqlite3.connect(f"{path.absolute().as_uri()}?mode={mode}", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open database ({exc})") from None
    try:
        _check_marker(db, path, create=create)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 10000")
        migrate(db, str(path))
    except sqlite3.Error as exc:
        db.close()
        raise StoreError(f"{path}: cannot open database ({exc})") from None
    except BaseException:
        db.close()
        raise
    return db


def _check_marker(db: sqlite3.Connection, path: Path, *, create: bool) -> None:
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        empty = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    except sqlite3.DatabaseError:
        raise StoreError(f"{path}: not a SQLite database") from None
    if app_id == APPLICATION_ID or (app_id == 0 and empty and create):
        return
    raise StoreError(f"{path}: not a factorywatch database")


class StoreBase:
    """The connection and its transactions; the query mixins build on this."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested uses join the outer one, so a batch of writes
        commits (or rolls back) as a whole."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()
