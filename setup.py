"""Build factorywatch, with its extraction modules compiled by mypyc where that can be done.

The extraction (``factorywatch.extract``) is plain, fully typed Python. Compiled by mypyc
(C through the ordinary compiler) the same modules run about 1.5 times as fast with the very
same results (bench/extract.py; tests/test_compiled.py). The compiled modules are optional:

* ``FACTORYWATCH_PURE=1`` builds a pure-Python package. Use it while editing extraction code
  in an editable install, where a compiled module shadows its edited source until the next
  ``pip install -e .``.
* A machine without a C compiler (or the Python headers) gets the pure-Python package too,
  with a warning: nothing is half-built, since the modules share one compiled library.

Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_ext import build_ext

SRC = Path("src")
COMPILED = sorted(
    str(p)
    for p in [*SRC.glob("factorywatch/extract/*.py"), *(SRC / "factorywatch" / m for m in ("gazetteer.py", "once.py"))]
    if p.name not in ("__init__.py", "evaluate.py", "output.py")  # not pipeline components
)
"""The modules the extraction pipeline runs per document."""


def _pure() -> bool:
    return os.environ.get("FACTORYWATCH_PURE", "") not in ("", "0")


class CompiledDistribution(Distribution):
    """Tells setuptools that the package may have compiled parts, so that ``build_ext`` runs
    in every build: it makes them (running mypy only then, not in each metadata step of pip)
    or, building pure Python, removes those an earlier editable build left in src/."""

    def has_ext_modules(self) -> bool:
        return True


class MypycBuildExt(build_ext):
    """Compiles ``COMPILED`` with mypyc; on any failure (a type error mypyc refuses, no C
    compiler) installs the pure-Python package, complete, and says why."""

    def finalize_options(self) -> None:
        if not _pure() and not self.distribution.ext_modules:
            try:
                from mypyc.build import mypycify

                self.distribution.ext_modules = mypycify(
                    ["--ignore-missing-imports", *COMPILED], opt_level="3", group_name="factorywatch"
                )
            except (Exception, SystemExit) as exc:  # mypy exits on a type error
                _not_compiled(exc)
        super().finalize_options()

    def run(self) -> None:
        if self.extensions:
            try:
                super().run()
                return
            except Exception as exc:
                for path in self.get_outputs():  # nothing half-built: the modules share one library
                    Path(path).unlink(missing_ok=True)
                _not_compiled(exc)
        _remove_compiled()


def _not_compiled(why: BaseException) -> None:
    print(f"factorywatch: extraction modules not compiled ({why!r}); installing pure Python", file=sys.stderr)


def _remove_compiled() -> None:
    """Compiled modules in src/ (an editable build's) would shadow the pure-Python ones."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    for path in [*SRC.glob(f"factorywatch/**/*{suffix}"), *SRC.glob(f"factorywatch__mypyc*{suffix}")]:
        path.unlink()


setup(distclass=CompiledDistribution, cmdclass={"build_ext": MypycBuildExt})
