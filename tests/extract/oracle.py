"""Given facilities as a pipeline stand-in, to measure and test events, claims and
contradictions alone (whatever the facility finder makes of a text).

``analysis_for(text, facilities)`` runs the real ``sentences`` and ``dates`` components, puts
the given facilities in place with a name mention wherever one of their names occurs, and a
reference for each "the factory"-style phrase (to the last facility named before it, or the
first named after), then runs ``side``, ``events``, ``claims`` and ``contradictions``.
``oracle_analysis(record)`` does the same with a gold record's facilities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factorywatch.extract import default_pipeline  # noqa: F401  (registers every component)
from factorywatch.extract.pipeline import REGISTRY
from factorywatch.model import Analysis, Document, Facility, Mention

HEADS = "factory|plant|complex|mill|works|mine|colliery|market|enterprise|company|station|farm|shipyard|facility"
REFERENCE = re.compile(rf"(?<!\w)(?:the|this|that)\s+(?:[\w-]+\s+){{0,2}}?({HEADS})(?!\w)", re.IGNORECASE)
GENERIC = {"factory", "plant", "complex", "mill", "works", "enterprise", "facility"}
"""Head nouns that may refer to a facility of another kind ("the factory" for a complex)."""


@dataclass(frozen=True, slots=True)
class Site:
    """A facility given to the oracle: its id, names (the first is standard) and kind."""

    id: str
    names: tuple[str, ...]
    kind: str = "factory"
    named: bool = True


def document(record: dict) -> Document:
    return Document(text=record["text"], id=record.get("id"), url=record.get("url"), outlet=record.get("outlet"),
                    published=record.get("published"), title=record.get("title"))


def _mentions(text: str, sites: list[Site]) -> tuple[Mention, ...]:
    forms = sorted({(form, k) for k, site in enumerate(sites) for form in site.names}, key=lambda p: -len(p[0]))
    taken: list[tuple[int, int]] = []
    names = []
    for form, k in forms:
        for m in re.finditer(re.escape(form), text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                names.append(Mention(m.start(), m.end(), k, "name"))
    names.sort(key=lambda m: m.start)
    refs = []
    for m in REFERENCE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        before = [n for n in names if n.end <= m.start()] or names[:1]
        head = m.group(1).lower()
        same = [n for n in before if text[n.start:n.end].lower().endswith(head)]
        if same or (before and head in GENERIC):
            refs.append(Mention(m.start(), m.end(), (same or before)[-1].facility, "reference"))
    return tuple(sorted(names + refs, key=lambda m: m.start))


def analysis_for(text: str, sites: list[Site], *, outlet: str | None = None, published: str | None = None,
                 doc: Document | None = None) -> Analysis:
    doc = doc or Document(text=text, outlet=outlet, published=published)
    analysis = Analysis(text=doc.text, doc=doc)
    for name in ("sentences", "dates"):
        analysis = REGISTRY[name](analysis)
    facilities = tuple(Facility(id=s.id, name=s.names[0], kind=s.kind, named=s.named) for s in sites)
    analysis = replace(analysis, facilities=facilities, mentions=_mentions(doc.text, sites))
    for name in ("side", "events", "claims", "contradictions"):
        analysis = REGISTRY[name](analysis)
    return analysis


def oracle_analysis(record: dict) -> Analysis:
    sites = [Site(f["key"], (f["name"], *f.get("mentions", [])), f["kind"], f.get("named", True))
             for f in record.get("facilities", [])]
    return analysis_for(record["text"], sites, doc=document(record))
