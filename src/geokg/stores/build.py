"""Reading a build (directory or file) as named graphs: one per document, the reference data,
the ontology, and the dataset description."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from geokg.errors import InputError
from geokg.publish import COMPRESSED, FORMATS, opened, rdf_format_of

DATASET_FILES = {FORMATS["nquads"].file: ox.RdfFormat.N_QUADS, FORMATS["trig"].file: ox.RdfFormat.TRIG}
TRIPLE_FILES = {FORMATS["turtle"].file: ox.RdfFormat.TURTLE, FORMATS["ntriples"].file: ox.RdfFormat.N_TRIPLES}
DESCRIPTION_FILE = "void.ttl"  # geokg.describe.DESCRIPTION_FILE, read here without importing rdflib
_DCAT_DATASET = ox.NamedNode("http://www.w3.org/ns/dcat#Dataset")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class NamedGraph:
    """One graph of a build: its IRI (None for the default graph) and its triples in file order."""

    name: str | None
    triples: tuple[ox.Triple, ...]

    @property
    def label(self) -> str:
        return "the default graph" if self.name is None else f"<{self.name}>"

    def ntriples(self) -> bytes:
        return ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES) or b""

    def nquads(self) -> bytes:
        graph = ox.DefaultGraph() if self.name is None else ox.NamedNode(self.name)
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in self.triples]
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def read_build(path: Path, *, triples_ok: bool = False) -> list[NamedGraph]:
    """The graphs of a build directory (its N-Quads, else its TriG, plus its description) or file.

    A build written only as Turtle or N-Triples holds the union without graph names; it is read
    as the default graph when `triples_ok`, else refused (pushing needs one graph per document).
    """
    data_file = _data_file(path, triples_ok=triples_ok)
    graphs = _parse_graphs(data_file)
    description = path / DESCRIPTION_FILE if path.is_dir() else None
    if description is not None and description.is_file():
        graphs.extend(description_graph(description))
    return graphs


def with_union_graph(graphs: list[NamedGraph]) -> list[NamedGraph]:
    """The graphs plus, when there is no default graph, one holding each of their triples once
    (Oxigraph's --union-default-graph would give a triple once per graph holding it)."""
    if any(graph.name is None for graph in graphs):
        return graphs
    union = dict.fromkeys(t for graph in graphs for t in graph.triples)
    return [*graphs, NamedGraph(None, tuple(union))]


def _data_file(path: Path, *, triples_ok: bool) -> Path:
    if path.is_file():
        fmt = rdf_format_of(path)
        quads = fmt in {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
        if quads or (triples_ok and fmt in {ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES}):
            return path
        raise InputError(
            str(path),
            "is not an N-Quads (.nq) or TriG (.trig) build",
            "Pass the build directory or its geokg.nq; make one with `geokg build --format nquads`",
        )
    candidates = {**DATASET_FILES, **(TRIPLE_FILES if triples_ok else {})}
    for name in candidates:
        for compressed in ("", COMPRESSED):
            if (path / (name + compressed)).is_file():
                return path / (name + compressed)
    if any((path / (name + compressed)).is_file() for name in TRIPLE_FILES for compressed in ("", COMPRESSED)):
        raise InputError(
            str(path),
            "holds the build only as Turtle or N-Triples, which have no named graphs",
            "Loading puts each document in its own graph: run `geokg build --format nquads` first",
        )
    raise InputError(
        str(path),
        f"holds no build ({' or '.join(candidates)})",
        "Run `geokg build --format nquads -o DIR` and pass --build DIR",
    )


def _parse_graphs(file: Path) -> list[NamedGraph]:
    fmt = rdf_format_of(file) or ox.RdfFormat.from_extension(file.suffix[1:])
    grouped: dict[str | None, list[ox.Triple]] = {}
    try:
        with opened(file) as data:
            for quad in ox.parse(data, format=fmt):
                name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
                grouped.setdefault(name, []).append(quad.triple)
    except (SyntaxError, ValueError, OSError, EOFError) as err:  # EOFError: a .gz cut short
        raise InputError(str(file), f"cannot be read: {err}", "Rebuild it with `geokg build`") from err
    return [NamedGraph(name, tuple(triples)) for name, triples in grouped.items()]


def description_graph(file: Path) -> list[NamedGraph]:
    """The VoID/DCAT description, in the graph named after the dataset it describes."""
    try:
        triples = tuple(ox.parse(path=str(file), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(str(file), f"cannot be read: {err}", "Rebuild it with `geokg build`") from err
    datasets = sorted(t.subject.value for t in triples if t.predicate == _RDF_TYPE and t.object == _DCAT_DATASET)
    return [NamedGraph(datasets[0], triples)] if datasets else []
