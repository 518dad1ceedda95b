"""Shared fixtures. Real corpora are read from ../shared when present; tests skip otherwise."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from factorywatch.model import Document
from factorywatch.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (tests on real articles need ../shared)")
    return path


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def document(text: str, **meta: str | None) -> Document:
    """A document as a test builds it by hand: its content hash is that of the raw text."""
    return Document(text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(), **meta)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in a fresh database (test modules that need one filled override it)."""
    with open_store(tmp_path / "fw.db") as s:
        yield s


@pytest.fixture
def seeds_gold() -> list[dict]:
    return read_jsonl(shared_path("corpus", "seeds", "gold.jsonl"))


@pytest.fixture
def dev_gold() -> list[dict]:
    return read_jsonl(shared_path("corpus", "dev", "gold.jsonl"))
