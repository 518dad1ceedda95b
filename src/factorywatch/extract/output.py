"""The extraction contract (../shared/spec/output.md): one JSON object per document.

``to_contract`` writes the fields the contract names, in its shape, plus extra fields
(fields may be added, never renamed or removed); ``contract_problems`` checks a record
against the contract, for tests and for anyone reading records back.
"""

from __future__ import annotations

from typing import Any, Protocol

from factorywatch.model import Analysis
from factorywatch.vocab import EVENT_TYPES, FACILITY_KINDS, POLARITIES, PROVINCES, SIDES


class Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def _span(text: str, span: Spanned) -> dict[str, Any]:
    return {"text": text[span.start : span.end], "start": span.start, "end": span.end}


def to_contract(analysis: Analysis) -> dict[str, Any]:
    doc, text, facs = analysis.doc, analysis.text, analysis.facilities

    def fid(index: int | None) -> str | None:
        return facs[index].id if index is not None else None

    facilities = []
    for k, fac in enumerate(facs):
        names = [_span(text, m) for m in sorted(analysis.mentions, key=lambda m: m.start)
                 if m.facility == k and m.kind == "name"]
        facilities.append({
            "id": fac.id, "name": fac.name, "kind": fac.kind, "province": fac.province,
            "locality": fac.locality, "named": fac.named, "mentions": names, "place_source": fac.place_source,
        })
    events = [{
        "type": e.type, "facility": fid(e.facility), "date": e.date, "evidence": _span(text, e.evidence),
        "date_precision": e.date_precision, "trigger": _span(text, e.trigger) if e.trigger else None,
    } for e in analysis.events]
    claims = [{
        "facility": fid(c.facility), "side": c.side, "polarity": c.polarity, "source": c.source,
        "evidence": _span(text, c.evidence), "cue": _span(text, c.cue) if c.cue else None,
    } for c in analysis.claims]
    contradictions = [{"facility": fid(c.facility), "official": c.official, "independent": c.independent}
                      for c in analysis.contradictions]
    return {
        "doc_id": doc.id if doc.id is not None else doc.source,
        "url": doc.url,
        "outlet": doc.outlet,
        "published": doc.published,
        "facilities": facilities,
        "events": events,
        "claims": claims,
        "contradictions": contradictions,
        "title": doc.title,
        "side": analysis.side,
        "sentences": len(analysis.sentences),
        "organizations": [_entity(text, e) for e in analysis.entities if e.label == "organization"],
        "people": [_entity(text, e) for e in analysis.entities if e.label == "person"],
        "places": [{**_span(text, p), "province": p.province, "locality": p.locality} for p in analysis.places],
        "dates": [{**_span(text, d), "value": d.value, "precision": d.precision} for d in analysis.dates],
    }


def _entity(text: str, entity: Any) -> dict[str, Any]:
    return {**_span(text, entity), "name": entity.name}


def contract_problems(record: dict[str, Any], text: str | None = None) -> list[str]:
    """What in ``record`` breaks the contract (empty when it holds); with ``text``, also
    whether every offset slices back to its string."""
    problems: list[str] = []

    def need(cond: bool, what: str) -> None:
        if not cond:
            problems.append(what)

    def span_ok(span: Any, where: str) -> None:
        ok = isinstance(span, dict) and isinstance(span.get("text"), str) \
            and isinstance(span.get("start"), int) and isinstance(span.get("end"), int)
        need(ok, f"{where}: not a {{text,start,end}} span")
        if ok and text is not None:
            need(text[span["start"] : span["end"]] == span["text"], f"{where}: offsets do not slice to the text")

    for key in ("doc_id", "url", "outlet", "published", "facilities", "events", "claims", "contradictions"):
        need(key in record, f"missing field {key}")
    facilities = record.get("facilities") or []
    ids = {f.get("id") for f in facilities}
    for k, f in enumerate(facilities):
        where = f"facilities[{k}]"
        need(isinstance(f.get("id"), str) and bool(f.get("id")), f"{where}.id")
        need(isinstance(f.get("name"), str), f"{where}.name")
        need(f.get("kind") in FACILITY_KINDS, f"{where}.kind {f.get('kind')!r}")
        need(f.get("province") is None or f.get("province") in PROVINCES, f"{where}.province {f.get('province')!r}")
        need(f.get("locality") is None or isinstance(f.get("locality"), str), f"{where}.locality")
        need(isinstance(f.get("named"), bool), f"{where}.named")
        for j, m in enumerate(f.get("mentions") or []):
            span_ok(m, f"{where}.mentions[{j}]")
    for k, e in enumerate(record.get("events") or []):
        where = f"events[{k}]"
        need(e.get("type") in EVENT_TYPES, f"{where}.type {e.get('type')!r}")
        need(e.get("facility") is None or e.get("facility") in ids, f"{where}.facility")
        need(e.get("date") is None or isinstance(e.get("date"), str), f"{where}.date")
        span_ok(e.get("evidence"), f"{where}.evidence")
    claims = record.get("claims") or []
    for k, c in enumerate(claims):
        where = f"claims[{k}]"
        need(c.get("facility") in ids, f"{where}.facility")
        need(c.get("side") in SIDES, f"{where}.side")
        need(c.get("polarity") in POLARITIES, f"{where}.polarity")
        span_ok(c.get("evidence"), f"{where}.evidence")
    for k, c in enumerate(record.get("contradictions") or []):
        where = f"contradictions[{k}]"
        need(c.get("facility") in ids, f"{where}.facility")
        for field, side, pol in (("official", "official", "positive"), ("independent", "independent", "negative")):
            idx = c.get(field)
            ok = isinstance(idx, int) and 0 <= idx < len(claims)
            need(ok and claims[idx].get("side") == side and claims[idx].get("polarity") == pol
                 and claims[idx].get("facility") == c.get("facility"), f"{where}.{field}")
    return problems
