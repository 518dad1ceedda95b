"""Shared fixtures. Real corpora are read from ../shared when present; tests skip otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


@pytest.fixture
def seeds_gold() -> list[dict]:
    return read_jsonl(shared_path("corpus", "seeds", "gold.jsonl"))


@pytest.fixture
def dev_gold() -> list[dict]:
    return read_jsonl(shared_path("corpus", "dev", "gold.jsonl"))
