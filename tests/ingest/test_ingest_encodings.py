"""Encodings: UTF-8 (with or without BOM), UTF-16/32 with a BOM, CP949/EUC-KR and CP1252
detected; the text comes back exactly, never as mojibake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factorywatch.errors import InputError
from factorywatch.ingest import read_paths
from factorywatch.model import Document

KOREAN = "평양 신발공장은 지난달 계획을 넘쳐 수행하였다.\n소식통은 공장이 석달째 멈춰 있다고 말했다. 똠방각하 뷁.\n"
ROMANIZED = "The Sample Ridge Shoe Factory in Pyŏngyang’s Sŏsŏng District, once “exemplary”, has stood idle.\n"
MIXED = "The 평양 (Pyŏngyang) shoe factory — “exemplary” — stood idle.\n"
WESTERN = "Café owners in Sinŭiju? No: a naïve résumé of the “model” factory.\n".replace("ŭ", "u")

CASES = [
    ("utf-8", MIXED, lambda t: t.encode("utf-8")),
    ("utf-8 with BOM", MIXED, lambda t: t.encode("utf-8-sig")),
    ("utf-16 LE with BOM", MIXED, lambda t: t.encode("utf-16")),
    ("utf-16 BE with BOM", MIXED, lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
    ("utf-32 with BOM", MIXED, lambda t: t.encode("utf-32")),
    ("cp949", KOREAN, lambda t: t.encode("cp949")),
    ("euc-kr", KOREAN.replace(" 똠방각하 뷁.", ""), lambda t: t.encode("euc_kr")),
    ("short euc-kr", "평양", lambda t: t.encode("euc_kr")),
    ("cp1252", WESTERN, lambda t: t.encode("cp1252")),
    ("latin-1", "Café in Pyongyang: the résumé of a naïve worker.", lambda t: t.encode("latin-1")),
    ("utf-8 romanization", ROMANIZED, lambda t: t.encode("utf-8")),
]


@pytest.mark.parametrize(("text", "encode"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize("suffix", [".txt", ".dat"])
def test_text_file_decodes_exactly(tmp_path: Path, text: str, encode, suffix: str) -> None:
    path = tmp_path / f"article{suffix}"
    path.write_bytes(encode(text))
    [doc] = list(read_paths([path]))
    assert isinstance(doc, Document)
    assert doc.text == text


@pytest.mark.parametrize(("text", "encode"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_jsonl_file_decodes_exactly(tmp_path: Path, text: str, encode) -> None:
    path = tmp_path / "records.jsonl"
    lines = "".join(json.dumps({"id": f"r{i}", "text": f"{text} ({i})"}, ensure_ascii=False) + "\n" for i in range(3))
    path.write_bytes(encode(lines))
    found = list(read_paths([path]))
    assert [d.text for d in found if isinstance(d, Document)] == [f"{text} ({i})" for i in range(3)], found


@pytest.mark.parametrize("codec", ["cp949", "utf-16"])
def test_html_page_in_another_encoding(tmp_path: Path, codec: str) -> None:
    body = "<p>평양 신발공장은 지난달 계획을 넘쳐 수행하였다. 소식통은 공장이 석달째 멈춰 있다고 말했다.</p>" * 3
    head = f"<head><meta charset='{codec}'><title>평양 신발공장</title></head>"
    page = f"<html>{head}<body><article>{body}</article></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(codec))
    [doc] = list(read_paths([path]))
    assert isinstance(doc, Document)
    assert "평양 신발공장은 지난달" in doc.text and doc.language == "ko"


def test_utf8_text_with_a_corrupt_byte_is_reported_not_misread(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(MIXED.encode() * 5 + b"\xff" + ROMANIZED.encode())
    [error] = list(read_paths([path]))
    assert isinstance(error, InputError)
    assert error.reason == f"undecodable: invalid utf-8 at byte {len(MIXED.encode()) * 5}"


def test_long_jsonl_detects_once_from_its_start(tmp_path: Path) -> None:
    """Detection reads the first 64 KiB; a character cut at that edge must not turn UTF-8 into CP1252."""
    path = tmp_path / "r.jsonl"
    line = json.dumps({"text": "평양 " * 20}, ensure_ascii=False) + "\n"
    path.write_text(line * 2000, encoding="utf-8")
    texts = {d.text for d in read_paths([path]) if isinstance(d, Document)}
    assert texts == {"평양 " * 20}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1))
def test_any_utf8_text_reads_back_identical(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(text.encode("utf-8"))
    [item] = list(read_paths([path]))
    expected = text.removeprefix("\ufeff")
    if not expected.strip():
        assert isinstance(item, InputError) and item.reason.startswith("empty file")
    else:
        assert isinstance(item, Document)
        assert item.text == expected
