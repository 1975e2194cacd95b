"""Writing a build to disk: deterministic files, written atomically (all of them or none)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from rdflib import Graph

TURTLE_FILE = "geokg.ttl"
NTRIPLES_FILE = "geokg.nt"
REPORT_FILE = "validation-report.txt"


def turtle(graph: Graph) -> str:
    """Turtle with subjects, predicates and objects in a stable order, ending in one newline."""
    return graph.serialize(format="turtle").rstrip("\n") + "\n"


def ntriples(graph: Graph) -> str:
    """Canonical N-Triples: one triple a line, lines sorted."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(sorted(f"{line}\n" for line in lines if line.strip()))


def publish(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write name → text into `out_dir`; a failure part-way leaves the previous files untouched."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=out_dir))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8", newline="\n")
        written = []
        for name in files:
            os.replace(staging / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
