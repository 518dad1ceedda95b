"""Ingest runs: dedup, skipped inputs, extraction stored, batches that commit whole, reextract."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from factorywatch.ingest import job
from factorywatch.model import Analysis, Document, Facility
from factorywatch.store import ExtractionCounts, Store


def record(i: int, **extra: object) -> dict:
    return {
        "id": f"test-{i:04d}",
        "outlet": "KCNA" if i % 2 else "Daily NK",
        "published": f"2024-0{1 + i % 9}-1{i % 10}",
        "title": f"Report {i}",
        "text": f"The Kusong Machine Tool Factory No. {i} overfulfilled its plan for May, the report said.",
        **extra,
    }


def write_jsonl(path: Path, records: list[dict] | list[str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fake_extraction(tag: str) -> object:
    """One facility per document, named after ``tag``, so a test can tell runs apart."""

    def run(doc: Document) -> Analysis:
        return Analysis(text=doc.text, doc=doc, side="official",
                        facilities=(Facility(f"{tag}-factory", f"{tag.title()} Factory", "factory", True),))

    return run


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [record(i) for i in range(7)])
    (folder / "note.txt").write_text("A source said the Hyesan Shoe Factory stood idle in May.\n", encoding="utf-8")
    return folder


def test_ingest_stores_documents_with_their_metadata(store: Store, corpus: Path) -> None:
    report = job.ingest_paths(store, [corpus], extract=False)
    assert (report.stored, report.duplicates, report.skipped) == (8, 0, ())
    doc = store.document("test-0003")
    assert (doc.info.outlet, doc.info.published, doc.info.title) == ("KCNA", "2024-04-13", "Report 3")
    assert doc.text == record(3)["text"]
    assert doc.info.extracted_at is None


def test_reingesting_changes_nothing(store: Store, corpus: Path) -> None:
    job.ingest_paths(store, [corpus])
    before = [(i.id, i.content_hash, i.ingested_at) for i in store.documents(limit=None)]
    again = job.ingest_paths(store, [corpus, corpus / "a.jsonl"])
    assert (again.stored, again.duplicates) == (0, 15)
    assert [(i.id, i.content_hash, i.ingested_at) for i in store.documents(limit=None)] == before


def test_the_same_text_twice_is_stored_once(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "dup.jsonl", [record(1), record(1, id="other-id"), record(2)])
    report = job.ingest_paths(store, [path], extract=False)
    assert (report.stored, report.duplicates) == (2, 1)


def test_unreadable_inputs_are_skipped_and_the_rest_stored(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [record(1), "{not json", record(2)])
    report = job.ingest_paths(store, [path, tmp_path / "missing.txt"], extract=False)
    assert report.stored == 2
    assert len(report.skipped) == 2
    lines = {(Path(e.path).name, e.line) for e in report.skipped}
    assert ("mixed.jsonl", 2) in lines
    assert any(Path(e.path).name == "missing.txt" for e in report.skipped)


def test_extraction_is_stored_with_each_new_document(
    store: Store, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(job, "run_extraction", fake_extraction("first"))
    report = job.ingest_paths(store, [corpus], batch_size=3)
    assert report.extracted == ExtractionCounts(facilities=8)
    assert store.extraction_counts() == ExtractionCounts(facilities=8)
    info = store.document("test-0001").info
    assert info.extractor_version == job.extractor_version() and info.side == "official"


def test_an_interrupted_ingest_keeps_whole_batches_and_a_rerun_completes_it(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "many.jsonl", [record(i) for i in range(10)])
    extract = fake_extraction("x")

    def interrupted(doc: Document) -> Analysis:
        if doc.id == "test-0007":
            raise KeyboardInterrupt
        return extract(doc)

    monkeypatch.setattr(job, "run_extraction", interrupted)
    with pytest.raises(KeyboardInterrupt):
        job.ingest_paths(store, [path], batch_size=3)
    assert sorted(i.doc_id or "" for i in store.documents(limit=None)) == [f"test-{i:04d}" for i in range(6)]
    assert store.extraction_counts().facilities == 6

    monkeypatch.setattr(job, "run_extraction", extract)
    report = job.ingest_paths(store, [path], batch_size=3)
    assert (report.stored, report.duplicates) == (4, 6)
    assert store.count_documents() == 10
    assert store.extraction_counts().facilities == 10


def test_progress_counts_every_input(store: Store, corpus: Path, tmp_path: Path) -> None:
    seen: list[int] = []
    job.ingest_paths(store, [corpus, tmp_path / "missing.txt"], extract=False, progress=seen.append)
    assert seen == list(range(1, 10))


def test_reextract_replaces_results_and_stale_only_redoes_what_is_out_of_date(
    store: Store, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(job, "run_extraction", fake_extraction("old"))
    job.ingest_paths(store, [corpus])
    monkeypatch.setattr(job, "run_extraction", fake_extraction("new"))
    report = job.reextract(store, batch_size=3)
    assert (report.documents, report.extracted) == (8, ExtractionCounts(facilities=8))
    assert {f.id for i in store.documents(limit=None) for f in store.load_analysis(i.id).facilities} == {"new-factory"}
    assert store.extraction_counts() == ExtractionCounts(facilities=8)

    assert job.reextract(store, stale_only=True).documents == 0
    store.db.execute("UPDATE documents SET extractor_version = 'older' WHERE doc_id = 'test-0002'")
    assert job.reextract(store, stale_only=True).documents == 1


def test_extractor_version_names_the_package_version() -> None:
    from factorywatch import __version__

    assert job.extractor_version().startswith(f"{__version__}+")
    assert job.extractor_version() == job.extractor_version()


def test_a_document_without_a_hash_gets_one(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [Document(text="The Sinpo shipyard launched a vessel.")] * 2
    monkeypatch.setattr(job, "read_paths", lambda paths, max_size: iter(docs))
    report = job.ingest_paths(store, ["ignored"], extract=False)
    assert (report.stored, report.duplicates) == (1, 1)
    stored = store.documents()[0]
    assert stored.content_hash == job.content_hash(docs[0].text)
    assert replace(store.document(stored.id).to_document(), content_hash=None) == docs[0]
