"""Records with ``text`` and optional ``id, url, outlet, published, title``: JSONL/NDJSON files,
read as a stream one line at a time, and ``.json`` files holding an array of them.

Other fields are ignored (the gold files are such records, with the answers beside the text).
A JSONL file is never held in memory whole: its encoding is detected once from its start,
and ``max_size`` bounds each line rather than the file. A bad line is reported with its
number and the rest of the file is still read.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

from factorywatch.errors import InputError
from factorywatch.ingest.dates import normalize_published
from factorywatch.ingest.decode import ESCAPED, SAMPLE_BYTES, decode, stream_codec
from factorywatch.ingest.document import make_document
from factorywatch.model import Document

_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), "null")


_TOO_DEEP = "not JSON that can be read: nested too deeply"


class BadRecord(Exception):
    """A record that is no article: the reason, for the caller to report with its place."""


def _field(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def record_document(record: object, *, where: str, fallback_id: str) -> Document:
    """The document of one parsed record; ``BadRecord`` when it holds no article text."""
    if not isinstance(record, dict):
        raise BadRecord(f"record is a JSON {_json_type(record)}, not an object")
    text = record.get("text")
    if not isinstance(text, str):
        raise BadRecord("record has no 'text' string" if text is None else "record 'text' is not a string")
    if not text.strip():
        raise BadRecord("record 'text' is empty")
    return make_document(
        text,
        id=_field(record, "id") or fallback_id,
        title=_field(record, "title"),
        outlet=_field(record, "outlet"),
        url=_field(record, "url"),
        published=normalize_published(record.get("published")),
        source=where,
    )


def _lines(fh: io.TextIOWrapper, max_size: int) -> Iterator[str | None]:
    """The lines of ``fh``; None for a line over ``max_size`` characters (skipped unread)."""
    while line := fh.readline(max_size + 1):
        if len(line) > max_size and not line.endswith(("\n", "\r")):
            while (rest := fh.readline(SAMPLE_BYTES)) and not rest.endswith(("\n", "\r")):
                pass
            yield None
        else:
            yield line


def read_jsonl(path: str, doc_id: str, max_size: int) -> Iterator[Document | InputError]:
    with open(path, "rb") as raw:
        codec = stream_codec(raw.read(SAMPLE_BYTES), path)
        raw.seek(0)
        # surrogateescape keeps undecodable bytes in the line read, so that one bad line costs one line
        fh = io.TextIOWrapper(raw, encoding=codec, errors="surrogateescape", newline="")
        seen = False
        for number, line in enumerate(_lines(fh, max_size), 1):
            if line is None:
                yield InputError(path, f"line longer than {max_size:,} characters", line=number)
                continue
            if not line.strip():
                continue
            seen = True
            if ESCAPED.search(line):
                yield InputError(path, f"undecodable: invalid {codec}", line=number)
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(path, f"not JSON: {exc.msg} (column {exc.colno})", line=number)
                continue
            except RecursionError:
                yield InputError(path, _TOO_DEEP, line=number)
                continue
            try:
                yield record_document(record, where=f"{path}:{number}", fallback_id=f"{doc_id}:{number}")
            except BadRecord as exc:
                yield InputError(path, str(exc), line=number)
        if not seen:
            raise InputError(path, "empty file (no records)")


def read_json(path: str, doc_id: str, max_size: int) -> Iterator[Document | InputError]:
    text = decode(Path(path).read_bytes(), path)
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise InputError(path, _TOO_DEEP) from None
    if not isinstance(records, list):
        raise InputError(path, f"not a JSON array of records (a JSON {_json_type(records)})")
    if not records:
        raise InputError(path, "empty JSON array (no records)")
    for number, record in enumerate(records, 1):
        try:
            yield record_document(record, where=f"{path}#{number}", fallback_id=f"{doc_id}#{number}")
        except BadRecord as exc:
            yield InputError(path, f"record {number}: {exc}")
