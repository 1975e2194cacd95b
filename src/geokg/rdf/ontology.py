"""The ontology as one of a build's named graphs: its name, and its blank nodes made IRIs."""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph

from geokg.rdf.iri import skolem_iri

ONTOLOGY_IRI = "https://w3id.org/geokg/ontology"


def skolemized(graph: Graph) -> Graph:
    """The graph with each blank node (OWL class expressions, lists) replaced by a stable IRI,
    labelled by canonicalisation (RDFC/RGDA1), so published files hold no blank nodes."""
    canonical = to_canonical_graph(graph)
    skolem = lambda term: URIRef(skolem_iri(str(term))) if isinstance(term, BNode) else term
    skolemized = Graph()
    for s, p, o in canonical:
        skolemized.add((skolem(s), p, skolem(o)))
    return skolemized
