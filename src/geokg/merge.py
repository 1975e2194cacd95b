"""Merging a build's parts (geokg.parts) into the published files, from disk, in constant memory.

The dataset formats (N-Quads, TriG, JSON-LD) hold the parts one after the other, in the order of
their graphs' IRIs. The triple formats (Turtle, N-Triples) hold each triple once: as each part's
lines are sorted, the parts are merged like the sorted runs of an external sort, and a triple
stated by many documents is dropped where its copies meet. Nothing is held but one line per part.
"""

from __future__ import annotations

import heapq
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from geokg.parts import triple_line
from geokg.publish import FORMATS, Format
from geokg.rdf.prefixes import PREFIXES

FAN_IN = 256  # parts open at once; more are merged in rounds through files of their own
RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@dataclass(frozen=True)
class Source:
    """One part as the build publishes it."""

    graph: str  # the IRI of its named graph
    path: Path  # its canonical N-Quads
    triples: int
    relabel: dict[bytes, bytes] = field(default_factory=dict)  # a label line → the build's one for that entity


@dataclass(frozen=True)
class Stats:
    """What the dataset description says about the merged files."""

    graph_triples: dict[str, int]  # graph IRI → its triples
    triples: int  # distinct triples over all graphs
    classes: Counter[str]  # class IRI → distinct resources typed with it


def write_outputs(sources: Sequence[Source], formats: Iterable[Format], *, directory: Path, scratch: Path) -> Stats:
    """Write each format's file into `directory` (`scratch` holds intermediate files) and count."""
    formats = set(formats)
    sources = sorted(sources, key=lambda source: source.graph)
    for fmt in sorted(formats, key=lambda f: f.name):
        if fmt.quads:
            _write_dataset(sources, fmt, directory / fmt.file)
    ntriples = FORMATS["ntriples"]
    union = directory / ntriples.file if ntriples in formats else scratch / ntriples.file
    triples, classes = _write_union(sources, union, scratch)
    if FORMATS["turtle"] in formats:
        ox.serialize(
            ox.parse(path=str(union), format=ox.RdfFormat.N_TRIPLES),
            output=str(directory / FORMATS["turtle"].file),
            format=ox.RdfFormat.TURTLE,
            prefixes=dict(PREFIXES),
        )
    return Stats({source.graph: source.triples for source in sources}, triples, classes)


def quad_lines(sources: Iterable[Source]) -> Iterator[bytes]:
    """Every N-Quads line of the parts, in the order given, with the build's labels."""
    for source in sources:
        with source.path.open("rb") as lines:
            for line in lines:
                yield source.relabel.get(line, line)


def _write_dataset(sources: Sequence[Source], fmt: Format, path: Path) -> None:
    if fmt.rdf_format == ox.RdfFormat.N_QUADS:  # the parts are N-Quads already
        with path.open("wb") as out:
            out.writelines(quad_lines(sources))
        return
    quads = ox.parse(io.BufferedReader(_LineReader(quad_lines(sources))), format=ox.RdfFormat.N_QUADS)
    ox.serialize(quads, output=str(path), format=fmt.rdf_format, prefixes=dict(PREFIXES))


def _write_union(sources: Sequence[Source], path: Path, scratch: Path) -> tuple[int, Counter[str]]:
    """Write the distinct triples of all parts, sorted, as N-Triples; count them and their classes."""
    triples, classes = 0, Counter()
    with path.open("wb") as out:
        for line in _union([_triple_lines(source) for source in sources], scratch):
            out.write(line)
            triples += 1
            _subject, predicate, rest = line.split(b" ", 2)
            if predicate == RDF_TYPE:
                classes[rest[1 : rest.index(b">")].decode("utf-8")] += 1
    return triples, classes


def _triple_lines(source: Source) -> Iterator[bytes]:
    """A part's lines as N-Triples: still sorted, as every line of a part names the same graph."""
    for line in quad_lines([source]):
        yield triple_line(line)


def _union(runs: list[Iterator[bytes]], scratch: Path) -> Iterator[bytes]:
    """The sorted lines of all runs, each once; at most FAN_IN runs are read at a time."""
    round_ = 0
    while len(runs) > FAN_IN:
        merged = []
        for at in range(0, len(runs), FAN_IN):
            path = scratch / f"run-{round_}-{at // FAN_IN}.nt"
            with path.open("wb") as out:
                out.writelines(_distinct(heapq.merge(*runs[at : at + FAN_IN])))
            merged.append(_read_lines(path))
        runs, round_ = merged, round_ + 1
    return _distinct(heapq.merge(*runs))


def _distinct(lines: Iterable[bytes]) -> Iterator[bytes]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def _read_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as lines:
        yield from lines


class _LineReader(io.RawIOBase):
    """A binary file over an iterator of lines, for parsers that read files (pyoxigraph's)."""

    def __init__(self, lines: Iterable[bytes]):
        self._lines = iter(lines)
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._rest:
            self._rest = next(self._lines, b"")
            if not self._rest:
                return 0
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size
