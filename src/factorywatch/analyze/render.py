"""The corpus views as text for a terminal (rich): what ``factorywatch show``,
``facilities``, ``contradictions`` and ``timeline`` print when not asked for JSON.

Only layout lives here; every fact comes from the view's records. Piped output is plain
text (rich drops styles when the console is not a terminal).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from factorywatch.analyze.dossier import Dossier
from factorywatch.analyze.facilities import FacilitySummary
from factorywatch.analyze.paging import Page
from factorywatch.analyze.place import Location
from factorywatch.store.corpus_records import ClaimRow, ContradictionRow, DocumentRef, EventRow
from factorywatch.vocab import vocab

UNKNOWN = "(unknown)"


def _doc(d: DocumentRef) -> str:
    return ", ".join(x for x in (d.outlet, d.published, d.doc_id or str(d.id)) if x)


def _place(province: str | None, locality: str | None) -> str:
    return ", ".join(x for x in (locality, province) if x) or UNKNOWN


def _source(place_source: str | None) -> str:
    return (place_source or "unknown").replace("_", " ")


def _location(loc: Location | None) -> str:
    return f"{loc.lat:.3f}, {loc.lon:.3f} ({loc.precision} centroid)" if loc else "no coordinates"


def _table(*columns: str) -> Table:
    table = Table(show_edge=False, box=None, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def facilities(console: Console, page: Page[FacilitySummary]) -> None:
    statuses = vocab().statuses
    table = _table("id", "name", "kind", "place", "status", "reports", "last event", "contradicted")
    for s in page.items:
        f = s.facility
        status = f"{statuses[f.status]} ({f.status_date or 'undated'})" if f.status else ""
        table.add_row(f.id, escape(f.name), f.kind, escape(_place(f.province, f.locality)), status, str(f.reports),
                      f.last_event or "", "yes" if f.contradicted else "")
    console.print(table)
    _more(console, page)


def _more(console: Console, page: Page) -> None:
    if page.has_more and page.limit is not None:
        console.print(f"(more: --offset {page.offset + page.limit})", style="dim")


def _events(events: Iterable[EventRow], with_facility: bool) -> Table:
    labels = vocab().event_types
    table = _table("date", "event", *(["facility"] if with_facility else []), "evidence", "document")
    for e in events:
        facility = [escape(f"{e.facility.name} [{e.facility.id}]")] if with_facility else []
        table.add_row(e.day or "undated", labels.get(e.type, e.type), *facility, escape(e.evidence),
                      escape(_doc(e.document)))
    return table


def timeline(console: Console, page: Page[EventRow]) -> None:
    console.print(_events(page.items, with_facility=True))
    _more(console, page)


def _claims(claims: Iterable[ClaimRow]) -> Table:
    table = _table("polarity", "who", "evidence", "document")
    for c in claims:
        table.add_row(c.polarity, escape(c.source or ""), escape(c.evidence), escape(_doc(c.document)))
    return table


def _contradiction(console: Console, x: ContradictionRow) -> None:
    console.print(f"  official ({x.officials} positive claims), newest: {escape(_doc(x.official.document))}")
    console.print(f"    {escape(x.official.evidence)}")
    console.print(f"  independent ({x.independents} negative claims), newest: {escape(_doc(x.independent.document))}")
    console.print(f"    {escape(x.independent.evidence)}")


def contradictions(console: Console, page: Page[ContradictionRow]) -> None:
    for x in page.items:
        f = x.facility
        console.print(f"[bold]{escape(f.name)}[/bold] {escape(f'[{f.id}]')}, {escape(_place(f.province, f.locality))}")
        _contradiction(console, x)
    _more(console, page)


def dossier(console: Console, d: Dossier) -> None:
    f = d.facility
    kind = vocab().kind_labels.get(f.kind, f.kind)
    console.rule(f"[bold]{escape(f.name)}[/bold] {escape(f'[{f.id}]')}")
    console.print(f"{kind}; reported by {d.counts.documents} documents ({f.first_seen or '?'} to {f.last_seen or '?'}),"
                  f" {d.counts.events} events, {d.counts.claims} claims")
    console.rule("Names", style="dim")
    names = _table("name", "mentions", "documents")
    for n in d.names:
        names.add_row(escape(n.name), str(n.mentions), str(n.documents))
    console.print(names)
    console.rule("Place", style="dim")
    p = d.place
    console.print(f"{escape(_place(p.province, p.locality))} (from the {_source(p.place_source)});"
                  f" {_location(p.location)}")
    for r in p.reported:
        console.print(f"  {escape(_place(r.province, r.locality))}: {r.documents} documents"
                      f" (from the {_source(r.place_source)})", style="dim")
    console.rule("Status", style="dim")
    if d.status is None:
        console.print("No report says how it is doing.")
    else:
        console.print(f"[bold]{d.status.label}[/bold], as last reported on {d.status.until or 'an unknown date'}"
                      + (f": {escape(d.status.evidence.text)}" if d.status.evidence else ""))
        history = _table("status", "since", "last reported", "reports", "last report")
        for s in d.status_history:
            source = f" ({escape(_doc(s.evidence.document))})" if s.evidence else ""
            last = f"{s.latest.basis} {s.latest.what}{source}"
            history.add_row(s.label, s.since or "", s.until or "", str(s.reports), last)
        console.print(history)
    console.rule(f"Timeline ({len(d.events)} of {d.counts.events} events)", style="dim")
    console.print(_events(d.events, with_facility=False))
    for title, claims in (("Official claims", d.official_claims), ("Independent claims", d.independent_claims)):
        console.rule(f"{title} ({len(claims)})", style="dim")
        console.print(_claims(claims))
    console.rule("Contradiction", style="dim")
    if d.contradiction is None:
        console.print("No official positive claim stands against an independent negative claim.")
    else:
        _contradiction(console, d.contradiction)
    console.rule(f"Documents ({len(d.documents)} of {d.counts.documents})", style="dim")
    docs = _table("published", "outlet", "side", "id", "title", "name used")
    for doc in d.documents:
        ref = doc.document
        docs.add_row(ref.published or "", escape(ref.outlet or ""), doc.side or "", escape(ref.doc_id or str(ref.id)),
                     escape(ref.title or ""), escape(doc.name))
    console.print(docs)
