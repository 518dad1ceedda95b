"""Extraction speed against a spaCy baseline, on the KCNA corpus, one core.

factorywatch's full default pipeline (sentences, entities, facilities, places, locate,
dates, side, events, claims, contradictions) against a spaCy baseline that does only part of
the job: a blank English tokenizer, the rule sentencizer and one PhraseMatcher
(``attr="LOWER"``) over every term the extraction matches, gathered from the same data
through the same loaders: each gazetteer spelling, the facility head nouns (plurals too) and
the words of the literal lexicons (facilities, organizations, places, dates,
abbreviations), and every event trigger and claim cue (regex fragments, expanded into the
literal phrases they match). Target: >= 3x the baseline's documents/s, peak RSS < 300 MB.

Both run over the same 1,059 articles of ../shared/corpus/kcna-2024, read as ``factorywatch
extract`` reads them, pinned to one core; after one warm-up pass (lexicons compiled, caches
filled on both sides), the best of ``--repeat`` passes by CPU time (``time.process_time``,
so that other processes on a shared machine count little), the two sides taking turns every
100 documents within each pass. Prints documents/s and words/s of both, then, last, the line
``ratio=<ours/spaCy> docs_per_s=<ours> peak_rss_mb=<n>`` (``ru_maxrss`` of the process,
both pipelines loaded). Needs the ``bench`` extra (spaCy). It measures the installed build and
says which: compiled by mypyc (setup.py), or pure Python.

Usage: .venv/bin/python bench/extract.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import importlib.machinery
import os
import re
import resource
import sys
from collections.abc import Callable, Iterable
from importlib import resources
from itertools import product
from pathlib import Path
from time import process_time

import yaml

from factorywatch.extract import extract
from factorywatch.extract.cues import lexicon as cue_lexicon
from factorywatch.extract.facility_lexicon import lexicon as facility_lexicon
from factorywatch.gazetteer import spellings
from factorywatch.ingest import read_paths
from factorywatch.model import Document

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "kcna-2024" / "articles.jsonl"
LITERAL_LEXICONS = ("facilities.yaml", "organizations.yaml", "places.yaml", "dates.yaml", "abbreviations.yaml")
WORD = re.compile(r"\w+")
CHUNK = 100
"""Documents each side runs before the other takes its turn."""
MAX_PHRASES = 50_000
"""Phrases one cue list may expand to (a bound that the lexicons stay far below)."""


def documents() -> list[Document]:
    return [d for d in read_paths([CORPUS]) if isinstance(d, Document)]


def _walk(value: object) -> Iterable[str]:
    """Every term of a literal lexicon file: list items, and keys that map to a plain value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(item, (list, dict)):
                yield str(key)
            yield from _walk(item)


def _expand(items: list, limit: int = MAX_PHRASES) -> list[str] | None:
    """The literal strings a parsed regex sequence matches (lookarounds match nothing, a run
    of whitespace one space); None where it cannot be told (``\\w+``) or is too many. An
    alternative that cannot be told is left out of its alternation."""
    from re import _constants as c  # the parsed form of ``re``, as ``re._parser`` gives it

    out = [""]
    for op, av in items:
        if op is c.LITERAL:
            options = [chr(av)]
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        elif op is c.SUBPATTERN:
            options = _expand(av[3], limit)
        elif op is c.BRANCH:
            found = [_expand(branch, limit) for branch in av[1]]
            options = [s for f in found if f is not None for s in f] or None
        elif op is c.IN and all(o is c.CATEGORY and a is c.CATEGORY_SPACE for o, a in av):
            options = [" "]
        elif op is c.IN and all(o is c.LITERAL for o, _ in av):
            options = [chr(a) for _, a in av]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, sub = av
            inner = _expand(sub, limit)
            if inner == [" "]:
                options = [" "] if low else ["", " "]
            elif inner is None or high > 3:
                return None
            else:
                options = ["".join(p) for n in range(low, high + 1) for p in product(inner, repeat=n)]
        else:
            return None
        if options is None:
            return None
        out = [a + b for a in out for b in options]
        if len(out) > limit:
            return None
    return out


def regex_terms(pattern: re.Pattern[str]) -> list[str]:
    from re import _parser

    return _expand(list(_parser.parse(pattern.pattern, pattern.flags))) or []


def baseline_terms() -> list[str]:
    """Every gazetteer and lexicon term the extraction matches, each once (lower case)."""
    terms: list[str] = [*spellings()]
    terms += [" ".join(words) for words in facility_lexicon().heads]
    for name in LITERAL_LEXICONS:
        raw = yaml.safe_load(resources.files("factorywatch.data").joinpath("lexicon", name).read_text("utf-8"))
        terms += _walk(raw)
    cues = cue_lexicon()
    finders = [*cues.cues.values(), *(rule.triggers for rule in cues.rules), cues.positive, cues.negative]
    for finder in finders:
        terms += regex_terms(finder.pattern)
    terms += cues.function_words
    return sorted({" ".join(t.lower().split()) for t in terms} - {""})


def spacy_baseline(terms: list[str]) -> Callable[[str], int]:
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        sys.exit("bench/extract.py needs spaCy: .venv/bin/pip install -e '.[bench]'")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("TERM", list(nlp.tokenizer.pipe(terms)))

    def run(text: str) -> int:
        doc = nlp(text)
        return len(matcher(doc)) + sum(1 for _ in doc.sents)

    return run


def build() -> str:
    """Whether the extraction runs compiled (setup.py compiles it with mypyc where it can)."""
    import factorywatch.extract.events as probe

    compiled = (probe.__file__ or "").endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    return "compiled (mypyc)" if compiled else "pure Python (no C compiler, or FACTORYWATCH_PURE)"


def timed_pass(sides: dict[str, Callable[[Document], object]], docs: list[Document]) -> dict[str, float]:
    """CPU seconds of each side over all ``docs``, the sides taking turns every ``CHUNK``
    documents: a burst of load from another process then weighs on both alike."""
    spent = dict.fromkeys(sides, 0.0)
    for i in range(0, len(docs), CHUNK):
        chunk = docs[i : i + CHUNK]
        for name, fn in sides.items():
            start = process_time()
            for doc in chunk:
                fn(doc)
            spent[name] += process_time() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed passes of each side; the best counts")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"bench/extract.py needs the KCNA corpus at {CORPUS} (../shared next to the repository); absent.")
    os.sched_setaffinity(0, {0})
    docs = documents()
    words = sum(len(WORD.findall(d.text)) for d in docs)
    terms = baseline_terms()
    baseline = spacy_baseline(terms)
    sides: dict[str, Callable[[Document], object]] = {"ours": extract, "spacy": lambda d: baseline(d.text)}
    timed_pass(sides, docs)  # warm-up
    best = dict.fromkeys(sides, float("inf"))
    for _ in range(args.repeat):
        for name, seconds in timed_pass(sides, docs).items():
            best[name] = min(best[name], seconds)
    ours, theirs = len(docs) / best["ours"], len(docs) / best["spacy"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    print(f"corpus: {len(docs):,} documents, {words:,} words; baseline: {len(terms):,} phrases")
    print(f"factorywatch build: {build()}")
    print(f"factorywatch extract (full): {ours:,.0f} docs/s, {words / best['ours']:,.0f} words/s")
    print(f"spaCy baseline (partial):    {theirs:,.0f} docs/s, {words / best['spacy']:,.0f} words/s")
    print(f"ratio={ours / theirs:.2f} docs_per_s={ours:.0f} peak_rss_mb={peak:.0f}")


if __name__ == "__main__":
    main()
