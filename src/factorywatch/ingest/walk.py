"""From the paths a user gives to documents: files and directories, each file read by the
reader its extension names, every problem turned into an ``InputError`` value.

A run over thousands of files must not stop at the first bad one, so nothing here raises for
bad input: a missing path, a broken link, a file that cannot be read, decoded or parsed is
yielded as an ``InputError`` (``path: reason``, with the line for a JSONL record) and the
run goes on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator

from factorywatch.errors import InputError
from factorywatch.ingest.feeds import read_feed
from factorywatch.ingest.html import read_html
from factorywatch.ingest.records import read_json, read_jsonl
from factorywatch.ingest.text import read_text
from factorywatch.model import Document

Item = Document | InputError
Reader = Callable[[str, str, int], Iterator[Item]]
"""``reader(path, document id, max_size)``: yields items, raises ``InputError`` for a bad file."""

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
"""By extension. A directory walk reads these extensions only; any other file named
explicitly is read as text when it decodes as text."""
STREAMED = {".jsonl", ".ndjson"}
"""Read a line at a time: ``max_size`` bounds a line, not the file."""
DEFAULT_MAX_SIZE = 20_000_000


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def read_file(path: str, doc_id: str, max_size: int = DEFAULT_MAX_SIZE) -> Iterator[Item]:
    """The documents of one file, ``doc_id`` naming them (a record's own id wins)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            yield InputError(path, f"broken symbolic link (to {os.readlink(path)})")
        else:
            yield InputError(path, "no such file or directory")
        return
    except OSError as exc:
        yield InputError(path, _reason(exc))
        return
    suffix = os.path.splitext(path)[1].lower()
    if not stat.S_ISREG(info.st_mode):
        yield InputError(path, "not a regular file")
    elif info.st_size == 0:
        yield InputError(path, "empty file")
    elif info.st_size > max_size and suffix not in STREAMED:
        yield InputError(path, f"file is {_megabytes(info.st_size)}, over the {_megabytes(max_size)} size limit")
    else:
        try:
            yield from READERS.get(suffix, read_text)(path, doc_id, max_size)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(path, _reason(exc))


def _files(root: str) -> Iterator[tuple[str, str] | InputError]:
    """``(path, path relative to root)`` for every file under ``root``, sorted by name at each
    level; hidden names (``.git``, ``.DS_Store``) are skipped, and a directory reached twice
    through links is read once."""
    seen: set[str] = set()

    def visit(directory: str, rel: str) -> Iterator[tuple[str, str] | InputError]:
        real = os.path.realpath(directory)
        if real in seen:
            return
        seen.add(real)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda entry: entry.name)
        except OSError as exc:
            yield InputError(directory, _reason(exc))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_rel = f"{rel}/{entry.name}" if rel else entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False  # read_file reports it
            if is_dir:
                yield from visit(entry.path, entry_rel)
            else:
                yield entry.path, entry_rel

    yield from visit(root, "")


def _read_directory(root: str, max_size: int) -> Iterator[Item]:
    readable = False
    for found in _files(root):
        if isinstance(found, InputError):
            yield found
            if found.path == root:  # the directory itself cannot be listed: nothing more to say
                return
            continue
        path, rel = found
        if os.path.splitext(path)[1].lower() not in READERS:
            continue  # notes beside the articles (README.md...); a file named explicitly is read as text
        for item in read_file(path, rel, max_size):
            readable = readable or isinstance(item, Document)
            yield item
    if not readable:
        yield InputError(root, "directory has no readable files")


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Document | InputError]:
    """Every document under ``paths`` (files, and directories read recursively in sorted
    order), and an ``InputError`` value for each input skipped. Never raises for bad input."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for arg in paths:
        path = os.fspath(arg)
        if os.path.isdir(path):
            yield from _read_directory(path, max_size)
        else:
            yield from read_file(path, path, max_size)
