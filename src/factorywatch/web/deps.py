"""How routes reach the database and read paging parameters.

Each request opens its own connection (about 0.7 ms): SQLite connections belong to the
thread that made them, and FastAPI runs routes on a thread pool, so a shared one cannot be
used. The store is opened with ``create=False``, so a server never makes a database, and,
unless the app allows edits, with SQLite's ``query_only`` set, so no route can write to it
even by mistake.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query
from starlette.requests import Request

from factorywatch.errors import UsageError
from factorywatch.store import Store, open_store

MAX_LIMIT = 500
MAX_OFFSET = 10_000
"""Deeper pages are refused: search pages are cut from the top ``offset + limit`` hits."""


@contextmanager
def store_for(request: Request) -> Iterator[Store]:
    store = open_store(request.app.state.db_path, create=False)
    if not request.app.state.allow_edits:
        store.db.execute("PRAGMA query_only = ON")
    try:
        yield store
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Paging:
    return Paging(limit, offset)


PageParams = Annotated[Paging, Depends(paging)]
"""A route's ``limit``/``offset`` query parameters, bounds-checked (422 when out of range)."""


def blank(value: str | None) -> str | None:
    """A form field's value, None when left blank: an HTML form sends "any" as an empty string."""
    if value is None:
        return None
    return value.strip() or None


def form_int(value: str | None, name: str) -> int | None:
    """A blank-or-integer form field (a year); ``UsageError`` (400) for anything else."""
    text = blank(value)
    if text is None:
        return None
    if not text.isdecimal() or len(text) > 9:
        raise UsageError(f"{name} must be a whole number")
    return int(text)


FORM_BOOLEANS = {"yes": True, "no": False}


def form_bool(value: str | None, name: str) -> bool | None:
    """A blank, ``yes`` or ``no`` form field; ``UsageError`` (400) for anything else."""
    text = blank(value)
    if text is None:
        return None
    if text.lower() not in FORM_BOOLEANS:
        raise UsageError(f"{name} must be yes or no")
    return FORM_BOOLEANS[text.lower()]
