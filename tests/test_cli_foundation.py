"""End to end through the CLI: ingest (every kind of bad input, exit codes, summaries),
reextract, search, stats, documents, document; CliRunner plus a few real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factorywatch.cli import cli

ARTICLES = [
    {"id": "k-1", "outlet": "KCNA", "published": "2024-02-01", "title": "Silk mill hails new looms",
     "text": "Workers of the Pyŏngyang Silk Mill installed new looms, KCNA reported on February 1."},
    {"id": "d-1", "outlet": "Daily NK", "published": "2023-07-09", "title": "Shortages in Hyesan",
     "text": "A source in Ryanggang Province said the Hyesan Shoe Factory has had no rubber since spring."},
    {"id": "r-1", "outlet": "RFA", "published": "2024-06-30", "title": "Power cuts",
     "text": "Residents of Pyongyang complained of power cuts near the Pyongyang Thermal Power Complex."},
]


def run(*args: str, db: Path | None = None) -> Result:
    argv = [*args, "--db", str(db)] if db else list(args)
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path, articles: Path) -> Path:
    path = tmp_path / "fw.db"
    assert run("ingest", str(articles), db=path).exit_code == 0
    return path


# --- ingest ------------------------------------------------------------------------------


def test_ingest_prints_a_summary_and_exits_0(tmp_path: Path, articles: Path) -> None:
    result = run("ingest", str(articles), db=tmp_path / "fw.db")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("3 documents stored, 0 duplicates, 0 skipped")
    assert "facilities" in result.stdout and "contradictions" in result.stdout
    assert result.stderr == ""


def test_reingest_stores_nothing_and_exits_0(db: Path, articles: Path) -> None:
    result = run("ingest", str(articles), "--json", db=db)
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert (summary["stored"], summary["duplicates"], summary["skipped"]) == (0, 3, [])


def test_json_summary(tmp_path: Path, articles: Path) -> None:
    summary = json.loads(run("ingest", str(articles), "--json", "--no-extract", db=tmp_path / "fw.db").stdout)
    assert summary["stored"] == 3
    assert {"duplicates", "skipped", "elapsed_s", "facilities", "events", "contradictions"} <= summary.keys()


def test_samples_are_ingested_without_any_path(tmp_path: Path) -> None:
    result = run("ingest", "--samples", "--json", db=tmp_path / "fw.db")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["stored"] >= 16  # 13 .txt, 3 records, pages and feed items
    assert run("document", "sample-04-kcna-sinpho-fisheries", db=tmp_path / "fw.db").exit_code == 0


def test_ingest_without_paths_is_a_usage_error(tmp_path: Path) -> None:
    result = run("ingest", db=tmp_path / "fw.db")
    assert result.exit_code == 2 and "PATH" in result.stderr and not (tmp_path / "fw.db").exists()


def test_the_database_defaults_to_factorywatch_db_env(tmp_path: Path, articles: Path) -> None:
    target = tmp_path / "from-env.db"
    result = CliRunner(env={"FACTORYWATCH_DB": str(target)}).invoke(cli, ["ingest", str(articles)])
    assert result.exit_code == 0 and target.exists()


def _binary(tmp: Path) -> Path:
    (p := tmp / "photo.txt").write_bytes(bytes(range(256)) * 40)
    return p


def _empty(tmp: Path) -> Path:
    (p := tmp / "empty.txt").write_bytes(b"")
    return p


def _undecodable(tmp: Path) -> Path:
    # 0x81 0x20 is neither UTF-8, CP949 nor CP1252
    (p := tmp / "bad-bytes.txt").write_bytes(b"The Kangson steel complex \x81 \x8d\x90 works.\n")
    return p


def _bad_json_line(tmp: Path) -> Path:
    (p := tmp / "records.jsonl").write_text(json.dumps(ARTICLES[0]) + "\n{oops\n", encoding="utf-8")
    return p


def _lone_surrogate(tmp: Path) -> Path:
    (p := tmp / "surrogate.jsonl").write_text('{"id": "s", "text": "The Sinpo shipyard \\ud800 launched."}\n',
                                             encoding="utf-8")
    return p


def _too_big(tmp: Path) -> Path:
    (p := tmp / "big.txt").write_text("The Chongjin Steel Works. " * 100, encoding="utf-8")
    return p


def _missing(tmp: Path) -> Path:
    return tmp / "no-such-file.txt"


def _broken_symlink(tmp: Path) -> Path:
    (p := tmp / "dangling.txt").symlink_to(tmp / "gone.txt")
    return p


def _empty_dir(tmp: Path) -> Path:
    (p := tmp / "nothing-here").mkdir()
    return p


@pytest.mark.parametrize(
    ("make", "stored"),
    [
        (_binary, 0),
        (_empty, 0),
        (_undecodable, 0),
        (_bad_json_line, 1),
        (_lone_surrogate, 0),
        (_too_big, 0),
        (_missing, 0),
        (_broken_symlink, 0),
        (_empty_dir, 0),
    ],
    ids=lambda v: getattr(v, "__name__", "").strip("_") or None,
)
def test_a_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path: Path, make, stored: int) -> None:
    bad = make(tmp_path)
    result = run("ingest", str(bad), "--max-size", "1000", "--json", db=tmp_path / "fw.db")
    assert result.exit_code == 2, result.output
    (line,) = stderr_lines(result)
    assert line.startswith(f"{bad}") and ": " in line and "Traceback" not in result.output
    summary = json.loads(result.stdout)
    assert summary["stored"] == stored and len(summary["skipped"]) == 1


@pytest.mark.parametrize(
    "bad_line",
    [b"{oops", b'{"text": "The Sinpo shipyard \\ud800 launched."}', b'{"text": "The Kangson works \x81 \x8d."}'],
    ids=["not-json", "lone-surrogate", "undecodable"],
)
def test_bad_jsonl_lines_are_reported_with_their_number(tmp_path: Path, bad_line: bytes) -> None:
    # The encoding is detected from a file's first 64 KiB: the bad line comes after them.
    good = [json.dumps({**ARTICLES[0], "id": f"k-{i}", "text": f"{ARTICLES[0]['text']} {i} " + "x" * 2000}).encode()
            for i in range(40)]
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"\n".join([*good, bad_line, json.dumps(ARTICLES[1]).encode()]) + b"\n")
    result = run("ingest", str(path), "--json", db=tmp_path / "fw.db")
    assert result.exit_code == 2
    assert [line.split(": ")[0] for line in stderr_lines(result)] == [f"{path}:41"]
    assert json.loads(result.stdout)["stored"] == 41


def test_good_inputs_next_to_bad_ones_are_still_stored(tmp_path: Path, articles: Path) -> None:
    result = run("ingest", str(articles), str(_missing(tmp_path)), str(_empty(tmp_path)), "--json",
                 db=tmp_path / "fw.db")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["stored"] == 3
    assert len(stderr_lines(result)) == 2


@pytest.mark.parametrize("content", [b"just some notes\n" * 50, b"SQLite format 3\x00" + b"\x00" * 4000])
def test_a_database_that_is_not_factorywatch_is_exit_1_and_untouched(
    tmp_path: Path, articles: Path, content: bytes
) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(content)
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    result = run("ingest", str(articles), db=db)
    assert result.exit_code == 1
    (line,) = stderr_lines(result)
    assert line.startswith("Error: ") and str(db) in line
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl", "notes.db"]


def test_another_programs_sqlite_database_is_refused(tmp_path: Path, articles: Path) -> None:
    import sqlite3

    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    result = run("ingest", str(articles), db=db)
    assert result.exit_code == 1 and "not a factorywatch database" in result.stderr


# --- reading commands --------------------------------------------------------------------


@pytest.mark.parametrize("command", [["search", "mill"], ["stats"], ["documents"], ["document", "k-1"], ["reextract"]])
def test_reading_a_missing_database_is_exit_1_and_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    result = run(*command, db=tmp_path / "none.db")
    assert result.exit_code == 1
    assert len(stderr_lines(result)) == 1 and "no such database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_search_is_ranked_marked_and_ignores_accents(db: Path) -> None:
    result = run("search", "Pyongyang", db=db)
    assert result.exit_code == 0
    assert result.stdout.count("**Pyongyang**") == 2  # not a terminal: markers instead of colours
    assert "1. " in result.stdout and "(RFA, 2024-06-30, r-1)" in result.stdout
    accented = json.loads(run("search", "Pyŏngyang", "--json", db=db).stdout)
    assert {h["doc_id"] for h in accented} == {"k-1", "r-1"}
    assert "**Pyŏngyang**" in next(h["snippet"] for h in accented if h["doc_id"] == "k-1")


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "Jong-un", "(", "*", "title:"])
def test_search_with_broken_fts_syntax_never_shows_a_traceback(db: Path, query: str) -> None:
    result = run("search", query, db=db)
    assert result.exit_code == 0 and "Traceback" not in result.output


def test_search_limit_and_no_matches(db: Path) -> None:
    assert len(json.loads(run("search", "the", "--limit", "1", "--json", db=db).stdout)) == 1
    result = run("search", "zzzz", db=db)
    assert result.exit_code == 0 and result.stdout == "" and "No matches" in result.stderr


def test_stats(db: Path) -> None:
    result = run("stats", db=db)
    assert result.exit_code == 0
    assert "Documents: 3" in result.stdout
    assert "KCNA" in result.stdout and "2024" in result.stdout and "By province" in result.stdout
    data = json.loads(run("stats", "--json", db=db).stdout)
    assert data["documents"] == 3 and ["2024", 2] in data["by_year"]


def test_documents_list_and_filters(db: Path) -> None:
    lines = run("documents", db=db).stdout.splitlines()
    assert [line.split()[1] for line in lines] == ["r-1", "k-1", "d-1"]
    listed = json.loads(run("documents", "--outlet", "daily nk", "--json", db=db).stdout)
    assert [d["doc_id"] for d in listed] == ["d-1"]
    since = json.loads(run("documents", "--since", "2024-03", "--json", db=db).stdout)
    assert [d["doc_id"] for d in since] == ["r-1"]
    bad = run("documents", "--until", "yesterday", db=db)
    assert bad.exit_code == 1 and len(stderr_lines(bad)) == 1


def test_document_by_input_id_or_integer_id(db: Path) -> None:
    shown = run("document", "d-1", db=db)
    assert shown.exit_code == 0
    assert "outlet: Daily NK" in shown.stdout and shown.stdout.rstrip().endswith(ARTICLES[1]["text"])
    data = json.loads(run("document", "2", "--json", db=db).stdout)
    assert data["doc_id"] == "d-1" and data["text"] == ARTICLES[1]["text"] and "facilities" in data["extracted"]


def test_an_unknown_document_is_one_line_and_exit_1(db: Path) -> None:
    result = run("document", "no-such-doc", db=db)
    assert result.exit_code == 1
    assert stderr_lines(result) == ["Error: no document no-such-doc"]


def test_reextract(db: Path) -> None:
    result = run("reextract", "--json", db=db)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents"] == 3
    assert json.loads(run("reextract", "--stale", "--json", db=db).stdout)["documents"] == 0


@pytest.mark.parametrize("command", ["ingest", "reextract", "search", "stats", "documents", "document"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example: factorywatch " + command in result.stdout


# --- real processes ----------------------------------------------------------------------


def factorywatch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FACTORYWATCH_DB": str(cwd / "proc.db")}
    return subprocess.run([sys.executable, "-m", "factorywatch", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def test_python_m_factorywatch_end_to_end(tmp_path: Path, articles: Path) -> None:
    first = factorywatch("ingest", str(articles), "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["stored"] == 3
    assert first.stderr == ""  # not a terminal: no progress bar
    bad = factorywatch("ingest", str(articles), str(tmp_path / "missing.jsonl"), cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    found = factorywatch("search", "rubber", "--json", cwd=tmp_path)
    assert [h["doc_id"] for h in json.loads(found.stdout)] == ["d-1"]


def test_python_m_factorywatch_refuses_a_foreign_database(tmp_path: Path, articles: Path) -> None:
    foreign = tmp_path / "proc.db"
    foreign.write_text("a plain text file, not a database\n")
    result = factorywatch("ingest", str(articles), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert foreign.read_text() == "a plain text file, not a database\n"
