"""Clustering: order independence, must/cannot links, stable ids, possible matches, and the
quality gate over the real alias groups and gold facilities in ../shared."""

from __future__ import annotations

import json
from itertools import combinations

from conftest import read_jsonl, shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

from factorywatch.resolve.cluster import cluster, cluster_lines, resolve_names
from factorywatch.resolve.matcher import NameRecord

# Fictional names in the style of real ones: variants of one site, and near neighbours.
NAMES = [
    "Kusong Medical Appliances Factory",
    "Kusong Medical Device Factory",
    "구성의료기구공장",
    "Kusong Tile Factory",
    "Kusong Tiles Factory",
    "Ryongbuk Coal Mine",
    "Ryongbuk Mine",
    "Ryongbuk Iron Mine",
    "Ryongbuk Mining Complex",
    "Namsan Youth Chemical Complex",
    "Namsan Chemical Complex",
    "Namsan Chemical Works",
    "Namsan Fertilizer Complex",
    "Hamheung Glass Factory",
    "Hamhung Glass Factory",
    "Hamhung Glasses Factory",
    "May 7 Factory",
    "August 17 Factory",
    "No. 17 Factory",
    "Factory No. 17",
    "Taedong River Brush Factory",
    "Taedonggang Brush Factory",
    "Taedonggang Brush Factory No. 3",
]


def partition(clusters) -> set[frozenset[str]]:
    return {frozenset(m.name for m in c.members) for c in clusters}


@settings(max_examples=40, deadline=None)
@given(st.permutations(NAMES))
def test_clusters_do_not_depend_on_order(names: list[str]) -> None:
    assert [(c.id, c.names) for c in cluster(names)] == [(c.id, c.names) for c in cluster(NAMES)]


@settings(max_examples=20, deadline=None)
@given(st.permutations([(n, f"doc-{i % 5}") for i, n in enumerate(NAMES)]))
def test_shuffled_documents_give_the_same_clusters_and_links(records: list[tuple[str, str]]) -> None:
    links = [(NameRecord("Taedong River Brush Factory"), NameRecord("No. 17 Factory"))]
    got = resolve_names([NameRecord(n, source=s) for n, s in records], must_link=links)
    want = resolve_names([NameRecord(n, source=s) for n, s in sorted(records)], must_link=links[::-1])
    assert got == want


def test_variants_merge_and_neighbours_stay_apart() -> None:
    groups = partition(cluster(NAMES))
    assert (
        frozenset({"Kusong Medical Appliances Factory", "Kusong Medical Device Factory", "구성의료기구공장"}) in groups
    )
    assert frozenset({"Hamheung Glass Factory", "Hamhung Glass Factory", "Hamhung Glasses Factory"}) in groups
    assert frozenset({"No. 17 Factory", "Factory No. 17"}) in groups
    assert frozenset({"May 7 Factory"}) in groups and frozenset({"August 17 Factory"}) in groups
    fertilizer = next(g for g in groups if "Namsan Fertilizer Complex" in g)
    assert fertilizer == {"Namsan Fertilizer Complex"}
    # a chain of near matches never joins a coal mine to an iron mine
    coal = next(g for g in groups if "Ryongbuk Coal Mine" in g)
    assert "Ryongbuk Iron Mine" not in coal


def test_must_links_join_a_number_name_to_its_facility_and_cannot_links_win() -> None:
    names = ["Taedonggang Brush Factory", "Taedong River Brush Factory", "No. 17 Factory", "Factory No. 17"]
    linked = partition(cluster(names, must_link=[("Taedong River Brush Factory", "No. 17 Factory")]))
    assert linked == {frozenset(names)}
    split = cluster(
        names,
        must_link=[("Taedong River Brush Factory", "No. 17 Factory")],
        cannot_link=[("Taedonggang Brush Factory", "Factory No. 17")],
    )
    assert len(split) == 2


def test_a_bracketed_alias_is_a_link() -> None:
    names = ["Taedong River Brush Factory (No. 17 Factory)", "Factory No. 17", "Taedonggang Brush Factory"]
    assert len(cluster(names)) == 1


def test_provinces_keep_namesakes_apart_with_distinct_ids() -> None:
    records = [
        NameRecord("Unsan Foodstuff Factory", province="North Pyongan"),
        NameRecord("Unsan Foodstuff Factory", province="South Pyongan"),
    ]
    ids = [c.id for c in cluster(records)]
    assert sorted(ids) == ["unsan-foodstuff-factory-north-pyongan", "unsan-foodstuff-factory-south-pyongan"]


def test_ids_are_slugs_of_the_most_standard_name() -> None:
    clusters = cluster(
        ["Taedong River Brush Factory", "Taedonggang Brush Factory", "No. 17 Factory"],
        must_link=[("Taedonggang Brush Factory", "No. 17 Factory")],
    )
    assert [(c.id, c.name) for c in clusters] == [("taedonggang-brush-factory", "Taedonggang Brush Factory")]


def test_possible_matches_are_reported_between_clusters() -> None:
    result = resolve_names(["Taedonggang Brush Factory", "Taedonggang Brush Factory No. 3"])
    assert len(result.clusters) == 2
    assert [(p.name_a, p.name_b) for p in result.possible] == [
        ("Taedonggang Brush Factory", "Taedonggang Brush Factory No. 3")
    ]
    assert any("number" in f.reason for f in result.possible[0].match.reasons)


def test_cluster_lines_keep_input_order_and_skip_blank_lines() -> None:
    out = cluster_lines(["Wonsan Shoes Factory", "", "  Wonsan Shoe Factory  ", "!!!"])
    assert [n for n, _ in out] == ["Wonsan Shoes Factory", "Wonsan Shoe Factory", "!!!"]
    assert out[0][1] == out[1][1] != out[2][1]


def pairwise_f1(gold: dict, pred: dict) -> float:
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        same_gold, same_pred = gold[a] == gold[b], pred[a] == pred[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def test_quality_alias_groups() -> None:
    groups = read_jsonl(shared_path("corpus", "aliases", "dev.jsonl"))
    gold = {n: g["group"] for g in groups for n in g["names"]}
    pred = dict(cluster_lines(list(gold)))
    assert pairwise_f1(gold, pred) >= 0.95


def test_quality_cross_document_identity(dev_gold: list[dict]) -> None:
    """Mentions of one facility in one document are links (as extraction gives them);
    identity across documents is the resolver's job."""
    records, links, gold = [], [], {}
    for doc in dev_gold:
        for i, fac in enumerate(doc["facilities"]):
            mentions = [NameRecord(m, source=f"{doc['id']}#{i}") for m in fac["mentions"]]
            records += mentions
            links += [(mentions[0], m) for m in mentions[1:]]
            gold.update({(m.name, m.source): fac["key"] for m in mentions})
    pred = {(m.name, m.source): c.id for c in resolve_names(records, must_link=links).clusters for m in c.members}
    assert pairwise_f1(gold, pred) >= 0.90, json.dumps(gold)
