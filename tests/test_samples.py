"""The sample corpus that ships in the package, and its gold annotation.

The samples feed the README Quick start and the tests, so they must stay what the README beside
them says they are, and the gold (tests/data/samples_gold.jsonl) must stay valid against
annotation.md: evidence copied exactly, vocabularies from vocab.yaml, texts equal to what the
tool reads, and enough official-versus-independent contradictions to show the tool's point.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import pytest
from conftest import ROOT, read_jsonl

from factorywatch.vocab import EVENT_TYPES, FACILITY_KINDS, POLARITIES, PROVINCES, SIDES

SAMPLES = Path(str(resources.files("factorywatch.data").joinpath("samples")))
README = SAMPLES / "README.md"
GOLD = read_jsonl(ROOT / "tests" / "data" / "samples_gold.jsonl")
RECORDS = {r["id"]: r for r in read_jsonl(SAMPLES / "sample-records.jsonl")}
GOLD_IDS = [g["id"] for g in GOLD]

DOC_KEYS = ["id", "url", "outlet", "published", "title", "text", "facilities", "ignore", "events", "claims",
            "contradictions"]
FACILITY_KEYS = ["key", "name", "mentions", "kind", "province", "locality", "named"]
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def sample_files() -> list[str]:
    return sorted(p.name for p in SAMPLES.iterdir() if p.is_file() and p.name != "README.md")


def listed_in_readme() -> set[str]:
    return set(re.findall(r"^\| `([^`]+)` \|", README.read_text("utf-8"), flags=re.M))


def is_iso(value: str) -> bool:
    if not ISO.fullmatch(value):
        return False
    parts = [int(x) for x in value.split("-")] + [1, 1]
    try:
        dt.date(*parts[:3])
    except ValueError:
        return False
    return True


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'.-]\w+)*", re.sub(r"<[^>]+>", " ", text)))


# ---- the files and the README beside them -------------------------------------------------


def test_readme_says_the_samples_are_fiction() -> None:
    text = README.read_text("utf-8")
    assert "fiction" in text and "no real event is described" in text


def test_every_sample_file_is_listed_in_the_readme_and_every_listed_file_exists() -> None:
    assert set(sample_files()) == listed_in_readme()


@pytest.mark.parametrize(
    ("suffix", "count"),
    [(".txt", 13), (".html", 2), (".jsonl", 1), (".xml", 1)],
)
def test_every_input_form_is_present(suffix: str, count: int) -> None:
    assert sum(name.endswith(suffix) for name in sample_files()) == count


@pytest.mark.parametrize("name", [n for n in sample_files() if n.endswith(".txt")])
def test_txt_sample_is_headline_blank_line_body_and_utf8_without_bom(name: str) -> None:
    raw = (SAMPLES / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    lines = raw.decode("utf-8").split("\n")
    assert lines[0].strip() and not lines[1]
    assert 120 <= words(raw.decode("utf-8")) <= 350


@pytest.mark.parametrize("name", [n for n in sample_files() if n.endswith(".html")])
def test_html_sample_is_a_saved_page_with_metadata_around_an_article(name: str) -> None:
    page = (SAMPLES / name).read_text("utf-8")
    for marker in ('<meta property="og:site_name"', '<meta property="article:published_time"', "<title>",
                   "<nav", "<footer>", "<article>"):
        assert marker in page, marker
    article = page[page.index("<article>") : page.index("</article>")]
    assert 120 <= words(article) <= 350


def test_jsonl_sample_holds_three_records_with_the_metadata_fields() -> None:
    assert len(RECORDS) == 3
    for record in RECORDS.values():
        assert set(record) == {"id", "url", "outlet", "published", "title", "text"}
        assert is_iso(record["published"]) and record["url"].startswith("https://example.org/")
        assert 120 <= words(record["text"]) <= 350


def test_feed_sample_is_rss2_with_two_dated_items() -> None:
    root = ET.parse(SAMPLES / "sample-feed.xml").getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert len(items) == 2
    for item in items:
        for tag in ("title", "link", "guid", "pubDate", "description", "source"):
            assert (item.findtext(tag) or "").strip(), tag
        assert 120 <= words(item.findtext("description") or "") <= 350


# ---- the gold: shape, vocabularies, evidence -----------------------------------------------


def test_gold_annotates_every_txt_file_and_every_record_once() -> None:
    expected = {n for n in sample_files() if n.endswith(".txt")} | set(RECORDS)
    assert sorted(GOLD_IDS) == sorted(expected)
    assert len(GOLD_IDS) == len(set(GOLD_IDS))


@pytest.mark.parametrize("gold", GOLD, ids=GOLD_IDS)
def test_gold_text_and_metadata_equal_what_the_tool_reads(gold: dict) -> None:
    if gold["id"] in RECORDS:
        record = RECORDS[gold["id"]]
        assert {k: gold[k] for k in record} == record
    else:
        text = (SAMPLES / gold["id"]).read_bytes().decode("utf-8")
        assert gold["text"] == text
        assert gold["title"] == text.split("\n", 1)[0]
        assert gold["url"] is None


@pytest.mark.parametrize("gold", GOLD, ids=GOLD_IDS)
def test_gold_line_has_the_annotation_shape_and_vocabularies(gold: dict) -> None:
    assert list(gold) == DOC_KEYS
    assert gold["published"] is None or is_iso(gold["published"])
    keys = [f["key"] for f in gold["facilities"]]
    assert len(keys) == len(set(keys))
    for fac in gold["facilities"]:
        assert list(fac) == FACILITY_KEYS
        assert SLUG.fullmatch(fac["key"]), fac["key"]
        assert fac["kind"] in FACILITY_KINDS
        assert fac["province"] is None or fac["province"] in PROVINCES
        assert fac["name"] in fac["mentions"] or not fac["named"]
        for mention in fac["mentions"]:
            assert mention in gold["text"] and not mention.lower().startswith("the "), mention
    for name in gold["ignore"]:
        assert name in gold["text"]
    for event in gold["events"]:
        assert set(event) == {"type", "facility", "date", "evidence"}
        assert event["type"] in EVENT_TYPES
        assert event["facility"] is None or event["facility"] in keys
        assert event["date"] is None or is_iso(event["date"])
    for claim in gold["claims"]:
        assert set(claim) == {"facility", "side", "polarity", "evidence"}
        assert claim["facility"] in keys
        assert claim["side"] in SIDES and claim["polarity"] in POLARITIES


@pytest.mark.parametrize("gold", GOLD, ids=GOLD_IDS)
def test_gold_evidence_is_one_exact_sentence_of_the_text(gold: dict) -> None:
    text = gold["text"]
    for item in gold["events"] + gold["claims"]:
        evidence = item["evidence"]
        assert evidence in text, evidence
        assert evidence == evidence.strip() and "\n" not in evidence
        assert evidence[-1] in ".”\"", evidence
        assert "(KCNA) --" not in evidence, "a dateline is not part of the sentence"


@pytest.mark.parametrize("gold", GOLD, ids=GOLD_IDS)
def test_gold_has_one_event_per_type_and_facility_and_one_claim_per_side_and_polarity(gold: dict) -> None:
    events = Counter((e["type"], e["facility"]) for e in gold["events"])
    claims = Counter((c["facility"], c["side"], c["polarity"]) for c in gold["claims"])
    assert max(events.values(), default=1) == 1 and max(claims.values(), default=1) == 1


@pytest.mark.parametrize("gold", GOLD, ids=GOLD_IDS)
def test_gold_contradictions_are_exactly_the_facilities_with_both_sides_in_the_document(gold: dict) -> None:
    claims = {(c["facility"], c["side"], c["polarity"]) for c in gold["claims"]}
    both = {k for k, side, pol in claims if side == "official" and pol == "positive"} & {
        k for k, side, pol in claims if side == "independent" and pol == "negative"
    }
    assert sorted(gold["contradictions"]) == sorted(both)


def test_the_same_key_names_the_same_kind_of_facility_in_every_document() -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    for gold in GOLD:
        for fac in gold["facilities"]:
            kinds[fac["key"]].add(fac["kind"])
    assert {k: v for k, v in kinds.items() if len(v) > 1} == {}


# ---- what the samples exist to show ---------------------------------------------------------


def test_at_least_five_facilities_are_contradicted_across_documents() -> None:
    praised: dict[str, set[str]] = defaultdict(set)
    denied: dict[str, set[str]] = defaultdict(set)
    for gold in GOLD:
        for claim in gold["claims"]:
            if (claim["side"], claim["polarity"]) == ("official", "positive"):
                praised[claim["facility"]].add(gold["id"])
            elif (claim["side"], claim["polarity"]) == ("independent", "negative"):
                denied[claim["facility"]].add(gold["id"])
    across = {k for k in praised.keys() & denied.keys() if any(a != b for a in praised[k] for b in denied[k])}
    assert len(across) >= 5, sorted(across)


def test_two_independent_articles_contradict_quoted_state_praise_within_themselves() -> None:
    assert sum(bool(g["contradictions"]) for g in GOLD) >= 2


def test_one_facility_appears_under_several_romanizations_across_documents() -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for gold in GOLD:
        for fac in gold["facilities"]:
            names[fac["key"]].update(fac["mentions"])
    assert {"Kanggye Precision Machine Factory", "Ganggye Precision Machine Factory", "No. 112 Factory"} <= names[
        "kanggye-precision-machine-factory"
    ]
    assert {"Sinpho Fisheries Station", "Sinpo Fisheries Station"} <= names["sinpho-fisheries-station"]
    assert {"Taedonggang Foodstuff Factory", "Taedong River Foodstuff Factory"} <= names[
        "taedonggang-foodstuff-factory"
    ]

