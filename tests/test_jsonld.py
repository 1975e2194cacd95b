"""Compact JSON-LD: IRIs as prefixed names through the shipped context, written inline so that no
reader fetches anything, and the same quads as the N-Quads for pyoxigraph and for PyLD."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.rdf.jsonld import CONTEXT_FILE, compact, curie

GK = "https://w3id.org/geokg/ontology#"


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("jsonld")
    result = CliRunner().invoke(
        main, ["build", "-q", "--no-cache", "--format", "jsonld", "--format", "nquads", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    ("iri", "written"),
    [
        (GK + "StatedIntention", "gk:StatedIntention"),
        ("http://www.w3.org/2000/01/rdf-schema#label", "rdfs:label"),
        ("http://www.wikidata.org/entity/Q159", "wd:Q159"),
        ("http://www.w3.org/2001/XMLSchema#nonNegativeInteger", "xsd:nonNegativeInteger"),
        ("https://w3id.org/geokg/id/entity/Q159", "https://w3id.org/geokg/id/entity/Q159"),  # instances in full
        ("https://example.org/x", "https://example.org/x"),
        (GK, GK),  # the namespace alone: nothing after the colon would mean the prefix itself
        ("https://schema.org///odd", "https://schema.org///odd"),  # "schema://odd" would read as an IRI
    ],
)
def test_jsonld_an_iri_is_written_as_a_prefixed_name_where_a_prefix_covers_it(iri, written):
    assert curie(iri) == written


def test_jsonld_compacts_properties_ids_types_and_datatypes_but_not_values():
    expanded = {
        "@id": "https://w3id.org/geokg/id/x",
        "@type": [GK + "Threat"],
        GK + "action": [{"@value": GK + "not-an-iri", "@type": "http://www.w3.org/2001/XMLSchema#string"}],
        GK + "holder": [{"@id": "http://www.wikidata.org/entity/Q159"}],
        "http://www.w3.org/2000/01/rdf-schema#label": [{"@value": "x", "@language": "en"}],
    }
    assert compact(expanded) == {
        "@id": "https://w3id.org/geokg/id/x",
        "@type": ["gk:Threat"],
        "gk:action": [{"@value": GK + "not-an-iri", "@type": "xsd:string"}],
        "gk:holder": [{"@id": "wd:Q159"}],
        "rdfs:label": [{"@value": "x", "@language": "en"}],
    }


def test_jsonld_the_build_carries_the_shipped_context_inline(build):
    document = json.loads((build / "geokg.jsonld").read_bytes())
    assert document["@context"] == json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    keys = {key for graph in document["@graph"] for node in graph["@graph"] for key in node}
    assert "rdfs:label" in keys and not any(key.startswith("http") for key in keys)


def test_jsonld_pyoxigraph_reads_the_same_quads_as_the_nquads(build):
    read = set(ox.parse(path=str(build / "geokg.jsonld"), format=ox.RdfFormat.JSON_LD))
    assert read == set(ox.parse(path=str(build / "geokg.nq"), format=ox.RdfFormat.N_QUADS))


def test_jsonld_pyld_reads_the_same_quads_without_fetching_anything(build):
    from pyld import jsonld

    def refuse(url, options=None):
        raise AssertionError(f"PyLD fetched {url}")

    document = json.loads((build / "geokg.jsonld").read_bytes())
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": refuse})
    read = set(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert read == set(ox.parse(path=str(build / "geokg.nq"), format=ox.RdfFormat.N_QUADS))


def test_jsonld_the_context_document_ships_in_the_package():
    from geokg.config import RESOURCES

    assert CONTEXT_FILE.is_relative_to(RESOURCES) and CONTEXT_FILE.is_file()
    from geokg.rdf.prefixes import PREFIXES

    shipped = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert shipped.items() >= PREFIXES.items()  # the prefixes of every published file, and a few more
