"""Commands over stored articles: ingest, reextract, search, stats, documents, document."""

from __future__ import annotations

import sys
from dataclasses import asdict
from typing import Any

import click

from factorywatch.cli.app import (
    cli,
    db_option,
    echo_json,
    handle_errors,
    print_table,
    progress_bar,
)
from factorywatch.ingest import DEFAULT_MAX_SIZE, job
from factorywatch.resolve.corpus import ResolveReport
from factorywatch.store import ExtractionCounts, open_store


def extraction_summary(counts: ExtractionCounts, resolved: ResolveReport | None = None) -> str:
    summary = (
        f"{counts.facilities} facilities, {counts.events} events, "
        f"{counts.contradictions} contradictions within documents"
    )
    if resolved is not None:
        summary += f"; {resolved.facilities} distinct facilities in the database ({resolved.possible} possible matches)"
    return summary


def resolution_json(resolved: ResolveReport | None) -> dict[str, Any]:
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


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@handle_errors
def stats(db_path: str, as_json: bool) -> None:
    """What the database holds: documents by outlet and by year; named facilities, events
    and facilities contradicted across documents; facilities by kind and by province.

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
    click.echo(f"Named facilities: {result.facilities}; events: {result.events}; facilities contradicted across "
               f"documents: {result.contradicted} (see `factorywatch contradictions`)")
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
