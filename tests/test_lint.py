"""The code stays ruff-clean (rules and line length in pyproject.toml), as the house style asks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def ruff() -> str:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is not installed (it comes with the test extra)")
    return found


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([ruff(), "check", "src", "tests", "bench", "scripts"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
