"""Writing a build: deterministic files in every format, written atomically (all of them or none).

Serialisation goes through pyoxigraph (fast, and its writers produce valid Turtle/TriG), fed
quads in one canonical order: graph, subject, predicate, object. No blank nodes, no timestamps.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph

from geokg.errors import OutputError
from geokg.rdf.prefixes import PREFIXES


@dataclass(frozen=True)
class Format:
    name: str
    file: str
    media_type: str
    rdf_format: ox.RdfFormat
    quads: bool  # a dataset format: one named graph per document


FORMATS = {
    f.name: f
    for f in (
        Format("turtle", "geokg.ttl", "text/turtle", ox.RdfFormat.TURTLE, False),
        Format("ntriples", "geokg.nt", "application/n-triples", ox.RdfFormat.N_TRIPLES, False),
        Format("nquads", "geokg.nq", "application/n-quads", ox.RdfFormat.N_QUADS, True),
        Format("trig", "geokg.trig", "application/trig", ox.RdfFormat.TRIG, True),
        Format("jsonld", "geokg.jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, True),
    )
}
SUFFIXES = {Path(f.file).suffix: f.rdf_format for f in FORMATS.values()}  # ".ttl" → RdfFormat.TURTLE
COMPRESSED = ".gz"  # a file compressed with gzip: geokg.ttl.gz (geokg build --compress)
REPORT_FILE = "validation-report.txt"
REPORT_RDF_FILE = "validation-report.ttl"  # the same verdict as an sh:ValidationReport
DATA_FILES = tuple(f.file + compressed for f in FORMATS.values() for compressed in ("", COMPRESSED))
REPORT_DIRECTORY = "report"  # the HTML report's pages (geokg.report), in the output directory
STAGING_PREFIX = ".tmp-"  # the staging directory of a build being published, inside the output directory


def rdf_format_of(path: Path) -> ox.RdfFormat | None:
    """The RDF format of a file by its name, compressed or not: geokg.ttl and geokg.ttl.gz are Turtle."""
    return SUFFIXES.get(Path(path.name.removesuffix(COMPRESSED)).suffix)


@contextlib.contextmanager
def opened(path: Path) -> Iterator[BinaryIO]:
    """A file's bytes, decompressed as they are read when its name ends in .gz."""
    with gzip.open(path, "rb") if path.name.endswith(COMPRESSED) else path.open("rb") as file:
        yield file


def compress(source: Path, target: Path) -> None:
    """Write `source` gzip-compressed to `target`, the same bytes for the same file: no name and
    no time in the header (a stream, so that a build of any size is never held in memory)."""
    with source.open("rb") as data, target.open("wb") as raw, gzip.GzipFile("", "wb", 6, raw, mtime=0) as packed:
        shutil.copyfileobj(data, packed, 1 << 20)


def to_quads(graphs: Mapping[str, Graph]) -> list[ox.Quad]:
    """Every triple of every named graph as pyoxigraph quads, in canonical order."""
    quads = []
    for name in sorted(graphs):
        data = graphs[name].serialize(format="nt", encoding="utf-8")
        graph_name = ox.NamedNode(name)
        quads.extend(
            ox.Quad(t.subject, t.predicate, t.object, graph_name) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        )
    return sorted(quads, key=_quad_key)


def _quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (quad.graph_name.value, quad.subject.value, quad.predicate.value, str(quad.object))


def render(quads: Iterable[ox.Quad], fmt: Format) -> bytes:
    """One format's bytes. Triple formats hold the union of the graphs, each triple once."""
    # Instance IRIs are written in full: as prefixed names their slashes would need escapes
    # ("id:document\/a.txt") that several parsers, rdflib's among them, reject.
    prefixes = dict(PREFIXES)
    quads = sorted(quads, key=_quad_key)
    if fmt.quads:
        return ox.serialize(quads, format=fmt.rdf_format, prefixes=prefixes)
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=_triple_key)
    if fmt.rdf_format == ox.RdfFormat.N_TRIPLES:
        return ox.serialize(triples, format=fmt.rdf_format)
    return ox.serialize(triples, format=fmt.rdf_format, prefixes=prefixes)


def _triple_key(triple: ox.Triple) -> tuple[str, str, str]:
    return (triple.subject.value, triple.predicate.value, str(triple.object))


class Staging:
    """The directory a build is written into before it is published, and the names it wrote there."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.names: list[str] = []

    def write(self, name: str, data: bytes) -> None:
        (self.directory / name).write_bytes(data)
        self.keep(name)

    def keep(self, name: str) -> None:
        """Publish `name`, a file written into the staging directory by other means."""
        if name not in self.names:
            self.names.append(name)


@contextlib.contextmanager
def staged(out_dir: Path, *, replaces: Iterable[str] = ()) -> Iterator[Staging]:
    """A staging directory inside `out_dir`; when the block ends without error, the files it kept
    are moved into place (each move is atomic on the same file system). An error part-way leaves
    the previous files untouched. Files named in `replaces` that this build does not write
    (another format of an earlier build) are removed, so the directory never mixes two builds."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for leftover in out_dir.glob(f"{STAGING_PREFIX}*"):  # a build killed outright (SIGKILL, power loss)
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Staging(Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir)))
    except OSError as err:
        raise _output_error(out_dir, err) from err
    try:
        yield staging
        _move(staging, out_dir, replaces)
    except OSError as err:  # no space left, no permission, a read-only file system: not a bug
        raise _output_error(out_dir, err) from err
    finally:
        shutil.rmtree(staging.directory, ignore_errors=True)


def publish(files: Mapping[str, bytes], out_dir: Path, *, replaces: Iterable[str] = ()) -> list[Path]:
    """Write name → bytes into `out_dir`, all of them or none (see `staged`)."""
    with staged(out_dir, replaces=replaces) as staging:
        for name, data in files.items():
            staging.write(name, data)
    return [out_dir / name for name in files]


def _move(staging: Staging, out_dir: Path, replaces: Iterable[str]) -> None:
    for name in staging.names:
        if (out_dir / name).is_dir():
            _remove(out_dir / name, staging.directory)
        os.replace(staging.directory / name, out_dir / name)
    for stale in sorted(set(replaces) - set(staging.names)):
        _remove(out_dir / stale, staging.directory)


def _remove(path: Path, staging: Path) -> None:
    """Remove a file, or a directory (the report): renamed into the staging directory first, so
    that it is gone at once, then deleted with it."""
    if path.is_dir():
        os.replace(path, staging / f"{STAGING_PREFIX}old-{path.name}")
    else:
        path.unlink(missing_ok=True)


def _output_error(out_dir: Path, err: OSError) -> OutputError:
    return OutputError(
        str(out_dir),
        f"cannot write the build there ({err.strerror or err})",
        "Free some space or choose another directory with -o; the previous build there is unchanged",
    )
