"""One page of a long list, as every corpus view returns it to the CLI and the web app."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from factorywatch.errors import UsageError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    limit: int | None
    """Most items asked for (None: all)."""
    offset: int
    has_more: bool
    """Whether items follow this page (a page at ``offset + limit`` would not be empty)."""


def check_paging(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0:
        raise UsageError("limit must be 0 or more")
    if offset < 0:
        raise UsageError("offset must be 0 or more")


def page_of(items: Iterable[T], limit: int | None, offset: int) -> Page[T]:
    """The page from ``items``, fetched with one item more than ``limit`` (see ``fetch_limit``)."""
    got = tuple(items)
    if limit is None:
        return Page(got, None, offset, False)
    return Page(got[:limit], limit, offset, len(got) > limit)


def fetch_limit(limit: int | None) -> int | None:
    """How many to ask the store for: one more than the page, to know whether more follow."""
    return None if limit is None else limit + 1
