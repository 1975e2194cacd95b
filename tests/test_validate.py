"""geokg.validate: running the shapes and reporting the results."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH

from geokg.errors import InputError
from geokg.validate import ValidationReport, load_shapes, shapes_dir, validate

GK = Namespace("https://w3id.org/geokg/ontology#")
GKSH = Namespace("https://w3id.org/geokg/shapes#")
ID = Namespace("https://w3id.org/geokg/id/")
ONTOLOGY = Path(__file__).parents[1] / "ontology" / "geokg.ttl"

PREFIXES = """\
@base <https://w3id.org/geokg/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix gk: <https://w3id.org/geokg/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# One document, one evidence span, one role assignment: everything the contract requires.
ROLE = """\
<document/DOC> a gk:Document ;
    dcterms:identifier "DOC" .
<document/DOC/span/0-43> a oa:SpecificResource ;
    oa:hasSource <document/DOC> ;
    oa:hasSelector <document/DOC/span/0-43/quote> , <document/DOC/span/0-43/position> .
<document/DOC/span/0-43/quote> a oa:TextQuoteSelector ;
    oa:exact "Russian Foreign Minister Sergey Lavrov said" .
<document/DOC/span/0-43/position> a oa:TextPositionSelector ;
    oa:start "0"^^xsd:nonNegativeInteger ;
    oa:end "43"^^xsd:nonNegativeInteger .
<document/DOC/role/0-43-9e8d7c6b> a gk:RoleAssignment ;
    gk:person <entity/Q80159> ;
    gk:roleTitle "foreign minister" ;
    gk:roleIn <entity/Q159> ;
    prov:wasDerivedFrom <document/DOC/span/0-43> .
<entity/Q80159> a gk:Person ;
    rdfs:label "Sergey Lavrov"@en .
<entity/Q159> a gk:State ;
    rdfs:label "Russia"@en .
"""


def _graph(*documents: str, body: str = ROLE) -> Graph:
    text = PREFIXES + "".join(body.replace("DOC", name) for name in documents or ("a.txt",))
    return Graph().parse(data=text, format="turtle")


def _bad_graph() -> Graph:
    """Three defects on two nodes: no gk:person, an empty title, and an unlabelled state."""
    graph = _graph()
    role = ID["document/a.txt/role/0-43-9e8d7c6b"]
    graph.remove((role, GK.person, None))
    graph.set((role, GK.roleTitle, Literal("")))
    graph.remove((ID["entity/Q159"], RDFS.label, None))
    return graph


def test_validate_conforming_graph_conforms() -> None:
    report = validate(_graph())
    assert report.conforms
    assert report.violations == ()
    assert report.text() == "The graph conforms to the shapes."


def test_validate_bad_graph_reports_each_violation() -> None:
    report = validate(_bad_graph())
    assert not report.conforms
    found = {(v.focus_node, v.path, v.constraint, v.shape) for v in report.violations}
    role = ID["document/a.txt/role/0-43-9e8d7c6b"]
    assert found == {
        (role, GK.person, SH.MinCountConstraintComponent, GKSH["RoleAssignment-person"]),
        (role, GK.roleTitle, SH.MinLengthConstraintComponent, GKSH["RoleAssignment-roleTitle"]),
        (ID["entity/Q159"], RDFS.label, SH.MinCountConstraintComponent, GKSH["Entity-label"]),
    }
    assert all(v.severity == SH.Violation for v in report.violations)


def test_validate_violation_carries_the_shape_message() -> None:
    report = validate(_bad_graph())
    person = next(v for v in report.violations if v.path == GK.person)
    assert person.message.startswith("A gk:RoleAssignment needs exactly one gk:person")
    assert person.value is None
    title = next(v for v in report.violations if v.path == GK.roleTitle)
    assert title.value == Literal("")


def test_validate_text_names_focus_node_and_message() -> None:
    text = validate(_bad_graph()).text()
    assert text.startswith("The graph does not conform to the shapes: 3 results.")
    assert "<https://w3id.org/geokg/id/document/a.txt/role/0-43-9e8d7c6b>" in text
    assert "Violation of gksh:RoleAssignment-person (MinCountConstraintComponent) on gk:person" in text
    assert "An entity needs exactly one rdfs:label" in text


def test_validate_text_is_sorted_and_deterministic() -> None:
    graph = _bad_graph()
    shuffled = Graph()
    for triple in sorted(graph, reverse=True):
        shuffled.add(triple)
    first, second = validate(graph), validate(shuffled)
    assert first.text() == second.text()
    keys = [violation.sort_key() for violation in first.violations]
    assert keys == sorted(keys)


