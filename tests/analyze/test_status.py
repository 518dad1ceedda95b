"""Status over time: the rules read from the vocabulary, runs of one status, and the status
as last reported with the sentence that says so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from analyze.corpusdata import open_corpus
from hypothesis import given
from hypothesis import strategies as st

from factorywatch.analyze.status import CLAIM_STATUS, facility_status, status_history, status_rules
from factorywatch.store import Store
from factorywatch.store.corpus_records import StatusSignal
from factorywatch.vocab import vocab


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_corpus(tmp_path_factory.mktemp("status") / "corpus.db") as s:
        yield s


@pytest.mark.parametrize(
    ("what", "basis", "status"),
    [
        ("event", "shutdown", "stopped"),
        ("event", "underperformance", "reduced"),
        ("event", "shortage", "reduced"),
        ("event", "opening", "operating"),
        ("event", "commendation", "operating"),
        ("event", "investigation", "under_investigation"),
        ("claim", "positive", "operating"),
        ("claim", "negative", "reduced"),
    ],
)
def test_rules(what: str, basis: str, status: str) -> None:
    assert [r[2] for r in status_rules() if r[:2] == (what, basis)] == [status]


def test_event_types_without_a_status_imply_none() -> None:
    ruled = {r[1] for r in status_rules() if r[0] == "event"}
    assert ruled == {t for t, s in vocab().event_status.items() if s is not None}
    assert {"leader_visit", "punishment", "construction", "criticism"}.isdisjoint(ruled)


def test_on_one_day_an_event_outranks_any_claim_and_a_negative_claim_a_positive_one() -> None:
    rank = {(w, b): r for w, b, _, r in status_rules()}
    assert min(r for (w, _), r in rank.items() if w == "event") > max(r for (w, _), r in rank.items() if w == "claim")
    assert rank["claim", "negative"] > rank["claim", "positive"]
    assert set(CLAIM_STATUS.values()) <= set(vocab().statuses)


signals = st.lists(
    st.builds(StatusSignal, day=st.one_of(st.none(), st.dates().map(str)),
              status=st.sampled_from(["operating", "reduced", "stopped"]), what=st.just("event"),
              basis=st.just("x"), side=st.none(), document=st.integers(1, 9), idx=st.integers(0, 3)),
    max_size=30,
)


@given(signals)
def test_history_is_runs_of_one_status_covering_every_signal(items: list[StatusSignal]) -> None:
    periods = status_history(items)
    assert sum(p.reports for p in periods) == len(items)
    assert all(a.status != b.status for a, b in zip(periods, periods[1:], strict=False))
    at = 0
    for p in periods:
        run = items[at : at + p.reports]
        assert {s.status for s in run} == {p.status}
        assert (p.since, p.until, p.latest) == (run[0].day, run[-1].day, run[-1])
        at += p.reports


def test_status_as_last_reported_with_its_sentence(store: Store) -> None:
    history = facility_status(store, "ryongbong-steel-complex")
    assert [(p.status, p.since) for p in history] == [
        ("operating", "2023-03-10"), ("stopped", "2023-05"), ("operating", "2023-09-14"),
        ("under_investigation", "2024-01-13")]
    last = history[-1]
    assert last.label == "Under investigation" and last.until == "2024-01-13"
    assert last.evidence is not None and last.evidence.text.startswith("Investigators from the Central Committee")
    assert last.evidence.document.outlet == "RFA"


def test_history_keeps_the_newest_periods_under_a_limit(store: Store) -> None:
    assert [p.status for p in facility_status(store, "ryongbong-steel-complex", limit=2)] == [
        "operating", "under_investigation"]


def test_a_claim_gives_the_status_where_no_event_does(store: Store) -> None:
    (period,) = facility_status(store, "sariwon-cement-factory")[-1:]
    assert (period.status, period.until, period.latest.what, period.latest.side) == (
        "reduced", "2021-08-01", "claim", "independent")
    assert period.evidence is not None and "produced almost nothing" in period.evidence.text


def test_a_facility_nothing_reports_on_has_no_status(store: Store) -> None:
    assert facility_status(store, "no-such-facility") == ()
