"""Ingest throughput and memory on a realistic corpus, through the real ingest path.

The 1,059 KCNA articles of ../shared/corpus/kcna-2024 are replicated (new ids, and a line
appended to each text so that no copy is a duplicate) into JSONL files of one copy each,
written lazily to a temporary folder, then ingested with extraction off into a temporary
database. Prints documents/s and peak RSS at intermediate sizes (RSS should stay flat: the
ingest streams) and, last, one machine-readable line ``docs_per_s=<n> peak_rss_mb=<n>``.
Targets: >= 1,000 documents/s on one core, peak RSS < 200 MB.

Usage: .venv/bin/python bench/ingest.py [--documents 20000] [--batch-size 500]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
from pathlib import Path
from time import perf_counter

from factorywatch.ingest.job import DEFAULT_BATCH_SIZE, ingest_paths
from factorywatch.store import open_store

SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "kcna-2024" / "articles.jsonl"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def replicate(source: Path, folder: Path, total: int) -> int:
    """Write ``total`` records, one line at a time, as copies of ``source``; bytes written."""
    written = size = copy = 0
    while written < total:
        target = folder / f"copy-{copy:03d}.jsonl"
        with source.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
            for line in src:
                if written == total:
                    break
                record = json.loads(line)
                record["id"] = f"{record['id']}-copy{copy}"
                record["text"] = f"{record['text']}\n(Replica {copy} for the ingest benchmark.)"
                size += out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
        copy += 1
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    args = parser.parse_args()
    if not SOURCE.exists():
        sys.exit(f"bench/ingest.py needs the KCNA corpus at {SOURCE} (../shared next to the repository); it is absent.")

    with tempfile.TemporaryDirectory(prefix="fw-bench-") as tmp:
        inputs = Path(tmp) / "inputs"
        inputs.mkdir()
        size = replicate(SOURCE, inputs, args.documents)
        files = len(list(inputs.iterdir()))
        print(f"{args.documents:,} documents in {files} JSONL files ({size / 1e6:.0f} MB), extraction off,"
              f" batches of {args.batch_size}")
        checkpoints = {args.documents * k // 4 for k in (1, 2, 3)}
        start = perf_counter()

        def progress(handled: int) -> None:
            if handled in checkpoints:
                elapsed = perf_counter() - start
                print(f"  {handled:>7,} documents  {elapsed:6.1f} s  {handled / elapsed:7,.0f} docs/s"
                      f"  peak RSS {peak_rss_mb():5.0f} MB", flush=True)

        with open_store(Path(tmp) / "bench.db") as store:
            report = ingest_paths(store, [inputs], max_size=100_000_000, extract=False,
                                  batch_size=args.batch_size, progress=progress)
        db_mb = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*")) / 1e6
        rate = report.stored / report.elapsed
        print(f"  {report.stored:>7,} stored, {report.duplicates} duplicates, {len(report.skipped)} skipped"
              f" in {report.elapsed:.1f} s  {rate:7,.0f} docs/s  peak RSS {peak_rss_mb():5.0f} MB"
              f"  database {db_mb:.0f} MB")
        for error in report.skipped[:5]:
            print(f"  skipped: {error}")
    print(f"docs_per_s={rate:.0f} peak_rss_mb={peak_rss_mb():.0f}")


if __name__ == "__main__":
    main()
