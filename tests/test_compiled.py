"""The extraction runs compiled where the build could compile it, and never from a stale build.

setup.py compiles the pipeline's modules with mypyc unless FACTORYWATCH_PURE is set or no C
compiler is at hand. bench/extract.py measures whatever is installed, so a build that
silently fell back to pure Python would halve the figure unnoticed; and in an editable
install a compiled module shadows its source, so an edit made after the last
``pip install -e .`` would be silently ignored.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import shutil
import sysconfig
from pathlib import Path

import pytest

PIPELINE_MODULES = (
    "factorywatch.gazetteer",
    "factorywatch.once",
    "factorywatch.extract.sentences",
    "factorywatch.extract.entities",
    "factorywatch.extract.facilities",
    "factorywatch.extract.places",
    "factorywatch.extract.dates",
    "factorywatch.extract.events",
    "factorywatch.extract.claims",
)


def _compiled(module: str) -> bool:
    path = importlib.import_module(module).__file__ or ""
    return path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def test_pipeline_is_compiled_when_a_compiler_is_at_hand() -> None:
    if os.environ.get("FACTORYWATCH_PURE", "") not in ("", "0"):
        pytest.skip("built pure Python on request (FACTORYWATCH_PURE)")
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        pytest.skip(f"no C compiler ({compiler}): the pure-Python build is expected")
    assert [m for m in PIPELINE_MODULES if not _compiled(m)] == []


def test_no_compiled_module_is_older_than_its_source() -> None:
    package = Path(importlib.import_module("factorywatch").__file__ or "").parent
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    stale = [
        f"{source.relative_to(package.parent)} changed after it was compiled: run pip install -e . again"
        for library in package.rglob(f"*{suffix}")
        if (source := library.with_name(library.name.removesuffix(suffix) + ".py")).exists()
        and source.stat().st_mtime > library.stat().st_mtime
    ]
    assert stale == []
