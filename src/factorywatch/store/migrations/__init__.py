"""Versioned schema migrations, recorded in the database they upgrade.

As in sqlite-utils' ``migrations.py``: each migration runs in its own transaction together
with the row that records it in ``migrations``, so a database is always at exactly one
known version, even after a crash. Migrations are modules of this package named
``mNNN_<what>.py`` that define ``NAME`` and ``SQL``; adding one is adding a file whose
number is the next version. They are found by name, checked to be numbered 1..N without
gaps, and applied in order.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from factorywatch.errors import StoreError

APPLICATION_ID = 0x46574442
"""``PRAGMA application_id`` of every factorywatch database (ASCII "FWDB"): the marker that
tells a factorywatch database from any other SQLite file."""

_MODULE = re.compile(r"m(\d{3})_\w+")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def migrations() -> tuple[Migration, ...]:
    found: list[Migration] = []
    for info in pkgutil.iter_modules(__path__):
        match = _MODULE.fullmatch(info.name)
        if match:
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append(Migration(int(match.group(1)), module.NAME, module.SQL))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"store migrations must be numbered 1..N without gaps, found {versions}")
    return tuple(found)


def latest_version() -> int:
    return len(migrations())


def applied_version(db: sqlite3.Connection) -> int:
    """The highest migration recorded in ``db`` (0 for a database with none yet)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone() is None:
        return 0
    return db.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0]


def migrate(db: sqlite3.Connection, path: str) -> None:
    """Bring ``db`` (in autocommit mode) to the latest schema, one transaction per migration.

    Each transaction takes the write lock first and re-reads the version, so two processes
    opening the same new database at once apply every migration exactly once.
    """
    latest = latest_version()
    if applied_version(db) > latest:
        raise StoreError(
            f"{path}: database schema version {applied_version(db)} is newer than this factorywatch "
            f"understands ({latest}); upgrade factorywatch"
        )
    for migration in migrations():
        if migration.version <= applied_version(db):
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            if migration.version > applied_version(db):
                _apply(db, migration)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _apply(db: sqlite3.Connection, migration: Migration) -> None:
    # PRAGMA takes no bound parameters; the value is this module's integer constant.
    db.execute(f"PRAGMA application_id = {int(APPLICATION_ID)}")
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for statement in _statements(migration.sql):
        db.execute(statement)
    db.execute(
        "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
        (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def _statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies included), since
    ``executescript`` would commit the open transaction first."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise RuntimeError(f"incomplete SQL statement in a migration: {current.strip()[:60]!r}")
    return statements
