"""Plain-text articles (``.txt`` and any file that decodes as text), and their headlines.

A saved article often starts with the page's furniture ("38.1 C", "Delhi", "Sunday, April
27, 2025") before its headline, and many texts have no headline at all: they start with
the first paragraph. A headline is the first real line when it reads like one: short, no
sentence punctuation at its end, and followed by more text. A line of one or two words is
furniture, unless it opens the text right above the prose ("Press Review").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from factorywatch.errors import InputError
from factorywatch.ingest.dates import normalize_published
from factorywatch.ingest.decode import decode
from factorywatch.ingest.document import make_document
from factorywatch.ingest.layout import HEAD_CHARS
from factorywatch.model import Document

_MAX_TITLE_CHARS = 200
_MIN_TITLE_WORDS = 3
_HEADER_LINES = 6
"""Lines of page furniture to look past for the headline."""
_NOT_A_TITLE_END = re.compile(r"[.,;:)\]]['\"\u2019\u201d]?$")
_DATELINE_START = re.compile(r"^[A-Z][\w .'-]{1,30},\s[^()]{3,40}\([^()]{2,30}\)\s*(?:--|[\u2013\u2014-])")


def _is_date(line: str) -> bool:
    return normalize_published(line.strip("[]")) is not None  # KCNA: "[Juche113.1.2.]"


def _is_short_headline(lines: list[str], i: int) -> bool:
    line = lines[i]
    return (
        i == 0
        and i + 1 < len(lines)
        and line[0].isupper()
        and not any(ch.isdigit() for ch in line)
        and len(lines[i + 1].split()) >= 4
        and not _is_date(lines[i + 1])
    )


def detect_title(text: str) -> str | None:
    """The headline on the first lines of ``text``, or None when the text starts with prose."""
    lines = [s for line in text[:HEAD_CHARS].splitlines() if (s := line.strip())]
    for i, line in enumerate(lines[:_HEADER_LINES]):
        if _is_date(line) or (len(line.split()) < _MIN_TITLE_WORDS and not _is_short_headline(lines, i)):
            continue  # furniture: a place, a temperature, the day the page was saved
        if (
            len(line) > _MAX_TITLE_CHARS
            or _NOT_A_TITLE_END.search(line)
            or _DATELINE_START.match(line)
            or i + 1 == len(lines)
        ):
            return None
        return line
    return None


def read_text(path: str, doc_id: str, max_size: int) -> Iterator[Document]:
    text = decode(Path(path).read_bytes(), path)
    if not text.strip():
        raise InputError(path, "empty file (only whitespace)")
    yield make_document(text, id=doc_id, title=detect_title(text), source=path)
