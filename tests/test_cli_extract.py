"""``factorywatch extract`` and ``factorywatch eval`` end to end: input forms, input order,
skipped inputs, exit codes, and the eval figures against the reference scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import shared_path

from factorywatch.cli import cli
from factorywatch.extract.evaluate import score
from factorywatch.extract.output import contract_problems

RECORDS = [
    {"id": "r-1", "outlet": "KCNA", "published": "2024-01-12", "url": "https://example.org/k1",
     "text": "Pyongyang, January 12 (KCNA) -- The Kusong Tractor Factory overfulfilled its annual plan.",
     "facilities": [{"key": "ignored"}]},
    {"id": "r-2", "outlet": "Daily NK", "published": "2024-02-03",
     "text": "The Orang Paper Mill has been idle since January because it has no pulpwood, a source said."},
]
HTML = ("<html><head><title>Mill idle</title></head><body><article><h1>Mill idle</h1>"
        "<p>The Orang Paper Mill has stopped production since January, residents told RFA.</p>"
        "</article></body></html>")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    txt = tmp_path / "article.txt"
    txt.write_text("The Kusong Tractor Factory shut down last winter, a source told Daily NK.", encoding="utf-8")
    html = tmp_path / "page.html"
    html.write_text(HTML, encoding="utf-8")
    return {"jsonl": records, "txt": txt, "html": html}


def test_extract_prints_one_contract_record_per_document_in_input_order(inputs: dict[str, Path]) -> None:
    result = run("extract", str(inputs["txt"]), str(inputs["jsonl"]), str(inputs["html"]), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc_id"] for r in records[1:3]] == ["r-1", "r-2"]
    assert records[0]["doc_id"].endswith("article.txt")
    assert records[1]["url"] == "https://example.org/k1" and records[1]["published"] == "2024-01-12"
    assert all(contract_problems(r) == [] for r in records)
    assert [(e["type"], e["facility"]) for e in records[0]["events"]] == [("shutdown", "kusong-tractor-factory")]
    assert [(c["side"], c["polarity"]) for c in records[1]["claims"]] == [("official", "positive")]
    assert {e["type"] for e in records[2]["events"]} == {"shutdown", "shortage"}
    assert {e["type"] for e in records[3]["events"]} == {"shutdown"}
    assert result.stderr == ""


def test_extract_reads_only_text_and_metadata_of_records(inputs: dict[str, Path]) -> None:
    result = run("extract", str(inputs["jsonl"]))
    first = json.loads(result.stdout.splitlines()[0])
    assert [f["id"] for f in first["facilities"]] == ["kusong-tractor-factory"]


def test_extract_reports_skipped_inputs_and_exits_2(inputs: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run("extract", str(missing), str(inputs["txt"]))
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 1
    (line,) = [x for x in result.stderr.splitlines() if x.strip()]
    assert line.startswith(str(missing)) and "Traceback" not in result.stderr


def test_extract_json_format_is_one_array(inputs: dict[str, Path]) -> None:
    result = run("extract", str(inputs["jsonl"]), "--format", "json")
    assert result.exit_code == 0
    assert [r["doc_id"] for r in json.loads(result.stdout)] == ["r-1", "r-2"]


def test_extract_needs_a_path() -> None:
    result = CliRunner().invoke(cli, ["extract"])
    assert result.exit_code == 2 and "PATH" in result.output


def gold_file(tmp_path: Path) -> Path:
    gold = [dict(RECORDS[1], facilities=[{"key": "orang-paper-mill", "name": "Orang Paper Mill",
                                          "mentions": ["Orang Paper Mill"], "kind": "factory", "named": True}],
                 events=[{"type": "shutdown", "facility": "orang-paper-mill", "date": "2024-01", "evidence": "x"},
                         {"type": "shortage", "facility": "orang-paper-mill", "date": None, "evidence": "x"}],
                 claims=[{"facility": "orang-paper-mill", "side": "independent", "polarity": "negative",
                          "evidence": "x"}],
                 contradictions=[])]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    return path


def test_eval_prints_the_figures(tmp_path: Path) -> None:
    result = run("eval", str(gold_file(tmp_path)))
    assert result.exit_code == 0, result.stderr
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert lines["docs"] == "1"
    assert lines["facility_p_r_f1"] == "P=1.000 R=1.000 F1=1.000"
    assert lines["event_p_r_f1"] == "P=1.000 R=1.000 F1=1.000"
    assert lines["event_date_acc"] == "1.000"
    assert lines["identity_pairwise_p_r_f1"] == "n/a (no gold pairs)"


def test_eval_json(tmp_path: Path) -> None:
    figures = json.loads(run("eval", str(gold_file(tmp_path)), "--json").stdout)
    assert figures["claim_p_r_f1"] == [1.0, 1.0, 1.0] and figures["docs"] == 1


def test_eval_of_a_broken_gold_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\nnot json\n', encoding="utf-8")
    result = run("eval", str(bad))
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("Error:") and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_eval_agrees_with_the_reference_scorer(corpus: str, tmp_path: Path) -> None:
    scorer = shared_path("tools", "score.py")
    gold = shared_path("corpus", corpus, "gold.jsonl")
    extracted = run("extract", str(gold))
    assert extracted.exit_code == 0
    pred = tmp_path / "pred.jsonl"
    pred.write_text(extracted.stdout, encoding="utf-8")
    reference = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                               capture_output=True, text=True, check=True)
    golds = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert json.loads(json.dumps(score(golds, preds))) == json.loads(reference.stdout)
    ours = run("eval", str(gold)).stdout
    theirs = subprocess.run([sys.executable, str(scorer), str(gold), str(pred)],
                            capture_output=True, text=True, check=True).stdout
    assert ours == theirs
