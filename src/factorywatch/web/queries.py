"""Paged reads for the web app: thin calls of the store's own queries.

The store's search has a ``limit`` only, so a page is cut from the top hits; one extra
item is asked for so the page knows whether another follows.
"""

from __future__ import annotations

from factorywatch.store import DocumentInfo, SearchHit, Store
from factorywatch.web.deps import Paging


def search_page(store: Store, query: str, paging: Paging) -> tuple[list[SearchHit], bool]:
    """One page of ``store.search(query)`` and whether more hits follow."""
    end = paging.offset + paging.limit
    hits = store.search(query, limit=end + 1)
    return hits[paging.offset : end], len(hits) > end


def documents_page(
    store: Store, paging: Paging, *, outlet: str | None = None, since: str | None = None, until: str | None = None
) -> tuple[list[DocumentInfo], bool]:
    """One page of ``store.documents(...)``, newest first, and whether more follow."""
    docs = store.documents(outlet=outlet, since=since, until=until, limit=paging.limit + 1, offset=paging.offset)
    return docs[: paging.limit], len(docs) > paging.limit
