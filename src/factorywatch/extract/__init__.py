"""Extraction: from one article text to facilities, places, dates, events, claims.

``extract(document)`` runs the default pipeline; every step is a pure function of the
document, so batches can run in a process pool unchanged. ``extract_paths(paths)`` reads
inputs as ``ingest`` does and extracts each document; ``output.to_contract`` turns an
``Analysis`` into the output contract (../shared/spec/output.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache

from factorywatch.errors import InputError

# Component modules register themselves on import; the order below is checked by Pipeline.
from factorywatch.extract import (  # noqa: F401
    attribution,
    claims,
    contradictions,
    dates,
    entities,
    events,
    facilities,
    places,
    sentences,
)
from factorywatch.extract.pipeline import Pipeline
from factorywatch.ingest import DEFAULT_MAX_SIZE, read_paths
from factorywatch.model import Analysis, Document

DEFAULT_COMPONENTS: tuple[str, ...] = (
    "sentences",
    "entities",
    "facilities",
    "places",
    "locate",
    "dates",
    "side",
    "events",
    "claims",
    "contradictions",
)


@cache
def default_pipeline() -> Pipeline:
    return Pipeline(DEFAULT_COMPONENTS)


def extract(document: Document) -> Analysis:
    """Run the default pipeline over one document."""
    return default_pipeline()(document)


def extract_paths(
    paths: Iterable[str | os.PathLike[str]], *, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Analysis | InputError]:
    """Each document under ``paths`` extracted, in input order, and an ``InputError`` value
    for each input skipped (read as ``factorywatch.ingest.read_paths`` reads them)."""
    for item in read_paths(paths, max_size=max_size):
        yield extract(item) if isinstance(item, Document) else item


def extract_run(
    paths: Iterable[str | os.PathLike[str]], *, max_size: int = DEFAULT_MAX_SIZE
) -> list[Analysis | InputError]:
    """``extract_paths`` as one run: each facility's id is then its canonical id across
    the run (``resolve.corpus.with_run_ids``), so one real facility has one id in every
    document, whatever spelling each uses. The run is held in memory to resolve it."""
    from factorywatch.resolve.corpus import with_run_ids

    items = list(extract_paths(paths, max_size=max_size))
    resolved = iter(with_run_ids([item for item in items if isinstance(item, Analysis)]))
    return [next(resolved) if isinstance(item, Analysis) else item for item in items]
