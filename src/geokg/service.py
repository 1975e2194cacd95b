"""What the CLI commands do, as plain functions that return data (the CLI only prints)."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from geokg.config import ONTOLOGY_FILE, Settings
from geokg.errors import InputError, NotConformingError, SkippedInputsError
from geokg.ingest import collect_inputs
from geokg.model import Progress, Skipped
from geokg.publish import (
    COMPRESSED,
    DATA_FILES,
    FORMATS,
    REPORT_DIRECTORY,
    REPORT_FILE,
    REPORT_RDF_FILE,
    SUFFIXES,
    Staging,
    compress,
    opened,
    rdf_format_of,
    staged,
    to_quads,
)

if TYPE_CHECKING:
    from geokg.stream import Published

BUILD_REPORT_FILE = "build-report.json"


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


def build_and_publish(paths: Sequence[Path], *, settings: Settings, progress: Progress | None = None) -> BuildSummary:
    """Build, validate, and publish only a conforming graph (else raise NotConformingError): every
    file is written into a staging directory inside the output directory, and moved into place
    only when all are complete."""
    with staged(settings.output_dir, replaces=(*DATA_FILES, REPORT_DIRECTORY)) as staging:
        summary = build_into(staging, paths, settings=settings, progress=progress)
    return dataclasses.replace(summary, written=tuple(settings.output_dir / path.name for path in summary.written))


def build_into(staging: Staging, paths: Sequence[Path], *, settings: Settings, progress: Progress | None = None):
    """Build the documents of `paths` into the staging directory: the data files of each format,
    the dataset description, the validation report and the build report.

    Raises NotConformingError, with the violations, when the graph does not conform, and
    SkippedInputsError when inputs were skipped with --strict, or when nothing is left to publish.
    """
    from geokg.describe import DESCRIPTION_FILE, Publication, write_description
    from geokg.rdf.iri import dataset_iri, document_iri, is_web_iri
    from geokg.stream import SCRATCH, build_parts, publish_parts
    from geokg.validate import ValidationReport, Violation

    unknown = [f for f in settings.formats if f not in FORMATS]
    if unknown:
        raise InputError("--format", f"unknown format {unknown[0]!r}", f"Use one of: {', '.join(FORMATS)}")
    files, missing = collect_inputs(paths)
    built = build_parts(files, settings=settings, directory=staging.directory, progress=progress)
    skipped = [*missing, *built.skipped]
    if skipped and (settings.strict or not built.parts):  # strict, or nothing left to publish
        raise SkippedInputsError(skipped, strict=settings.strict)
    report = ValidationReport(not built.violations, tuple(sorted(set(built.violations), key=Violation.sort_key)))
    if not report.conforms:
        raise NotConformingError(report.text())
    stats = publish_parts(built, settings=settings, directory=staging.directory)
    data = [FORMATS[f].file for f in settings.formats]
    if settings.compress:  # each data file also gzip-compressed, beside it
        for name in list(data):
            compress(staging.directory / name, staging.directory / (name + COMPRESSED))
            data.append(name + COMPRESSED)
    for name in data:
        staging.keep(name)
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    publication = Publication(
        settings.base_iri,
        publish_url=settings.publish_url,
        publisher=settings.publisher,
        inputs=[path for path in files if path.is_file()],
        checksums=built.digests,
        sources={document_iri(d.identifier, settings.base_iri): d.url for d in built.documents if is_web_iri(d.url)},
    )
    write_description(
        staging.directory / DESCRIPTION_FILE,
        stats,
        {name: staging.directory / name for name in data},
        base=settings.base_iri,
        ontology=ontology,
        publication=publication,
        scratch=staging.directory / SCRATCH,
    )
    staging.keep(DESCRIPTION_FILE)
    staging.write(REPORT_FILE, report.text().encode("utf-8"))
    build_iri = dataset_iri("build", settings.base_iri)
    staging.write(REPORT_RDF_FILE, report.published_turtle(f"{build_iri}/validation", build_iri))
    staging.write(BUILD_REPORT_FILE, build_report(built.documents, skipped))
    if settings.report:
        _write_report(staging, stats.union, documents=len(built.documents), skipped=skipped)
    written = tuple(staging.directory / name for name in staging.names)
    return BuildSummary(written, len(built.parts), stats.triples, dict(built.facts), built.rejected, tuple(skipped))


def _write_report(staging: Staging, union: Path, *, documents: int, skipped: Sequence[Skipped]) -> None:
    """The HTML report (geokg.report) of the build, from the union of its graphs."""
    import pyoxigraph as ox

    from geokg.report import write_report

    store = ox.Store()
    store.bulk_load(path=str(union), format=ox.RdfFormat.N_TRIPLES)
    shown = [_skipped_entry(skip) for skip in skipped]
    title = f"geokg report: {documents} document{'s' if documents != 1 else ''}"
    write_report(store, staging.directory / REPORT_DIRECTORY, title=title, skipped=shown)
    staging.keep(REPORT_DIRECTORY)


def build_files(paths: Sequence[Path], *, settings: Settings) -> tuple[BuildSummary, dict[str, bytes]]:
    """A build's files in memory (name → bytes), for a small corpus: what `geokg build` publishes."""
    with tempfile.TemporaryDirectory() as directory:
        staging = Staging(Path(directory))
        summary = build_into(staging, paths, settings=settings)
        root = staging.directory
        files = [path for name in staging.names for path in _files_of(root / name)]
        return summary, {path.relative_to(root).as_posix(): path.read_bytes() for path in files}


