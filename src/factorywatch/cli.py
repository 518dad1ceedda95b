"""The ``factorywatch`` command: a thin layer over the library.

Each command parses its options, calls one library function and prints the result. Errors
the library raises on purpose (``FactorywatchError``) become one line on stderr and an exit
code; nothing else is caught, so a real bug still shows its traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from factorywatch import __version__
from factorywatch.errors import FactorywatchError

DEFAULT_DB = "factorywatch.db"

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=lambda: os.environ.get("FACTORYWATCH_DB", DEFAULT_DB),
    show_default="./factorywatch.db or $FACTORYWATCH_DB",
    help="SQLite database file.",
)


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's own errors into a one-line message and an exit code."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except FactorywatchError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted: every committed batch is kept; run the command again to finish.", err=True)
            sys.exit(130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factorywatch")
def cli() -> None:
    """Read North Korean state media and independent reports about factories, mines and
    markets; extract facilities, events and claims; surface contradictions.

    Example: factorywatch ingest articles/ && factorywatch stats
    """


def main() -> None:
    cli(prog_name="factorywatch")
