"""A facility's dossier on the fictional corpus, and finding a facility by id or by name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict

import pytest
from analyze.corpusdata import S3, S5, open_corpus

from factorywatch.analyze.dossier import Dossier, dossier
from factorywatch.analyze.facilities import find_facility, list_facilities
from factorywatch.errors import NotFound, UsageError
from factorywatch.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_corpus(tmp_path_factory.mktemp("dossier") / "corpus.db") as s:
        yield s


@pytest.fixture(scope="module")
def ryongbong(store: Store) -> Dossier:
    return dossier(store, "Ryongbong Steel Complex")


def test_names_and_aliases_with_counts(ryongbong: Dossier) -> None:
    assert [(n.name, n.mentions, n.documents) for n in ryongbong.names] == [
        ("Ryongbong Steel Complex", 2, 2), ("Ryongbong Iron and Steel Complex", 1, 1),
        ("Ryongbong Steel Works", 1, 1)]


def test_place_with_how_it_is_known_and_its_coordinates(ryongbong: Dossier) -> None:
    place = ryongbong.place
    assert (place.province, place.locality, place.place_source) == ("North Hamgyong", "Chongjin", "sentence")
    assert place.location is not None and place.location.precision == "locality"
    assert 41.5 < place.location.lat < 42.5 and 129.5 < place.location.lon < 130.5
    assert [(r.locality, r.place_source, r.documents) for r in place.reported] == [
        ("Chongjin", "sentence", 2), ("Chongjin", "name", 1), (None, "source_location", 1)]


def test_timeline_in_date_order_with_evidence_outlet_and_document(ryongbong: Dossier) -> None:
    assert [(e.day, e.type, e.document.outlet) for e in ryongbong.events] == [
        ("2023-03-10", "commendation", "KCNA"), ("2023-05", "shutdown", "Daily NK"),
        ("2023-09-14", "opening", "Rodong Sinmun"), ("2024-01-13", "investigation", "RFA")]
    shutdown = ryongbong.events[1]
    assert shutdown.evidence == S3 and shutdown.document.doc_id == "dnk-rb-2" and shutdown.date_precision == "month"


def test_claims_grouped_by_side_newest_first(ryongbong: Dossier) -> None:
    assert [(c.polarity, c.document.published) for c in ryongbong.official_claims] == [
        ("positive", "2023-09-15"), ("positive", "2023-03-10")]
    assert [(c.polarity, c.source) for c in ryongbong.independent_claims] == [
        ("negative", "a source in North Hamgyong Province")]


def test_contradiction_across_documents(ryongbong: Dossier) -> None:
    x = ryongbong.contradiction
    assert x is not None and (x.officials, x.independents) == (2, 1)
    assert (x.official.evidence, x.official.document.outlet) == (S5, "Rodong Sinmun")
    assert (x.independent.evidence, x.independent.document.outlet) == (S3, "Daily NK")


def test_status_as_last_reported(ryongbong: Dossier) -> None:
    assert ryongbong.status is not None
    assert (ryongbong.status.status, ryongbong.status.until) == ("under_investigation", "2024-01-13")
    assert [p.status for p in ryongbong.status_history] == ["operating", "stopped", "operating", "under_investigation"]


def test_documents_newest_first_with_the_name_each_used(ryongbong: Dossier) -> None:
    assert [(d.document.doc_id, d.side, d.name) for d in ryongbong.documents] == [
        ("rfa-rb-4", "independent", "Ryongbong Steel Complex"),
        ("rodong-rb-3", "official", "Ryongbong Iron and Steel Complex"),
        ("dnk-rb-2", "independent", "Ryongbong Steel Works"),
        ("kcna-rb-1", "official", "Ryongbong Steel Complex")]
    assert (ryongbong.counts.documents, ryongbong.counts.events, ryongbong.counts.claims) == (4, 4, 3)


def test_a_dossier_serialises_to_json(ryongbong: Dossier) -> None:
    data = json.loads(json.dumps(asdict(ryongbong)))
    assert data["facility"]["id"] == "ryongbong-steel-complex"
    assert data["status"]["evidence"]["document"]["outlet"] == "RFA"


def test_limit_keeps_the_newest_items(store: Store) -> None:
    small = dossier(store, "ryongbong-steel-complex", limit=2)
    assert [e.day for e in small.events] == ["2023-09-14", "2024-01-13"]
    assert [d.document.doc_id for d in small.documents] == ["rfa-rb-4", "rodong-rb-3"]
    assert small.counts.events == 4


def test_a_facility_with_no_place_no_contradiction_and_an_undated_event(store: Store) -> None:
    d = dossier(store, "sokam-coal-mine")
    assert d.place.location is None and d.contradiction is None
    assert [e.day for e in d.events] == ["2023-02-15", None], "undated events come last"


@pytest.mark.parametrize(
    "ref",
    [
        "ryongbong-steel-complex",  # id
        "Ryongbong Steel Complex",  # name
        "RYONGBONG STEEL WORKS",  # an alias, any case
        "  Ryongbong   Iron and Steel Complex ",  # spacing
        "Ryongbong Steel Plant",  # the same name key (head noun class)
        "Ryongbong Iron",  # part of a name
    ],
)
def test_find_facility(store: Store, ref: str) -> None:
    assert find_facility(store, ref).id == "ryongbong-steel-complex"


def test_the_name_key_finds_a_spelling_no_document_used(store: Store) -> None:
    assert find_facility(store, "Sariwon Cement Complex").id == "sariwon-cement-factory"


def test_an_ambiguous_name_lists_the_candidates(store: Store) -> None:
    with pytest.raises(UsageError) as err:
        find_facility(store, "Sariwon")
    message = str(err.value)
    assert "\n" not in message
    assert "sariwon-cement-factory" in message and "sariwon-tile-factory" in message


@pytest.mark.parametrize("ref", ["Kangson Steel Complex", "zzz"])
def test_an_unknown_facility_is_not_found(store: Store, ref: str) -> None:
    with pytest.raises(NotFound, match="no facility"):
        dossier(store, ref)


def test_an_empty_reference_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError):
        find_facility(store, "   ")


def test_every_dossier_agrees_with_the_facility_list(store: Store) -> None:
    for summary in list_facilities(store, limit=None).items:
        f, d = summary.facility, dossier(store, summary.facility.id)
        assert (f.status, f.status_date) == ((d.status.status, d.status.until) if d.status else (None, None))
        assert f.contradicted == (d.contradiction is not None)
        assert f.last_event == max((e.day for e in d.events if e.day), default=None)
        assert summary.location == d.place.location
