"""Writing and reading documents.

Deduplication is the database's job: ``content_hash`` is UNIQUE and inserts are
``OR IGNORE``, so a document is stored once however many runs, processes or batches
offer it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from datetime import UTC, datetime

from factorywatch.errors import NotFound, UsageError
from factorywatch.model import Document
from factorywatch.store.base import StoreBase
from factorywatch.store.records import DocumentInfo, ExtractionCounts, StoredDocument

INFO_COLUMNS = (
    "id, doc_id, title, outlet, url, published, language, source, content_hash, ingested_at,"
    " side, extracted_at, extractor_version"
)
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_IN_CHUNK = 500


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def info_from_row(row: tuple) -> DocumentInfo:
    return DocumentInfo(*row)


class Documents(StoreBase):
    def add_document(self, doc: Document) -> int | None:
        """Store ``doc`` (its ``content_hash`` set); its id, or None when that content is
        already stored."""
        if doc.content_hash is None:
            raise ValueError("add_document needs a Document with its content_hash set")
        cur = self.db.execute(
            "INSERT OR IGNORE INTO documents"
            " (doc_id, title, outlet, url, published, language, source, content_hash, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, doc.title, doc.outlet, doc.url, doc.published, doc.language, doc.source,
             doc.content_hash, doc.text, now()),
        )
        return cur.lastrowid if cur.rowcount else None

    def stored_hashes(self, hashes: Collection[str]) -> set[str]:
        """Those of ``hashes`` whose content is already stored."""
        found: set[str] = set()
        items = list(hashes)
        for i in range(0, len(items), _IN_CHUNK):
            chunk = items[i : i + _IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT content_hash FROM documents WHERE content_hash IN ({marks})", chunk)
            found.update(h for (h,) in rows)
        return found

    def count_documents(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def document(self, ref: str | int) -> StoredDocument:
        """A document by integer id (an ``int``), or by input id (``doc_id``) or, failing
        that, integer id (a ``str``, as typed by a user)."""
        by_id = f"SELECT {INFO_COLUMNS}, text FROM documents WHERE id = ?"
        if isinstance(ref, int):
            row = self.db.execute(by_id, (ref,)).fetchone()
        else:
            row = self.db.execute(
                f"SELECT {INFO_COLUMNS}, text FROM documents WHERE doc_id = ? ORDER BY id LIMIT 1", (ref,)
            ).fetchone()
            if row is None and ref.isascii() and ref.isdigit():
                row = self.db.execute(by_id, (int(ref),)).fetchone()
        if row is None:
            raise NotFound(f"no document {ref!s}")
        info = info_from_row(row[:-1])
        return StoredDocument(info=info, text=row[-1], counts=self.extraction_counts(info.id))

    def documents(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[DocumentInfo]:
        """Documents newest first. ``since``/``until`` are ISO dates of any precision and
        inclusive: ``until="2024-03"`` keeps all of March."""
        where: list[str] = ["1"]
        params: list[str | int] = []
        if outlet:
            where.append("outlet = ? COLLATE NOCASE")
            params.append(outlet)
        if since:
            where.append("published >= ?")
            params.append(check_date(since, "since"))
        if until:
            where.append("substr(published, 1, ?) <= ?")
            params += [len(until), check_date(until, "until")]
        if limit is not None and limit < 0:
            raise UsageError("limit must be 0 or more")
        rows = self.db.execute(
            f"SELECT {INFO_COLUMNS} FROM documents WHERE {' AND '.join(where)}"
            " ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
            (*params, -1 if limit is None else limit, offset),
        )
        return [info_from_row(r) for r in rows]

    def document_batches(self, size: int, *, except_version: str | None = None) -> Iterator[list[tuple[int, Document]]]:
        """Every stored document as ``(id, Document)``, in pages of ``size`` read one at a
        time, so the caller may write between pages. With ``except_version``, only those
        not yet extracted by that extractor version."""
        last = 0
        while True:
            rows = self.db.execute(
                f"SELECT {INFO_COLUMNS}, text FROM documents WHERE id > ?"
                " AND (? IS NULL OR extractor_version IS NOT ?) ORDER BY id LIMIT ?",
                (last, except_version, except_version, size),
            ).fetchall()
            if not rows:
                return
            page = [StoredDocument(info_from_row(r[:-1]), r[-1], ExtractionCounts()) for r in rows]
            yield [(d.info.id, d.to_document()) for d in page]
            last = page[-1].info.id

    def extraction_counts(self, document: int | None = None) -> ExtractionCounts:
        """Stored extraction records of one document, or of all of them."""
        tables = ("doc_facilities", "doc_mentions", "doc_events", "doc_claims", "doc_contradictions")
        where, params = ("", ()) if document is None else (" WHERE document = ?", (document,))
        return ExtractionCounts(
            *(self.db.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()[0] for table in tables)
        )


def check_date(value: str, what: str) -> str:
    if not _ISO_DATE.fullmatch(value):
        raise UsageError(f"{what} {value!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return value
