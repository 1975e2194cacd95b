"""The bundled seeds end to end: expected facts, exact evidence, conformance, an independent parser,
byte-identical rebuilds, and a published output/ that is current."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from geokg.rdf.namespaces import DCTERMS, GK, OA, PROV, RDF, RDFS

REPO = Path(__file__).resolve().parents[1]

ID = "https://w3id.org/geokg/id/"
RUSSIA, UKRAINE, NATO = URIRef(ID + "entity/Q159"), URIRef(ID + "entity/Q212"), URIRef(ID + "entity/Q7184")
PUTIN = URIRef(ID + "entity/Q7747")


def _facts(graph, cls):
    return set(graph.subjects(RDF.type, cls))


def _doc_facts(graph, cls, identifier):
    doc = next(graph.subjects(DCTERMS.identifier, Literal(identifier)))
    for fact in _facts(graph, cls):
        for ev in graph.objects(fact, PROV.wasDerivedFrom):
            if (ev, OA.hasSource, doc) in graph:
                yield fact
                break


def test_end_to_end_documents_carry_metadata_from_their_text(corpus_build):
    graph = corpus_build.graph
    eggert = next(graph.subjects(DCTERMS.identifier, Literal("eggert_dw_2021_russia_baltics.txt")))
    assert graph.value(eggert, DCTERMS.issued).toPython().isoformat() == "2021-10-27"
    assert str(graph.value(graph.value(eggert, DCTERMS.creator), RDFS.label)) == "Konstantin Eggert"
    assert str(graph.value(graph.value(eggert, DCTERMS.publisher), RDFS.label)) == "Deutsche Welle"
    valuewalk = next(graph.subjects(DCTERMS.identifier, Literal("valuewalk_russia_break_nato.txt")))
    assert str(graph.value(valuewalk, DCTERMS.title)) == "Is Russia Planning To Break NATO Into Pieces?"


def test_end_to_end_negated_membership_of_ukraine_in_nato(corpus_build):
    graph = corpus_build.graph
    negated = [
        m
        for m in _doc_facts(graph, GK.Membership, "valuewalk_russia_break_nato.txt")
        if (m, GK.member, UKRAINE) in graph and (m, GK.organization, NATO) in graph
    ]
    assert negated and all((m, GK.negated, Literal(True)) in graph for m in negated)


def test_end_to_end_baltic_states_stated_as_nato_members(corpus_build):
    graph = corpus_build.graph
    members = {
        graph.value(m, GK.member)
        for m in _doc_facts(graph, GK.Membership, "valuewalk_russia_break_nato.txt")
        if (m, GK.organization, NATO) in graph and (m, GK.negated, Literal(True)) not in graph
    }
    assert {URIRef(ID + "entity/" + q) for q in ("Q191", "Q211", "Q37")} <= members


def test_end_to_end_roles_of_putin_and_lavrov(corpus_build):
    graph = corpus_build.graph
    titles = {
        (str(graph.value(graph.value(r, GK.person), RDFS.label)), str(graph.value(r, GK.roleTitle)).lower())
        for r in _facts(graph, GK.RoleAssignment)
    }
    assert ("Vladimir Putin", "russian president") in titles or ("Vladimir Putin", "president") in titles
    assert any(person == "Sergey Lavrov" and "foreign minister" in title for person, title in titles)
    lavrov_roles = [
        r
        for r in _facts(graph, GK.RoleAssignment)
        if str(graph.value(graph.value(r, GK.person), RDFS.label)) == "Sergey Lavrov"
    ]
    assert any(graph.value(r, GK.roleIn) == RUSSIA for r in lavrov_roles)


def test_end_to_end_events_annexation_and_exercise(corpus_build):
    graph = corpus_build.graph
    types = {graph.value(e, GK.eventType) for e in _doc_facts(graph, GK.Event, "valuewalk_russia_break_nato.txt")}
    assert {GK.Annexation, GK.MilitaryExercise} <= types
    referendum = [
        e
        for e in _doc_facts(graph, GK.Event, "eggert_dw_2021_russia_baltics.txt")
        if graph.value(e, GK.eventType) == GK.Referendum
    ]
    assert referendum and str(graph.value(referendum[0], GK.date)) == "2020"


def test_end_to_end_treaty_mention_with_date(corpus_build):
    graph = corpus_build.graph
    founding = [t for t in _facts(graph, GK.Treaty) if "Founding Act" in str(graph.value(t, RDFS.label))]
    assert founding
    assert str(graph.value(founding[0], GK.signed)) == "1997-05-27"


def test_end_to_end_moscow_and_the_kremlin_are_russia_unless_a_place(corpus_build):
    """Moscow and the Kremlin stand for Russia ("gives the Kremlin a pretext"); where something
    happens ("stay in the Kremlin") they are the place."""
    checked = 0
    for result in corpus_build.results:
        for mention in result.mentions:
            if mention.evidence.exact in ("Moscow", "the Kremlin", "Kremlin"):
                before = result.document.text[: mention.evidence.start].split()[-2:]
                expected = "Place" if "in" in before else "State"
                assert (mention.entity.kind, mention.entity.key == "Q159") == (expected, expected == "State"), mention
                checked += 1
    assert checked >= 5


def test_end_to_end_every_exact_equals_the_document_text(corpus_build):
    texts = {r.document.identifier: r.document.text for r in corpus_build.results}
    graph = corpus_build.graph
    checked = 0
    for ev in graph.subjects(RDF.type, OA.SpecificResource):
        text = texts[str(graph.value(graph.value(ev, OA.hasSource), DCTERMS.identifier))]
        selectors = list(graph.objects(ev, OA.hasSelector))
        exact = next(str(graph.value(s, OA.exact)) for s in selectors if graph.value(s, OA.exact) is not None)
        position = next(s for s in selectors if graph.value(s, OA.start) is not None)
        start, end = int(graph.value(position, OA.start)), int(graph.value(position, OA.end))
        assert text[start:end] == exact
        checked += 1
    assert checked > 20


def test_end_to_end_graph_conforms_to_the_shapes(corpus_build):
    from geokg.validate import validate

    report = validate(corpus_build.graph)
    assert report.conforms, report.text()


def test_end_to_end_independent_parser_reads_the_same_triples(corpus_build):
    parsed = set(ox.parse(corpus_build.files["geokg.ttl"], format=ox.RdfFormat.TURTLE))
    expected = set(ox.parse(corpus_build.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert parsed == expected


def test_end_to_end_no_blank_nodes(corpus_build):
    from rdflib import BNode

    assert not any(isinstance(term, BNode) for triple in corpus_build.graph for term in triple)


def _build_with_seed(out: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "geokg", "build", "-q", "-o", str(out)],
        check=True,
        env=env,
        cwd=REPO,
        capture_output=True,
    )
    return (out / "geokg.ttl").read_bytes()


def test_end_to_end_rebuilds_are_byte_identical_across_hash_seeds(tmp_path: Path):
    first = _build_with_seed(tmp_path / "a", "1")
    second = _build_with_seed(tmp_path / "b", "4242")
    assert first == second


@pytest.mark.parametrize("name", ["geokg.ttl", "void.ttl", "validation-report.txt", "validation-report.ttl"])
def test_end_to_end_published_output_is_current(corpus_build, name):
    published = REPO / "output" / name
    assert published.exists(), f"output/{name} is missing: run `make run` and commit output/"
    assert published.read_bytes() == corpus_build.files[name], (
        f"output/{name} is stale: run `make run` and commit output/"
    )


def test_end_to_end_publishes_exactly_the_expected_files(corpus_build):
    files = sorted(corpus_build.files)
    assert [name for name in files if not name.startswith("report/")] == [
        "build-report.json",
        "geokg.ttl",
        "validation-report.ttl",
        "validation-report.txt",
        "void.ttl",
    ]
    pages = [name for name in files if name.startswith("report/")]
    assert "report/index.html" in pages and len(pages) > 10
    assert all(name.startswith("report/actors/") for name in pages if name != "report/index.html")


def test_end_to_end_published_files_hold_the_build_made_in_memory(corpus_build):
    """The streamed build (parts merged from disk) publishes what the in-memory build makes."""
    published = {q.triple for q in ox.parse(corpus_build.files["geokg.ttl"], format=ox.RdfFormat.TURTLE)}
    in_memory = {q.triple for q in ox.parse(corpus_build.graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert published == in_memory and len(published) > 5000


def test_end_to_end_parallel_build_gives_the_same_bytes(corpus_build):
    from geokg.config import Settings
    from geokg.service import build_files

    _, files = build_files([], settings=Settings(jobs=2))
    assert files == corpus_build.files


def test_end_to_end_validation_report_is_also_rdf(corpus_build):
    """validation-report.ttl: the verdict as an sh:ValidationReport about the build's dataset."""
    import pyoxigraph as ox

    triples = {q.triple for q in ox.parse(corpus_build.files["validation-report.ttl"], format=ox.RdfFormat.TURTLE)}
    report = ox.NamedNode("https://w3id.org/geokg/id/dataset/build/validation")
    sh = "http://www.w3.org/ns/shacl#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert ox.Triple(report, rdf_type, ox.NamedNode(sh + "ValidationReport")) in triples
    conforms = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    assert ox.Triple(report, ox.NamedNode(sh + "conforms"), conforms) in triples
    subject = ox.NamedNode("http://purl.org/dc/terms/subject")
    assert ox.Triple(report, subject, ox.NamedNode("https://w3id.org/geokg/id/dataset/build")) in triples
