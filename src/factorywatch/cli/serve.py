"""The web app command."""

from __future__ import annotations

import click

from factorywatch.cli.app import (
    cli,
    db_option,
    handle_errors,
)

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
"""Host headers that name loopback, which is all an app served on loopback answers to."""


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

    loopback = host in LOOPBACK_HOSTS
    app = create_app(db_path, allow_edits=allow_edits, allowed_hosts=LOOPBACK_NAMES if loopback else ("*",))
    if not loopback:
        click.echo(f"Warning: listening on {host}: anyone who can reach it can read the database.", err=True)
    click.echo(f"Serving {db_path} at http://{host}:{port}/ ({'edits allowed' if allow_edits else 'read-only'})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
