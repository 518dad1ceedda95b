"""One ``Document`` from a text and what its reader knew: every reader ends here, so metadata
falls back the same way whatever the format.

What a record or page states wins; what the text's edges show comes next (dateline, byline,
agency trailer); the URL comes last, since it only says where a copy was found.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from factorywatch.ingest.dates import date_in_text, date_in_url
from factorywatch.ingest.outlets import outlet_for_url, outlet_in_text
from factorywatch.model import Document

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")
_LANGUAGE_SAMPLE = 2000


def content_hash(text: str) -> str:
    """SHA-256 of the normalized text (NFC, whitespace runs collapsed to one space, stripped):
    two documents with the same hash are duplicates, however they were wrapped or spaced."""
    normalized = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalized.encode("utf-8", "surrogatepass")).hexdigest()


def detect_language(text: str) -> str:
    """``ko`` when Hangul makes up a third or more of the letters of the text's start, else ``en``:
    the corpora are English and Korean, and a cheap test is enough to tell them apart."""
    sample = text[:_LANGUAGE_SAMPLE]
    if not _HANGUL.search(sample):
        return "en"
    hangul = len(_HANGUL.findall(sample))
    return "ko" if hangul * 3 >= hangul + len(_LATIN.findall(sample)) else "en"


def make_document(
    text: str,
    *,
    source: str,
    id: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Document:
    """The document for ``text`` (kept exactly as read), filling a missing publication date and
    outlet from the text, then from the URL."""
    return Document(
        text=text,
        id=id,
        title=title or None,
        outlet=outlet or outlet_in_text(text) or outlet_for_url(url),
        url=url or None,
        published=published or date_in_text(text) or date_in_url(url),
        language=detect_language(text),
        source=source,
        content_hash=content_hash(text),
    )
