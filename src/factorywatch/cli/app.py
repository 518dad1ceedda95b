"""The ``factorywatch`` command group and what its commands share: the ``--db`` option,
error handling (the library's own errors become one line and an exit code), progress bars
and JSON output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
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


@contextmanager
def progress_bar(label: str, total: int | None = None) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar on stderr when it is a terminal; nothing (None) otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    count = "{task.completed:,.0f}" + ("" if total is None else "/{task.total:,.0f}")
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn(count), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.update(task, completed=done)


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def print_table(rows: Iterable[tuple[Any, ...]], indent: str = "  ") -> None:
    """Rows as left-aligned columns (None shown as "(unknown)")."""
    cells = [["(unknown)" if v is None else str(v) for v in row] for row in rows]
    if not cells:
        click.echo(f"{indent}(none)")
        return
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    for row in cells:
        click.echo(indent + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def rich_console() -> Any:
    """A console for rich output: the terminal's width, or 160 columns when piped."""
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def page_json(page: Any) -> None:
    echo_json(asdict(page))


def main() -> None:
    cli(prog_name="factorywatch")
