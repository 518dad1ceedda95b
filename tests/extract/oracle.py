"""Gold facilities as a pipeline stand-in, to measure events, claims and contradictions alone.

``oracle_analysis(record)`` builds an ``Analysis`` from one gold record: sentences and dates
from the real components when they are registered (a plain splitter otherwise), facilities
and their name mentions from the gold answers (each gold mention string found in the text),
and "the factory"-style references attached to the last facility named before them. The
event, claim and contradiction components then run on it as they would in the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import replace

from factorywatch.extract import attribution, claims, contradictions, events  # noqa: F401  (registers)
from factorywatch.extract.pipeline import REGISTRY
from factorywatch.model import Analysis, Document, Facility, Mention, Sentence

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=[^a-z\n])")
ABBREVIATION = re.compile(r"(?:\b(?:No|Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|N|S|vs)\.)$")
HEADS = "factory|plant|complex|mill|works|mine|colliery|market|enterprise|company|station|farm|shipyard|facility"
GENERIC = {"factory", "plant", "complex", "mill", "works", "enterprise", "facility"}
REFERENCE = re.compile(rf"(?<!\w)(?:the|this|that)\s+(?:[\w-]+\s+){{0,2}}?({HEADS})(?!\w)", re.IGNORECASE)


def document(record: dict) -> Document:
    return Document(text=record["text"], id=record.get("id"), url=record.get("url"), outlet=record.get("outlet"),
                    published=record.get("published"), title=record.get("title"))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if ABBREVIATION.search(text, 0, m.start()) and "\n" not in m.group(0):
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    spans = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append(Sentence(a, b))
    return tuple(spans)


def gold_facilities(record: dict, text: str) -> tuple[tuple[Facility, ...], tuple[Mention, ...]]:
    facilities = tuple(Facility(id=f["key"], name=f["name"], kind=f["kind"], named=f.get("named", True),
                                province=f.get("province"), locality=f.get("locality"))
                       for f in record.get("facilities", []))
    forms = sorted({(form, k) for k, f in enumerate(record.get("facilities", []))
                    for form in [f["name"], *f.get("mentions", [])]}, key=lambda p: -len(p[0]))
    taken: list[tuple[int, int]] = []
    names = []
    for form, k in forms:
        for m in re.finditer(re.escape(form), text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            names.append(Mention(m.start(), m.end(), k, "name"))
    names.sort(key=lambda m: m.start)
    refs = []
    for m in REFERENCE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        before = [n for n in names if n.end <= m.start()] or names[:1]
        if not before:
            continue
        head = m.group(1).lower()
        same = [n for n in before if text[n.start:n.end].lower().endswith(head)]
        if same or head in GENERIC:
            refs.append(Mention(m.start(), m.end(), (same or before)[-1].facility, "reference"))
    return facilities, tuple(sorted(names + refs, key=lambda m: m.start))


def oracle_analysis(record: dict) -> Analysis:
    doc = document(record)
    analysis = Analysis(text=doc.text, doc=doc)
    if "sentences" in REGISTRY:
        analysis = REGISTRY["sentences"](analysis)
    else:
        analysis = replace(analysis, sentences=split_sentences(doc.text))
    if "dates" in REGISTRY:
        analysis = REGISTRY["dates"](analysis)
    facilities, mentions = gold_facilities(record, doc.text)
    analysis = replace(analysis, facilities=facilities, mentions=mentions)
    for name in ("side", "events", "claims", "contradictions"):
        analysis = REGISTRY[name](analysis)
    return analysis
