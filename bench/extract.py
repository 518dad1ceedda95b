"""Extraction speed against a spaCy baseline, on real articles, one core.

The baseline is the cheapest spaCy pipeline that could do the job's first step: a blank
English tokenizer, the rule sentencizer and a PhraseMatcher (``attr="LOWER"``) over the
facility head nouns and the event trigger words. factorywatch's full default pipeline
(sentences, entities, facilities, places, dates, side, events, claims, contradictions) must
run at least 3x as fast. Texts: the KCNA and Rodong Sinmun corpora and the dev gold file of
../shared/corpus, each document processed once after a warm-up pass.

Prints documents/s and words/s of both, then one machine-readable line
``factorywatch_docs_per_s=<n> spacy_docs_per_s=<n> ratio=<x>``. Needs the ``bench`` extra (spaCy).

Usage: .venv/bin/python bench/extract.py [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from time import perf_counter

from factorywatch.extract import extract
from factorywatch.model import Document
from factorywatch.vocab import vocab

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SOURCES = ("kcna-2024/articles.jsonl", "rodong-2022/articles.jsonl", "dev/gold.jsonl")
TRIGGER_WORDS = (
    "visited", "inspected", "field guidance", "on-the-spot guidance", "investigation", "inspection team", "raid",
    "purged", "dismissed", "arrested", "executed", "punished", "shut down", "stopped operating", "halted",
    "ceased operations", "closed", "idle", "failed to meet", "far below", "shortage", "lack of", "completed",
    "inaugurated", "ribbon-cutting", "went into operation", "construction", "modernization", "renovation",
    "expansion", "praised", "awarded", "model factory", "exemplary", "criticized", "rebuked", "self-criticism",
)


def documents() -> list[Document]:
    docs = []
    for source in SOURCES:
        with (CORPUS / source).open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                docs.append(Document(text=r["text"], id=r.get("id"), outlet=r.get("outlet"),
                                     published=r.get("published"), title=r.get("title")))
    return docs


def spacy_baseline():
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    heads = [h for hs in vocab().facility_kinds.values() for h in hs]
    matcher.add("CUE", [nlp.make_doc(p) for p in (*heads, *TRIGGER_WORDS)])

    def run(text: str) -> int:
        doc = nlp(text)
        return len(matcher(doc)) + sum(1 for _ in doc.sents)

    return run


def timed(fn, docs: list[Document], repeat: int) -> float:
    for doc in docs[:50]:
        fn(doc)
    start = perf_counter()
    for _ in range(repeat):
        for doc in docs:
            fn(doc)
    return perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if not all((CORPUS / s).exists() for s in SOURCES):
        sys.exit(f"bench/extract.py needs the corpora of {CORPUS} (../shared next to the repository); absent.")
    docs = documents()
    words = sum(len(re.findall(r"\w+", d.text)) for d in docs) * args.repeat
    n = len(docs) * args.repeat
    baseline = spacy_baseline()
    ours = timed(extract, docs, args.repeat)
    theirs = timed(lambda d: baseline(d.text), docs, args.repeat)
    print(f"factorywatch extract: {n / ours:,.0f} docs/s, {words / ours:,.0f} words/s ({n} documents)")
    print(f"spaCy baseline:       {n / theirs:,.0f} docs/s, {words / theirs:,.0f} words/s")
    print(f"factorywatch_docs_per_s={n / ours:.0f} spacy_docs_per_s={n / theirs:.0f} ratio={theirs / ours:.2f}")


if __name__ == "__main__":
    main()
