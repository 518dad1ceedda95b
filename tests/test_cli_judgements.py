"""`factorywatch resolve / review / merge / split / not-same / judgements` through the CLI:
outputs, JSON, the export/import round trip, one-line errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from resolve.corpus_fixtures import CORPUS, partition, store_articles

from factorywatch.cli import cli
from factorywatch.resolve.corpus import resolve_facilities
from factorywatch.store import open_store

COMMANDS = ("merge", "split", "not-same", "judgements", "review", "resolve")


def run(*args: str, db: Path | None = None, input: str | None = None) -> Result:
    argv = [*args, "--db", str(db)] if db else list(args)
    return CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)


def stored(path: Path, *, resolved: bool = True) -> Path:
    with open_store(path) as store:
        store_articles(store, CORPUS)
        if resolved:
            resolve_facilities(store)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return stored(tmp_path / "fw.db")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example: factorywatch " + command in result.output.replace("\n", " ")
    assert "--db" in result.output


def test_resolve_prints_a_summary(db: Path) -> None:
    result = run("resolve", db=db)
    assert result.exit_code == 0
    assert result.output.startswith("8 facilities from 10 document facilities, 1 possible matches, 0 judgements")
    summary = json.loads(run("resolve", "--json", db=db).output)
    assert (summary["facilities"], summary["members"], summary["kept"]) == (8, 10, 8)


def test_review_lists_pairs_with_reasons(db: Path) -> None:
    result = run("review", db=db)
    assert result.exit_code == 0
    assert "0.70  ryongsong-heavy-machine-complex (Ryongsong Heavy Machine Complex)  ~  ryongsong-machine-complex" \
        in result.output
    assert "'heavy' on one side only" in result.output
    [pair] = json.loads(run("review", "--json", "--limit", "5", db=db).output)
    assert pair["score"] == 0.7 and pair["reasons"][0]["feature"] == "product"


def test_merge_split_not_same_and_the_judgement_list(db: Path) -> None:
    merged = run("merge", "pyongyang-silk-mill", "Pyongyang Textile Mill", "--note", "one mill", db=db)
    assert merged.exit_code == 0, merged.output
    assert merged.output == "Merged pyongyang-silk-mill and pyongyang-textile-mill: now pyongyang-silk-mill" \
        " (judgement 1).\n"
    split = run("split", "taedong-river-battery-factory", "No. 245 Factory", "--json", db=db)
    assert split.exit_code == 0
    data = json.loads(split.output)
    assert data["judgement"]["action"] == "split" and len(data["facilities"]) == 2
    apart = run("not-same", "ryongsong-machine-complex", "ryongsong-heavy-machine-complex", db=db)
    assert apart.exit_code == 0 and apart.output.startswith("Recorded that ryongsong-machine-complex and")
    assert run("review", db=db).stderr == "No possible matches.\n"
    listed = run("judgements", db=db).output.splitlines()
    assert [line.split()[2] for line in listed] == ["merge", "split", "not-same"]
    assert "one mill" in listed[0]
    listed_json = json.loads(run("judgements", "--json", db=db).output)
    assert [j["action"] for j in listed_json] == ["merge", "split", "not-same"]


def test_export_import_round_trip(db: Path, tmp_path: Path) -> None:
    assert run("merge", "pyongyang-silk-mill", "pyongyang-textile-mill", db=db).exit_code == 0
    exported = tmp_path / "team.json"
    assert run("judgements", "--export", str(exported), db=db).exit_code == 0
    other = stored(tmp_path / "other.db", resolved=False)
    first = run("judgements", "--import", str(exported), db=other)
    assert first.exit_code == 0 and first.stderr == "Imported 1 new judgements (0 already held).\n"
    again = run("judgements", "--import", str(exported), db=other)
    assert again.stderr == "Imported 0 new judgements (1 already held).\n"
    with open_store(db) as a, open_store(other) as b:
        assert partition(a) == partition(b)
    assert json.loads(run("judgements", "--export", "-", db=other).output) == json.loads(exported.read_text())


def test_judgements_on_an_empty_database(tmp_path: Path) -> None:
    db = stored(tmp_path / "fw.db", resolved=False)
    assert run("judgements", db=db).stderr == "No judgements.\n"
    assert run("review", db=db).exit_code == 0  # resolves first, then lists


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("merge", "Nowhere Widget Factory", "pyongyang-silk-mill"), 1, "Error: no facility with id or name"),
        (("merge", "pyongyang-silk-mill", "Pyongyang Silk Mill"), 1, "Error: 'pyongyang-silk-mill' and"),
        (("split", "pyongyang-silk-mill", "Kanggye Power Station"), 1, "Error: 'Kanggye Power Station' is not a name"),
        (("not-same", "kanggye-youth-power-station", "Kanggye Power Station"), 1, "Error: "),
    ],
)
def test_mistakes_are_one_line_errors(db: Path, args: tuple[str, ...], code: int, message: str) -> None:
    result = run(*args, db=db)
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1


def test_a_bad_import_file_is_one_line(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{]", encoding="utf-8")
    result = run("judgements", "--import", str(bad), db=db)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}:1: not JSON") and len(result.stderr.splitlines()) == 1
    bad.write_text('[{"action": "undo"}]', encoding="utf-8")
    result = run("judgements", "--import", str(bad), db=db)
    assert result.exit_code == 1
    assert result.stderr == "Error: judgement 1: action must be one of merge, split, not-same\n"


def test_a_missing_database_is_one_line(tmp_path: Path) -> None:
    result = run("review", db=tmp_path / "none.db")
    assert result.exit_code == 1
    assert "no such database" in result.stderr and len(result.stderr.splitlines()) == 1
