from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from geokg.rdf import iri


def test_iri_wikidata_keys_and_local_keys():
    assert iri.entity_iri("Q159") == "https://w3id.org/geokg/id/entity/Q159"
    assert (
        iri.entity_iri(iri.local_key("Person", "Konstantin Eggert"))
        == "https://w3id.org/geokg/id/person/konstantin-eggert"
    )
    assert iri.entity_iri("Q159", base="http://example.org/x/") == "http://example.org/x/entity/Q159"


def test_iri_fact_iris_are_stable_and_distinguish_keys():
    doc = iri.document_iri("a b.txt")
    assert doc == "https://w3id.org/geokg/id/document/a%20b.txt"
    first = iri.fact_iri(doc, "intention", 3, 9, "Q159", "Threat")
    assert first == iri.fact_iri(doc, "intention", 3, 9, "Q159", "Threat")
    assert first != iri.fact_iri(doc, "intention", 3, 9, "Q159", "Plan")


def test_iri_slug_of_unreadable_name_is_a_stable_hash():
    assert iri.slug("日本") == iri.slug("日本")
    assert iri.slug("日本").startswith("x")
    assert iri.slug("Jüri Luik") == "juri-luik"


@given(st.text(min_size=1, max_size=40))
def test_iri_any_name_gives_an_iri_that_round_trips_through_ntriples(name):
    node = URIRef(iri.entity_iri(iri.local_key("Person", name)))
    doc = URIRef(iri.document_iri(name))
    graph = Graph()
    graph.add((node, URIRef("http://example.org/p"), Literal(name)))
    graph.add((doc, URIRef("http://example.org/p"), node))
    again = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert set(again) == set(graph)
