"""Extraction: from one article text to facilities, places, dates, events, claims.

``extract(document)`` runs the default pipeline; every step is a pure function of the
document, so batches can run in a process pool unchanged.
"""

from __future__ import annotations

from functools import cache

from factorywatch.extract.pipeline import Pipeline
from factorywatch.model import Analysis, Document

# Component modules register themselves on import; the order below is checked by Pipeline.
DEFAULT_COMPONENTS: tuple[str, ...] = ()


@cache
def default_pipeline() -> Pipeline:
    return Pipeline(DEFAULT_COMPONENTS)


def extract(document: Document) -> Analysis:
    """Run the default pipeline over one document."""
    return default_pipeline()(document)
