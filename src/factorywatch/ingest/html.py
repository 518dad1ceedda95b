"""Saved article pages (``.html``, ``.htm``): the article text, headline, date, URL and site
name, through trafilatura.

``fast=True`` skips trafilatura's fallback extractors (about twice as fast, the same text on
news pages, see ../shared/STACK.md). Dates come from the page's metadata only
(``extensive_search=False``): a date found anywhere in a page is as likely the day it was
saved as the day it was published, and the text's own dateline is tried after.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from factorywatch.errors import InputError
from factorywatch.ingest.dates import normalize_published
from factorywatch.ingest.decode import decode
from factorywatch.ingest.document import make_document
from factorywatch.ingest.outlets import canonical_outlet
from factorywatch.ingest.text import detect_title
from factorywatch.model import Document

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(path: str, doc_id: str, max_size: int) -> Iterator[Document]:
    import trafilatura  # 180 ms to import: only when there is HTML to read

    page = decode(Path(path).read_bytes(), path)
    if not page.strip():
        raise InputError(path, "empty file (only whitespace)")
    try:
        found = trafilatura.bare_extraction(
            page, fast=True, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except Exception as exc:  # noqa: BLE001 - a page the parser chokes on is one bad input, not a crash
        raise InputError(path, f"cannot parse HTML: {exc}".splitlines()[0]) from None
    text = getattr(found, "text", None)
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML")
    yield make_document(
        text,
        id=doc_id,
        title=found.title or detect_title(text),
        outlet=canonical_outlet(found.sitename) or found.sitename,
        url=found.url,
        published=normalize_published(found.date),
        source=path,
    )
