"""Contradictions across the corpus: where what the state says stands against what sources
report.

A canonical facility is contradicted when an official positive claim about it (in any
document) stands against an independent negative claim about it (in any document), as
``../shared/spec/annotation.md`` defines it. Each facility is listed once, with its newest
claim of each side, newest first (by the later of the two publication dates).
"""

from __future__ import annotations

from factorywatch.analyze import filters
from factorywatch.analyze.paging import Page, check_paging, fetch_limit, page_of
from factorywatch.analyze.status import status_rules
from factorywatch.store import Store
from factorywatch.store.corpus_records import ContradictionRow


def contradictions(
    store: Store,
    *,
    province: str | None = None,
    kind: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> Page[ContradictionRow]:
    """One page of contradicted facilities, newest first."""
    check_paging(limit, offset)
    store.ensure_facility_summary(status_rules())
    rows = store.contradiction_rows(
        status_rules(), province=filters.province(province), kind=filters.kind(kind), limit=fetch_limit(limit),
        offset=offset,
    )
    return page_of(rows, limit, offset)
