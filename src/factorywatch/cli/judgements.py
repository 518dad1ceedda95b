"""Analysts' judgements and resolution: merge, split, not-same, judgements, review, resolve."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import click

from factorywatch.cli.app import (
    cli,
    db_option,
    echo_json,
    handle_errors,
    print_table,
)
from factorywatch.store import open_store

note_option = click.option("--note", help="Why: kept with the judgement, shown by `factorywatch judgements`.")
author_option = click.option("--author", help="Who judged: kept with the judgement.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print the judgement and the resulting ids as JSON.")


def judgement_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options every judgement command takes (--db, --note, --author, --json), with error handling."""
    for option in (handle_errors, json_option, author_option, note_option, db_option):
        fn = option(fn)
    return fn


def print_outcome(outcome: Any, as_json: bool, text: str) -> None:
    """A judgement just recorded: JSON, or one line."""
    if as_json:
        echo_json({"judgement": asdict(outcome.judgement), "facilities": list(outcome.facilities),
                   "resolution": asdict(outcome.report)})
    else:
        click.echo(text)


@cli.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@judgement_options
def merge(a: str, b: str, db_path: str, note: str | None, author: str | None, as_json: bool) -> None:
    """Record that facilities A and B are one, and apply it at once.

    A and B are canonical facility ids (as `factorywatch review` shows them) or any name of
    them. The judgement is kept (append-only) and applied by every later resolution, after
    re-ingest and re-extraction too; only a later not-same or split judgement undoes it.

    Example: factorywatch merge kim-chaek-iron-and-steel-complex "Chollima Steel Complex"
    """
    from factorywatch.resolve import judgements

    with open_store(db_path, create=False) as store:
        outcome = judgements.merge(store, a, b, author=author, note=note)
    j = outcome.judgement
    ids = ", ".join(outcome.facilities)
    done = len(outcome.facilities) == 1
    print_outcome(outcome, as_json, f"Merged {j.a} and {j.b}: now {ids} (judgement {j.id})." if done
                  else f"Recorded judgement {j.id}, but an earlier not-same or split judgement keeps apart {ids}.")


@cli.command()
@click.argument("ref", metavar="ID")
@click.argument("name", metavar="NAME")
@judgement_options
def split(ref: str, name: str, db_path: str, note: str | None, author: str | None, as_json: bool) -> None:
    """Record that NAME (and every spelling of it) is not facility ID, and apply it at once.

    ID is a canonical facility id or a name of it; NAME one of its names. The name becomes a
    facility of its own (or joins the one it matches), now and on every later resolution.

    Example: factorywatch split taedonggang-battery-factory "No. 245 Factory"
    """
    from factorywatch.resolve import judgements

    with open_store(db_path, create=False) as store:
        outcome = judgements.split(store, ref, name, author=author, note=note)
    j = outcome.judgement
    ids = ", ".join(outcome.facilities)
    print_outcome(outcome, as_json, f"Split {j.name!r} off {j.a}: now {ids} (judgement {j.id}).")


@cli.command("not-same")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@judgement_options
def not_same(a: str, b: str, db_path: str, note: str | None, author: str | None, as_json: bool) -> None:
    """Record that A and B are different facilities, and apply it at once.

    A and B are canonical facility ids or names; two names of one facility are parted from
    each other. No automatic match joins them again; only a later merge judgement does.

    Example: factorywatch not-same pyongyang-textile-mill "Pyongyang Silk Mill"
    """
    from factorywatch.resolve import judgements

    with open_store(db_path, create=False) as store:
        outcome = judgements.not_same(store, a, b, author=author, note=note)
    j = outcome.judgement
    print_outcome(outcome, as_json, f"Recorded that {j.a} and {j.b} differ: now {', '.join(outcome.facilities)}"
                  f" (judgement {j.id}).")


@cli.command("judgements")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the judgements as JSON.")
@click.option("--export", "export_file", type=click.File("w", encoding="utf-8"),
              help="Write every judgement to this JSON file (- for standard output), to share them.")
@click.option("--import", "import_file", type=click.File("r", encoding="utf-8"),
              help="Add the judgements of an exported JSON file (- for standard input) not held yet.")
@handle_errors
def judgements_command(db_path: str, as_json: bool, export_file: Any, import_file: Any) -> None:
    """List the analysts' merge / split / not-same judgements, oldest first, or share them.

    --import adds only the judgements this database does not hold (importing a file twice
    adds nothing) and applies them at once; --export writes them all as a JSON list.

    Example: factorywatch judgements --export team.json && factorywatch judgements --import team.json --db other.db
    """
    from factorywatch.errors import InputError
    from factorywatch.resolve import judgements

    with open_store(db_path, create=False) as store:
        if import_file is not None:
            try:
                records = json.load(import_file)
            except json.JSONDecodeError as exc:
                raise InputError(import_file.name, f"not JSON ({exc.msg})", exc.lineno) from None
            added, _ = judgements.import_judgements(store, records)
            click.echo(f"Imported {added} new judgements ({len(records) - added} already held).", err=True)
        if export_file is not None:
            export_file.write(json.dumps(judgements.export_judgements(store), ensure_ascii=False, indent=2) + "\n")
            return
        if import_file is not None and not as_json:
            return
        held = judgements.list_judgements(store)
    if as_json:
        echo_json([asdict(j) for j in held])
    elif not held:
        click.echo("No judgements.", err=True)
    else:
        print_table(((j.id, j.created_at[:10], j.action, j.a, j.b or repr(j.name), j.note or "") for j in held),
                    indent="")


@cli.command()
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most pairs to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the pairs with scores and reasons as JSON.")
@handle_errors
def review(db_path: str, limit: int, as_json: bool) -> None:
    """Pairs of facilities that may be one, best score first, with the matcher's reasons:
    judge each with `factorywatch merge A B` or `factorywatch not-same A B`.

    Example: factorywatch review --limit 10
    """
    from factorywatch.resolve import judgements

    with open_store(db_path, create=False) as store:
        pairs = judgements.review(store, limit=limit)
    if as_json:
        echo_json([asdict(p) for p in pairs])
        return
    if not pairs:
        click.echo("No possible matches.", err=True)
    for p in pairs:
        click.echo(f"{p.score:.2f}  {p.a} ({p.name_a})  ~  {p.b} ({p.name_b})")
        for reason in p.reasons:
            click.echo(f"      {reason['reason']}")


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@handle_errors
def resolve(db_path: str, as_json: bool) -> None:
    """Resolve the facilities of every stored document into canonical facilities again,
    applying every judgement. Ids stay as they were wherever the facility is still there.

    Example: factorywatch resolve --db news.db
    """
    from factorywatch.resolve.corpus import resolve_facilities

    with open_store(db_path, create=False) as store:
        report = resolve_facilities(store)
    if as_json:
        echo_json(asdict(report))
    else:
        click.echo(f"{report.facilities} facilities from {report.members} document facilities, {report.possible}"
                   f" possible matches, {report.judgements} judgements applied ({report.elapsed:.1f} s)")
