"""RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``): one document per item, from its content
or summary, link, title and date, through feedparser.

Dates are read from the raw strings: feedparser's parsed dates are converted to UTC, which
moves a Pyongyang or Seoul morning to the previous day. Item bodies are HTML fragments, too
small for an article extractor (trafilatura returns nothing for a one-paragraph summary), so
they are read with lxml's HTML parser, keeping paragraph breaks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml.etree import ParserError

from factorywatch.errors import InputError
from factorywatch.ingest.dates import normalize_published
from factorywatch.ingest.decode import reject_binary
from factorywatch.ingest.document import make_document
from factorywatch.ingest.outlets import canonical_outlet
from factorywatch.model import Document

_BLANK_RUNS = re.compile(r"\n{3,}")
_BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "pre"}


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, with a blank line between blocks and a line break per ``<br>``."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):  # ValueError: a fragment that declares its own encoding
        return ""
    for el in root.iter():
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS and el is not root:
            el.tail = "\n\n" + (el.tail or "")
    lines = (line.strip() for line in root.text_content().splitlines())
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def _entry_text(entry: dict) -> str:
    parts = [*(entry.get("content") or ()), entry.get("summary_detail") or {}]
    best = max(parts, key=lambda part: len(part.get("value") or ""))
    value = best.get("value") or ""
    return html_to_text(value) if "html" in (best.get("type") or "html") else value.strip()


def read_feed(path: str, doc_id: str, max_size: int) -> Iterator[Document | InputError]:
    import feedparser  # only when there is a feed to read

    data = Path(path).read_bytes()
    reject_binary(data, path)
    feed = feedparser.parse(io.BytesIO(data))  # bytes, never a str, which feedparser may fetch as a URL
    if not feed.entries:
        if feed.bozo:
            reason = str(feed.get("bozo_exception") or "malformed XML").splitlines()[0]
            raise InputError(path, f"not an RSS or Atom feed: {reason}")
        raise InputError(path, "feed has no items")
    channel = canonical_outlet(feed.feed.get("title"))  # a digest's own title names no outlet
    for number, entry in enumerate(feed.entries, 1):
        text = _entry_text(entry)
        if not text:
            yield InputError(path, f"item {number} has no text")
            continue
        yield make_document(
            text,
            id=entry.get("id") or f"{doc_id}#{number}",
            title=entry.get("title"),
            outlet=(entry.get("source") or {}).get("title") or channel,
            url=entry.get("link"),
            published=normalize_published(entry.get("published") or entry.get("updated")),
            source=f"{path}#{number}",
        )