def test_validate_text_does_not_show_blank_node_labels() -> None:
    graph = _graph()
    graph.add((BNode(), RDF.type, GK.Person))
    other = _graph()
    other.add((BNode(), RDF.type, GK.Person))
    text = validate(graph).text()
    assert text == validate(other).text()
    assert "\n[]\n  Violation of gksh:EntityShape (NodeKindConstraintComponent)" in text


def test_validate_graph_turtle_is_the_results_graph() -> None:
    report = validate(_bad_graph())
    results = Graph().parse(data=report.graph_turtle(), format="turtle")
    (conforms,) = results.objects(None, SH.conforms)
    assert conforms == Literal(False)
    assert len(set(results.objects(None, SH.result))) == 3


def test_validate_report_is_frozen() -> None:
    report = validate(_graph())
    assert isinstance(report, ValidationReport)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.conforms = False  # type: ignore[misc]


def test_validate_leaves_its_inputs_unchanged() -> None:
    data, shapes = _bad_graph(), load_shapes()
    data_before, shapes_before = Graph(), Graph()
    data_before += data
    shapes_before += shapes
    validate(data, shapes=shapes, ontology=Graph())
    assert set(data) == set(data_before)
    assert set(shapes) == set(shapes_before)


def test_validate_uses_the_shapes_given() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix gk: <https://w3id.org/geokg/ontology#> .
        <urn:test:shape> a sh:NodeShape ; sh:targetClass gk:Person ;
            sh:property [ sh:path gk:nickname ; sh:minCount 1 ; sh:message "needs a nickname" ] .
        """,
        format="turtle",
    )
    report = validate(_graph(), shapes=shapes)
    assert [v.message for v in report.violations] == ["needs a nickname"]


def test_validate_ontology_lends_subclass_axioms() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix gk: <https://w3id.org/geokg/ontology#> .
        <urn:test:shape> a sh:NodeShape ; sh:targetClass gk:RoleAssignment ;
            sh:property [ sh:path gk:roleIn ; sh:class gk:Actor ] .
        """,
        format="turtle",
    )
    ontology = Graph()
    ontology.add((GK.State, RDFS.subClassOf, GK.Actor))
    assert not validate(_graph(), shapes=shapes).conforms
    assert validate(_graph(), shapes=shapes, ontology=ontology).conforms


def test_validate_with_the_project_ontology_still_conforms() -> None:
    if not ONTOLOGY.exists():
        pytest.skip("ontology/geokg.ttl is not there yet")
    assert validate(_graph(), ontology=Graph().parse(ONTOLOGY, format="turtle")).conforms


def test_validate_ten_documents_in_seconds() -> None:
    """About ten documents' worth of triples; a generous bound that catches pathologies."""
    graph = _graph(*(f"doc{number}.txt" for number in range(320)))
    assert len(graph) > 5000
    started = time.perf_counter()
    assert validate(graph).conforms
    assert time.perf_counter() - started < 20


def test_validate_shapes_dir_is_the_repository_shapes() -> None:
    assert shapes_dir() == Path(__file__).resolve().parents[1] / "shapes"
    assert len(set(load_shapes().subjects(RDF.type, SH.NodeShape))) >= 15


def test_validate_load_shapes_merges_every_file(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text("<urn:a> <urn:p> 1 .\n", encoding="utf-8")
    (tmp_path / "b.ttl").write_text("<urn:b> <urn:p> 2 .\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not turtle", encoding="utf-8")
    assert set(load_shapes(tmp_path).subjects()) == {URIRef("urn:a"), URIRef("urn:b")}


def test_validate_load_shapes_reports_bad_turtle(tmp_path: Path) -> None:
    (tmp_path / "broken.ttl").write_text("<urn:a> <urn:p> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl"):
        load_shapes(tmp_path)


@pytest.mark.parametrize("before", [None, "/etc/ssl/certs/ca-certificates.crt"])
def test_validate_natively_without_tls_roots_and_the_environment_put_back(monkeypatch, before) -> None:
    """rudof reads inline data with no TLS roots to load (geokg.validate._no_tls_roots); the
    verdicts are unchanged and the process's own SSL_CERT_FILE and SSL_CERT_DIR are put back."""
    import os

    from geokg.validate import conforms_natively

    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        if before is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, before)
    good, bad = (graph.serialize(format="nt", encoding="utf-8") for graph in (_graph(), _bad_graph()))
    assert conforms_natively(good) and not conforms_natively(bad)
    assert [os.environ.get(name) for name in ("SSL_CERT_FILE", "SSL_CERT_DIR")] == [before, before]
