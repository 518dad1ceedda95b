"""Exports of the corpus: facilities, events or claims as CSV, GeoJSON, JSONL or FtM.

Every format writes the same flat records (``FIELDS`` names their columns, in order), so a
spreadsheet, a GIS and a script see one shape: CSV with a header row (lists joined by
``"; "``, booleans ``true``/``false``, unknowns empty); JSONL one object per line; GeoJSON a
FeatureCollection of Points at the facility's best known place (``[lon, lat]``, RFC 7946
order, its precision in ``precision``), a facility with no known place keeping its
properties with ``"geometry": null``; FtM FollowTheMoney entities (``analyze.ftm``). Records
are written as they are read, so exports of any size stream.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from factorywatch.analyze.facilities import FacilitySummary, all_facilities
from factorywatch.analyze.ftm import ftm_entities
from factorywatch.analyze.place import locate
from factorywatch.errors import UsageError
from factorywatch.store import Store
from factorywatch.store.corpus_records import ClaimRow, DocumentRef, EventRow, FacilityRef, NameCount

FORMATS = ("csv", "geojson", "jsonl", "ftm")
WHATS = ("facilities", "events", "claims")

_DOCUMENT_FIELDS = ("document", "doc_id", "outlet", "published", "title", "url")
_FACILITY_FIELDS = ("facility_id", "facility_name", "kind", "province", "locality")
FIELDS: dict[str, tuple[str, ...]] = {
    "facilities": ("id", "name", "kind", "province", "locality", "place_source", "lat", "lon", "precision",
                   "status", "status_date", "reports", "first_seen", "last_seen", "last_event", "contradicted",
                   "aliases"),
    "events": (*_FACILITY_FIELDS, "type", "date", "date_precision", "day", *_DOCUMENT_FIELDS, "evidence"),
    "claims": (*_FACILITY_FIELDS, "side", "polarity", "source", *_DOCUMENT_FIELDS, "evidence"),
}
"""The columns of each export (``--help`` of ``factorywatch export`` lists them)."""

Record = dict[str, Any]


def facility_record(summary: FacilitySummary, names: Iterable[NameCount] = ()) -> Record:
    f, loc = summary.facility, summary.location
    return {
        "id": f.id, "name": f.name, "kind": f.kind, "province": f.province, "locality": f.locality,
        "place_source": f.place_source, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "precision": loc.precision if loc else None, "status": f.status, "status_date": f.status_date,
        "reports": f.reports, "first_seen": f.first_seen, "last_seen": f.last_seen, "last_event": f.last_event,
        "contradicted": f.contradicted, "aliases": [n.name for n in names if n.name != f.name],
    }


def _facility_fields(f: FacilityRef) -> Record:
    return {"facility_id": f.id, "facility_name": f.name, "kind": f.kind, "province": f.province,
            "locality": f.locality}


def _document_fields(d: DocumentRef) -> Record:
    return {"document": d.id, "doc_id": d.doc_id, "outlet": d.outlet, "published": d.published, "title": d.title,
            "url": d.url}


def event_record(e: EventRow) -> Record:
    return {**_facility_fields(e.facility), "type": e.type, "date": e.date, "date_precision": e.date_precision,
            "day": e.day, **_document_fields(e.document), "evidence": e.evidence}


def claim_record(c: ClaimRow) -> Record:
    return {**_facility_fields(c.facility), "side": c.side, "polarity": c.polarity, "source": c.source,
            **_document_fields(c.document), "evidence": c.evidence}


def records(store: Store, what: str) -> Iterator[Record]:
    """The flat records of an export, streamed from the store."""
    if what == "facilities":
        names = store.all_facility_names()
        return (facility_record(s, names.get(s.facility.id, ())) for s in all_facilities(store))
    if what == "events":
        return map(event_record, store.event_rows())
    return map(claim_record, store.claim_rows())


def check(fmt: str, what: str) -> None:
    """Refuse an unknown format or record kind before anything is written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if what not in WHATS:
        raise UsageError(f"cannot export {what!r}; use one of {', '.join(WHATS)}")


def export(store: Store, fmt: str, what: str, out: TextIO) -> int:
    """Write ``what`` (facilities, events or claims) to ``out`` in ``fmt``; how many
    records (FtM: entities) were written."""
    check(fmt, what)
    if fmt == "ftm":
        return _write_lines(ftm_entities(store, what), out)
    writer: Callable[[Iterable[Record], str, TextIO], int] = {
        "csv": write_csv, "geojson": write_geojson, "jsonl": _write_jsonl,
    }[fmt]
    return writer(records(store, what), what, out)


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return value


def write_csv(rows: Iterable[Record], what: str, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=FIELDS[what], lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        n += 1
    return n


def _write_jsonl(rows: Iterable[Record], what: str, out: TextIO) -> int:
    return _write_lines(rows, out)


def _write_lines(rows: Iterable[Record], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def feature(record: Record, what: str) -> Record:
    """A GeoJSON Feature at the record's facility: its own place for a facility, its
    facility's place for an event or a claim."""
    if what == "facilities":
        lat, lon = record["lat"], record["lon"]
        properties = {k: v for k, v in record.items() if k not in ("lat", "lon")}
    else:
        loc = locate(record["province"], record["locality"])
        lat, lon = (loc.lat, loc.lon) if loc else (None, None)
        properties = {**record, "precision": loc.precision if loc else None}
    geometry = None if lat is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def write_geojson(rows: Iterable[Record], what: str, out: TextIO) -> int:
    """A FeatureCollection, one feature per line, written as the records come."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(("" if n == 1 else ",\n") + json.dumps(feature(row, what), ensure_ascii=False))
    out.write("\n]}\n")
    return n
