"""FollowTheMoney entities, as Aleph and OpenSanctions read them (``ftm`` JSON lines).

The ``followthemoney`` package is not a dependency: its 4.x release pulls in about 280 MB
(mypy, rdflib, networkx, SQLAlchemy, openpyxl) and builds PyICU from source against the ICU
headers. This module writes its documented JSON shape instead, one entity per line:
``{"id": ..., "schema": ..., "properties": {"prop": ["value", ...]}}``, every value a
string. ``SCHEMATA`` lists the schemata and properties used, with their FtM types, as
followthemoney 4.11 defines them; ``entity`` refuses any other, so the output stays valid.

* a facility is an ``Organization`` (country ``kp``, classification its kind, status as last
  reported, aliases), at an ``Address`` carrying the centroid of its best known place;
* an event is an ``Event`` involving the facility, proven by the ``Article`` it comes from;
* a claim is a ``Documentation`` linking the ``Article`` to the facility, the claim's side
  and polarity as its role and its evidence sentence as summary.

Events and claims come with the (smaller) Organization and Article entities they point to,
so each export is whole; entities of one id from several exports merge, as FtM intends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from factorywatch.analyze.facilities import all_facilities
from factorywatch.analyze.place import locate
from factorywatch.resolve.names import slugify
from factorywatch.store import Store
from factorywatch.store.corpus_records import DocumentRef, FacilityRef, FacilityRow, NameCount
from factorywatch.vocab import vocab

COUNTRY = "kp"
PREFIX = "factorywatch"

SCHEMATA: dict[str, dict[str, str]] = {
    "Organization": {"name": "name", "alias": "name", "country": "country", "classification": "string",
                     "status": "string", "address": "address", "addressEntity": "entity", "description": "text"},
    "Address": {"full": "address", "city": "string", "region": "string", "country": "country",
                "latitude": "number", "longitude": "number", "summary": "text"},
    "Article": {"name": "name", "title": "string", "publishedAt": "date", "publisher": "string", "sourceUrl": "url"},
    "Event": {"name": "name", "date": "date", "involved": "entity", "proof": "entity", "summary": "text",
              "publisher": "string", "sourceUrl": "url", "country": "country"},
    "Documentation": {"document": "entity", "entity": "entity", "role": "string", "date": "date",
                      "summary": "text", "publisher": "string", "sourceUrl": "url"},
}
"""Schema -> property -> FtM property type, for every property this module writes."""

Entity = dict[str, Any]


def entity(schema: str, id_: str, **properties: Any) -> Entity:
    """One entity; empty values are left out, the rest made lists of strings."""
    allowed = SCHEMATA[schema]
    props: dict[str, list[str]] = {}
    for name, value in properties.items():
        if name not in allowed:
            raise ValueError(f"FtM schema {schema} has no property {name!r} in SCHEMATA")
        values = [str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v not in (None, "")]
        if values:
            props[name] = values
    return {"id": id_, "schema": schema, "properties": props}


def _url(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def facility_id(facility_id: str) -> str:
    return f"{PREFIX}-facility-{facility_id}"


def article(d: DocumentRef) -> Entity:
    return entity("Article", f"{PREFIX}-document-{d.id}", name=d.title or d.doc_id or f"Document {d.id}",
                  title=d.title, publishedAt=d.published, publisher=d.outlet, sourceUrl=_url(d.url))


def _place(province: str | None, locality: str | None) -> tuple[str | None, Entity | None]:
    """The address line of a place and its Address entity (None when the place is unknown)."""
    parts = [p for p in (locality, province) if p]
    if not parts:
        return None, None
    full = ", ".join([*parts, "North Korea"])
    loc = locate(province, locality)
    address = entity(
        "Address", f"{PREFIX}-place-{slugify(' '.join(parts))}", full=full, city=locality, region=province,
        country=COUNTRY, latitude=loc.lat if loc else None, longitude=loc.lon if loc else None,
        summary=f"Coordinates: centroid of the {loc.precision}" if loc else None,
    )
    return full, address


def organization(
    f: FacilityRef, names: Iterable[NameCount] = (), *, description: str | None = None, status: str | None = None
) -> list[Entity]:
    """The facility's Organization, preceded by its Address when its place is known."""
    full, address = _place(f.province, f.locality)
    org = entity(
        "Organization", facility_id(f.id), name=f.name, alias=[n.name for n in names if n.name != f.name],
        country=COUNTRY, classification=vocab().kind_labels.get(f.kind, f.kind), address=full,
        addressEntity=address["id"] if address else None, description=description,
        status=vocab().statuses[status] if status else None,
    )
    return [address, org] if address else [org]


def _description(f: FacilityRow) -> str:
    seen = ", ".join(x for x in (f"first {f.first_seen}" if f.first_seen else "",
                                 f"last {f.last_seen}" if f.last_seen else "") if x)
    text = f"Reported by {f.reports} document(s)" + (f" ({seen})" if seen else "") + "."
    if f.status:
        text += f" Status as last reported: {vocab().statuses[f.status]} ({f.status_date or 'undated'})."
    if f.contradicted:
        text += " Official positive claims stand against independent negative claims."
    return text


def ftm_entities(store: Store, what: str) -> Iterator[Entity]:
    """The entities of an export of ``what`` (facilities, events or claims), each id once."""
    seen: set[str] = set()

    def once(entities: list[Entity]) -> Iterator[Entity]:
        for e in entities:
            if e["id"] not in seen:
                seen.add(e["id"])
                yield e

    if what == "facilities":
        names = store.all_facility_names()
        for s in all_facilities(store):
            f = s.facility
            ref = FacilityRef(f.id, f.name, f.kind, f.province, f.locality)
            yield from once(organization(ref, names.get(f.id, ()), description=_description(f), status=f.status))
        return
    labels = vocab().event_types
    if what == "events":
        for e in store.event_rows():
            yield from once(organization(e.facility) + [article(e.document)])
            yield from once([entity(
                "Event", f"{PREFIX}-event-{e.document.id}-{e.idx}", name=f"{labels[e.type]}: {e.facility.name}",
                date=e.day, involved=facility_id(e.facility.id), proof=f"{PREFIX}-document-{e.document.id}",
                summary=e.evidence, publisher=e.document.outlet, sourceUrl=_url(e.document.url), country=COUNTRY,
            )])
        return
    for c in store.claim_rows():
        yield from once(organization(c.facility) + [article(c.document)])
        yield from once([entity(
            "Documentation", f"{PREFIX}-claim-{c.document.id}-{c.idx}",
            document=f"{PREFIX}-document-{c.document.id}", entity=facility_id(c.facility.id),
            role=f"{c.side} {c.polarity} claim" + (f" ({c.source})" if c.source else ""),
            date=c.document.published, summary=c.evidence, publisher=c.document.outlet, sourceUrl=_url(c.document.url),
        )])
