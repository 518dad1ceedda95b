"""Read-side queries shared by the CLI and the web app: full-text search and statistics."""

from __future__ import annotations

import re
import sqlite3

from factorywatch.errors import UsageError
from factorywatch.store.analyses import Analyses
from factorywatch.store.corpus import CONTRADICTED_COUNT
from factorywatch.store.records import SearchHit, Stats

_OPEN, _CLOSE = "\x02", "\x03"
_MARKS = re.compile(f"([{_OPEN}{_CLOSE}])")
_FTS_ERRORS = ("fts5:", "no such column", "unterminated string", "unknown special query")
"""How SQLite words a malformed FTS5 query (as opposed to a database failure)."""
_TITLE_WEIGHT = 5.0
_SNIPPET_TOKENS = 20


def quote_words(query: str) -> str:
    """``query`` as plain words that must all occur: each one an FTS5 string, so no
    character of it can be taken for query syntax."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def _fragments(snippet: str) -> tuple[tuple[str, bool], ...]:
    pieces: list[tuple[str, bool]] = []
    hit = False
    for part in _MARKS.split(snippet):
        if part in (_OPEN, _CLOSE):
            hit = part == _OPEN
        elif part:
            pieces.append((part, hit))
    return tuple(pieces)


class Queries(Analyses):
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Documents matching ``query``, best first (bm25, a match in the title weighing
        more), each with a highlighted snippet of its text.

        ``query`` may use FTS5 syntax (``"a phrase"``, ``OR``, ``NOT``, ``prefix*``); when it
        is not valid FTS5 (``Jong-un``, ``U.S.``, an unbalanced quote) its words are searched
        for as plain words instead of failing.
        """
        if not query.strip():
            raise UsageError("empty search query")
        if limit < 1:
            raise UsageError("limit must be at least 1")
        try:
            return self._search(query, limit)
        except sqlite3.OperationalError as exc:
            if not str(exc).startswith(_FTS_ERRORS):
                raise
        return self._search(quote_words(query), limit)

    def _search(self, match: str, limit: int) -> list[SearchHit]:
        rows = self.db.execute(
            "SELECT d.id, d.doc_id, d.title, d.outlet, d.published, bm25(documents_fts, ?, 1.0) AS score,"
            " snippet(documents_fts, 1, ?, ?, '…', ?)"
            " FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY score LIMIT ?",
            (_TITLE_WEIGHT, _OPEN, _CLOSE, _SNIPPET_TOKENS, match, limit),
        )
        return [
            SearchHit(rowid, doc_id, title, outlet, published, score, _fragments(snippet))
            for rowid, doc_id, title, outlet, published, score, snippet in rows
        ]

    def stats(self) -> Stats:
        """Documents by outlet and year; canonical facilities (one per real facility, as
        resolution joined them across documents and spellings) by kind and province."""
        q = self.db.execute
        documents, extracted = q("SELECT count(*), count(extracted_at) FROM documents").fetchone()
        per_facility = "SELECT id, kind, province FROM facilities"
        return Stats(
            documents=documents,
            extracted=extracted,
            by_outlet=tuple(q("SELECT outlet, count(*) AS n FROM documents GROUP BY outlet ORDER BY n DESC, outlet")),
            by_year=tuple(q("SELECT substr(published, 1, 4) AS y, count(*) FROM documents GROUP BY y ORDER BY y")),
            facilities=q(f"SELECT count(*) FROM ({per_facility})").fetchone()[0],
            facilities_by_kind=tuple(
                q(f"SELECT kind, count(*) AS n FROM ({per_facility}) GROUP BY kind ORDER BY n DESC, kind")
            ),
            facilities_by_province=tuple(
                q(f"SELECT province, count(*) AS n FROM ({per_facility}) GROUP BY province ORDER BY n DESC, province")
            ),
            events=q("SELECT count(*) FROM doc_events").fetchone()[0],
            contradicted=q(CONTRADICTED_COUNT).fetchone()[0],
        )
