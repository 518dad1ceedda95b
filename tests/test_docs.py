"""Docs match code (as datasette's test_docs does): every command has help with an
example and appears in the README's tour; the Quick start holds exactly two commands."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

from factorywatch.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_quick_start_holds_exactly_two_commands() -> None:
    block = re.search(r"^## Quick start.*?```[a-z]*\n(.*?)```", README, re.S | re.M)
    assert block, "README has no '## Quick start' code block"
    lines = [line for line in block.group(1).splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert len(lines) == 2
    assert "factorywatch ingest" in lines[0] and "pytest" in lines[1]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output or "example" in result.output, f"`factorywatch {name} --help` shows no example"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_appears_in_readme(name: str) -> None:
    assert re.search(rf"factorywatch {re.escape(name)}\b", README), f"`factorywatch {name}` is not in the README"
