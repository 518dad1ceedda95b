"""The store side of canonical facilities: sources read for resolution, the whole-table
rewrite, judgements (append-only), possible matches."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import document

from factorywatch.errors import NotFound
from factorywatch.model import Analysis, Facility, Mention
from factorywatch.store import Store, open_store
from factorywatch.store.facilities import CanonicalFacility

TEXT = "The Sariwon  Potash Fertilizer Complex (Sariwon Potash Works) reopened; the complex hired. A mill closed."


def analysis() -> Analysis:
    doc = document(TEXT, published="2024-05-06")
    first = TEXT.index("Sariwon Potash Works")
    return Analysis(
        text=TEXT,
        doc=doc,
        facilities=(
            Facility("sariwon-potash-fertilizer-complex", "Sariwon Potash Fertilizer Complex", "complex", True,
                     "North Hwanghae", "Sariwon", "name"),
            Facility("mill", "mill", "factory", False),
        ),
        mentions=(
            Mention(4, 4 + len("Sariwon  Potash Fertilizer Complex"), 0),  # a double space, folded
            Mention(first, first + len("Sariwon Potash Works"), 0),
            Mention(TEXT.index("the complex"), TEXT.index("the complex") + 11, 0, "reference"),
            Mention(TEXT.index("A mill"), TEXT.index("A mill") + 6, 1),
        ),
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "fw.db") as s:
        rowid = s.add_document(analysis().doc)
        assert rowid == 1
        s.save_analysis(rowid, analysis())
        yield s


def facility(fid: str = "sariwon", reports: int = 1) -> CanonicalFacility:
    return CanonicalFacility(fid, "Sariwon Potash Fertilizer Complex", "complex", "North Hwanghae", "Sariwon", "name",
                             reports, "2024-05-06", "2024-05-06", "")


def test_sources_are_the_named_facilities_with_their_naming_mentions(store: Store) -> None:
    [source] = store.facility_sources()
    assert (source.document, source.idx, source.published) == (1, 0, "2024-05-06")
    assert source.content_hash == analysis().doc.content_hash
    assert source.names == ("Sariwon Potash Fertilizer Complex", "Sariwon Potash Works")  # no "the complex"


def test_replace_keeps_updated_at_of_unchanged_rows(store: Store) -> None:
    store.replace_facilities([facility("a"), facility("b")], [(1, 0, "a")], [("k", "", "", "a")], [])
    store.db.execute("UPDATE facilities SET updated_at = 'earlier'")
    store.replace_facilities([facility("a"), facility("b", reports=2)], [(1, 0, "a")], [("k", "", "", "a")], [])
    assert store.canonical_facility("a").updated_at == "earlier"
    assert store.canonical_facility("b").updated_at not in ("earlier", "")
    assert store.facility_members("a") == [(1, 0)]
    assert store.facility_key_memory() == {("k", "", ""): "a"}


def test_replace_touches_only_members_that_move(store: Store) -> None:
    store.replace_facilities([facility("a")], [(1, 0, "a")], [], [])
    store.db.execute("CREATE TEMP TABLE log (what TEXT)")
    for event in ("INSERT", "DELETE"):
        store.db.execute(f"CREATE TEMP TRIGGER log_{event} AFTER {event} ON main.facility_members"
                         f" BEGIN INSERT INTO log VALUES ('{event}'); END")
    store.replace_facilities([facility("a")], [(1, 0, "a")], [], [])
    assert store.db.execute("SELECT count(*) FROM log").fetchone()[0] == 0
    store.replace_facilities([facility("b")], [(1, 0, "b")], [], [])  # moved, and "a" is gone
    assert [w for (w,) in store.db.execute("SELECT what FROM log")] == ["DELETE", "INSERT"]
    assert store.facility_members("b") == [(1, 0)]
    with pytest.raises(NotFound):
        store.canonical_facility("a")


def test_reextraction_drops_members_but_not_the_key_memory(store: Store) -> None:
    store.replace_facilities([facility("a")], [(1, 0, "a")], [("k", "North Hwanghae", "", "a")], [])
    store.save_analysis(1, analysis())
    assert store.facility_members("a") == []
    assert store.facility_key_memory() == {("k", "North Hwanghae", ""): "a"}
    assert store.count_canonical_facilities() == 1


def test_name_keys_leave_generic_names_out(store: Store) -> None:
    keys = [("sariwon potash factory", "", "", "a"), ("sariwon potash factory", "North Hwanghae", "", "a"),
            ("potash factory", "", "abc:0", "a"), ("sariwon potash factory", "Jagang", "", "b")]
    store.replace_facilities([facility("a"), facility("b")], [], keys, [])
    assert store.facility_name_keys("a") == [("sariwon potash factory", ""),
                                             ("sariwon potash factory", "North Hwanghae")]
    assert store.facility_ids_with_key("potash factory") == ["a"]
    assert store.facility_ids_with_key("sariwon potash factory") == ["a", "b"]
    assert store.facility_ids_with_key("sariwon potash factory", "Jagang") == ["b"]
    assert store.facility_ids_with_key("sariwon potash factory", "") == ["a"]
    assert store.facility_ids_with_key("nothing") == []


def test_unknown_facility_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no facility x"):
        store.canonical_facility("x")


def test_possible_matches_best_first_with_reasons(store: Store) -> None:
    reasons = json.dumps([{"feature": "product", "weight": -0.3, "reason": "'heavy' on one side only"}])
    rows = [("a", "b", 0.6, "[]"), ("a", "c", 0.7, reasons)]
    store.replace_facilities([facility("a"), facility("b"), facility("c")], [], [], rows)
    pairs = store.possible_matches()
    assert [(p.a, p.b, p.score) for p in pairs] == [("a", "c", 0.7), ("a", "b", 0.6)]
    assert pairs[0].reasons == ({"feature": "product", "weight": -0.3, "reason": "'heavy' on one side only"},)
    assert pairs[0].name_a == "Sariwon Potash Fertilizer Complex"
    assert len(store.possible_matches(limit=1)) == 1


def test_judgements_round_trip_in_the_order_they_apply(store: Store) -> None:
    late = store.add_judgement("merge", "a", "b", None, ["평양 factory"], ["b"],
                               created_at="2024-02-01T00:00:00+00:00")
    early = store.add_judgement("split", "a", None, "X Mill", ["x"], ["a", "b"], author="kim", note="see dossier",
                                created_at="2024-01-01T00:00:00+00:00")
    held = store.judgements()
    assert [j.id for j in held] == [early, late]
    assert held[0].keys_b == ("a", "b") and held[0].author == "kim" and held[0].name == "X Mill"
    assert held[1].keys_a == ("평양 factory",)


@pytest.mark.parametrize("sql", ["UPDATE judgements SET note = 'x'", "DELETE FROM judgements"])
def test_judgements_are_append_only(store: Store, sql: str) -> None:
    store.add_judgement("not-same", "a", "b", None, ["a"], ["b"])
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute(sql)
    assert len(store.judgements()) == 1
