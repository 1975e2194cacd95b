"""RDF terms as pyoxigraph makes them, and as rdflib does.

A document's graph, the reference KB's and the claims' are made as pyoxigraph terms
(geokg.rdf.mapping, geokg.rdf.reference, geokg.claims): they are what the canonical N-Quads of a
part are serialized from, in Rust, with no rdflib object made and converted on the way (a third
of the time a document's part took). The vocabularies they use are here as pyoxigraph nodes,
under the names of geokg.rdf.namespaces (`GK.holder`, `RDF.type`). rdflib terms remain for the
graphs rdflib works on: the ontology's, and the in-memory build (geokg.pipeline, through
`rdflib_triple`).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import Namespace

from geokg.rdf import namespaces

Node = ox.NamedNode | ox.Literal


class Nodes:
    """A namespace's terms as pyoxigraph nodes, each made once: `Nodes(GK).holder`,
    `Nodes(GK)["Threat"]`. The rdflib namespace still says which terms exist (geokg's are
    closed: a misspelt one raises AttributeError)."""

    def __init__(self, namespace: Namespace):
        self._namespace = namespace
        self._nodes: dict[str, ox.NamedNode] = {}

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> ox.NamedNode:
        node = self._nodes.get(name)
        if node is None:
            node = self._nodes[name] = ox.NamedNode(str(getattr(self._namespace, name)))
        return node


DCTERMS, GEO, GK, OA, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD = (
    Nodes(getattr(namespaces, name))
    for name in ("DCTERMS", "GEO", "GK", "OA", "OWL", "PROV", "RDF", "RDFS", "SDO", "SKOS", "XSD")
)


def ox_term(term: URIRef | Literal) -> Node:
    """An rdflib IRI or literal as pyoxigraph's."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def rdflib_term(term: Node) -> URIRef | Literal:
    """A pyoxigraph IRI or literal as rdflib's (a plain string without the xsd:string datatype,
    as rdflib makes it)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype == XSD.string:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def rdflib_triple(triple: tuple[Node, Node, Node]) -> tuple:
    """A triple of pyoxigraph terms as rdflib's."""
    return tuple(map(rdflib_term, triple))
