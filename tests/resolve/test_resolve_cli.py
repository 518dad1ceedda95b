"""`factorywatch cluster-names`: stdin and file, empty input, junk lines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factorywatch.cli import cli

NAMES = (
    "Wonsan Shoes Factory\nHamhung Shoe Factory\n\nWonsan Shoe Factory\n묘향산의료기구공장\n"
    "Myohyangsan Medical Device Factory\n"
)


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_reads_stdin_by_default() -> None:
    result = CliRunner().invoke(cli, ["cluster-names"], input=NAMES)
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout)
    assert [r["name"] for r in rows] == [
        "Wonsan Shoes Factory",
        "Hamhung Shoe Factory",
        "Wonsan Shoe Factory",
        "묘향산의료기구공장",
        "Myohyangsan Medical Device Factory",
    ]
    cluster = {r["name"]: r["cluster"] for r in rows}
    assert cluster["Wonsan Shoes Factory"] == cluster["Wonsan Shoe Factory"] == "wonsan-shoe-factory"
    assert cluster["Hamhung Shoe Factory"] != cluster["Wonsan Shoe Factory"]
    assert cluster["묘향산의료기구공장"] == cluster["Myohyangsan Medical Device Factory"]


def test_reads_a_file_and_dash(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_text(NAMES, encoding="utf-8")
    from_file = CliRunner().invoke(cli, ["cluster-names", str(path)])
    from_dash = CliRunner().invoke(cli, ["cluster-names", "-"], input=NAMES)
    assert from_file.exit_code == from_dash.exit_code == 0
    assert from_file.stdout == from_dash.stdout and len(lines(from_file.stdout)) == 5


def test_empty_input_prints_nothing() -> None:
    result = CliRunner().invoke(cli, ["cluster-names"], input="")
    assert result.exit_code == 0 and result.stdout == ""


def test_a_name_of_only_punctuation_gets_its_own_cluster() -> None:
    result = CliRunner().invoke(cli, ["cluster-names"], input="...\n!!!\nWonsan Shoe Factory\n")
    assert result.exit_code == 0
    rows = lines(result.stdout)
    assert [r["name"] for r in rows] == ["...", "!!!", "Wonsan Shoe Factory"]
    assert len({r["cluster"] for r in rows}) == 3 and all(r["cluster"] for r in rows)


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["cluster-names", str(tmp_path / "absent.txt")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_help() -> None:
    result = CliRunner().invoke(cli, ["cluster-names", "--help"])
    assert result.exit_code == 0 and "one name per line" in result.stdout
