"""Storage: SQLite behind one small interface.

Callers use ``open_store`` and the methods of ``Store`` and get records from
``store.records`` back; no SQL lives outside this package, so another backend
(PostgreSQL) can implement the same methods without touching them.
"""

from __future__ import annotations

from pathlib import Path

from factorywatch.store.base import connect
from factorywatch.store.corpus import Corpus
from factorywatch.store.facilities import FacilityQueries
from factorywatch.store.queries import Queries
from factorywatch.store.records import DocumentInfo, ExtractionCounts, SearchHit, Stats, StoredDocument


class Store(Queries, FacilityQueries, Corpus):
    """A factorywatch database: documents, full-text search, extraction results.

    Writes group into ``with store.transaction():`` blocks; each method that writes is
    atomic on its own and joins the caller's transaction when there is one.
    """


def open_store(path: str | Path, *, create: bool = True) -> Store:
    """Open (and create or upgrade, by migrations) the database at ``path``.

    Raises ``StoreError`` when it cannot be opened, is not a factorywatch database, is of
    a newer schema, or (``create=False``) does not exist.
    """
    return Store(connect(path, create=create), Path(path))


__all__ = ["DocumentInfo", "ExtractionCounts", "SearchHit", "Stats", "Store", "StoredDocument", "open_store"]
