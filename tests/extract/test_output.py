"""The output contract (../shared/spec/output.md): shape, vocabularies, offsets that slice
back to the text, indices of contradictions; on the seeds and on arbitrary text."""

from __future__ import annotations

import json

from conftest import shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

from factorywatch.extract import extract, extract_paths
from factorywatch.extract.output import contract_problems, to_contract
from factorywatch.model import Document

ARTICLE = (
    "Hyesan shoe factory idle despite praise\n\n"
    "State media praised the Hyesan Shoe Factory last month as a model factory.\n\n"
    "In reality, the factory has not produced a single pair of shoes since December because it has no rubber, "
    "a source in Ryanggang Province told Daily NK on Tuesday."
)
CONTRACT_FIELDS = ["doc_id", "url", "outlet", "published", "facilities", "events", "claims", "contradictions"]


def test_contract_shape_of_a_fictional_article() -> None:
    doc = Document(text=ARTICLE, id="fic-1", url="https://example.org/1", outlet="Daily NK", published="2024-03-07")
    record = to_contract(extract(doc))
    assert list(record)[: len(CONTRACT_FIELDS)] == CONTRACT_FIELDS
    assert contract_problems(record, ARTICLE) == []
    assert (record["doc_id"], record["url"], record["outlet"], record["published"]) == (
        "fic-1", "https://example.org/1", "Daily NK", "2024-03-07")
    (fac,) = record["facilities"]
    assert fac["id"] == "hyesan-shoe-factory" and fac["kind"] == "factory" and fac["named"] is True
    assert [m["text"] for m in fac["mentions"]] == ["Hyesan Shoe Factory"]
    assert {(e["type"], e["facility"]) for e in record["events"]} >= {
        ("commendation", "hyesan-shoe-factory"), ("shutdown", "hyesan-shoe-factory"),
        ("shortage", "hyesan-shoe-factory")}
    assert {(c["side"], c["polarity"]) for c in record["claims"]} == {
        ("official", "positive"), ("independent", "negative")}
    (co,) = record["contradictions"]
    assert record["claims"][co["official"]]["side"] == "official"
    assert record["claims"][co["independent"]]["polarity"] == "negative"
    json.dumps(record)  # plain JSON all the way down


def test_contract_problems_finds_broken_records() -> None:
    record = to_contract(extract(Document(text=ARTICLE, id="fic-1", outlet="Daily NK")))
    record["events"][0]["type"] = "party"
    record["events"][0]["evidence"]["start"] += 1
    record["contradictions"][0]["official"] = 99
    del record["url"]
    problems = contract_problems(record, ARTICLE)
    assert any("missing field url" in p for p in problems)
    assert any("events[0].type" in p for p in problems)
    assert any("offsets do not slice" in p for p in problems)
    assert any("contradictions[0].official" in p for p in problems)


def test_the_seeds_end_to_end() -> None:
    folder = shared_path("corpus", "seeds")
    texts = []
    for item in extract_paths([str(p) for p in sorted(folder.glob("*.txt"))]):
        assert not isinstance(item, Exception), item
        assert contract_problems(to_contract(item), item.text) == []
        texts.append(item.text)
    records = {}
    for item in extract_paths([str(folder / "gold.jsonl")]):
        assert not isinstance(item, Exception), item
        record = to_contract(item)
        assert contract_problems(record, item.text) == []
        records[record["doc_id"]] = record
    assert len(texts) == len(records) == 5
    assert {c["facility"] for c in records["seed-000"]["contradictions"]} == {"wonsan-shoe-factory"}
    assert {(e["type"], e["date"]) for e in records["seed-003"]["events"]} >= {("leader_visit", "2018-08-20")}
    assert sum(e["type"] == "shutdown" for e in records["seed-004"]["events"]) >= 14


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["KCNA", "Daily NK", None]))
def test_any_text_gives_a_valid_record(text: str, outlet: str | None) -> None:
    record = to_contract(extract(Document(text=text, id="x", outlet=outlet)))
    assert contract_problems(record, text) == []
