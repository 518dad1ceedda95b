"""Commands that work without a database: extract, eval, cluster-names."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from factorywatch.cli.app import (
    cli,
    echo_json,
    handle_errors,
)
from factorywatch.errors import FactorywatchError
from factorywatch.ingest import DEFAULT_MAX_SIZE


@cli.command("cluster-names")
@click.argument("file", metavar="[FILE|-]", default="-", type=click.File("r", encoding="utf-8", errors="replace"))
@handle_errors
def cluster_names(file: Any) -> None:
    """Group facility names that denote one facility (no database needed).

    Reads one name per line from FILE (default: standard input) and prints one JSON line
    per name: {"name": ..., "cluster": ...}. Names of one facility share a cluster id,
    whatever their romanization, spelling, translation or kind word.

    Example: printf 'Wonsan Shoe Factory\\nWonsan Shoes Factory\\n' | factorywatch cluster-names
    """
    from factorywatch.resolve.cluster import cluster_lines

    for name, cluster_id in cluster_lines(file.read().splitlines()):
        click.echo(json.dumps({"name": name, "cluster": cluster_id}, ensure_ascii=False))


@cli.command("extract")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per document and line; json: one indented JSON array.")
@click.option("--max-size", default=DEFAULT_MAX_SIZE, show_default=True, type=click.IntRange(min=1),
              help="Skip input files larger than this many bytes.")
@handle_errors
def extract_command(paths: tuple[str, ...], fmt: str, max_size: int) -> None:
    """Extract facilities, events, claims and contradictions, without a database.

    PATH is read as `ingest` reads it (.txt, .html, .jsonl/.ndjson/.json records, RSS/Atom,
    directories). Prints one object per document, in input order, in the output contract of
    ../shared/spec/output.md. Inputs that cannot be read are listed on stderr as
    `path: reason`; the exit status is then 2.

    Example: factorywatch extract articles/ --format jsonl > extracted.jsonl
    """
    from factorywatch.extract import extract_run
    from factorywatch.extract.output import to_contract

    skipped = 0
    records = []
    for item in extract_run(paths, max_size=max_size):
        if isinstance(item, FactorywatchError):
            click.echo(str(item), err=True)
            skipped += 1
        elif fmt == "jsonl":
            click.echo(json.dumps(to_contract(item), ensure_ascii=False))
        else:
            records.append(to_contract(item))
    if fmt == "json":
        echo_json(records)
    sys.exit(2 if skipped else 0)


@cli.command("eval")
@click.argument("gold", metavar="GOLD.jsonl", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@handle_errors
def eval_command(gold: str, as_json: bool) -> None:
    """Score extraction against a gold file (../shared/spec/annotation.md).

    Extracts the file's records, reading only their text, id, url, outlet, published and
    title, and prints the figures of the reference scorer (../shared/tools/score.py), by the
    same definitions: facility, event, claim and contradiction P/R/F1, place and date accuracy.

    Example: factorywatch eval ../shared/corpus/dev/gold.jsonl
    """
    from factorywatch.extract.evaluate import evaluate, report_lines

    figures = evaluate(gold)
    if as_json:
        click.echo(json.dumps(figures))
    else:
        for line in report_lines(figures):
            click.echo(line)
