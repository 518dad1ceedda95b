"""The corpus-wide views: the facility list, contradictions newest first, the timeline, and
where a facility is drawn."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from analyze.corpusdata import S3, S5, S7, S8, open_corpus

from factorywatch.analyze.contradictions import contradictions
from factorywatch.analyze.facilities import list_facilities
from factorywatch.analyze.place import locate
from factorywatch.analyze.timeline import timeline
from factorywatch.errors import NotFound, UsageError
from factorywatch.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_corpus(tmp_path_factory.mktemp("views") / "corpus.db") as s:
        yield s


def test_contradictions_newest_first_with_both_sentences_outlets_and_dates(store: Store) -> None:
    page = contradictions(store)
    assert [x.facility.id for x in page.items] == ["ryongbong-steel-complex", "sariwon-cement-factory"]
    first, second = page.items
    assert (first.official.evidence, first.official.document.outlet, first.official.document.published) == (
        S5, "Rodong Sinmun", "2023-09-15")
    assert (first.independent.evidence, first.independent.document.outlet) == (S3, "Daily NK")
    assert (second.official.evidence, second.independent.evidence) == (S7, S8)
    assert (first.official.side, first.official.polarity, first.independent.side, first.independent.polarity) == (
        "official", "positive", "independent", "negative")
    assert not page.has_more


def test_contradictions_filter_and_page(store: Store) -> None:
    assert [x.facility.id for x in contradictions(store, province="N. Hwanghae").items] == ["sariwon-cement-factory"]
    assert contradictions(store, kind="mine").items == ()
    first = contradictions(store, limit=1)
    assert (len(first.items), first.has_more) == (1, True)
    assert contradictions(store, limit=1, offset=1).items[0].facility.id == "sariwon-cement-factory"


def test_official_praise_against_official_criticism_or_independent_praise_is_no_contradiction(store: Store) -> None:
    contradicted = {x.facility.id for x in contradictions(store, limit=None).items}
    assert "hyesan-blanket-factory" not in contradicted and "sariwon-tile-factory" not in contradicted


def test_timeline_in_date_order_undated_last(store: Store) -> None:
    days = [e.day for e in timeline(store).items]
    assert days == ["2022-11-01", "2023-02-15", "2023-03-10", "2023-05", "2023-09-14", "2023-12", "2024-01-13", None]


def test_timeline_newest_first(store: Store) -> None:
    assert [e.day for e in timeline(store, newest_first=True, limit=3).items] == ["2024-01-13", "2023-12", "2023-09-14"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"facility": "Hyesan Blanket Factory"}, [("hyesan-blanket-factory", "commendation"),
                                                   ("hyesan-blanket-factory", "shortage")]),
        ({"province": "ryanggang"}, [("hyesan-blanket-factory", "commendation"),
                                     ("hyesan-blanket-factory", "shortage")]),
        ({"types": ["shutdown", "Investigation"]}, [("ryongbong-steel-complex", "shutdown"),
                                                    ("ryongbong-steel-complex", "investigation")]),
        ({"province": "North Hamgyong", "since": "2023-06", "until": "2023-12"},
         [("ryongbong-steel-complex", "opening")]),
    ],
)
def test_timeline_filters(store: Store, filters: dict, expected: list[tuple[str, str]]) -> None:
    assert [(e.facility.id, e.type) for e in timeline(store, **filters).items] == expected


def test_timeline_pages(store: Store) -> None:
    first, rest = timeline(store, limit=5), timeline(store, limit=5, offset=5)
    assert first.has_more and not rest.has_more
    assert len(first.items) + len(rest.items) == len(timeline(store, limit=None).items) == 8


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda s: timeline(s, types=["explosion"]), UsageError),
        (lambda s: timeline(s, province="Atlantis"), UsageError),
        (lambda s: timeline(s, facility="Nowhere Mill"), NotFound),
        (lambda s: timeline(s, limit=-1), UsageError),
        (lambda s: list_facilities(s, kind="castle"), UsageError),
        (lambda s: list_facilities(s, status="asleep"), UsageError),
        (lambda s: list_facilities(s, event_type="party"), UsageError),
        (lambda s: list_facilities(s, sort="size"), UsageError),
        (lambda s: contradictions(s, offset=-1), UsageError),
    ],
)
def test_bad_filters_are_user_errors(store: Store, call, error: type[Exception]) -> None:
    with pytest.raises(error):
        call(store)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"province": "Hwanghae-bukto", "sort": "name"}, ["sariwon-cement-factory", "sariwon-tile-factory"]),
        ({"kind": "Mine"}, ["sokam-coal-mine"]),
        ({"status": "Under investigation"}, ["ryongbong-steel-complex"]),
        ({"event_type": "Shutdown"}, ["ryongbong-steel-complex"]),
        ({"text": "  works "}, ["ryongbong-steel-complex"]),
    ],
)
def test_facility_list_filters_take_any_spelling(store: Store, filters: dict, expected: list[str]) -> None:
    assert [s.facility.id for s in list_facilities(store, **filters).items] == expected


def test_facility_list_draws_each_at_its_best_known_place(store: Store) -> None:
    by_id = {s.facility.id: s.location for s in list_facilities(store).items}
    assert by_id["ryongbong-steel-complex"] and by_id["ryongbong-steel-complex"].precision == "locality"
    assert by_id["sariwon-tile-factory"] and by_id["sariwon-tile-factory"].precision == "province"
    assert by_id["sokam-coal-mine"] is None


@pytest.mark.parametrize(
    ("province", "locality", "precision"),
    [
        ("North Hamgyong", "Chongjin", "locality"),
        (None, "Hyesan", "locality"),
        ("Ryanggang", None, "province"),
        ("Ryanggang", "Nowhere-ri", "province"),
        ("Rason", "Rason", "province"),  # the city is the province: no more precise than it
        (None, None, None),
        (None, "Nowhere-ri", None),
    ],
)
def test_locate(province: str | None, locality: str | None, precision: str | None) -> None:
    loc = locate(province, locality)
    assert (loc.precision if loc else None) == precision
    if loc:
        assert 37.5 < loc.lat < 43.1 and 124.1 < loc.lon < 130.8, "inside North Korea"


def test_stats_count_the_facilities_contradicted_across_documents(store: Store) -> None:
    stats = store.stats()
    assert stats.contradicted == len(contradictions(store, limit=None).items) == 2
    assert stats.events > 0
