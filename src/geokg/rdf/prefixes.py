"""The prefixes written into every published file, bound in one fixed order."""

from __future__ import annotations

from rdflib import Graph, Namespace

from geokg.rdf.iri import DEFAULT_BASE, WIKIDATA

PREFIXES = {
    "gk": "https://w3id.org/geokg/ontology#",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": WIKIDATA,
}


def bind_prefixes(graph: Graph, *, base: str = DEFAULT_BASE) -> Graph:
    """Bind exactly our prefixes (and `id:` for the instance namespace), replacing rdflib's defaults."""
    for prefix, namespace in {**PREFIXES, "id": base}.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph
