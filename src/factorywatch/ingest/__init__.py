"""Ingestion: from paths to ``Document`` records (``factorywatch.model``).

``read_paths(paths, max_size=20_000_000)`` reads files and directories (recursively, in sorted
order, hidden names skipped) and yields a ``Document`` per article and an ``InputError`` value
(``factorywatch.errors``; yielded, not raised) for each input it skips, so one bad file never
stops a run: print ``str(error)`` (``path: reason`` or ``path:line: reason``) and go on.

Formats, by extension: ``.txt``; ``.html``/``.htm`` (trafilatura); ``.jsonl``/``.ndjson``
(streamed, one record a line) and ``.json`` (an array) of records with ``text`` and optional
``id, url, outlet, published, title``; RSS/Atom ``.xml``/``.rss``/``.atom`` (feedparser). Any
other file is read as text when it decodes. Encodings: UTF-8 (BOM or not), UTF-16/32 with a
BOM, CP949/EUC-KR and CP1252 detected by charset-normalizer. ``max_size`` bounds a file, or
one line of a JSONL file (those are never held in memory whole).

Each document carries its text exactly as read (offsets index into it; only a BOM is
dropped), ``id`` (the record's id, else the path relative to the directory argument, or the
file argument as given; ``:line``/``#n`` added for records and feed items without one),
``source`` (``path``, ``path:line`` for JSONL, ``path#n`` for JSON arrays and feed items),
title, outlet, URL, ``published`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), language
(``ko``/``en``) and ``content_hash``. Metadata comes from the record or page first, then from
the text's dateline, byline or trailer, then from the URL.

Also: ``content_hash(text)`` (equal for duplicates: same text after NFC and whitespace
collapsing), ``normalize_published(value)``, and the outlet table of
``data/outlets.yaml`` in ``factorywatch.ingest.outlets``: ``outlet_side(outlet)`` (``official``
for DPRK state media, ``independent`` for any other named outlet, None for none) and
``outlet_for_host(host)``.
"""

from __future__ import annotations

from factorywatch.ingest import outlets
from factorywatch.ingest.dates import normalize_published
from factorywatch.ingest.document import content_hash
from factorywatch.ingest.outlets import outlet_for_host, outlet_side
from factorywatch.ingest.walk import DEFAULT_MAX_SIZE, read_paths

__all__ = [
    "DEFAULT_MAX_SIZE",
    "content_hash",
    "normalize_published",
    "outlet_for_host",
    "outlet_side",
    "outlets",
    "read_paths",
]
