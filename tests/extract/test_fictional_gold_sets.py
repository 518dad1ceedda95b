"""The fictional gold sets written to measure generality (``tests/data/blind_gold.jsonl`` and
``holdout_gold.jsonl``) follow the annotation guideline, so that their figures in the quality
gate (tests/test_quality_gate.py, floors in quality_baseline.json) measure extraction, not a
malformed gold line.

Both hold articles in the styles of Daily NK, Radio Free Asia, NK News, Reuters, Yonhap and
38 North, written to read unlike the dev sentences (other attribution forms, satellite
imagery, romanization variants, negated events, official denials, relative dates) and
annotated from ``../shared/spec/annotation.md`` alone, without looking at the rules, as the
held-out annotators do. Never tune rules on their sentences: they would stop measuring
generality.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, read_jsonl

from factorywatch.vocab import EVENT_TYPES, FACILITY_KINDS, POLARITIES, PROVINCES, SIDES

SETS = [ROOT / "tests" / "data" / f"{name}_gold.jsonl" for name in ("blind", "holdout")]
RECORDS = [record for path in SETS for record in read_jsonl(path)]
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_record_follows_the_annotation_guideline(record: dict) -> None:
    """Every answer uses the vocabularies and points into the text."""
    text = record["text"]
    assert "fictional" in record["id"]
    keys = {f["key"] for f in record["facilities"]}
    for fac in record["facilities"]:
        assert fac["kind"] in FACILITY_KINDS and fac["province"] in (None, *PROVINCES)
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", fac["key"])
        assert all(m in text for m in fac["mentions"])
    for event in record["events"]:
        assert event["type"] in EVENT_TYPES and event["facility"] in keys and event["evidence"] in text
        assert event["date"] is None or ISO_DATE.fullmatch(event["date"])
    for claim in record["claims"]:
        assert claim["side"] in SIDES and claim["polarity"] in POLARITIES
        assert claim["facility"] in keys and claim["evidence"] in text
    official = {c["facility"] for c in record["claims"] if (c["side"], c["polarity"]) == ("official", "positive")}
    independent = {c["facility"] for c in record["claims"] if (c["side"], c["polarity"]) == ("independent", "negative")}
    assert set(record["contradictions"]) == official & independent

