"""Per-document metadata: headline, content hash, language; checked on the real seeds and dev
articles (read from ../shared, skipped when absent)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import shared_path
from hypothesis import given
from hypothesis import strategies as st

from factorywatch.ingest import content_hash, outlet_side, read_paths
from factorywatch.ingest.document import detect_language
from factorywatch.ingest.text import detect_title
from factorywatch.model import Document

TITLES = [
    (
        "headline then body",
        "Sample Mill Idle for Months\n\nThe Sample Mill has stood idle since May.",
        "Sample Mill Idle for Months",
    ),
    (
        "question headline",
        "Where Did the Sample Shoes Go?\nNobody knows where the shoes went.",
        "Where Did the Sample Shoes Go?",
    ),
    (
        "quoted word in headline",
        "Sample mill called “exemplary”\n\nThe mill was praised.",
        "Sample mill called “exemplary”",
    ),
    (
        "page furniture first",
        "38.1 C\nDelhi\nSunday, April 27, 2025\n\nEmpty promises: sample factories fail\n\nBody.",
        "Empty promises: sample factories fail",
    ),
    (
        "one-word furniture",
        "Delhi\nSunday, April 27, 2025\n\nSample factories fail\n\nBody text.",
        "Sample factories fail",
    ),
    ("two-word headline", "Press Review\n\nRodong Sinmun today carries an article on the sample mill.", "Press Review"),
    ("dated headline", "Sample Mill Praised\n[Juche113.1.2.]\n\nThe mill was praised.", "Sample Mill Praised"),
    ("starts with prose", "The Sample Mill has stood idle since May, Daily NK has learned.\n\nMore text.", None),
    ("starts with a quote", "“The mill is idle,” a source said.\n\nMore text.", None),
    ("photo caption", "A picture of the sample mill published on Oct. 27. (Rodong Sinmun-News1)\n\nText.", None),
    ("dateline first", "Pyongyang, May 3 (KCNA) -- The Sample Mill met its plan\n\nText.", None),
    ("a single line", "Sample Mill Idle for Months", None),
    ("too long to be a headline", ("word " * 60).strip() + "\n\nBody.", None),
    ("empty", "", None),
]


@pytest.mark.parametrize(("text", "title"), [c[1:] for c in TITLES], ids=[c[0] for c in TITLES])
def test_detect_title(text: str, title: str | None) -> None:
    assert detect_title(text) == title


@given(st.text(max_size=200))
def test_content_hash_ignores_spacing_and_unicode_composition(text: str) -> None:
    words = text.split()
    respaced = "\n  " + " \t\n".join(unicodedata.normalize("NFD", w) for w in words) + "  \r\n"
    assert content_hash(respaced) == content_hash(text) == content_hash(" ".join(words))


def test_content_hash_tells_different_texts_apart() -> None:
    assert content_hash("The mill was idle.") != content_hash("The mill was busy.")
    assert content_hash("Pyŏngyang") == content_hash("Pyo\u0306ngyang")  # NFC
    assert content_hash("a  b\n\nc ") == content_hash("a b c")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Sample Mill stood idle.", "en"),
        ("평양 신발공장은 지난달 계획을 넘쳐 수행하였다.", "ko"),
        ("The 평양 shoe factory in Pyongyang stood idle for most of the winter months.", "en"),
        ("평양신발공장(Pyongyang Shoe Factory)은 멈췄다.", "ko"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


SEEDS_FROM_TEXT = {
    # what a .txt seed itself shows; None where only the page it was saved from did
    "seed-000": {"title": None, "outlet": "Daily NK", "published": None},
    "seed-001": {"title": "gold", "outlet": "Daily NK", "published": "2025-04-04"},
    "seed-002": {"title": None, "outlet": "Daily NK", "published": None},
    "seed-003": {"title": "gold", "outlet": None, "published": None},  # only "Image: KCNA" names an outlet
    "seed-004": {"title": "gold", "outlet": "Daily NK", "published": None},
}


def test_seed_texts_give_the_gold_metadata_they_show(seeds_gold: list[dict]) -> None:
    seeds = shared_path("corpus", "seeds")
    documents = [d for d in read_paths([seeds]) if isinstance(d, Document) and d.id.endswith(".txt")]
    assert [d.id[:3] for d in documents] == ["000", "001", "002", "003", "004"]
    for doc, gold in zip(documents, seeds_gold, strict=True):
        assert doc.text == gold["text"]
        expected = {k: gold[k] if v == "gold" else v for k, v in SEEDS_FROM_TEXT[gold["id"]].items()}
        assert {"title": doc.title, "outlet": doc.outlet, "published": doc.published} == expected, gold["id"]
        for key, value in expected.items():  # never a value the gold contradicts
            assert value in (None, gold[key]), (gold["id"], key)


def test_seed_gold_records_read_as_jsonl_keep_their_fields(seeds_gold: list[dict]) -> None:
    [*documents] = read_paths([shared_path("corpus", "seeds", "gold.jsonl")])
    assert [(d.id, d.title, d.outlet, d.published, d.url, d.text) for d in documents] == [
        (g["id"], g["title"] or None, g["outlet"], g["published"], g["url"], g["text"]) for g in seeds_gold
    ]


def test_dev_texts_alone_never_give_wrong_metadata(dev_gold: list[dict], tmp_path: Path) -> None:
    """Each dev article saved as a bare .txt: the headline is found exactly, and a date or
    outlet found in the text agrees with the gold (same day or coarser, same side)."""
    found = {"published": 0, "outlet": 0}
    for record in dev_gold:
        path = tmp_path / f"{record['id']}.txt"
        path.write_text(record["text"], encoding="utf-8")
        [doc] = read_paths([path])
        assert doc.title == (record["title"] or None), record["id"]
        if doc.published:
            found["published"] += 1
            assert record["published"] and record["published"].startswith(doc.published[: len(record["published"])]), (
                record["id"]
            )
        if doc.outlet:
            found["outlet"] += 1
            assert outlet_side(doc.outlet) == outlet_side(record["outlet"]), record["id"]
    assert found["published"] >= 8 and found["outlet"] >= 25, found  # of 41: the rest say nothing
