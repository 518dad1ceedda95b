"""What the store returns: frozen records that the CLI prints, the web app renders and
``dataclasses.asdict`` turns into JSON, whatever backend produced them."""

from __future__ import annotations

from dataclasses import astuple, dataclass

from factorywatch.model import Document
from factorywatch.store.corpus_records import DocumentRef


@dataclass(frozen=True, slots=True)
class DocumentInfo(DocumentRef):
    """A stored document's metadata, without its text."""

    language: str | None
    source: str | None
    content_hash: str
    ingested_at: str
    side: str | None
    extracted_at: str | None
    extractor_version: str | None


@dataclass(frozen=True, slots=True)
class ExtractionCounts:
    facilities: int = 0
    mentions: int = 0
    events: int = 0
    claims: int = 0
    contradictions: int = 0

    def __add__(self, other: ExtractionCounts) -> ExtractionCounts:
        return ExtractionCounts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


@dataclass(frozen=True, slots=True)
class StoredDocument:
    info: DocumentInfo
    text: str
    counts: ExtractionCounts

    def to_document(self) -> Document:
        """The ``Document`` as it was ingested, to run extraction on again."""
        i = self.info
        return Document(
            text=self.text,
            id=i.doc_id,
            title=i.title,
            outlet=i.outlet,
            url=i.url,
            published=i.published,
            language=i.language,
            source=i.source,
            content_hash=i.content_hash,
        )


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: int
    doc_id: str | None
    title: str | None
    outlet: str | None
    published: str | None
    score: float
    """bm25 relevance; lower is better, as SQLite reports it."""
    fragments: tuple[tuple[str, bool], ...]
    """The snippet as consecutive (text, is_match) pieces, for any renderer to style."""

    def snippet(self, open_mark: str = "**", close_mark: str = "**") -> str:
        return "".join(f"{open_mark}{t}{close_mark}" if hit else t for t, hit in self.fragments)


@dataclass(frozen=True, slots=True)
class Stats:
    documents: int
    extracted: int
    """Documents that have stored extraction results."""
    by_outlet: tuple[tuple[str | None, int], ...]
    by_year: tuple[tuple[str | None, int], ...]
    facilities: int
    """Canonical facilities (one per real facility across documents and spellings)."""
    facilities_by_kind: tuple[tuple[str, int], ...]
    facilities_by_province: tuple[tuple[str | None, int], ...]
    events: int = 0
    contradicted: int = 0
    """Facilities with an official positive claim and an independent negative claim, in any
    documents of the corpus."""
