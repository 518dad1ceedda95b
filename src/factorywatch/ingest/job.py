"""Ingest runs: inputs streamed into the store in batches that commit whole.

A batch is read, deduplicated (by content hash, against itself and the store), extracted
outside any transaction, then written in one transaction. An interrupted run (Ctrl-C,
``kill -9``) therefore loses at most the batch in flight, and a re-run, which skips every
content already stored, completes the rest: each document ends up stored exactly once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from time import perf_counter

from factorywatch import __version__
from factorywatch.errors import InputError
from factorywatch.extract import default_pipeline
from factorywatch.extract import extract as run_extraction
from factorywatch.ingest import DEFAULT_MAX_SIZE, content_hash, read_paths
from factorywatch.model import Analysis, Document
from factorywatch.resolve.corpus import ResolveReport, resolve_facilities
from factorywatch.store import ExtractionCounts, Store

DEFAULT_BATCH_SIZE = 500
Progress = Callable[[int], None]
"""Called with the number of inputs (documents and skipped inputs) handled so far."""


@dataclass(frozen=True, slots=True)
class IngestReport:
    stored: int
    duplicates: int
    skipped: tuple[InputError, ...]
    elapsed: float
    extracted: ExtractionCounts = field(default_factory=ExtractionCounts)
    """What extraction stored for the documents stored by this run."""
    resolved: ResolveReport | None = None
    """The corpus's facilities resolved again after new extractions (None: nothing new)."""


@dataclass(frozen=True, slots=True)
class ReextractReport:
    documents: int
    elapsed: float
    extracted: ExtractionCounts = field(default_factory=ExtractionCounts)
    resolved: ResolveReport | None = None


def sample_paths() -> list[Path]:
    """The fictional sample articles shipped in the package (``data/samples``): the folder,
    so that each document's id is its file name (the README beside them is passed over)."""
    return [Path(str(resources.files("factorywatch.data").joinpath("samples")))]


@cache
def extractor_version() -> str:
    """Package version plus a digest of the pipeline's components and data files (sample
    articles aside): it changes when the rules do, so ``reextract --stale`` knows what to redo."""
    digest = hashlib.sha256("\n".join(default_pipeline().names).encode())
    for path, data in _data_files(resources.files("factorywatch.data"), ""):
        digest.update(path.encode())
        digest.update(data)
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _data_files(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "samples":
            continue
        if entry.is_dir():
            yield from _data_files(entry, f"{prefix}{entry.name}/")
        elif not entry.name.endswith((".py", ".pyc")):
            yield f"{prefix}{entry.name}", entry.read_bytes()


def _count(analyses: Iterable[Analysis]) -> ExtractionCounts:
    totals = [0] * 5
    for a in analyses:
        for i, records in enumerate((a.facilities, a.mentions, a.events, a.claims, a.contradictions)):
            totals[i] += len(records)
    return ExtractionCounts(*totals)


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    extract: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> IngestReport:
    """Read ``paths`` (files or directories) and store every new document, with its
    extraction unless ``extract`` is false. Inputs that cannot be read are skipped and
    reported, never raised; re-running on the same inputs changes nothing."""
    start = perf_counter()
    stored = duplicates = 0
    counts = ExtractionCounts()
    skipped: list[InputError] = []
    batch: list[Document] = []

    def flush() -> None:
        nonlocal stored, duplicates, counts
        added, extracted = _store_batch(store, batch, extract)
        stored += added
        duplicates += len(batch) - added
        counts += extracted
        batch.clear()

    for handled, item in enumerate(read_paths([str(p) for p in paths], max_size=max_size), 1):
        if isinstance(item, InputError):
            skipped.append(item)
        elif not _storable(item):
            skipped.append(_unstorable(item))
        else:
            batch.append(item if item.content_hash else replace(item, content_hash=content_hash(item.text)))
            if len(batch) >= batch_size:
                flush()
        if progress:
            progress(handled)
    if batch:
        flush()
    resolved = resolve_facilities(store) if extract and stored else None
    return IngestReport(stored, duplicates, tuple(skipped), perf_counter() - start, counts, resolved)


def _storable(doc: Document) -> bool:
    """Whether every field of ``doc`` can be stored as UTF-8: a JSON record may spell a lone
    surrogate (``"\\ud800"``), which no database text column accepts."""
    try:
        for f in fields(doc):
            if isinstance(value := getattr(doc, f.name), str):
                value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unstorable(doc: Document) -> InputError:
    where = doc.source or doc.id or "?"
    path, _, line = where.rpartition(":")
    reason = "text is not valid Unicode (a lone surrogate)"
    return InputError(path, reason, int(line)) if path and line.isdigit() else InputError(where, reason)


def _store_batch(store: Store, batch: list[Document], with_extraction: bool) -> tuple[int, ExtractionCounts]:
    """Store the documents of ``batch`` whose content is new (with their extraction); how
    many were stored, and what extraction stored with them."""
    seen: set[str | None] = set(store.stored_hashes({d.content_hash for d in batch if d.content_hash}))
    fresh: list[Document] = []
    for doc in batch:
        if doc.content_hash not in seen:
            seen.add(doc.content_hash)
            fresh.append(doc)
    version = extractor_version() if with_extraction else None
    pairs = [(doc, run_extraction(doc) if with_extraction else None) for doc in fresh]
    added = 0
    analyses: list[Analysis] = []
    with store.transaction():
        for doc, analysis in pairs:
            rowid = store.add_document(doc)
            if rowid is None:  # another process stored the same content since we looked
                continue
            added += 1
            if analysis is not None:
                store.save_analysis(rowid, analysis, extractor_version=version)
                analyses.append(analysis)
    return added, _count(analyses)


def reextract(
    store: Store,
    *,
    stale_only: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> ReextractReport:
    """Run extraction again on stored documents (all, or with ``stale_only`` those not yet
    extracted by the current rules), replacing their earlier results batch by batch."""
    start = perf_counter()
    version = extractor_version()
    done = 0
    counts = ExtractionCounts()
    for page in store.document_batches(batch_size, except_version=version if stale_only else None):
        analyses = [(rowid, run_extraction(doc)) for rowid, doc in page]
        with store.transaction():
            for rowid, analysis in analyses:
                store.save_analysis(rowid, analysis, extractor_version=version)
        done += len(page)
        counts += _count(a for _, a in analyses)
        if progress:
            progress(done)
    resolved = resolve_facilities(store) if done else None
    return ReextractReport(done, perf_counter() - start, counts, resolved)
