"""The corpus views' SQL: evidence sliced by offsets, the facility summary and its freshness,
filters, name lookups, and the join order that keeps one facility's views cheap."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from analyze.corpusdata import DOCS, open_corpus

from factorywatch.analyze.status import status_rules
from factorywatch.errors import UsageError
from factorywatch.store import Store, open_store
from factorywatch.store.corpus import Corpus
from factorywatch.store.facilities import CanonicalFacility

RULES = status_rules()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_corpus(tmp_path / "corpus.db") as s:
        yield s


def test_no_other_mixin_shadows_a_corpus_method() -> None:
    mine = [name for name, _ in inspect.getmembers(Corpus, inspect.isfunction) if name in vars(Corpus)]
    assert mine and all(getattr(Store, name) is getattr(Corpus, name) for name in mine)


def test_every_evidence_is_the_slice_of_its_document_text(store: Store) -> None:
    texts = {d.key: d.text for d in DOCS}
    events, claims = list(store.event_rows()), list(store.claim_rows())
    assert len(events) == sum(len(d.events) for d in DOCS)
    assert len(claims) == sum(len(d.claims) for d in DOCS)
    for row in (*events, *claims):
        text = texts[row.document.doc_id]
        assert row.evidence == text[row.evidence_start : row.evidence_end]


def test_evidence_by_key_slices_the_text(store: Store) -> None:
    row = next(store.event_rows(types=["shutdown"]))
    found = store.evidence("event", [(row.document.id, row.idx)])
    assert found[row.document.id, row.idx].text == row.evidence
    assert found[row.document.id, row.idx].document == row.document


def test_the_summary_goes_stale_when_membership_changes_and_back_on_refresh(store: Store) -> None:
    assert store.facility_summary_fresh(RULES)
    store.db.execute("DELETE FROM facility_members WHERE facility = 'sokam-coal-mine'")
    assert not store.facility_summary_fresh(RULES)
    store.refresh_facility_summary(RULES)
    assert store.facility_summary_fresh(RULES)
    assert not store.facility_summary_fresh(RULES[:-1]), "other rules: another summary"


def test_stale_and_fresh_summaries_give_the_same_rows(store: Store) -> None:
    fresh = store.facility_rows(RULES, sort="name", limit=None), store.contradiction_rows(RULES, limit=None)
    store.db.execute("UPDATE corpus_version SET n = n + 1")
    assert not store.facility_summary_fresh(RULES)
    stale = store.facility_rows(RULES, sort="name", limit=None), store.contradiction_rows(RULES, limit=None)
    assert stale == fresh


def test_a_read_only_connection_never_rebuilds_the_summary(store: Store) -> None:
    store.db.execute("UPDATE corpus_version SET n = n + 1")
    store.db.execute("PRAGMA query_only = ON")
    store.ensure_facility_summary(RULES)  # no write attempted, no error
    assert not store.facility_summary_fresh(RULES)
    assert [r.id for r in store.facility_rows(RULES, contradicted=True)] == [
        "ryongbong-steel-complex", "sariwon-cement-factory"]


def test_re_resolution_that_changes_a_member_makes_the_summary_stale(store: Store) -> None:
    members = [(d, i, f) for d, i, f in store.db.execute("SELECT document, idx, facility FROM facility_members")]
    facilities = [store.canonical_facility(f) for (f,) in store.db.execute("SELECT id FROM facilities")]
    keys = list(store.db.execute("SELECT key, province, source, facility FROM facility_keys"))
    store.replace_facilities(facilities, members, keys, [])
    assert store.facility_summary_fresh(RULES), "an unchanged resolution keeps the summary"
    moved = [(d, i, "sokam-coal-mine" if f == "hyesan-blanket-factory" else f) for d, i, f in members]
    store.replace_facilities(facilities, moved, keys, [])
    assert not store.facility_summary_fresh(RULES)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["ryongbong-steel-complex", "hyesan-blanket-factory", "sariwon-cement-factory", "sokam-coal-mine",
              "sariwon-tile-factory"]),
        ({"kind": "mine"}, ["sokam-coal-mine"]),
        ({"province": "North Hwanghae"}, ["sariwon-cement-factory", "sariwon-tile-factory"]),
        ({"status": "reduced"}, ["hyesan-blanket-factory", "sariwon-cement-factory", "sokam-coal-mine"]),
        ({"status": "under_investigation"}, ["ryongbong-steel-complex"]),
        ({"contradicted": True}, ["ryongbong-steel-complex", "sariwon-cement-factory"]),
        ({"contradicted": False}, ["hyesan-blanket-factory", "sokam-coal-mine", "sariwon-tile-factory"]),
        ({"event_type": "shortage"}, ["hyesan-blanket-factory"]),
        ({"year": 2021}, ["sariwon-cement-factory"]),
        ({"text": "steel works"}, ["ryongbong-steel-complex"]),
        ({"text": "IRON AND"}, ["ryongbong-steel-complex"]),
        ({"text": "%"}, []),
        ({"text": "_"}, []),
        ({"province": "North Hwanghae", "contradicted": True}, ["sariwon-cement-factory"]),
        ({"sort": "last-event"}, ["ryongbong-steel-complex", "hyesan-blanket-factory", "sokam-coal-mine",
                                  "sariwon-cement-factory", "sariwon-tile-factory"]),
        ({"sort": "name"}, ["hyesan-blanket-factory", "ryongbong-steel-complex", "sariwon-cement-factory",
                            "sariwon-tile-factory", "sokam-coal-mine"]),
    ],
)
def test_facility_filters_and_sorts(store: Store, filters: dict, expected: list[str]) -> None:
    assert [r.id for r in store.facility_rows(RULES, **filters)] == expected


def test_unknown_sort_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError, match="sort"):
        store.facility_rows(RULES, sort="size")


def test_facility_row_carries_status_last_event_and_contradiction(store: Store) -> None:
    (row,) = store.facility_rows(RULES, text="Ryongbong")
    assert (row.status, row.status_date, row.last_event, row.contradicted, row.reports) == (
        "under_investigation", "2024-01-13", "2024-01-13", True, 4)


@pytest.mark.parametrize(
    ("name", "partial", "expected"),
    [
        ("ryongbong steel works", False, ["ryongbong-steel-complex"]),
        ("Ryongbong Iron and Steel Complex", False, ["ryongbong-steel-complex"]),
        ("Ryongbong", False, []),
        ("Ryongbong", True, ["ryongbong-steel-complex"]),
        ("sariwon", True, ["sariwon-cement-factory", "sariwon-tile-factory"]),
        ("Sariwon%", True, []),
    ],
)
def test_facilities_named(store: Store, name: str, partial: bool, expected: list[str]) -> None:
    assert store.facilities_named(name, partial=partial) == expected


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2023", "2023", ["2023-02-15", "2023-03-10", "2023-05", "2023-09-14", "2023-12"]),
        ("2023-06", None, ["2023-09-14", "2023-12", "2024-01-13"]),
        (None, "2022-11", ["2022-11-01"]),
    ],
)
def test_events_between_dates(store: Store, since: str | None, until: str | None, expected: list[str]) -> None:
    assert [e.day for e in store.event_rows(since=since, until=until)] == expected


def test_a_bad_date_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError, match="since"):
        list(store.event_rows(since="last year"))


def test_a_claim_counts_for_status_only_without_a_status_event_in_its_document(store: Store) -> None:
    signals = store.status_signals("ryongbong-steel-complex", RULES)
    assert [(s.what, s.basis) for s in signals] == [
        ("event", "commendation"), ("event", "shutdown"), ("event", "opening"), ("event", "investigation")]
    sokam = store.status_signals("sokam-coal-mine", RULES)
    assert [(s.what, s.basis, s.status) for s in sokam] == [("event", "underperformance", "reduced")]
    tile = store.status_signals("sariwon-tile-factory", RULES)
    assert [(s.what, s.basis, s.side, s.status) for s in tile] == [("claim", "positive", "official", "operating")]


def test_the_views_of_one_facility_start_from_its_members(store: Store) -> None:
    """The plan that keeps a dossier cheap on a large corpus: members by facility, then
    their events through (document, facility), the document date from a covering index."""
    sql = ("EXPLAIN QUERY PLAN SELECT count(*) FROM facility_members m CROSS JOIN doc_events e INDEXED BY"
           " doc_events_facility ON e.document = m.document AND e.facility = m.idx CROSS JOIN documents d INDEXED BY"
           " documents_id_published ON d.id = m.document WHERE m.facility = ?")
    plan = " | ".join(r[3] for r in store.db.execute(sql, ("x",)))
    assert "facility_members_facility (facility=?)" in plan
    assert "COVERING INDEX doc_events_facility" in plan and "COVERING INDEX documents_id_published" in plan


def test_a_new_database_has_the_summary_tables(tmp_path: Path) -> None:
    with open_store(tmp_path / "new.db") as s:
        assert s.facility_rows(RULES) == []
        s.refresh_facility_summary(RULES)
        assert s.facility_summary_fresh(RULES)
        s.replace_facilities([CanonicalFacility("x", "X Factory", "factory", None, None, None, 0, None, None, "t")],
                             [], [], [])
        assert s.facility_summary_fresh(RULES), "a facility row without members changes no summary"
        rows = s.facility_rows(RULES)
        assert [replace(r, contradicted=False) for r in rows] == rows and rows[0].status is None
        assert [r.id for r in s.facility_rows(RULES, status="unknown")] == ["x"]
