"""Tests for geokg.rdf.namespaces and its generator geokg.rdf.nsgen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from geokg.rdf import namespaces, nsgen
from geokg.rdf.namespaces import CAMEO, GK, OA, PLOVER


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """The parsed ontology the namespaces are generated from."""
    return nsgen.load_ontology()


def test_namespaces_generated_file_is_current(ontology: Graph) -> None:
    committed = nsgen.OUTPUT_PATH.read_text(encoding="utf-8")
    assert nsgen.render(ontology) == committed, "stale: run python -m geokg.rdf.nsgen"


def test_namespaces_render_is_deterministic(ontology: Graph) -> None:
    assert nsgen.render(ontology) == nsgen.render(nsgen.load_ontology())


@pytest.mark.parametrize("misspelt", ["Plna", "threat", "StatedIntentions", "holders", "Modalityy"])
def test_namespaces_misspelt_gk_term_raises(misspelt: str) -> None:
    with pytest.raises(AttributeError):
        getattr(GK, misspelt)


def test_namespaces_misspelt_terms_raise_in_every_namespace() -> None:
    with pytest.raises(AttributeError):
        _ = OA.exactt
    with pytest.raises(AttributeError):
        _ = PLOVER.THREATENS
    with pytest.raises(AttributeError):
        CAMEO["1953"]


def test_namespaces_known_terms_are_iris() -> None:
    assert GK.Plan == URIRef("https://w3id.org/geokg/ontology#Plan")
    assert GK["StatedIntention"] == URIRef("https://w3id.org/geokg/ontology#StatedIntention")
    assert OA.TextQuoteSelector == URIRef("http://www.w3.org/ns/oa#TextQuoteSelector")
    assert CAMEO["13"] == URIRef("https://w3id.org/geokg/ontology/cameo#13")
    assert URIRef("https://w3id.org/geokg/ontology/plover#THREATEN") == PLOVER.THREATEN


def test_namespaces_gk_holds_every_declared_term(ontology: Graph) -> None:
    declared = {
        str(s).removeprefix(str(GK))
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(GK))
    }
    assert declared
    assert {name for name in declared if name not in GK} == set()
    assert {str(term).removeprefix(str(GK)) for term in dir(GK)} == declared


def test_namespaces_reexports_standard_vocabularies() -> None:
    for name in ["PROV", "DCTERMS", "SKOS", "OWL", "RDF", "RDFS", "XSD", "DCAT", "VOID", "SDO"]:
        assert name in namespaces.__all__
        assert getattr(namespaces, name) is not None
    assert str(namespaces.SDO) == "https://schema.org/"
    assert namespaces.SDO.mentions == URIRef("https://schema.org/mentions")


def test_namespaces_check_flag_reports_stale_file(tmp_path: Path) -> None:
    output = tmp_path / "namespaces.py"
    output.write_text("# stale\n", encoding="utf-8")
    assert nsgen.main(["--check", "--output", str(output)]) == 1
    assert output.read_text(encoding="utf-8") == "# stale\n"
    assert nsgen.main(["--output", str(output)]) == 0
    assert nsgen.main(["--check", "--output", str(output)]) == 0


def test_namespaces_generator_runs_as_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geokg.rdf.nsgen", "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
