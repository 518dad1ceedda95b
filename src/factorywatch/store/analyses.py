"""Extraction results: one ``Analysis`` in, rows in the ``doc_*`` tables out, and back.

``save_analysis`` replaces whatever an earlier extraction stored for the document, so
re-extraction after a rules change leaves no stale rows behind.
"""

from __future__ import annotations

from factorywatch.errors import NotFound
from factorywatch.model import (
    Analysis,
    Claim,
    Contradiction,
    DateRef,
    Entity,
    Event,
    Facility,
    Mention,
    Place,
    Sentence,
    Span,
)
from factorywatch.store.documents import Documents, now

_INSERTS = {
    "doc_facilities": "(document, idx, slug, name, kind, named, province, locality, place_source)",
    "doc_mentions": '(document, idx, facility, start, "end", kind, surface)',
    "doc_places": '(document, idx, start, "end", province, locality, gazetteer_id)',
    "doc_dates": '(document, idx, start, "end", value, precision)',
    "doc_entities": '(document, idx, start, "end", name, label)',
    "doc_events": "(document, idx, type, facility, date, date_precision,"
    " evidence_start, evidence_end, trigger_start, trigger_end)",
    "doc_claims": "(document, idx, facility, side, polarity, source, evidence_start, evidence_end, cue_start, cue_end)",
    "doc_contradictions": "(document, idx, facility, official, independent)",
}


def _rows(doc: int, a: Analysis) -> dict[str, list[tuple]]:
    text = a.text
    return {
        "doc_facilities": [
            (doc, i, f.id, f.name, f.kind, f.named, f.province, f.locality, f.place_source)
            for i, f in enumerate(a.facilities)
        ],
        "doc_mentions": [
            (doc, i, m.facility, m.start, m.end, m.kind, text[m.start : m.end]) for i, m in enumerate(a.mentions)
        ],
        "doc_places": [
            (doc, i, p.start, p.end, p.province, p.locality, p.gazetteer_id) for i, p in enumerate(a.places)
        ],
        "doc_dates": [(doc, i, d.start, d.end, d.value, d.precision) for i, d in enumerate(a.dates)],
        "doc_entities": [(doc, i, e.start, e.end, e.name, e.label) for i, e in enumerate(a.entities)],
        "doc_events": [
            (doc, i, e.type, e.facility, e.date, e.date_precision, e.evidence.start, e.evidence.end,
             *((e.trigger.start, e.trigger.end) if e.trigger else (None, None)))
            for i, e in enumerate(a.events)
        ],
        "doc_claims": [
            (doc, i, c.facility, c.side, c.polarity, c.source, c.evidence.start, c.evidence.end,
             *((c.cue.start, c.cue.end) if c.cue else (None, None)))
            for i, c in enumerate(a.claims)
        ],
        "doc_contradictions": [
            (doc, i, c.facility, c.official, c.independent) for i, c in enumerate(a.contradictions)
        ],
    }


def _span(start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else Span(start, end)


class Analyses(Documents):
    def save_analysis(self, document: int, analysis: Analysis, *, extractor_version: str | None = None) -> None:
        """Store ``analysis`` as the extraction of ``document`` (an integer id), replacing
        any earlier one, in one transaction (or in the caller's)."""
        with self.transaction():
            updated = self.db.execute(
                "UPDATE documents SET side = ?, extracted_at = ?, extractor_version = ? WHERE id = ?",
                (analysis.side, now(), extractor_version, document),
            )
            if not updated.rowcount:
                raise NotFound(f"no document with id {document}")
            for table, rows in _rows(document, analysis).items():
                self.db.execute(f"DELETE FROM {table} WHERE document = ?", (document,))
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    self.db.executemany(f"INSERT INTO {table} {_INSERTS[table]} VALUES ({marks})", rows)

    def load_analysis(self, document: int) -> Analysis:
        """The stored extraction of ``document`` as an ``Analysis`` (sentences and
        ``extra`` are not stored, so they come back empty)."""
        stored = self.document(document)
        q = self.db.execute

        def rows(table: str, columns: str) -> list[tuple]:
            return q(f"SELECT {columns} FROM {table} WHERE document = ? ORDER BY idx", (stored.info.id,)).fetchall()

        return Analysis(
            text=stored.text,
            doc=stored.to_document(),
            side=stored.info.side,
            places=tuple(Place(*r) for r in rows("doc_places", 'start, "end", province, locality, gazetteer_id')),
            dates=tuple(DateRef(*r) for r in rows("doc_dates", 'start, "end", value, precision')),
            facilities=tuple(
                Facility(s, n, k, bool(named), p, loc, src)
                for s, n, k, named, p, loc, src in rows(
                    "doc_facilities", "slug, name, kind, named, province, locality, place_source"
                )
            ),
            mentions=tuple(
                Mention(s, e, f, k) for f, s, e, k in rows("doc_mentions", 'facility, start, "end", kind')
            ),
            entities=tuple(Entity(*r) for r in rows("doc_entities", 'start, "end", name, label')),
            events=tuple(
                Event(t, f, Sentence(es, ee), _span(ts, te), d, dp)
                for t, f, d, dp, es, ee, ts, te in rows(
                    "doc_events", "type, facility, date, date_precision, evidence_start, evidence_end,"
                    " trigger_start, trigger_end"
                )
            ),
            claims=tuple(
                Claim(f, side, pol, Sentence(es, ee), src, _span(cs, ce))
                for f, side, pol, src, es, ee, cs, ce in rows(
                    "doc_claims", "facility, side, polarity, source, evidence_start, evidence_end, cue_start, cue_end"
                )
            ),
            contradictions=tuple(
                Contradiction(*r) for r in rows("doc_contradictions", "facility, official, independent")
            ),
        )
