"""Merging a build's parts (geokg.parts) into the published files, from disk, in constant memory.

The dataset formats (N-Quads, TriG, JSON-LD) hold the parts one after the other, in the order of
their graphs' IRIs. The triple formats (Turtle, N-Triples) hold each triple once: as each part's
triples are sorted and deduplicated as an external sort does: in memory, a bounded number of
lines at a time, written as sorted runs, which are then merged a block of lines at a time.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from geokg.publish import FORMATS, Format
from geokg.rdf.jsonld import compact_document
from geokg.rdf.prefixes import PREFIXES
from geokg.turtle import TurtleWriter

RUN_LINES = 300_000  # N-Triples lines sorted in memory at once (about 60 MB)
MERGE_BYTES = 16 << 20  # of the runs' lines held while they are merged, all runs together
MIN_BLOCK_BYTES = 64 << 10  # read from a run at a time while they are merged, at least
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
    union: Path | None = field(default=None, compare=False)  # the graphs' union (N-Triples), while the build lasts


def write_outputs(sources: Sequence[Source], formats: Iterable[Format], *, directory: Path, scratch: Path) -> Stats:
    """Write each format's file into `directory` (`scratch` holds intermediate files) and count."""
    formats = set(formats)
    sources = sorted(sources, key=lambda source: source.graph)
    for fmt in sorted(formats, key=lambda f: f.name):
        if fmt.quads:
            _write_dataset(sources, fmt, directory / fmt.file)
    ntriples = FORMATS["ntriples"]
    union = directory / ntriples.file if ntriples in formats else scratch / ntriples.file
    # Turtle is written from the union while the union is written, by a process of its own
    turtle = TurtleWriter(directory / FORMATS["turtle"].file, PREFIXES) if FORMATS["turtle"] in formats else None
    try:
        triples, classes = _write_union(sources, union, scratch, also=turtle)
    except BaseException:
        if turtle is not None:
            turtle.kill()
        raise
    if turtle is not None:
        turtle.close()
    return Stats({source.graph: source.triples for source in sources}, triples, classes, union)


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
    if fmt.rdf_format == ox.RdfFormat.JSON_LD:  # compact, a graph at a time (geokg.rdf.jsonld)
        graphs = (b"".join(quad_lines([source])) for source in sources)
        with path.open("wb") as out:
            out.writelines(compact_document(graphs))
        return
    quads = ox.parse(io.BufferedReader(LineReader(quad_lines(sources))), format=ox.RdfFormat.N_QUADS)
    ox.serialize(quads, output=str(path), format=fmt.rdf_format, prefixes=dict(PREFIXES))


def _write_union(
    sources: Sequence[Source], path: Path, scratch: Path, *, also: TurtleWriter | None = None
) -> tuple[int, Counter[str]]:
    """Write the distinct triples of all parts, sorted, as N-Triples (to `also` as well, when
    given); count them and their classes."""
    triples, classes = 0, Counter()
    typed = b" " + RDF_TYPE + b" "
    with path.open("wb") as out:
        for block in _union(sources, scratch):
            data = b"".join(block)
            out.write(data)
            if also is not None:
                also.write(data)
            triples += len(block)
            for line in [line for line in block if typed in line]:
                _subject, predicate, rest = line.split(b" ", 2)
                if predicate == RDF_TYPE:
                    classes[rest[1 : rest.index(b">")].decode("utf-8")] += 1
    return triples, classes


def _union(sources: Sequence[Source], scratch: Path) -> Iterator[list[bytes]]:
    """The distinct triples of all parts, sorted, as blocks of N-Triples lines."""
    return sorted_distinct_blocks((_triple_lines(source) for source in sources), scratch, name="union")


def sorted_distinct(groups: Iterable[Iterable[bytes]], scratch: Path, *, name: str) -> Iterator[bytes]:
    """The lines of all groups, sorted, each once, in bounded memory (see sorted_distinct_blocks)."""
    return itertools.chain.from_iterable(sorted_distinct_blocks(groups, scratch, name=name))


def sorted_distinct_blocks(groups: Iterable[Iterable[bytes]], scratch: Path, *, name: str) -> Iterator[list[bytes]]:
    """The lines of all groups, sorted, each once, in bounded memory (an external sort), given a
    block of lines at a time: groups are read until about RUN_LINES lines are held, which are
    sorted, deduplicated and written as a run (`scratch`/`name`-N); the runs are then merged.

    The groups are kept in the order they come, not gathered in a set: a part's lines are sorted
    already, and Python's sort (Timsort) merges sorted stretches instead of sorting them anew."""
    runs: list[Path] = []
    lines: list[bytes] = []
    for group in groups:
        lines += group
        if len(lines) >= RUN_LINES:
            runs.append(_write_run(_sorted_once(lines), scratch / f"{name}-{len(runs)}.nt"))
            lines = []
    if not runs:
        return iter([_sorted_once(lines)])
    if lines:
        runs.append(_write_run(_sorted_once(lines), scratch / f"{name}-{len(runs)}.nt"))
    return merged_blocks(runs, distinct=True)


def _sorted_once(lines: list[bytes]) -> list[bytes]:
    """The lines sorted, each once (dict keys keep the sorted order)."""
    lines.sort()
    return list(dict.fromkeys(lines))


def merged_blocks(paths: Sequence[Path], *, distinct: bool) -> Iterator[list[bytes]]:
    """The lines of files each sorted, merged into one sorted sequence (each line once when
    `distinct`), a block at a time. Every file's next block of lines is read; the lines up to the
    least of the blocks' last lines are sorted together and given, as no line still unread can
    come before that one; a file whose block is used up reads its next. The sorting and the
    deduplication are the interpreter's own (C), not a comparison per line in Python."""
    size = max(MIN_BLOCK_BYTES, MERGE_BYTES // max(1, len(paths)))
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(path.open("rb")) for path in paths]
        reading = [(file, block, 0) for file in files if (block := file.readlines(size))]
        while reading:
            bound = min(block[-1] for _file, block, _start in reading)
            taken: list[bytes] = []
            left = []
            for file, block, start in reading:
                cut = bisect.bisect_right(block, bound, lo=start)
                taken += block[start:cut]
                if cut < len(block):
                    left.append((file, block, cut))
                elif block := file.readlines(size):
                    left.append((file, block, 0))
            reading = left
            yield sorted(set(taken)) if distinct else sorted(taken)


def _triple_lines(source: Source) -> list[bytes]:
    """A part's lines as N-Triples, with the build's labels. Every line of a part ends with its
    graph's name, so that ending is cut from all lines at once."""
    data = b"".join(quad_lines([source])) if source.relabel else source.path.read_bytes()
    if not data:
        return []
    graph = data[: data.index(b"\n")].rsplit(b" ", 2)[1]
    return data.replace(b" " + graph + b" .\n", b" .\n").splitlines(keepends=True)


def _write_run(lines: list[bytes], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.writelines(lines)
    return path


class LineReader(io.RawIOBase):
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
