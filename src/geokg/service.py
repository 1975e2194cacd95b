"""What the CLI commands do, as plain functions that return data (the CLI only prints)."""

from __future__ import annotations

import collections
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geokg.config import Settings
from geokg.errors import InputError, NotConformingError, SkippedInputsError
from geokg.model import Skipped
from geokg.pipeline import Progress, build
from geokg.publish import (
    DATA_FILES,
    FORMATS,
    REPORT_FILE,
    SUFFIXES,
    publish,
    render,
    to_quads,
)

BUILD_REPORT_FILE = "build-report.json"
VALIDATION_BATCH = 32  # named graphs validated together


@dataclass(frozen=True)
class BuildSummary:
    written: tuple[Path, ...]
    documents: int
    triples: int
    facts: dict[str, int]
    rejected: int = 0
    skipped: tuple[Skipped, ...] = ()

    def describe(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(self.facts.items())) or "no facts"
        text = f"{self.documents} documents, {self.triples} triples ({counts}); conforms to the shapes"
        if self.rejected:
            text += f"; {self.rejected} extracted claims set aside as outside the contract"
        return text


def build_files(paths: Sequence[Path], *, settings: Settings, progress: Progress | None = None):
    """Build and validate; return the build, the files to publish (name → bytes) and the number of
    distinct triples (the union of the graphs is not made: `result.graph` makes it when wanted).

    Raises NotConformingError, with the violations, when the graph does not conform.
    """
    from geokg.describe import DESCRIPTION_FILE, describe
    from geokg.pipeline import ONTOLOGY_IRI

    unknown = [f for f in settings.formats if f not in FORMATS]
    if unknown:
        raise InputError("--format", f"unknown format {unknown[0]!r}", f"Use one of: {', '.join(FORMATS)}")
    result = build(paths, settings=settings, progress=progress)
    if result.skipped and (settings.strict or not result.results):  # strict, or nothing left to publish
        raise SkippedInputsError(result.skipped, strict=settings.strict)
    report = validate_build(result.graphs, jobs=settings.jobs)
    if not report.conforms:
        raise NotConformingError(report.text())
    quads = to_quads(result.graphs)
    triples = len({quad.triple for quad in quads})
    files = {FORMATS[f].file: render(quads, FORMATS[f]) for f in settings.formats}
    del quads
    description = describe(result.graphs, files, base=settings.base_iri, ontology=result.graphs[ONTOLOGY_IRI])
    files[DESCRIPTION_FILE] = render(to_quads({"urn:x-geokg:description": description}), FORMATS["turtle"])
    files[REPORT_FILE] = report.text().encode("utf-8")
    files[BUILD_REPORT_FILE] = build_report(result)
    return result, files, triples


