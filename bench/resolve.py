"""Name-resolution speed: the facilities of the KCNA corpus plus the dev gold, then 20,000 documents.

1. Facility mentions of ../shared/corpus/kcna-2024 (through the extraction pipeline; a regex
   for capitalised runs ending in a head noun when extraction is not importable) plus the
   mentions of ../shared/corpus/dev/gold.jsonl; mentions of one facility in one document are
   must-links, as extraction gives them.
2. A synthetic archive of ``--documents`` documents: each copy of a corpus document renames
   its facilities the way texts do (Revised Romanization vowels, DPRK aspirates, plurals,
   "&", a leading "the", translated "River") and moves some to another county, so that the
   number of distinct facilities and spellings grows with the archive as it would.

Each set is resolved from a cold cache (parsing included); prints mentions/s and the time of
a full re-resolution, and last one machine-readable line
``mentions_per_s=<n> full_resolution_s=<n> documents=<n>``.

Usage: .venv/bin/python bench/resolve.py [--documents 20000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
from collections.abc import Iterator
from pathlib import Path
from time import perf_counter, process_time

from factorywatch import gazetteer
from factorywatch.resolve.cluster import Link, resolve_names
from factorywatch.resolve.matcher import NameRecord
from factorywatch.resolve.names import name_key, parse_name
from factorywatch.vocab import vocab

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

Doc = list[list[str]]
"""A document's facilities, each the list of its mentions."""


def regex_names(text: str) -> Doc:
    heads = sorted((h for hs in vocab().facility_kinds.values() for h in hs), key=len, reverse=True)
    pattern = re.compile(r"(?:(?:No\. ?)?[A-Z0-9][\w'’-]*\s+(?:(?:and|&)\s+)?){1,6}(?:" + "|".join(heads) + r")s?\b")
    return [[m.group(0)] for m in pattern.finditer(text)]


def corpus_docs() -> Iterator[Doc]:
    try:
        from factorywatch.extract import extract
        from factorywatch.model import Document
    except ImportError:
        extract = None
    with (CORPUS / "kcna-2024" / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if extract is None:
                yield regex_names(rec["text"])
                continue
            analysis = extract(Document(text=rec["text"], id=rec["id"]))
            facilities: dict[int, list[str]] = {}
            for m in analysis.mentions:
                if m.kind == "name":
                    facilities.setdefault(m.facility, []).append(analysis.text[m.start : m.end])
            yield list(facilities.values())
    with (CORPUS / "dev" / "gold.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            yield [f["mentions"] for f in json.loads(line)["facilities"]]


VARIANTS = (
    lambda n, r: re.sub(r"\b([A-Z][a-z]*?)o([a-z]+)", r"\1eo\2", n, count=1),
    lambda n, r: n.replace("u", "eu", 1),
    lambda n, r: re.sub(r"\bP(?=[a-z])", "Ph", n, count=1),
    lambda n, r: re.sub(r"\bK(?=[a-z])", "G", n, count=1),
    lambda n, r: re.sub(r"(\w+) (Factory|Mill|Complex|Plant|Mine)$", r"\1s \2", n),
    lambda n, r: n.replace(" and ", " & "),
    lambda n, r: "The " + n,
    lambda n, r: re.sub(r"gang\b", " River", n, count=1),
)


def synthetic(docs: list[Doc], total: int, seed: int = 7) -> Iterator[tuple[int, Doc]]:
    """``total`` documents: copies of ``docs`` whose names vary and sometimes move county."""
    rnd = random.Random(seed)
    counties = sorted({e.name for e in gazetteer.all_entries() if e.level in ("county", "city")})
    for i in range(total):
        doc = docs[i % len(docs)]
        out = []
        for mentions in doc:
            place = rnd.choice(counties) if rnd.random() < 0.5 else None
            renamed = []
            for name in mentions:
                if place:
                    name = re.sub(r"^(The )?[A-Z][a-z]+", place, name, count=1)
                if rnd.random() < 0.4:
                    name = rnd.choice(VARIANTS)(name, rnd)
                renamed.append(name)
            out.append(renamed)
        yield i, out


def records(docs: Iterator[tuple[int, Doc]]) -> tuple[list[NameRecord], list[Link]]:
    recs: list[NameRecord] = []
    links: list[Link] = []
    for i, doc in docs:
        for mentions in doc:
            mine = [NameRecord(m, source=f"d{i}") for m in mentions]
            recs += mine
            links += [(mine[0], m) for m in mine[1:]]
    return recs, links


def timed(label: str, recs: list[NameRecord], links: list[Link]) -> float:
    """Resolve from a cold cache; wall time, and CPU time (steadier on a shared machine)."""
    parse_name.cache_clear()
    name_key.cache_clear()
    start, cpu = perf_counter(), process_time()
    result = resolve_names(recs, must_link=links)
    took, cpu = perf_counter() - start, process_time() - cpu
    distinct = len({r.name for r in recs})
    print(
        f"{label}: {len(recs):,} mentions ({distinct:,} distinct) -> {len(result.clusters):,} facilities, "
        f"{len(result.possible):,} possible matches in {took:.2f} s ({cpu:.2f} s CPU) = "
        f"{len(recs) / took:,.0f} mentions/s"
    )
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent")
    start = perf_counter()
    docs = [d for d in corpus_docs() if d]
    print(
        f"extracted the facility mentions of {len(docs):,} documents with facilities in {perf_counter() - start:.1f} s"
    )
    recs, links = records(enumerate(docs))
    timed("KCNA corpus + dev gold", recs, links)
    recs, links = records(synthetic(docs, args.documents))
    took = timed(f"{args.documents:,} synthetic documents", recs, links)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB")
    print(f"mentions_per_s={len(recs) / took:.0f} full_resolution_s={took:.2f} documents={args.documents}")


if __name__ == "__main__":
    main()
