"""Quality gate: extraction scored on annotated articles must stay at or above the floors
pinned in ``tests/quality_baseline.json`` (as trafilatura's evaluation gate does).

Corpora: every ``gold.jsonl`` under ``../shared/corpus/`` (skipped when ../shared is absent)
and the fictional gold sets of ``tests/data/`` (``samples``: the package's sample articles;
``blind`` and ``holdout``: articles written to read unlike the dev gold and annotated from the
guideline alone, without looking at the rules, so that they measure how far the rules
generalise; never tune rules on their sentences). The baseline pins each
file's sha256: an edited corpus fails the gate until it is re-pinned on purpose. To re-pin,
run ``python tests/test_quality_gate.py``, which prints the figures measured now in the
baseline's form; floors only ever go up.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import CORPUS, ROOT

from factorywatch.extract.evaluate import evaluate

BASELINE = Path(__file__).with_name("quality_baseline.json")
FICTION = ROOT / "tests" / "data"
FIGURES = {
    "facility_f1": ("facility_p_r_f1", 2),
    "province_acc": ("province_acc", None),
    "event_f1": ("event_p_r_f1", 2),
    "event_date_acc": ("event_date_acc", None),
    "claim_f1": ("claim_p_r_f1", 2),
    "contradiction_doc_f1": ("contradiction_doc_p_r_f1", 2),
    "contradiction_corpus_f1": ("contradiction_corpus_p_r_f1", 2),
}
"""Floor name -> (figure of the scorer, index in its (P, R, F1) or None for a single value)."""


def fictional_gold_files() -> dict[str, Path]:
    """The gold sets written for the project (``tests/data/<name>_gold.jsonl``), by name."""
    return {path.name.removesuffix("_gold.jsonl"): path for path in sorted(FICTION.glob("*_gold.jsonl"))}


def gold_files() -> dict[str, Path]:
    found = {path.parent.name: path for path in sorted(CORPUS.glob("*/gold.jsonl"))} if CORPUS.is_dir() else {}
    return {**found, **fictional_gold_files()}


def measure(path: Path) -> dict[str, float]:
    figures = evaluate(path)
    out = {}
    for name, (figure, index) in FIGURES.items():
        value = figures[figure]
        out[name] = round(value[index] if index is not None else value, 3)
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pinned() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))["corpora"]


@pytest.mark.parametrize("name", sorted(set(pinned()) | set(gold_files())))
def test_extraction_stays_above_its_floors(name: str) -> None:
    files = gold_files()
    if name not in files:
        pytest.skip(f"{name}: corpus absent (the shared corpora live in {CORPUS})")
    entry = pinned().get(name)
    assert entry is not None, f"{name}: no floors pinned; add its figures to {BASELINE.name} on purpose"
    digest = sha256(files[name])
    assert digest == entry["sha256"], (
        f"{files[name]} changed (sha256 {digest}, pinned {entry['sha256']}): its figures are no longer "
        f"comparable. Re-measure with `python tests/test_quality_gate.py` and re-pin {BASELINE.name} deliberately.")
    measured = measure(files[name])
    below = {k: f"{measured[k]:.3f} < {floor:.3f}" for k, floor in entry["floors"].items() if measured[k] < floor}
    assert not below, f"{name}: extraction fell below its floors: {below}"


def test_baseline_pins_known_figures() -> None:
    raw = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert "only ever go up" in raw["description"]
    for name, entry in raw["corpora"].items():
        assert set(entry["floors"]) <= set(FIGURES), name
        assert all(0.0 <= v <= 1.0 for v in entry["floors"].values()), name


if __name__ == "__main__":
    print(json.dumps({name: {"sha256": sha256(path), "measured": measure(path)}
                      for name, path in gold_files().items()}, indent=2))