def build_report(result) -> bytes:
    """output/build-report.json: every document published (with the encoding it was read in) and
    every input skipped, with the stage, the problem and what to do; sorted keys, no timestamps."""
    duplicates: dict[str, list[str]] = {}
    for skipped in result.skipped:
        if skipped.same_as is not None:
            duplicates.setdefault(skipped.same_as, []).append(_shown(skipped.where))
    report = {
        "published": [
            {
                "document": r.document.identifier,
                "source": _shown(r.document.source),
                "encoding": r.document.encoding,
                "url": r.document.url,
                "also_in": duplicates.get(r.document.source, []),
                "fields": dict(r.document.extra),
            }
            for r in result.results
        ],
        "skipped": [
            {"where": _shown(s.where), "stage": s.stage, "problem": s.problem, "fix": s.fix} for s in result.skipped
        ],
    }
    return (json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _shown(source: str) -> str:
    """A source under the working directory as a relative path, so that the report is the same
    wherever the project is checked out."""
    path = Path(source)
    if not path.is_absolute() or not path.is_relative_to(Path.cwd()):
        return source
    return str(path.relative_to(Path.cwd()))


def validate_build(graphs, *, jobs: int = 1):
    """Validate each named graph on its own (shapes are local to a document, so the cost grows
    linearly with the corpus) and merge the results; the ontology graph holds no data to check.
    With `jobs` > 1 the graphs are validated in that many processes."""
    from concurrent.futures import ProcessPoolExecutor

    from geokg.pipeline import ONTOLOGY_IRI
    from geokg.validate import ValidationReport, Violation, validate

    named = [graph for name, graph in sorted(graphs.items()) if name != ONTOLOGY_IRI]
    # Graphs are validated in batches merged into one: the shapes are compiled once per batch
    # (40% less time than graph by graph), and as every shape is local to a node, a batch reports
    # exactly what its graphs would one by one.
    batches = (_union(named[at : at + VALIDATION_BATCH]) for at in range(0, len(named), VALIDATION_BATCH))
    if jobs > 1 and len(named) >= jobs * VALIDATION_BATCH:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            reports = list(_windowed(pool, validate, batches, window=2 * jobs))
    else:
        reports = [validate(batch) for batch in batches]  # one merged batch in memory at a time
    violations = tuple(sorted({v for r in reports for v in r.violations}, key=Violation.sort_key))
    results = reports[0].results_graph if len(reports) == 1 else _union(r.results_graph for r in reports)
    return ValidationReport(all(r.conforms for r in reports), violations, results)


def _windowed(pool, function, items, *, window: int):
    """`pool.map` in input order with at most `window` items submitted at a time, so that items
    made on demand (merged graphs) are not all in memory at once."""
    pending = collections.deque()
    for item in items:
        pending.append(pool.submit(function, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _union(graphs):
    from rdflib import Graph

    union = Graph()
    for graph in graphs:
        union += graph
    return union


def build_and_publish(paths: Sequence[Path], *, settings: Settings, progress: Progress | None = None) -> BuildSummary:
    """Build, validate, and publish only a conforming graph (else raise NotConformingError)."""
    result, files, triples = build_files(paths, settings=settings, progress=progress)
    written = publish(files, settings.output_dir, replaces=DATA_FILES)
    facts: dict[str, int] = {}
    for document in result.results:
        for claim in document.claims:
            facts[type(claim).__name__] = facts.get(type(claim).__name__, 0) + 1
    rejected = sum(len(document.rejected) for document in result.results)
    return BuildSummary(tuple(written), len(result.results), triples, facts, rejected, result.skipped)


def load_rdf(path: Path):
    """Parse an RDF file (any of geokg's formats; quad formats merged into one graph) into an
    rdflib Graph, with errors that name the file and the position."""
    import pyoxigraph as ox
    from rdflib import Graph

    if not path.is_file():
        raise InputError(str(path), "no such file", "Check the path")
    fmt = SUFFIXES.get(path.suffix)
    if fmt is None:
        raise InputError(str(path), f"unknown RDF file type {path.suffix!r}", f"Use one of {', '.join(SUFFIXES)}")
    try:
        triples = {quad.triple for quad in ox.parse(path=str(path), format=fmt)}
    except (SyntaxError, ValueError) as err:
        raise InputError(str(path), f"is not valid {fmt.name}: {err}", "Fix the syntax error it names") from err
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return Graph().parse(data=data, format="nt")


def validate_file(path: Path):
    from geokg.validate import validate

    return validate(load_rdf(path))


def evaluate(gold_dir: Path, *, build_path: Path | None = None, progress: Progress | None = None):
    """Score a build (given, or made now from the gold directory's texts) against the gold files."""
    import pyoxigraph

    from geokg.eval import load_build, score

    if build_path is not None:
        return score(load_build(build_path), gold_dir)
    stems = sorted(p.name[: -len(".gold.json")] for p in gold_dir.glob("*.gold.json"))
    if not stems:
        raise InputError(str(gold_dir), "holds no NAME.gold.json files", "Pass a directory of gold annotations")
    texts = [gold_dir / f"{stem}.txt" for stem in stems if (gold_dir / f"{stem}.txt").is_file()]
    if not texts:
        raise InputError(
            str(gold_dir),
            "holds no NAME.txt document next to its NAME.gold.json",
            "Put each annotated document's text beside its gold file, or score a build with --build",
        )
    result = build(texts, settings=Settings(), progress=progress)
    store = pyoxigraph.Store()
    store.extend(to_quads(result.graphs))
    return score(store, gold_dir)
