"""What the CLI commands do, as plain functions that return data (the CLI only prints)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geokg.config import Settings
from geokg.errors import InputError, NotConformingError
from geokg.pipeline import Progress, build
from geokg.publish import REPORT_FILE, TURTLE_FILE, publish, turtle

RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld"}


@dataclass(frozen=True)
class BuildSummary:
    written: tuple[Path, ...]
    documents: int
    triples: int
    facts: dict[str, int]

    def describe(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(self.facts.items()))
        return f"{self.documents} documents, {self.triples} triples ({counts}); conforms to the shapes"


def build_and_publish(paths: Sequence[Path], *, settings: Settings, progress: Progress | None = None) -> BuildSummary:
    """Build, validate, and publish only a conforming graph (else raise NotConformingError)."""
    from geokg.validate import validate

    result = build(paths, settings=settings, progress=progress)
    report = validate(result.graph)
    if not report.conforms:
        raise NotConformingError(report.text())
    files = {TURTLE_FILE: turtle(result.graph), REPORT_FILE: report.text()}
    written = publish(files, settings.output_dir)
    facts: dict[str, int] = {}
    for document in result.results:
        for claim in document.claims:
            facts[type(claim).__name__] = facts.get(type(claim).__name__, 0) + 1
    return BuildSummary(tuple(written), len(result.results), len(result.graph), facts)


def load_rdf(path: Path):
    """Parse an RDF file into an rdflib Graph, with errors that name the file and line."""
    from rdflib import Graph

    if not path.is_file():
        raise InputError(str(path), "no such file", "Check the path")
    fmt = RDF_FORMATS.get(path.suffix)
    if fmt is None:
        raise InputError(str(path), f"unknown RDF file type {path.suffix!r}", f"Use one of {', '.join(RDF_FORMATS)}")
    graph = Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types
        raise InputError(str(path), f"is not valid {fmt}: {err}", "Fix the syntax error it names") from err
    return graph


def validate_file(path: Path):
    from geokg.validate import validate

    return validate(load_rdf(path))


def evaluate(gold_dir: Path, *, build_path: Path | None = None, progress: Progress | None = None):
    """Score a build (given, or made now from the gold directory's texts) against the gold files."""
    import pyoxigraph

    from geokg.eval import load_build, score

    if build_path is not None:
        return score(load_build(build_path), gold_dir)
    texts = sorted(gold_dir.glob("*.txt"))
    if not texts:
        raise InputError(str(gold_dir), "holds no NAME.txt documents next to the gold files", "Pass the gold directory")
    result = build(texts, settings=Settings(), progress=progress)
    store = pyoxigraph.Store()
    data = result.graph.serialize(format="nt", encoding="utf-8")
    store.load(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return score(store, gold_dir)
