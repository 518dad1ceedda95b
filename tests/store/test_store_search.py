"""Full-text search (ranked, highlighted, accent-insensitive, forgiving) and statistics."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import document

from factorywatch.errors import UsageError
from factorywatch.model import Analysis, Facility
from factorywatch.resolve.corpus import resolve_facilities
from factorywatch.store import Store, open_store

DOCS = [
    ("a1", "KCNA", "2024-02-01", "Silk mill hails new looms",
     "Workers of the Pyongyang Silk Mill installed new looms, KCNA said."),
    ("a2", "Daily NK", "2023-07-09", "Shortages in Hyesan",
     "A source in Ryanggang Province said the Hyesan Shoe Factory has no rubber. Kim Jong-un's portrait hangs."),
    ("a3", "RFA", "2024-06-30", "Power cuts",
     "Residents of P'yŏngyang complained of power cuts at the U.S.-sanctioned plant."),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "fw.db") as s:
        for doc_id, outlet, published, title, text in DOCS:
            s.add_document(document(text, id=doc_id, outlet=outlet, published=published, title=title))
        yield s


def ids(store: Store, query: str) -> list[str | None]:
    return [h.doc_id for h in store.search(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("looms", ["a1"]),
        ("Pyŏngyang", ["a1"]),  # diacritics ignored in the query...
        ("pyongyang", ["a1"]),
        ("Pyongyang OR cuts", ["a1", "a3"]),
        ("complained", ["a3"]),  # ...and in the text ("P'yŏngyang")
        ("yŏngyang", ["a3"]),
        ("hyes*", ["a2"]),
        ('"shoe factory"', ["a2"]),
        ("factory NOT shoe", []),
        ("nothing-like-this", []),
        # not valid FTS5: searched as plain words rather than failing
        ("Jong-un", ["a2"]),
        ("U.S.", ["a3"]),
        ('"unbalanced', []),
        ("Jong-un's", ["a2"]),
        ("AND", []),
        ("(power", ["a3"]),
        ("source:", ["a2"]),
        ("*", []),
    ],
)
def test_search_finds(store: Store, query: str, expected: list[str]) -> None:
    assert sorted(ids(store, query), key=str) == sorted(expected)


def test_a_match_in_the_title_ranks_first(store: Store) -> None:
    for doc_id, title in [("plain", "Market report"), ("titled", "Rubber report")]:
        text = f"Traders ({doc_id}) said rubber soles are scarce in the market this month."
        store.add_document(document(text, id=doc_id, title=title))
    assert ids(store, "rubber")[0] == "titled"


def test_snippets_mark_the_matches(store: Store) -> None:
    (hit,) = store.search("rubber")
    assert "**rubber**" in hit.snippet()
    assert hit.snippet("<mark>", "</mark>").count("<mark>rubber</mark>") == 1
    assert "".join(t for t, _ in hit.fragments) == DOCS[1][4]
    assert [t for t, matched in hit.fragments if matched] == ["rubber"]
    assert (hit.title, hit.outlet, hit.published) == ("Shortages in Hyesan", "Daily NK", "2023-07-09")


def test_limit(store: Store) -> None:
    assert len(store.search("the", limit=1)) == 1


@pytest.mark.parametrize(("query", "limit"), [("", 10), ("   ", 10), ("looms", 0)])
def test_bad_searches_are_usage_errors(store: Store, query: str, limit: int) -> None:
    with pytest.raises(UsageError):
        store.search(query, limit=limit)


def test_stats_count_each_resolved_facility_once(store: Store) -> None:
    mill = Facility("pyongyang-silk-mill", "Pyongyang Silk Mill", "factory", True, "Pyongyang")
    shoes = Facility("hyesan-shoe-factory", "Hyesan Shoe Factory", "factory", True, None)
    unnamed = Facility("unnamed-plant", "the plant", "factory", False)
    for rowid, facilities in [(1, (mill,)), (2, (shoes,)), (3, (mill, unnamed, Facility(
            "hyesan-shoe-factory", "Hyesan Shoe Factory", "factory", True, "Ryanggang")))]:
        doc = store.document(rowid)
        store.save_analysis(rowid, Analysis(text=doc.text, doc=doc.to_document(), facilities=facilities))
    resolve_facilities(store)
    stats = store.stats()
    assert (stats.documents, stats.extracted, stats.facilities) == (3, 3, 2)
    assert stats.by_outlet == (("Daily NK", 1), ("KCNA", 1), ("RFA", 1))
    assert stats.by_year == (("2023", 1), ("2024", 2))
    assert stats.facilities_by_kind == (("factory", 2),)
    assert stats.facilities_by_province == (("Pyongyang", 1), ("Ryanggang", 1))


def test_stats_of_an_empty_database(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as store:
        stats = store.stats()
    assert (stats.documents, stats.facilities, stats.by_outlet, stats.facilities_by_kind) == (0, 0, (), ())
