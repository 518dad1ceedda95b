"""Canonical facilities across the corpus, and the judgements that steer them.

Fictional articles with hand-made analyses (``corpus_fixtures``) are stored through the store
API, then resolved: clusters and ids, stable ids through re-resolution, new documents and
re-extraction, merge / split / not-same, import and export, order independence.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from resolve.corpus_fixtures import (
    CORPUS,
    LATER,
    Article,
    Site,
    article,
    clusters,
    facility_of,
    partition,
    reextract,
    store_articles,
    temp_store,
)

from factorywatch.errors import NotFound, UsageError
from factorywatch.ingest import job
from factorywatch.model import Facility
from factorywatch.resolve.corpus import assign_run_ids, resolve_facilities, with_run_ids
from factorywatch.resolve.judgements import (
    export_judgements,
    find_facility,
    import_judgements,
    list_judgements,
    merge,
    not_same,
    review,
    split,
)
from factorywatch.store import Store, open_store

TAEDONG = ("k-245", "Taedong River Battery Factory")
NO_245 = ("d-245", "No. 245 Factory")
KANGGYE = ("k-kanggye", "Kanggye Youth Power Station")
KANGGYE_SHORT = ("r-kanggye", "Kanggye Power Station")
SILK = ("k-silk", "Pyongyang Silk Mill")
TEXTILE = ("d-textile", "Pyongyang Textile Mill")
RYONGSONG = ("k-ryongsong", "Ryongsong Machine Complex")
RYONGSONG_HEAVY = ("r-ryongsong", "Ryongsong Heavy Machine Complex")
WONSAN = ("d-shoes", "Wonsan Shoes Factory")
HAMHUNG = ("d-shoes", "Hamhung Shoe Factory")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "fw.db") as s:
        store_articles(s, CORPUS)
        resolve_facilities(s)
        yield s


def same(store: Store, a: tuple[str, str], b: tuple[str, str]) -> bool:
    return facility_of(store, *a) == facility_of(store, *b)


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        (TAEDONG, NO_245, True),  # the number name joins the facility its alias named, in another document
        (KANGGYE, KANGGYE_SHORT, True),  # a short form without "Youth"
        (SILK, TEXTILE, False),  # different products
        (WONSAN, HAMHUNG, False),  # different places, in one document
        (RYONGSONG, RYONGSONG_HEAVY, False),  # only a possible match
    ],
)
def test_clusters(store: Store, a: tuple[str, str], b: tuple[str, str], one: bool) -> None:
    assert same(store, a, b) is one


def test_every_named_facility_has_one_canonical_facility(store: Store) -> None:
    named = store.db.execute("SELECT count(*) FROM doc_facilities WHERE named").fetchone()[0]
    assert store.db.execute("SELECT count(*) FROM facility_members").fetchone()[0] == named == 10
    assert len(clusters(store)) == store.count_canonical_facilities() == 8


def test_facility_rows_summarize_their_members(store: Store) -> None:
    f = store.canonical_facility(facility_of(store, *KANGGYE))
    assert (f.id, f.name, f.kind) == ("kanggye-youth-power-station", "Kanggye Youth Power Station", "power_station")
    assert (f.province, f.locality, f.place_source) == ("Jagang", "Kanggye", "sentence")
    assert (f.reports, f.first_seen, f.last_seen) == (2, "2023-06-01", "2024-01-10")
    taedong = store.canonical_facility(facility_of(store, *TAEDONG))
    assert (taedong.name, taedong.reports, taedong.first_seen) == ("Taedong River Battery Factory", 2, "2023-11-15")


def test_possible_matches_are_listed_with_reasons(store: Store) -> None:
    pairs = review(store)
    assert [(p.a, p.b) for p in pairs] == [tuple(sorted((facility_of(store, *RYONGSONG),
                                                          facility_of(store, *RYONGSONG_HEAVY))))]
    assert 0.5 <= pairs[0].score < 0.8
    assert any("heavy" in str(r["reason"]) for r in pairs[0].reasons)


def test_ids_are_stable_across_re_resolution_and_new_documents(store: Store) -> None:
    before = clusters(store)
    resolve_facilities(store)
    assert clusters(store) == before
    store_articles(store, [*CORPUS, *LATER])  # the old ones are duplicates: skipped
    report = resolve_facilities(store)
    after = clusters(store)
    assert report.kept == len(before)
    for fid, members in before.items():
        assert members <= after[fid]
    assert facility_of(store, "n-wonsan", "Wonsan Shoe Factory") == facility_of(store, *WONSAN)
    assert facility_of(store, "d-245b", "No. 245 Factory") == facility_of(store, *TAEDONG)


def test_ids_survive_reextraction(store: Store) -> None:
    before = clusters(store)
    reextract(store, CORPUS)
    assert store.db.execute("SELECT count(*) FROM facility_members").fetchone()[0] == 0  # gone with the rows
    resolve_facilities(store)
    assert clusters(store) == before


# --- judgements -------------------------------------------------------------------------------


def test_merge_joins_facilities_the_matcher_keeps_apart(store: Store) -> None:
    outcome = merge(store, facility_of(store, *SILK), "Pyongyang Textile Mill", note="one mill, two names")
    assert same(store, SILK, TEXTILE)
    assert outcome.facilities == (facility_of(store, *SILK),)
    j = outcome.judgement
    assert (j.action, j.keys_a, j.keys_b, j.note) == ("merge", ("pyongyang silk factory|Pyongyang",),
                                                      ("pyongyang textile factory|Pyongyang",), "one mill, two names")
    resolve_facilities(store)
    assert same(store, SILK, TEXTILE)


def test_not_same_beats_an_automatic_match(store: Store) -> None:
    fid = facility_of(store, *KANGGYE)
    outcome = not_same(store, "Kanggye Youth Power Station", "Kanggye Power Station")
    assert not same(store, KANGGYE, KANGGYE_SHORT)
    assert facility_of(store, *KANGGYE) == fid  # the name it was named for keeps the id
    assert len(outcome.facilities) == 2
    resolve_facilities(store)
    assert not same(store, KANGGYE, KANGGYE_SHORT)


def test_not_same_removes_a_possible_match(store: Store) -> None:
    not_same(store, facility_of(store, *RYONGSONG), facility_of(store, *RYONGSONG_HEAVY))
    assert review(store) == []


def test_split_takes_a_name_off_and_keeps_the_id(store: Store) -> None:
    fid = facility_of(store, *TAEDONG)
    outcome = split(store, fid, "No. 245 Factory")
    assert facility_of(store, *TAEDONG) == fid
    assert facility_of(store, *NO_245) != fid
    assert set(outcome.facilities) == {fid, facility_of(store, *NO_245)}
    assert outcome.judgement.keys_a == ("245 factory", "245 factory|Pyongyang")  # as each document placed it
    assert outcome.judgement.keys_b == ("taedonggang battery factory|Pyongyang",)


def test_a_later_judgement_overrides_an_earlier_one(store: Store) -> None:
    not_same(store, facility_of(store, *SILK), facility_of(store, *TEXTILE))
    assert not same(store, SILK, TEXTILE)
    merge(store, facility_of(store, *SILK), facility_of(store, *TEXTILE))
    assert same(store, SILK, TEXTILE)
    assert [j.action for j in list_judgements(store)] == ["not-same", "merge"]


def test_judgements_survive_reingest_and_reextraction(store: Store) -> None:
    merge(store, facility_of(store, *SILK), facility_of(store, *TEXTILE))
    not_same(store, "Kanggye Youth Power Station", "Kanggye Power Station")
    split(store, facility_of(store, *TAEDONG), "No. 245 Factory")
    judged = clusters(store)
    store_articles(store, [*CORPUS, *LATER])
    resolve_facilities(store)
    reextract(store, [*CORPUS, *LATER])
    resolve_facilities(store)
    assert same(store, SILK, TEXTILE)
    assert not same(store, KANGGYE, KANGGYE_SHORT)
    assert not same(store, TAEDONG, NO_245)
    assert facility_of(store, "d-245b", "No. 245 Factory") == facility_of(store, *NO_245)
    after = clusters(store)
    for fid, members in judged.items():
        assert members <= after[fid]  # same ids, the new documents added


def test_judgements_survive_the_real_ingest_and_reextract_jobs(tmp_path: Path) -> None:
    """Through the ingest job and real extraction (which finds every facility of these texts)."""
    def write(name: str, articles: tuple[Article, ...]) -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps({"id": a.id, "outlet": a.outlet, "published": a.published,
                                            "text": a.text}) + "\n" for a in articles), encoding="utf-8")
        return path

    with open_store(tmp_path / "fw.db") as s:
        job.ingest_paths(s, [write("first.jsonl", CORPUS)])
        resolve_facilities(s)
        merge(s, "Pyongyang Silk Mill", "Pyongyang Textile Mill")
        not_same(s, "Kanggye Youth Power Station", "Kanggye Power Station")
        judged = clusters(s)
        job.reextract(s)
        resolve_facilities(s)
        assert clusters(s) == judged
        job.ingest_paths(s, [write("all.jsonl", ALL)])
        resolve_facilities(s)
        assert same(s, SILK, TEXTILE) and not same(s, KANGGYE, KANGGYE_SHORT)
        after = clusters(s)
        assert all(members <= after[fid] for fid, members in judged.items())


def test_a_merge_keeps_the_id_most_names_had(store: Store) -> None:
    store_articles(store, LATER)  # a second document names the Wonsan factory
    resolve_facilities(store)
    wonsan = facility_of(store, *WONSAN)
    merge(store, "Hamhung Shoe Factory", wonsan)
    assert facility_of(store, *HAMHUNG) == wonsan == "wonsan-shoes-factory"
    reextract(store, [*CORPUS, *LATER])
    resolve_facilities(store)
    assert facility_of(store, *HAMHUNG) == wonsan


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda s: merge(s, "Nowhere Widget Factory", "Pyongyang Silk Mill"), NotFound, "no facility"),
        (lambda s: merge(s, "Kanggye Power Station", "kanggye-youth-power-station"), UsageError, "already one"),
        (lambda s: merge(s, "  ", "Pyongyang Silk Mill"), UsageError, "empty"),
        (lambda s: split(s, "pyongyang-silk-mill", "Pyongyang Textile Mill"), UsageError, "not a name of"),
        (lambda s: split(s, "pyongyang-silk-mill", "Pyongyang Silk Mill"), UsageError, "nothing to split"),
        (lambda s: not_same(s, "kanggye-youth-power-station", "Kanggye Power Station"), UsageError, "split"),
        (lambda s: split(s, "no-such-id", "X Factory"), NotFound, "no facility"),
    ],
)
def test_judgement_mistakes_raise_one_line(store: Store, call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        call(store)
    assert "\n" not in str(info.value)
    assert list_judgements(store) == []


def test_a_name_of_two_facilities_is_ambiguous(tmp_path: Path) -> None:
    articles = [
        article("a", "KCNA", "2024", "The Unsan Mine met its plan.", Site(("Unsan Mine",), "mine", "North Pyongan")),
        article("b", "RFA", "2024", "The Unsan Mine flooded again.", Site(("Unsan Mine",), "mine", "South Pyongan")),
    ]
    with open_store(tmp_path / "fw.db") as s:
        store_articles(s, articles)
        resolve_facilities(s)
        with pytest.raises(UsageError, match="names 2 facilities"):
            find_facility(s, "Unsan Mine")


def test_a_merge_by_a_name_two_provinces_share_joins_only_the_facility_named(tmp_path: Path) -> None:
    articles = [
        article("a", "KCNA", "2024", "The Unsan Mine met its plan.", Site(("Unsan Mine",), "mine", "North Pyongan")),
        article("b", "RFA", "2024", "The Unsan Mine flooded again.", Site(("Unsan Mine",), "mine", "South Pyongan")),
        article("c", "RFA", "2024", "The Unsan Ore Dressing Plant idled.",
                Site(("Unsan Ore Dressing Plant",), "factory", "South Pyongan")),
    ]
    with open_store(tmp_path / "fw.db") as s:
        store_articles(s, articles)
        resolve_facilities(s)
        south = facility_of(s, "b", "Unsan Mine")
        assert facility_of(s, "c", "Unsan Ore Dressing Plant") != south
        outcome = merge(s, south, "Unsan Ore Dressing Plant")
        assert len(outcome.facilities) == 1
        assert facility_of(s, "b", "Unsan Mine") == facility_of(s, "c", "Unsan Ore Dressing Plant")
        assert facility_of(s, "a", "Unsan Mine") != facility_of(s, "b", "Unsan Mine")


def test_find_facility_by_id_or_any_spelling(store: Store) -> None:
    fid = facility_of(store, *WONSAN)
    assert find_facility(store, fid) == (fid, False)
    assert find_facility(store, "Wonsan Shoe Factory") == (fid, True)  # a spelling no document used


# --- sharing judgements -----------------------------------------------------------------------


def test_export_import_round_trip(store: Store, tmp_path: Path) -> None:
    merge(store, facility_of(store, *SILK), facility_of(store, *TEXTILE), author="analyst-1")
    split(store, facility_of(store, *TAEDONG), "No. 245 Factory")
    exported = export_judgements(store)
    with open_store(tmp_path / "other.db") as other:
        store_articles(other, CORPUS)
        resolve_facilities(other)
        added, report = import_judgements(other, exported)
        assert added == 2 and report is not None
        assert partition(other) == partition(store)
        assert export_judgements(other) == exported
        assert import_judgements(other, exported) == (0, None)  # twice: nothing new
        assert len(list_judgements(other)) == 2


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ({"action": "merge"}, "JSON list"),
        ([{"action": "undo", "a": "x", "keys_a": ["k"], "keys_b": ["j"], "created_at": "2024"}], "action"),
        ([{"action": "merge", "a": "x", "keys_a": [], "keys_b": ["j"], "created_at": "2024"}], "keys_a"),
        ([{"action": "merge", "a": "x", "keys_a": ["k"], "keys_b": ["j"]}], "created_at"),
        (["merge"], "expected an object"),
    ],
)
def test_import_refuses_bad_records_whole(store: Store, records: object, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        import_judgements(store, records)
    assert list_judgements(store) == []


# --- order independence -----------------------------------------------------------------------

ALL: tuple[Article, ...] = CORPUS + LATER


def _reference() -> tuple[dict, list[dict]]:
    with temp_store() as s:
        store_articles(s, ALL)
        resolve_facilities(s)
        merge(s, facility_of(s, *SILK), facility_of(s, *TEXTILE))
        not_same(s, "Kanggye Youth Power Station", "Kanggye Power Station")
        return clusters(s), export_judgements(s)


REFERENCE, JUDGEMENTS = _reference()


@settings(max_examples=12, deadline=None)
@given(st.permutations(ALL))
def test_storing_order_changes_neither_clusters_nor_ids(articles: list[Article]) -> None:
    with temp_store() as s:
        store_articles(s, articles)
        import_judgements(s, JUDGEMENTS)
        assert clusters(s) == REFERENCE


@settings(max_examples=6, deadline=None)
@given(st.permutations(ALL))
def test_resolving_after_each_document_gives_the_same_clusters(articles: list[Article]) -> None:
    with temp_store() as s:
        import_judgements(s, JUDGEMENTS)
        for a in articles:
            store_articles(s, [a])
            resolve_facilities(s)
        assert partition(s) == set(REFERENCE.values())


# --- one run without a database -----------------------------------------------------------------


def run_ids(articles: list[Article]) -> dict[tuple[str, str], str]:
    analyses = [a.analysis() for a in articles]
    out = {}
    for a, ids in zip(analyses, assign_run_ids(analyses), strict=True):
        for i, f in enumerate(a.facilities):
            out[(a.doc.id or "", f.name)] = ids[i]
    return out


def test_run_ids_name_one_facility_alike_in_every_document() -> None:
    ids = run_ids(list(ALL))
    assert ids[TAEDONG] == ids[NO_245] == ids[("d-245b", "No. 245 Factory")]
    assert ids[KANGGYE] == ids[KANGGYE_SHORT]
    assert ids[WONSAN] == ids[("n-wonsan", "Wonsan Shoe Factory")] != ids[HAMHUNG]
    assert ids[SILK] != ids[TEXTILE]


def test_run_ids_keep_unnamed_facilities_as_extracted() -> None:
    a = article("u", "RFA", None, "A factory in Hyesan closed.").analysis()
    unnamed = replace(a, facilities=(Facility("factory-hyesan", "factory", "factory", False, "Ryanggang"),))
    assert assign_run_ids([unnamed]) == [{0: "factory-hyesan"}]
    assert assign_run_ids([]) == []


@settings(max_examples=15, deadline=None)
@given(st.permutations(ALL))
def test_run_ids_do_not_depend_on_input_order(articles: list[Article]) -> None:
    assert run_ids(articles) == run_ids(list(ALL))


def test_with_run_ids_rewrites_only_the_ids() -> None:
    analyses = [a.analysis() for a in ALL]
    rewritten = with_run_ids(analyses)
    ids = run_ids(list(ALL))
    for before, after in zip(analyses, rewritten, strict=True):
        assert [f.id for f in after.facilities] == [ids[(before.doc.id or "", f.name)] for f in before.facilities]
        assert [replace(f, id="") for f in after.facilities] == [replace(f, id="") for f in before.facilities]
        assert after.mentions == before.mentions
