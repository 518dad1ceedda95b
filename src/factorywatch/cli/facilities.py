"""Corpus views: facilities, show, contradictions, timeline, export."""

from __future__ import annotations

import sys
from dataclasses import asdict

import click

from factorywatch.cli.app import (
    cli,
    db_option,
    echo_json,
    handle_errors,
    page_json,
    rich_console,
)
from factorywatch.store import open_store
from factorywatch.vocab import FACILITY_KINDS


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