def _files_of(path: Path) -> list[Path]:
    """A file, or the files of a directory (the report), sorted."""
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def build_report(documents: Sequence[Published], skipped: Sequence[Skipped]) -> bytes:
    """output/build-report.json: every document published (with the encoding it was read in) and
    every input skipped, with the stage, the problem and what to do; sorted keys, no timestamps."""
    duplicates: dict[str, list[str]] = {}
    for skip in skipped:
        if skip.same_as is not None:
            duplicates.setdefault(skip.same_as, []).append(_shown(skip.where))
    report = {
        "published": [
            {
                "document": document.identifier,
                "source": _shown(document.source),
                "encoding": document.encoding,
                "url": document.url,
                "also_in": duplicates.get(document.source, []),
                "fields": dict(document.extra),
            }
            for document in documents
        ],
        "skipped": [_skipped_entry(skip) for skip in skipped],
    }
    return (json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _skipped_entry(skip: Skipped) -> dict[str, str]:
    """A skipped input as build-report.json and the HTML report list it."""
    return {"where": _shown(skip.where), "stage": skip.stage, "problem": skip.problem, "fix": skip.fix}


def _shown(source: str) -> str:
    """A source under the working directory as a relative path, so that the report is the same
    wherever the project is checked out."""
    path = Path(source)
    if not path.is_absolute() or not path.is_relative_to(Path.cwd()):
        return source
    return str(path.relative_to(Path.cwd()))


def load_rdf(path: Path):
    """Parse an RDF file (any of geokg's formats; quad formats merged into one graph) into an
    rdflib Graph, with errors that name the file and the position."""
    import pyoxigraph as ox
    from rdflib import Graph

    if not path.is_file():
        raise InputError(str(path), "no such file", "Check the path")
    fmt = rdf_format_of(path)
    if fmt is None:
        raise InputError(
            str(path), f"unknown RDF file type {path.suffix!r}", f"Use one of {', '.join(SUFFIXES)}, or one of them .gz"
        )
    try:
        with opened(path) as data:
            triples = {quad.triple for quad in ox.parse(data, format=fmt)}
    except (SyntaxError, ValueError, OSError, EOFError) as err:  # EOFError: a .gz cut short
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
    from geokg.pipeline import build

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
