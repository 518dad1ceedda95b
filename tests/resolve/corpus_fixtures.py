"""Small fictional articles, with their analyses written by hand, for the corpus resolution tests.

The analyses do not come from the extraction pipeline, so these tests check resolution and
judgements whatever the extraction's quality: each facility is given by its names, and each
name is found in the text for its mention offsets.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from conftest import document

from factorywatch.model import Analysis, Document, Facility, Mention
from factorywatch.resolve.names import slugify
from factorywatch.store import Store, open_store


@dataclass(frozen=True)
class Site:
    names: tuple[str, ...]
    kind: str = "factory"
    province: str | None = None
    locality: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    outlet: str
    published: str | None
    text: str
    sites: tuple[Site, ...] = field(default=())

    def document(self) -> Document:
        return document(self.text, id=self.id, outlet=self.outlet, published=self.published)

    def analysis(self, *, reverse: bool = False) -> Analysis:
        """The hand-made extraction; ``reverse`` lists the facilities in the other order (as a
        re-extraction with other rules might)."""
        sites = tuple(reversed(self.sites)) if reverse else self.sites
        facilities, mentions = [], []
        for i, site in enumerate(sites):
            facilities.append(Facility(slugify(site.names[0]), site.names[0], site.kind, True, site.province,
                                       site.locality, "sentence" if site.province else None))
            for name in site.names:
                start = self.text.index(name)
                mentions.append(Mention(start, start + len(name), i))
        mentions.sort(key=lambda m: m.start)
        return Analysis(text=self.text, doc=self.document(), facilities=tuple(facilities), mentions=tuple(mentions))


def article(id: str, outlet: str, published: str | None, text: str, *sites: Site) -> Article:
    return Article(id, outlet, published, text, sites)


CORPUS: tuple[Article, ...] = (
    article("k-245", "KCNA", "2024-03-02",
            "Workers of the Taedong River Battery Factory (No. 245 Factory) raised output, KCNA said.",
            Site(("Taedong River Battery Factory", "No. 245 Factory"), province="Pyongyang", locality="Pyongyang")),
    article("d-245", "Daily NK", "2023-11-15",
            "A source said the No. 245 Factory stopped work in autumn for want of lead.",
            Site(("No. 245 Factory",))),
    article("k-kanggye", "KCNA", "2024-01-10",
            "The Kanggye Youth Power Station overfulfilled its yearly plan, KCNA reported.",
            Site(("Kanggye Youth Power Station",), "power_station", "Jagang", "Kanggye")),
    article("r-kanggye", "RFA", "2023-06-01",
            "Residents said the Kanggye Power Station ran at half capacity all winter.",
            Site(("Kanggye Power Station",), "power_station", "Jagang")),
    article("k-silk", "KCNA", "2022-05-05",
            "The Pyongyang Silk Mill produced new fabrics for the people, KCNA said.",
            Site(("Pyongyang Silk Mill",), province="Pyongyang")),
    article("d-textile", "Daily NK", "2022-08-08",
            "Workers of the Pyongyang Textile Mill were sent to farms, a source said.",
            Site(("Pyongyang Textile Mill",), province="Pyongyang")),
    article("k-ryongsong", "KCNA", "2021-04-04",
            "The Ryongsong Machine Complex built a new oxygen separator, KCNA said.",
            Site(("Ryongsong Machine Complex",), "complex", "South Hamgyong", "Hamhung")),
    article("r-ryongsong", "RFA", "2021-09",
            "The Ryongsong Heavy Machine Complex has idled for months, residents said.",
            Site(("Ryongsong Heavy Machine Complex",), "complex", "South Hamgyong")),
    article("d-shoes", "Daily NK", "2020",
            "Traders compared the Wonsan Shoes Factory with the Hamhung Shoe Factory, a source said.",
            Site(("Wonsan Shoes Factory",), province="Kangwon", locality="Wonsan"),
            Site(("Hamhung Shoe Factory",), province="South Hamgyong", locality="Hamhung")),
)
"""Fictional articles: a number name given as an alias, a short form ("Kanggye Power Station"),
two mills the matcher keeps apart, a possible match (Ryongsong), two shoe factories."""

LATER: tuple[Article, ...] = (
    article("n-wonsan", "NK News", "2024-07-07",
            "Satellite images suggest the Wonsan Shoe Factory added a warehouse.",
            Site(("Wonsan Shoe Factory",), province="Kangwon", locality="Wonsan")),
    article("d-245b", "Daily NK", "2024-08-01",
            "Lead shortages again halted the No. 245 Factory, a source said.",
            Site(("No. 245 Factory",))),
)
"""Articles that arrive after the first resolution."""


def store_articles(store: Store, articles: Iterable[Article]) -> dict[str, int]:
    """Store each article with its hand-made analysis (duplicates skipped, as ingest does);
    article id -> stored document id."""
    ids = {}
    with store.transaction():
        for a in articles:
            rowid = store.add_document(a.document())
            if rowid is not None:
                store.save_analysis(rowid, a.analysis())
                ids[a.id] = rowid
    return ids


def reextract(store: Store, articles: Sequence[Article], *, reverse: bool = True) -> None:
    """What ``reextract`` does to the store: every stored analysis replaced (here with its
    facilities in the other order, so every member's index changes)."""
    by_hash = {a.document().content_hash: a for a in articles}
    with store.transaction():
        for page in store.document_batches(100):
            for rowid, doc in page:
                store.save_analysis(rowid, by_hash[doc.content_hash].analysis(reverse=reverse))


def facility_of(store: Store, article_id: str, name: str) -> str:
    """The canonical id the named facility of an article belongs to."""
    row = store.db.execute(
        "SELECT m.facility FROM facility_members m JOIN documents d ON d.id = m.document"
        " JOIN doc_facilities f ON f.document = m.document AND f.idx = m.idx WHERE d.doc_id = ? AND f.name = ?",
        (article_id, name),
    ).fetchone()
    assert row is not None, (article_id, name)
    return str(row[0])


def clusters(store: Store) -> dict[str, frozenset[tuple[str, str]]]:
    """Canonical id -> its members as (article id, facility name)."""
    out: dict[str, set[tuple[str, str]]] = {}
    for facility, doc_id, name in store.db.execute(
        "SELECT m.facility, d.doc_id, f.name FROM facility_members m JOIN documents d ON d.id = m.document"
        " JOIN doc_facilities f ON f.document = m.document AND f.idx = m.idx"
    ):
        out.setdefault(facility, set()).add((doc_id, name))
    return {k: frozenset(v) for k, v in out.items()}


def partition(store: Store) -> set[frozenset[tuple[str, str]]]:
    """The clusters without their ids."""
    return set(clusters(store).values())


@contextmanager
def temp_store() -> Iterator[Store]:
    """A fresh database in a temporary folder (for hypothesis, which runs a test many times)."""
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "fw.db") as store:
        yield store
