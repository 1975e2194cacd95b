"""Merging parts into the published files: every triple once in the triple formats, every graph in
the dataset formats, the build's label for each entity, the same bytes however many sorted runs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

import geokg.merge
from geokg.merge import Source, merged_blocks, write_outputs
from geokg.parts import canonical_nquads, label_line
from geokg.publish import FORMATS

ID = "https://w3id.org/geokg/id/"
STATE = URIRef("https://w3id.org/geokg/ontology#State")


def _part(directory, number: int, *, label: str = "Russia") -> Source:
    """A document's part: it names Russia (as `label`) and a state of its own."""
    graph = f"{ID}document/{number:02d}.txt"
    russia, own = URIRef(f"{ID}entity/Q159"), URIRef(f"{ID}entity/Q{1000 + number}")
    triples = [
        (russia, RDF.type, STATE),
        (russia, RDFS.label, Literal(label, lang="en")),
        (own, RDF.type, STATE),
        (own, RDFS.label, Literal(f"State {number}", lang="en")),
        (URIRef(graph), RDFS.label, Literal(f"document {number}")),
    ]
    path = directory / f"{number:02d}.nq"
    path.write_bytes(canonical_nquads(triples, graph))
    return Source(graph, path, len(triples))


def _outputs(directory, sources, name: str):
    out = directory / name
    out.mkdir()
    (out / "scratch").mkdir()
    stats = write_outputs(sources, FORMATS.values(), directory=out, scratch=out / "scratch")
    return stats, {fmt.file: (out / fmt.file).read_bytes() for fmt in FORMATS.values()}


def test_merge_triple_formats_hold_each_triple_once_and_dataset_formats_every_graph(tmp_path):
    sources = [_part(tmp_path, n) for n in (3, 1, 2)]
    stats, files = _outputs(tmp_path, sources, "out")
    union = Graph().parse(data=files["geokg.ttl"], format="turtle")  # rdflib: an independent parser
    assert len(union) == stats.triples == 2 + 3 * 3  # Russia's two triples once, three of each part's own
    assert set(union) == set(Graph().parse(data=files["geokg.nt"], format="nt"))
    dataset = Dataset().parse(data=files["geokg.trig"], format="trig")
    assert sorted(str(g.identifier) for g in dataset.graphs() if len(g)) == sorted(s.graph for s in sources)
    assert files["geokg.nq"] == b"".join(s.path.read_bytes() for s in sorted(sources, key=lambda s: s.graph))
    assert stats.classes == {str(STATE): 4} and stats.graph_triples == {s.graph: 5 for s in sources}
    quads = {str(q) for q in ox.parse(files["geokg.jsonld"], format=ox.RdfFormat.JSON_LD)}
    assert quads == {str(q) for q in ox.parse(files["geokg.nq"], format=ox.RdfFormat.N_QUADS)}


def test_merge_gives_each_entity_the_label_the_build_chose(tmp_path):
    first, second = _part(tmp_path, 1, label="Russia"), _part(tmp_path, 2, label="RUSSIA")
    russia = f"{ID}entity/Q159"
    relabelled = Source(
        second.graph,
        second.path,
        second.triples,
        {label_line(russia, "RUSSIA", second.graph): label_line(russia, "Russia", second.graph)},
    )
    _, files = _outputs(tmp_path, [first, relabelled], "out")
    label = ox.NamedNode(str(RDFS.label))
    for name, fmt in (("geokg.ttl", ox.RdfFormat.TURTLE), ("geokg.trig", ox.RdfFormat.TRIG)):
        quads = ox.parse(files[name], format=fmt)
        labels = {q.object.value for q in quads if q.subject.value == russia and q.predicate == label}
        assert labels == {"Russia"}, name


@pytest.mark.parametrize("run_lines", [1, 4, 7])
def test_merge_through_sorted_runs_gives_the_same_bytes(tmp_path, monkeypatch, run_lines):
    sources = [_part(tmp_path, n) for n in range(1, 10)]
    stats, in_memory = _outputs(tmp_path, sources, "in-memory")
    monkeypatch.setattr(geokg.merge, "RUN_LINES", run_lines)
    run_stats, in_runs = _outputs(tmp_path, sources, "in-runs")
    assert in_runs == in_memory and run_stats == stats
    assert len(list((tmp_path / "in-runs" / "scratch").glob("union-*.nt"))) > 1


def test_merge_an_empty_part_adds_nothing(tmp_path):
    sources = [_part(tmp_path, 1)]
    _, alone = _outputs(tmp_path, sources, "alone")
    (tmp_path / "empty.nq").write_bytes(b"")
    _, with_empty = _outputs(tmp_path, [*sources, Source(f"{ID}document/empty.txt", tmp_path / "empty.nq", 0)], "both")
    assert with_empty["geokg.nt"] == alone["geokg.nt"]


_LINE = st.binary(min_size=0, max_size=3).map(lambda data: data.replace(b"\n", b"") + b"\n")


@given(files=st.lists(st.lists(_LINE, max_size=12), min_size=1, max_size=5), distinct=st.booleans())
def test_sorted_files_merged_a_block_at_a_time_are_their_lines_sorted(tmp_path_factory, files, distinct):
    """Blocks of one line at a time, so that every way the files' blocks can end against each
    other is met: the merge is the lines sorted (each once when distinct), given in order."""
    directory = tmp_path_factory.mktemp("runs")
    paths, everything = [], []
    for number, lines in enumerate(files):
        run = sorted(set(lines) if distinct else lines)
        path = directory / f"run-{number}.nt"
        path.write_bytes(b"".join(run))
        paths.append(path)
        everything += run
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geokg.merge, "MIN_BLOCK_BYTES", 1)
        patch.setattr(geokg.merge, "MERGE_BYTES", 1)
        blocks = list(merged_blocks(paths, distinct=distinct))
    assert [line for block in blocks for line in block] == sorted(set(everything) if distinct else everything)
