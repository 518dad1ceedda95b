"""Corpus resolution speed: ``resolve_facilities`` over a database of generated documents.

Each of ``--documents`` fictional documents names two or three facilities drawn from a pool
of generated names (a gazetteer county, a product, a head noun), written the way texts vary
them (Revised Romanization vowels, plurals, a leading "the", a bracketed number name), each
with its mentions, so that the pool holds about a facility for every three documents. They are
stored through the store API (no extraction), then resolved three times: from scratch, again
(ids kept through the memory of keys), and after one merge judgement (which re-resolves).

Prints the time of each, and last one machine-readable line
``documents=<n> members=<n> facilities=<n> first_s=<n> again_s=<n> judged_s=<n>``.

Usage: .venv/bin/python bench/resolve_corpus.py [--documents 20000]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
from pathlib import Path
from time import perf_counter

from factorywatch import gazetteer
from factorywatch.model import Analysis, Document, Facility, Mention
from factorywatch.resolve.corpus import resolve_facilities
from factorywatch.resolve.judgements import merge
from factorywatch.store import open_store

PRODUCTS = ("Shoe", "Textile", "Cement", "Machine", "Fertilizer", "Glass", "Paper", "Tractor", "Battery",
            "Silk", "Foodstuff", "Cornstarch", "Steel", "Furniture", "Medical Appliances", "Garment")
HEADS = ("Factory", "Mill", "Works", "Complex", "Plant")


def variant(name: str, rnd: random.Random) -> str:
    """A spelling another text might use for ``name``."""
    choice = rnd.randrange(4)
    if choice == 0:
        return name.replace("o", "eo", 1)
    if choice == 1:
        words = name.split()
        return " ".join([*words[:-2], words[-2] + "s", words[-1]])
    if choice == 2:
        return "the " + name
    return name


def pool(size: int, rnd: random.Random) -> list[tuple[str, str | None, str]]:
    """(standard name, number name or None, province) of ``size`` generated facilities."""
    places = sorted({(e.name, e.province) for e in gazetteer.all_entries() if e.level in ("county", "city")})
    out = []
    for i in range(size):
        place, province = places[i % len(places)]
        product = PRODUCTS[(i // len(places)) % len(PRODUCTS)]
        number = f"No. {100 + i} Factory" if rnd.random() < 0.1 else None
        out.append((f"{place} {product} {rnd.choice(HEADS)}", number, province))
    return out


def document(i: int, facilities: list[tuple[str, str | None, str]], rnd: random.Random) -> tuple[Document, Analysis]:
    parts, records, mentions = [], [], []
    offset = 0
    for f, (name, number, province) in enumerate(facilities):
        names = [variant(name, rnd)] + ([number] if number and rnd.random() < 0.5 else [])
        for n in names:
            sentence = f"Workers of {n} met the plan. "
            start = offset + len("Workers of ")
            mentions.append(Mention(start, start + len(n), f))
            parts.append(sentence)
            offset += len(sentence)
        records.append(Facility("x", names[0], "factory", True, province, None, "name"))
    text = f"Fictional report {i}. " + "".join(parts)
    shift = len(f"Fictional report {i}. ")
    mentions = [Mention(m.start + shift, m.end + shift, m.facility) for m in mentions]
    doc = Document(text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                   published=f"{2015 + i % 10}-{1 + i % 12:02d}", outlet="KCNA", id=f"bench-{i}")
    return doc, Analysis(text=text, doc=doc, facilities=tuple(records), mentions=tuple(mentions))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    args = parser.parse_args()
    rnd = random.Random(11)
    facilities = pool(max(1, args.documents // 3), rnd)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
        start = perf_counter()
        with store.transaction():
            for i in range(args.documents):
                doc, analysis = document(i, rnd.sample(facilities, rnd.choice((2, 3))), rnd)
                rowid = store.add_document(doc)
                assert rowid is not None
                store.save_analysis(rowid, analysis)
        print(f"stored {args.documents:,} documents in {perf_counter() - start:.1f} s")
        first = resolve_facilities(store)
        print(f"first resolution: {first.members:,} document facilities -> {first.facilities:,} facilities,"
              f" {first.possible:,} possible matches in {first.elapsed:.2f} s")
        again = resolve_facilities(store)
        print(f"re-resolution: {again.kept:,} of {again.facilities:,} ids kept in {again.elapsed:.2f} s")
        a, b = (f[0] for f in facilities[:2])
        start = perf_counter()
        outcome = merge(store, a, b)
        judged = perf_counter() - start
        print(f"merge judgement ({a} + {b} -> {', '.join(outcome.facilities)}) with its re-resolution: {judged:.2f} s")
    print(f"documents={args.documents} members={first.members} facilities={first.facilities}"
          f" first_s={first.elapsed:.2f} again_s={again.elapsed:.2f} judged_s={judged:.2f}")


if __name__ == "__main__":
    main()
