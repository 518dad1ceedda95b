"""The ``factorywatch`` command: a thin layer over the library.

Each command parses its options, calls one library function and prints the result. Errors
the library raises on purpose (``FactorywatchError``) become one line on stderr and an exit
code; nothing else is caught, so a real bug still shows its traceback.
"""

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
from factorywatch.ingest import DEFAULT_MAX_SIZE, job
from factorywatch.store import ExtractionCounts, open_store
from factorywatch.vocab import FACILITY_KINDS

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


def extraction_summary(counts: ExtractionCounts, resolved: Any = None) -> str:
    summary = f"{counts.facilities} facilities, {counts.events} events, {counts.contradictions} contradictions"
    if resolved is not None:
        summary += f"; {resolved.facilities} distinct facilities in the database ({resolved.possible} possible matches)"
    return summary


def resolution_json(resolved: Any) -> dict[str, Any]:
    return {"resolved": None if resolved is None else asdict(resolved)}


@cli.command()
@click.argument("paths", metavar="[PATH]...", nargs=-1, type=click.Path())
@db_option
@click.option("--max-size", default=DEFAULT_MAX_SIZE, show_default=True, type=click.IntRange(min=1),
              help="Skip input files larger than this many bytes.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.option("--no-extract", is_flag=True, help="Store the documents only; run `factorywatch reextract` later.")
@click.option("--batch-size", default=job.DEFAULT_BATCH_SIZE, show_default=True, type=click.IntRange(min=1),
              help="Documents per transaction: an interrupted run loses at most one batch.")
@click.option("--samples", is_flag=True, help="Also read the fictional sample articles shipped with factorywatch.")
@handle_errors
def ingest(
    paths: tuple[str, ...], db_path: str, max_size: int, as_json: bool, no_extract: bool, batch_size: int,
    samples: bool,
) -> None:
    """Read articles into the database and extract what they say about facilities.

    PATH is a .txt, .html, .jsonl/.ndjson/.json or RSS/Atom file, or a directory of them.
    Content already stored is skipped as a duplicate, so running it again is harmless and
    completes an interrupted run. Inputs that cannot be read are listed on stderr as
    `path: reason`. Exit status: 0 all stored or duplicates, 2 some inputs skipped, 1 the
    database cannot be used.

    Example: factorywatch ingest articles/ feeds/kcna.xml --db news.db
    """
    inputs = [*paths, *(job.sample_paths() if samples else ())]
    if not inputs:
        raise click.UsageError("give at least one PATH (or --samples)")
    with open_store(db_path) as store, progress_bar("Reading inputs") as progress:
        report = job.ingest_paths(
            store, inputs, max_size=max_size, extract=not no_extract, batch_size=batch_size, progress=progress
        )
    for error in report.skipped:
        click.echo(str(error), err=True)
    if as_json:
        skipped = [{"path": e.path, "line": e.line, "reason": e.reason} for e in report.skipped]
        echo_json({"stored": report.stored, "duplicates": report.duplicates, "skipped": skipped,
                   "elapsed_s": round(report.elapsed, 3), **asdict(report.extracted),
                   **resolution_json(report.resolved)})
    else:
        click.echo(
            f"{report.stored} documents stored, {report.duplicates} duplicates, {len(report.skipped)} skipped"
            f" ({report.elapsed:.1f} s); extracted {extraction_summary(report.extracted, report.resolved)}"
        )
    sys.exit(2 if report.skipped else 0)


@cli.command()
@db_option
@click.option("--stale", is_flag=True, help="Only documents not yet extracted by the current rules.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@handle_errors
def reextract(db_path: str, stale: bool, as_json: bool) -> None:
    """Run extraction again on the stored documents (after the rules changed), replacing
    their earlier results.

    Example: factorywatch reextract --db news.db --stale
    """
    with open_store(db_path, create=False) as store, progress_bar(
        "Extracting", None if stale else store.count_documents()
    ) as progress:
        report = job.reextract(store, stale_only=stale, progress=progress)
    if as_json:
        echo_json({"documents": report.documents, "elapsed_s": round(report.elapsed, 3), **asdict(report.extracted),
                   **resolution_json(report.resolved)})
    else:
        click.echo(
            f"{report.documents} documents extracted ({report.elapsed:.1f} s): "
            f"{extraction_summary(report.extracted, report.resolved)}"
        )


@cli.command()
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most results to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON (matches marked **like this**).")
@handle_errors
def search(query: tuple[str, ...], db_path: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts, best matches first, with highlighted snippets.

    Accents are ignored (Pyŏngyang finds Pyongyang). FTS5 syntax works ("a phrase", OR,
    NOT, prefix*); anything else is searched for as plain words.

    Example: factorywatch search '"Hamhung" vinalon' --limit 5
    """
    with open_store(db_path, create=False) as store:
        hits = store.search(" ".join(query), limit=limit)
    if as_json:
        echo_json([{k: v for k, v in asdict(h).items() if k != "fragments"} | {"snippet": h.snippet()} for h in hits])
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for n, hit in enumerate(hits, 1):
        meta = ", ".join(str(v) for v in (hit.outlet, hit.published, hit.doc_id or hit.id) if v)
        click.echo(f"{n}. {hit.title or '(untitled)'} ({meta})")
        if console.is_terminal:
            pieces = ((t.replace("\n", " "), "bold yellow" if m else "") for t, m in hit.fragments)
            console.print(Text.assemble("   ", *pieces))
        else:
            click.echo("   " + hit.snippet().replace("\n", " "))
    if not hits:
        click.echo("No matches.", err=True)


def print_table(rows: Iterable[tuple[Any, ...]], indent: str = "  ") -> None:
    """Rows as left-aligned columns (None shown as "(unknown)")."""
    cells = [["(unknown)" if v is None else str(v) for v in row] for row in rows]
    if not cells:
        click.echo(f"{indent}(none)")
        return
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    for row in cells:
        click.echo(indent + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@handle_errors
def stats(db_path: str, as_json: bool) -> None:
    """What the database holds: documents by outlet and by year, named facilities by kind
    and by province.

    Example: factorywatch stats --db news.db
    """
    with open_store(db_path, create=False) as store:
        result = store.stats()
    if as_json:
        echo_json(asdict(result))
        return
    click.echo(f"Documents: {result.documents} ({result.extracted} with extraction)")
    for title, rows in (("By outlet", result.by_outlet), ("By year", result.by_year)):
        click.echo(f"{title}:")
        print_table(rows)
    click.echo(f"Named facilities: {result.facilities}")
    for title, rows in (("By kind", result.facilities_by_kind), ("By province", result.facilities_by_province)):
        click.echo(f"{title}:")
        print_table(rows)


@cli.command()
@db_option
@click.option("--outlet", help="Only this outlet (e.g. KCNA, \"Daily NK\"; case does not matter).")
@click.option("--since", help="Published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD; inclusive).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=0), help="Most documents (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@handle_errors
def documents(
    db_path: str, outlet: str | None, since: str | None, until: str | None, limit: int, as_json: bool
) -> None:
    """List stored documents, newest first: id, input id, date, outlet, title.

    Example: factorywatch documents --outlet "Daily NK" --since 2023-06 --limit 20
    """
    with open_store(db_path, create=False) as store:
        infos = store.documents(outlet=outlet, since=since, until=until, limit=limit or None)
    if as_json:
        echo_json([asdict(i) for i in infos])
        return
    if not infos:
        click.echo("No documents.", err=True)
        return
    print_table(((i.id, i.doc_id, i.published, i.outlet, i.title) for i in infos), indent="")


@cli.command()
@click.argument("ref", metavar="ID")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
@handle_errors
def document(ref: str, db_path: str, as_json: bool) -> None:
    """Show one document's metadata, extraction counts and text. ID is its input id (the
    JSONL id, or the file path) or its integer id from `factorywatch documents`.

    Example: factorywatch document kcna-aed43662a386
    """
    with open_store(db_path, create=False) as store:
        doc = store.document(ref)
    if as_json:
        echo_json({**asdict(doc.info), "extracted": asdict(doc.counts), "text": doc.text})
        return
    for key, value in asdict(doc.info).items():
        if value is not None:
            click.echo(f"{key}: {value}")
    click.echo(f"extracted: {extraction_summary(doc.counts)}")
    click.echo()
    click.echo(doc.text)


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the database to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--allow-edits", is_flag=True,
              help="Let analysts record merge / split / not-same judgements from the dossier pages.")
@handle_errors
def serve(db_path: str, host: str, port: int, allow_edits: bool) -> None:
    """Browse the database in a web browser: overview, map, facilities, dossiers,
    contradictions, timeline, search, and a JSON API under /api/ (described at /openapi.json).

    The database is only read unless --allow-edits is given. Stop with Ctrl-C.

    Example: factorywatch serve --db news.db --port 8000
    """
    import uvicorn  # here: the web stack is slow to import and only this command needs it

    from factorywatch.web.app import create_app

    app = create_app(db_path, allow_edits=allow_edits)
    if host not in LOOPBACK_HOSTS:
        click.echo(f"Warning: listening on {host}: anyone who can reach it can read the database.", err=True)
    click.echo(f"Serving {db_path} at http://{host}:{port}/ ({'edits allowed' if allow_edits else 'read-only'})")
    uvicorn.run(app, host=host, port=port, log_level="warning")


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


note_option = click.option("--note", help="Why: kept with the judgement, shown by `factorywatch judgements`.")
author_option = click.option("--author", help="Who judged: kept with the judgement.")


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
@db_option
@note_option
@author_option
@click.option("--json", "as_json", is_flag=True, help="Print the judgement and the resulting ids as JSON.")
@handle_errors
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
@db_option
@note_option
@author_option
@click.option("--json", "as_json", is_flag=True, help="Print the judgement and the resulting ids as JSON.")
@handle_errors
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
@db_option
@note_option
@author_option
@click.option("--json", "as_json", is_flag=True, help="Print the judgement and the resulting ids as JSON.")
@handle_errors
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


def rich_console() -> Any:
    """A console for rich output: the terminal's width, or 160 columns when piped."""
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def page_json(page: Any) -> None:
    echo_json(asdict(page))


@cli.command("facilities")
@db_option
@click.option("--text", "-q", help="Part of any name the facility goes by (aliases included).")
@click.option("--kind", help="One of: " + ", ".join(FACILITY_KINDS) + ".")
@click.option("--province", help="A province, spelled any way (\"South Hamgyong\", \"Hamgyongnam-do\").")
@click.option("--status", help="As last reported: operating, reduced, stopped, under_investigation.")
@click.option("--contradicted/--not-contradicted", default=None,
              help="Only facilities where official positive claims stand (or not) against independent negative ones.")
@click.option("--event-type", help="Only facilities with an event of this type (shutdown, investigation...).")
@click.option("--year", type=int, help="Only facilities reported in a document published that year.")
@click.option("--sort", default="reports", show_default=True,
              help="reports (most first), last-event (latest first) or name.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=0), help="Most facilities (0: all).")
@click.option("--offset", default=0, type=click.IntRange(min=0), help="Facilities to skip (for the next page).")
@click.option("--json", "as_json", is_flag=True, help="Print the page as JSON: items, limit, offset, has_more.")
@handle_errors
def facilities_command(
    db_path: str, text: str | None, kind: str | None, province: str | None, status: str | None,
    contradicted: bool | None, event_type: str | None, year: int | None, sort: str, limit: int, offset: int,
    as_json: bool,
) -> None:
    """List canonical facilities with what the corpus says about them: status as last
    reported (and when), reports, latest event, whether it is contradicted.

    Example: factorywatch facilities --province "North Hamgyong" --contradicted --sort last-event
    """
    from factorywatch.analyze import render
    from factorywatch.analyze.facilities import list_facilities

    with open_store(db_path, create=False) as store:
        page = list_facilities(store, text=text, kind=kind, province=province, status=status,
                               contradicted=contradicted, event_type=event_type, year=year, sort=sort,
                               limit=limit or None, offset=offset)
    if as_json:
        page_json(page)
    elif page.items:
        render.facilities(rich_console(), page)
    else:
        click.echo("No facilities.", err=True)


@cli.command("show")
@click.argument("ref", metavar="NAME|ID")
@db_option
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1),
              help="Most events, claims of each side, documents and status periods shown (the newest).")
@click.option("--json", "as_json", is_flag=True, help="Print the dossier as JSON.")
@handle_errors
def show(ref: str, db_path: str, limit: int, as_json: bool) -> None:
    """The dossier of one facility: names and aliases, place (and how it is known) with
    coordinates, status over time, timeline of events with their evidence, official and
    independent claims, the contradiction between them, documents.

    NAME|ID is a facility id, or a name in any case, romanization or spelling; a name that
    fits several facilities lists them (give an id then).

    Example: factorywatch show "Kimchaek Iron and Steel Complex"
    """
    from factorywatch.analyze import render
    from factorywatch.analyze.dossier import dossier

    with open_store(db_path, create=False) as store:
        result = dossier(store, ref, limit=limit)
    if as_json:
        echo_json(asdict(result))
    else:
        render.dossier(rich_console(), result)


@cli.command("contradictions")
@db_option
@click.option("--province", help="Only facilities in this province.")
@click.option("--kind", help="Only facilities of this kind.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=0), help="Most facilities (0: all).")
@click.option("--offset", default=0, type=click.IntRange(min=0), help="Facilities to skip (for the next page).")
@click.option("--json", "as_json", is_flag=True, help="Print the page as JSON: items, limit, offset, has_more.")
@handle_errors
def contradictions_command(
    db_path: str, province: str | None, kind: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """Facilities where an official positive claim stands against an independent negative
    claim, anywhere in the corpus: the newest claim of each side with its sentence, outlet
    and date, and how many there are; newest first.

    Example: factorywatch contradictions --province Ryanggang --limit 10
    """
    from factorywatch.analyze import render
    from factorywatch.analyze.contradictions import contradictions

    with open_store(db_path, create=False) as store:
        page = contradictions(store, province=province, kind=kind, limit=limit or None, offset=offset)
    if as_json:
        page_json(page)
    elif page.items:
        render.contradictions(rich_console(), page)
    else:
        click.echo("No contradictions.", err=True)


@cli.command("timeline")
@db_option
@click.option("--facility", help="Only this facility (id or name).")
@click.option("--province", help="Only facilities in this province.")
@click.option("--type", "types", multiple=True, help="Only events of this type (repeat for several).")
@click.option("--since", help="On or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="On or before this date (YYYY, YYYY-MM or YYYY-MM-DD; inclusive).")
@click.option("--newest-first", is_flag=True, help="Newest events first.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0), help="Most events (0: all).")
@click.option("--offset", default=0, type=click.IntRange(min=0), help="Events to skip (for the next page).")
@click.option("--json", "as_json", is_flag=True, help="Print the page as JSON: items, limit, offset, has_more.")
@handle_errors
def timeline_command(
    db_path: str, facility: str | None, province: str | None, types: tuple[str, ...], since: str | None,
    until: str | None, newest_first: bool, limit: int, offset: int, as_json: bool,
) -> None:
    """Events of canonical facilities in date order: date (the event's own, else its
    document's publication date), type, facility, evidence sentence, document.

    Example: factorywatch timeline --province "South Hamgyong" --type shutdown --since 2023
    """
    from factorywatch.analyze import render
    from factorywatch.analyze.timeline import timeline

    with open_store(db_path, create=False) as store:
        page = timeline(store, facility=facility, province=province, types=types, since=since, until=until,
                        newest_first=newest_first, limit=limit or None, offset=offset)
    if as_json:
        page_json(page)
    elif page.items:
        render.timeline(rich_console(), page)
    else:
        click.echo("No events.", err=True)


@cli.command("export")
@db_option
@click.option("--format", "fmt", required=True, help="csv, geojson, jsonl or ftm.")
@click.option("--what", default="facilities", show_default=True, help="facilities, events or claims.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to FILE (default: stdout).")
@handle_errors
def export_command(db_path: str, fmt: str, what: str, output: str | None) -> None:
    """Export facilities, events or claims, one row (CSV, JSONL), feature (GeoJSON) or
    entity (FtM) each.

    \b
    Columns (CSV header, JSONL keys, GeoJSON properties):
      facilities: id, name, kind, province, locality, place_source, lat, lon, precision,
        status, status_date, reports, first_seen, last_seen, last_event, contradicted, aliases
      events: facility_id, facility_name, kind, province, locality, type, date,
        date_precision, day, document, doc_id, outlet, published, title, url, evidence
      claims: facility_id, facility_name, kind, province, locality, side, polarity,
        source, document, doc_id, outlet, published, title, url, evidence
    In CSV, aliases are joined by "; ", booleans are true/false, unknowns are empty.

    GeoJSON: a FeatureCollection of Points [lon, lat] at the centroid of the facility's
    locality (precision "locality") or else province (precision "province"); a facility
    with no known place is kept, with "geometry": null. FtM: FollowTheMoney entities as
    Aleph reads them (Organization and Address; Event; Documentation of an Article).

    Example: factorywatch export --format geojson -o facilities.geojson
    """
    from factorywatch.analyze.export import check, export

    check(fmt, what)
    with open_store(db_path, create=False) as store:
        if output is None:
            count = export(store, fmt, what, sys.stdout)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                count = export(store, fmt, what, out)
    if output is not None:
        click.echo(f"{count} {'entities' if fmt == 'ftm' else what} written to {output}", err=True)

def main() -> None:
    cli(prog_name="factorywatch")
