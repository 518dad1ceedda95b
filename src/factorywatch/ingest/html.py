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
    from trafilatura.settings import Document as Page

    markup = decode(Path(path).read_bytes(), path)
    if not markup.strip():
        raise InputError(path, "empty file (only whitespace)")
    try:
        extracted = trafilatura.bare_extraction(
            markup,
            fast=True,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # a page the parser chokes on is one bad input, not a crash of the run
        raise InputError(path, f"cannot parse HTML: {exc}".splitlines()[0]) from None
    found = extracted.as_dict() if isinstance(extracted, Page) else {}
    text = found.get("text")
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML")
    yield make_document(
        text,
        id=doc_id,
        title=found.get("title") or detect_title(text),
        outlet=canonical_outlet(found.get("sitename")) or found.get("sitename"),
        url=found.get("url"),
        published=normalize_published(found.get("date")),
        source=path,
    )
