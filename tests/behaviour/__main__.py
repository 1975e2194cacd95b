"""`python -m tests.behaviour [--failures N]`: run every case and print the pass rate per phenomenon."""

from __future__ import annotations

import argparse
import time

from geokg.kb import load_kb

from .generator import generate
from .report import by_phenomenon, examples, pipeline_runner, run_cases, table


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.behaviour", description=__doc__)
    parser.add_argument("--failures", type=int, default=0, help="print this many failing cases per phenomenon")
    args = parser.parse_args()
    kb = load_kb()
    started = time.perf_counter()
    outcomes = run_cases(generate(kb), pipeline_runner(kb))
    print(table(outcomes))
    print(f"{len(outcomes)} cases in {time.perf_counter() - started:.1f} s")
    if args.failures:
        for name, group in by_phenomenon(outcomes).items():
            for line in examples(group, args.failures):
                print(f"[{name}] {line}")


if __name__ == "__main__":
    main()
