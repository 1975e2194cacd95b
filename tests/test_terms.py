"""RDF terms as pyoxigraph and rdflib make them (geokg.rdf.terms): the same terms both ways."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from geokg.rdf import namespaces
from geokg.rdf.terms import Nodes, ox_term, rdflib_term, rdflib_triple

_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@given(value=_TEXT, kind=st.sampled_from(["plain", "en", "date", "integer", "boolean"]))
def test_a_literal_is_the_same_literal_both_ways(value, kind):
    literal = {
        "plain": Literal(value),
        "en": Literal(value, lang="en"),
        "date": Literal(value, datatype=namespaces.XSD.date),
        "integer": Literal(str(len(value)), datatype=namespaces.XSD.nonNegativeInteger),
        "boolean": Literal("true", datatype=namespaces.XSD.boolean),
    }[kind]
    assert rdflib_term(ox_term(literal)) == literal
    assert ox_term(rdflib_term(ox_term(literal))) == ox_term(literal)


def test_a_plain_literal_has_no_datatype_in_rdflib_and_xsd_string_in_pyoxigraph():
    assert rdflib_term(ox.Literal("NATO")).datatype is None
    assert ox_term(Literal("NATO")).datatype == ox.NamedNode(str(namespaces.XSD.string))


def test_a_triple_of_pyoxigraph_terms_as_rdflib():
    triple = (
        ox.NamedNode("https://example.org/a"),
        ox.NamedNode(str(namespaces.GK.holder)),
        ox.Literal("x", language="en"),
    )
    assert rdflib_triple(triple) == (URIRef("https://example.org/a"), namespaces.GK.holder, Literal("x", lang="en"))


def test_nodes_are_a_closed_namespace_made_once():
    gk = Nodes(namespaces.GK)
    assert gk.holder == ox.NamedNode(str(namespaces.GK.holder)) and gk["Threat"] == ox.NamedNode(
        str(namespaces.GK.Threat)
    )
    assert gk.holder is gk.holder
    with pytest.raises(AttributeError):
        gk.Plna  # noqa: B018
