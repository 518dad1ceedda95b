"""The corpus commands end to end: facilities, show, contradictions, timeline, export; their
JSON, their text, one-line errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from analyze.corpusdata import S3, S5, open_corpus
from click.testing import CliRunner, Result

from factorywatch.analyze.export import FIELDS
from factorywatch.cli import cli


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "corpus.db"
    open_corpus(path).close()
    return path


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--db", str(db)], catch_exceptions=False)


def one_line_error(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.output
    return lines[0]


def test_facilities_json_page(db: Path) -> None:
    result = run(db, "facilities", "--contradicted", "--sort", "last-event", "--json")
    assert result.exit_code == 0
    page = json.loads(result.stdout)
    assert [i["facility"]["id"] for i in page["items"]] == ["ryongbong-steel-complex", "sariwon-cement-factory"]
    assert (page["limit"], page["offset"], page["has_more"]) == (50, 0, False)
    assert page["items"][0]["location"]["precision"] == "locality"


def test_facilities_text_lists_status_and_more_pages(db: Path) -> None:
    result = run(db, "facilities", "--limit", "2")
    assert result.exit_code == 0
    assert "ryongbong-steel-complex" in result.stdout and "Under investigation (2024-01-13)" in result.stdout
    assert "--offset 2" in result.stdout


def test_show_prints_every_section_of_the_dossier(db: Path) -> None:
    result = run(db, "show", "ryongbong steel works")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for section in ("Names", "Place", "Status", "Timeline", "Official claims", "Independent claims",
                    "Contradiction", "Documents"):
        assert section in out
    assert "[ryongbong-steel-complex]" in out and "locality centroid" in out
    assert "Under investigation" in out and "as last reported on 2024-01-13" in out
    flat = " ".join(out.split())
    assert S3 in flat and S5 in flat


def test_show_json(db: Path) -> None:
    result = run(db, "show", "Sariwon Cement Complex", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["facility"]["id"] == "sariwon-cement-factory"
    assert data["contradiction"]["independent"]["document"]["outlet"] == "NK News"


def test_show_unknown_facility(db: Path) -> None:
    assert "no facility 'Kangson Steel Complex'" in one_line_error(run(db, "show", "Kangson Steel Complex"))


def test_show_ambiguous_name_lists_candidates(db: Path) -> None:
    line = one_line_error(run(db, "show", "sariwon"))
    assert "sariwon-cement-factory" in line and "sariwon-tile-factory" in line


def test_contradictions_text_and_json(db: Path) -> None:
    text = run(db, "contradictions")
    assert text.exit_code == 0
    assert text.stdout.index("Ryongbong") < text.stdout.index("Sariwon Cement"), "newest first"
    assert "Rodong Sinmun, 2023-09-15" in text.stdout and "Daily NK, 2023-06-02" in text.stdout
    page = json.loads(run(db, "contradictions", "--province", "North Hwanghae", "--json").stdout)
    assert [i["facility"]["id"] for i in page["items"]] == ["sariwon-cement-factory"]


def test_timeline_filters_and_json(db: Path) -> None:
    page = json.loads(run(db, "timeline", "--facility", "Hyesan Blanket Factory", "--json").stdout)
    assert [(e["day"], e["type"]) for e in page["items"]] == [("2022-11-01", "commendation"), ("2023-12", "shortage")]
    result = run(db, "timeline", "--type", "shutdown", "--type", "opening")
    assert result.exit_code == 0 and "Shutdown" in result.stdout and "Opening" in result.stdout
    assert "Commendation" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timeline", "--type", "explosion"), "unknown event type 'explosion'"),
        (("timeline", "--since", "yesterday"), "since 'yesterday'"),
        (("facilities", "--province", "Atlantis"), "unknown province 'Atlantis'"),
        (("facilities", "--sort", "size"), "unknown sort 'size'"),
        (("contradictions", "--kind", "castle"), "unknown kind 'castle'"),
        (("export", "--format", "xml"), "unknown export format 'xml'"),
        (("export", "--format", "csv", "--what", "people"), "cannot export 'people'"),
    ],
)
def test_user_mistakes_are_one_line_errors(db: Path, args: tuple[str, ...], message: str) -> None:
    assert message in one_line_error(run(db, *args))


def test_a_missing_database_is_an_error(tmp_path: Path) -> None:
    assert "no such database" in one_line_error(run(tmp_path / "none.db", "facilities"))


def test_export_to_stdout(db: Path) -> None:
    result = run(db, "export", "--format", "csv", "--what", "events")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8 and tuple(rows[0]) == FIELDS["events"]


def test_export_to_a_file(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "facilities.geojson"
    result = run(db, "export", "--format", "geojson", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == f"5 facilities written to {target}"
    assert json.loads(target.read_text("utf-8"))["type"] == "FeatureCollection"


def test_a_bad_export_leaves_the_output_file_alone(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("precious", encoding="utf-8")
    one_line_error(run(db, "export", "--format", "xls", "--output", str(target)))
    assert target.read_text("utf-8") == "precious"


def test_export_help_lists_every_column() -> None:
    text = " ".join(CliRunner().invoke(cli, ["export", "--help"]).output.split())
    for what, fields in FIELDS.items():
        assert f"{what}: {', '.join(fields)}" in text
