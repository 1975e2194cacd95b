"""A benchmark corpus of any size: news-length documents made of the sentences of the bundled
corpus (and of any directories of .txt files given), recombined, with the states they name varied
over every state of the knowledge base. Deterministic for a seed; every document's text differs,
so none is skipped as a duplicate.

    .venv/bin/python bench/generate.py OUT_DIR [--documents 1000] [--seed 7] [TEXTS_DIR ...]
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterable
from pathlib import Path

from geokg.config import BUNDLED_CORPUS
from geokg.kb import load_kb

SENTENCES_PER_DOCUMENT = (18, 34)  # about 400 to 800 words: a news article
SENTENCES_PER_PARAGRAPH = 3
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def sentences(directories: Iterable[Path]) -> list[str]:
    """Every sentence of the .txt files under the directories, in file order."""
    found: list[str] = []
    for directory in directories:
        for path in sorted(directory.rglob("*.txt")):
            for paragraph in path.read_text(encoding="utf-8").split("\n"):
                found.extend(s.strip() for s in _SENTENCE_END.split(paragraph) if len(s.split()) >= 5)
    return found


def generate(out: Path, documents: int, *, seed: int = 7, directories: Iterable[Path] = ()) -> list[Path]:
    """Write `documents` documents into `out`; their paths."""
    rng = random.Random(seed)
    pool = sentences([BUNDLED_CORPUS, *directories])
    states = sorted(e.label for e in load_kb().entities.values() if e.kind == "State")
    named = re.compile(r"\b(" + "|".join(re.escape(s) for s in sorted(states, key=len, reverse=True)) + r")\b")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(documents):
        chosen = rng.sample(pool, min(len(pool), rng.randint(*SENTENCES_PER_DOCUMENT)))
        swap = {state: rng.choice(states) for state in states}  # one state for another, the same throughout
        varied = [named.sub(lambda m, swap=swap: swap[m.group(1)], sentence) for sentence in chosen]
        paragraphs = [
            " ".join(varied[at : at + SENTENCES_PER_PARAGRAPH]) for at in range(0, len(varied), SENTENCES_PER_PARAGRAPH)
        ]
        title = " ".join(varied[0].split()[:8]).rstrip(",.;:")
        path = out / f"bench_{number:06d}.txt"
        path.write_text(
            f"{title}\n\n" + "\n\n".join(paragraphs) + f"\n\nBenchmark document {number}.\n", encoding="utf-8"
        )
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("texts", nargs="*", type=Path, help="More directories of .txt files to take sentences from.")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.documents, seed=args.seed, directories=args.texts)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} documents ({words} words) to {args.out}")


if __name__ == "__main__":
    main()
