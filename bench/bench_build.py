"""Benchmark: how fast a build runs and how much memory it takes. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_build.py [--copies N] [CORPUS_DIR]

Builds CORPUS_DIR (default: the bundled corpus) copied N times under distinct names, and reports
wall time per stage, words per second and peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from geokg.config import BUNDLED_CORPUS, Settings
from geokg.kb import load_kb
from geokg.nlp.pipeline import load_pipeline
from geokg.service import build_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=BUNDLED_CORPUS)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    texts = sorted(args.corpus.glob("*.txt"))
    with tempfile.TemporaryDirectory() as scratch:
        for copy in range(args.copies):
            for text in texts:
                shutil.copy(text, Path(scratch) / f"{copy:03d}_{text.name}")
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in Path(scratch).glob("*.txt"))
        started = time.perf_counter()
        load_kb()
        load_pipeline(Settings().model)
        loaded = time.perf_counter()
        _, union, files = build_files([Path(scratch)], settings=Settings(formats=("turtle", "nquads")))
        done = time.perf_counter()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    documents = len(texts) * args.copies
    print(f"documents            {documents}")
    print(f"words                {words}")
    print(f"start-up (KB, spaCy) {loaded - started:.2f} s")
    print(f"build+validate+write {done - loaded:.2f} s")
    print(f"throughput           {documents / (done - loaded):.2f} documents/s, {words / (done - loaded):.0f} words/s")
    print(f"triples              {len(union)}")
    print(f"output bytes         {sum(len(b) for b in files.values())}")
    print(f"peak memory          {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
