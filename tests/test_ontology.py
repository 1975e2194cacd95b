"""Tests for ontology/geokg.ttl: contract terms, metadata, labels, quality queries and HermiT.

The quality checks are SPARQL queries whose every row is a failure. HermiT runs through
owlready2 on an N-Triples copy of the ontology.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import owlready2
import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, Namespace

ONTOLOGY_PATH = Path(__file__).resolve().parents[1] / "ontology" / "geokg.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/geokg/ontology")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
GK = Namespace("https://w3id.org/geokg/ontology#")
CAMEO = Namespace("https://w3id.org/geokg/ontology/cameo#")
PLOVER = Namespace("https://w3id.org/geokg/ontology/plover#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

MODALITIES = ["Plan", "Threat", "Pledge", "Intent", "Goal", "Consideration", "Demand", "Warning"]
CERTAINTIES = ["Asserted", "Probable", "Possible"]
EVENT_TYPES = [
    "Annexation",
    "MilitaryExercise",
    "Referendum",
    "Summit",
    "Withdrawal",
    "Invasion",
    "Deployment",
    "Visit",
    "Signing",
    "Attack",
    "ArmedConflict",
    "Ceasefire",
    "Election",
    "Sanctions",
    "Accession",
    "Suspension",
    "Meeting",
    "Incident",
    "Enlargement",
    "Ratification",
    "Harassment",
]

#: The terms of publishing contract v1, with the type each must be declared with.
CONTRACT_TERMS: dict[str, URIRef] = {
    **{
        name: OWL.Class
        for name in [
            "Document",
            "State",
            "Alliance",
            "InternationalOrganization",
            "Organization",
            "Person",
            "Place",
            "Treaty",
            "StatedIntention",
            "Membership",
            "RoleAssignment",
            "Event",
        ]
    },
    **{
        name: OWL.ObjectProperty
        for name in [
            "holder",
            "modality",
            "target",
            "attributedTo",
            "member",
            "organization",
            "person",
            "roleIn",
            "eventType",
            "participant",
            "place",
            "party",
        ]
    },
    **{name: OWL.DatatypeProperty for name in ["action", "negated", "roleTitle", "date", "signed"]},
    **{name: GK.Modality for name in MODALITIES},
}

#: The extension terms of docs/terms.md, with the type each must be declared with.
EXTENSION_TERMS: dict[str, URIRef] = {
    **{
        name: OWL.Class
        for name in [
            "Actor",
            "StateGroup",
            "CollectiveActor",
            "NamedEvent",
            "Fact",
            "Attribution",
            "Modality",
            "Certainty",
            "EventType",
            "ReferenceDataset",
        ]
    },
    **{name: OWL.ObjectProperty for name in ["certainty", "hasAttribution", "source", "includes"]},
    **{
        name: OWL.DatatypeProperty
        for name in [
            "condition",
            "cue",
            "level",
            "startDate",
            "endDate",
            "iso3166Alpha2",
            "iso3166Alpha3",
        ]
    },
    **{name: SKOS.ConceptScheme for name in ["ModalityScheme", "CertaintyScheme", "EventTypeScheme"]},
    **{name: GK.Certainty for name in CERTAINTIES},
    **{name: GK.EventType for name in EVENT_TYPES},
}

#: Each scheme with its concept class and concepts.
SCHEMES = {
    "ModalityScheme": ("Modality", MODALITIES),
    "CertaintyScheme": ("Certainty", CERTAINTIES),
    "EventTypeScheme": ("EventType", EVENT_TYPES),
}

#: Alignments to standard vocabularies that consumers may rely on.
ALIGNMENTS = [
    (GK.Actor, RDFS.subClassOf, PROV.Agent),
    (GK.Fact, RDFS.subClassOf, PROV.Entity),
    (GK.Person, RDFS.subClassOf, PROV.Person),
    (GK.Person, RDFS.subClassOf, SCHEMA.Person),
    (GK.Organization, RDFS.subClassOf, PROV.Organization),
    (GK.Organization, RDFS.subClassOf, ORG.Organization),
    (GK.InternationalOrganization, RDFS.subClassOf, GK.Organization),
    (GK.Alliance, RDFS.subClassOf, GK.InternationalOrganization),
    (GK.State, RDFS.subClassOf, SCHEMA.Country),
    (GK.Place, RDFS.subClassOf, SCHEMA.Place),
    (GK.Event, RDFS.subClassOf, SCHEMA.Event),
    (GK.Document, RDFS.subClassOf, SCHEMA.CreativeWork),
    (GK.Document, RDFS.subClassOf, DCTERMS.BibliographicResource),
    (GK.Membership, RDFS.subClassOf, ORG.Membership),
    (GK.ReferenceDataset, RDFS.subClassOf, DCAT.Dataset),
    (GK.member, RDFS.subPropertyOf, ORG.member),
    (GK.organization, RDFS.subPropertyOf, ORG.organization),
    (GK.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (GK.date, RDFS.subPropertyOf, DCTERMS.date),
]

#: skos:closeMatch links from modalities to CAMEO and PLOVER (docs in the ontology say why).
MODALITY_CLOSE_MATCHES = {
    "Threat": {CAMEO["13"], PLOVER.THREATEN},
    "Warning": {CAMEO["130"], PLOVER.THREATEN},
    "Demand": {CAMEO["10"], PLOVER.DEMAND},
    "Pledge": {CAMEO["03"], PLOVER.AGREE},
    "Consideration": {CAMEO["014"]},
    "Plan": set(),
    "Intent": set(),
    "Goal": set(),
}

PREFIXES = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

#: Ontology quality checks: any row returned is a failure.
QUALITY_QUERIES = {
    "gk class without an English label": """
        SELECT ?c WHERE { ?c a owl:Class . FILTER(STRSTARTS(STR(?c), STR(gk:)))
          FILTER NOT EXISTS { ?c rdfs:label ?l . FILTER(LANGMATCHES(LANG(?l), "en")) } }""",
    "gk term with more than one English label": """
        SELECT DISTINCT ?t WHERE { ?t a ?type ; rdfs:label ?a , ?b . FILTER(STRSTARTS(STR(?t), STR(gk:)))
          FILTER(LANGMATCHES(LANG(?a), "en") && LANGMATCHES(LANG(?b), "en") && ?a != ?b) }""",
    "gk term without a definition or comment": """
        SELECT ?t WHERE { ?t a ?type . FILTER(STRSTARTS(STR(?t), STR(gk:)))
          FILTER NOT EXISTS { ?t skos:definition|rdfs:comment ?d } }""",
    "gk property without a domain": """
        SELECT ?p WHERE { ?p a ?kind . VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty }
          FILTER(STRSTARTS(STR(?p), STR(gk:))) FILTER NOT EXISTS { ?p rdfs:domain ?d } }""",
    "gk property without a range": """
        SELECT ?p WHERE { ?p a ?kind . VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty }
          FILTER(STRSTARTS(STR(?p), STR(gk:))) FILTER NOT EXISTS { ?p rdfs:range ?r } }""",
    "property declared with two kinds": """
        SELECT ?p WHERE { ?p a ?k1 , ?k2 .
          VALUES ?k1 { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
          VALUES ?k2 { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
          FILTER(?k1 != ?k2) }""",
    "IRI in a geokg namespace used but never declared": """
        SELECT ?x WHERE {
          { SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } UNION { ?s ?x ?o }
              FILTER(ISIRI(?x) && STRSTARTS(STR(?x), "https://w3id.org/geokg/ontology")) } }
          FILTER(?x NOT IN (<https://w3id.org/geokg/ontology>, <https://w3id.org/geokg/ontology/1.0.0>,
                            <https://w3id.org/geokg/ontology/1.1.0>, <https://w3id.org/geokg/ontology/1.2.0>,
                            <https://w3id.org/geokg/ontology/1.3.0>))
          FILTER NOT EXISTS { ?x a ?type } }""",
    "axiom referring to an undeclared term": """
        SELECT DISTINCT ?x WHERE {
          ?s rdfs:subClassOf|rdfs:subPropertyOf|rdfs:domain|rdfs:range|owl:inverseOf|owl:equivalentClass ?x .
          FILTER(ISIRI(?x)) FILTER(!STRSTARTS(STR(?x), "http://www.w3.org/2001/XMLSchema#"))
          FILTER NOT EXISTS { ?x a ?type } }""",
    "concept outside any scheme": """
        SELECT ?c WHERE { ?c a skos:Concept FILTER NOT EXISTS { ?c skos:inScheme ?s } }""",
    "concept without an English preferred label": """
        SELECT ?c WHERE { ?c a skos:Concept
          FILTER NOT EXISTS { ?c skos:prefLabel ?l . FILTER(LANGMATCHES(LANG(?l), "en")) } }""",
    "concept that is neither a top concept nor narrower": """
        SELECT ?c WHERE { ?c a skos:Concept FILTER NOT EXISTS { ?c skos:topConceptOf|skos:broader ?x } }""",
    "mapping to a concept that is not declared": """
        SELECT ?c ?m WHERE { ?c skos:closeMatch|skos:relatedMatch|skos:narrowMatch ?m
          FILTER NOT EXISTS { ?m a skos:Concept } }""",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """The parsed ontology."""
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def english_values(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """The English-tagged literal values of a property."""
    return [
        str(value)
        for value in graph.objects(subject, predicate)
        if isinstance(value, Literal) and value.language == "en"
    ]


def test_ontology_parses_with_one_ontology_header(ontology: Graph) -> None:
    assert len(ontology) > 500
    assert list(ontology.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY_IRI]


def test_ontology_parses_with_an_independent_parser(ontology: Graph) -> None:
    quads = list(pyoxigraph.parse(path=str(ONTOLOGY_PATH), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology)


@pytest.mark.parametrize(("name", "kind"), sorted(CONTRACT_TERMS.items()))
def test_ontology_declares_contract_term(ontology: Graph, name: str, kind: URIRef) -> None:
    assert (GK[name], RDF.type, kind) in ontology


@pytest.mark.parametrize(("name", "kind"), sorted(EXTENSION_TERMS.items()))
def test_ontology_declares_extension_term(ontology: Graph, name: str, kind: URIRef) -> None:
    assert (GK[name], RDF.type, kind) in ontology


def test_ontology_metadata_is_complete(ontology: Graph) -> None:
    header = ontology.value
    assert header(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/geokg/ontology/1.3.0")
    assert header(ONTOLOGY_IRI, OWL.priorVersion) == URIRef("https://w3id.org/geokg/ontology/1.2.0")
    assert "publishing contract v1" in str(header(ONTOLOGY_IRI, OWL.versionInfo))
    assert header(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert english_values(ontology, ONTOLOGY_IRI, DCTERMS.title)
    assert english_values(ontology, ONTOLOGY_IRI, DCTERMS.description)
    creator = header(ONTOLOGY_IRI, DCTERMS.creator)
    assert isinstance(creator, URIRef) and english_values(ontology, creator, RDFS.label) == ["geokg developers"]
    created, modified = header(ONTOLOGY_IRI, DCTERMS.created), header(ONTOLOGY_IRI, DCTERMS.modified)
    assert created.datatype == modified.datatype == XSD_DATE and created.toPython() <= modified.toPython()
    assert str(header(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "gk"
    assert str(header(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(GK)


def test_ontology_every_term_says_it_is_defined_here(ontology: Graph) -> None:
    """gk:, cameo: and plover: terms: rdfs:isDefinedBy the ontology, so that a client holding one
    term finds where it is defined."""
    terms = {
        s
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(ONTOLOGY_IRI)) and s != ONTOLOGY_IRI
    }
    assert len(terms) > 100
    assert sorted(t for t in terms if ontology.value(t, RDFS.isDefinedBy) != ONTOLOGY_IRI) == []


def test_ontology_every_gk_term_has_one_english_label(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(GK)}
    assert len(terms) >= len(CONTRACT_TERMS) + len(EXTENSION_TERMS)
    unlabelled = sorted(t for t in terms if len(english_values(ontology, t, RDFS.label)) != 1)
    assert unlabelled == []


@pytest.mark.parametrize("check", sorted(QUALITY_QUERIES))
def test_ontology_quality_query_finds_nothing(ontology: Graph, check: str) -> None:
    rows = [tuple(str(value) for value in row) for row in ontology.query(PREFIXES + QUALITY_QUERIES[check])]
    assert rows == [], check


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_ontology_scheme_concepts_are_complete(ontology: Graph, scheme: str) -> None:
    concept_class, names = SCHEMES[scheme]
    assert set(ontology.subjects(RDF.type, GK[concept_class])) == {GK[name] for name in names}
    for name in names:
        concept = GK[name]
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert (concept, SKOS.inScheme, GK[scheme]) in ontology
        assert (concept, SKOS.topConceptOf, GK[scheme]) in ontology
        assert english_values(ontology, concept, SKOS.prefLabel)
        assert english_values(ontology, concept, SKOS.definition)


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: f"{t[0].n3()} {t[2].n3()}")
def test_ontology_alignment_is_stated(ontology: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology


@pytest.mark.parametrize("name", MODALITIES)
def test_ontology_modality_maps_to_cameo_and_plover(ontology: Graph, name: str) -> None:
    assert set(ontology.objects(GK[name], SKOS.closeMatch)) == MODALITY_CLOSE_MATCHES[name]
    close = MODALITY_CLOSE_MATCHES[name]
    if not any(c.startswith(CAMEO) for c in close) or not any(c.startswith(PLOVER) for c in close):
        assert english_values(ontology, GK[name], SKOS.editorialNote), "a modality without a close match says why"


def test_ontology_cameo_notations_match_codes(ontology: Graph) -> None:
    codes = [c for c in ontology.subjects(RDF.type, SKOS.Concept) if c.startswith(CAMEO)]
    assert len(codes) >= 20
    for code in codes:
        assert str(ontology.value(code, SKOS.notation)) == code.removeprefix(str(CAMEO))


def test_ontology_actor_kinds_are_pairwise_disjoint(ontology: Graph) -> None:
    wanted = {GK.State, GK.Organization, GK.Person, GK.StateGroup, GK.CollectiveActor}
    groups = [
        set(ontology.items(ontology.value(axiom, OWL.members)))
        for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    assert wanted in groups


# --- HermiT through owlready2 --------------------------------------------------------------

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")

PROBE = URIRef("https://w3id.org/geokg/id/test/probe")


def reason(graph: Graph, directory: Path):
    """Run HermiT over the graph (as N-Triples) in a fresh owlready2 world; return the world.

    xsd:date, xsd:gYear and xsd:gYearMonth are outside the OWL 2 datatype map, so HermiT is told
    to ignore unsupported datatypes (only the data ranges using them are left unchecked).
    """
    path = directory / "geokg.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    owlready2.sync_reasoner(world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True)
    return world


def with_probe(ontology: Graph, *triples: tuple[URIRef, URIRef, URIRef]) -> Graph:
    """A copy of the ontology with extra triples about a probe individual."""
    graph = Graph()
    for triple in ontology:
        graph.add(triple)
    graph.add((PROBE, RDF.type, OWL.NamedIndividual))
    for triple in triples:
        graph.add(triple)
    return graph


@pytest.fixture(scope="module")
def reasoned_world(ontology: Graph, tmp_path_factory: pytest.TempPathFactory):
    """The ontology plus one probe fact, classified by HermiT (one run shared by the tests)."""
    if shutil.which("java") is None:
        pytest.skip("HermiT needs a Java runtime")
    graph = with_probe(ontology, (PROBE, GK.modality, GK.Threat))
    return reason(graph, tmp_path_factory.mktemp("hermit"))


def test_ontology_hermit_finds_it_consistent(reasoned_world) -> None:
    assert list(reasoned_world.inconsistent_classes()) == []


def test_ontology_hermit_classifies_by_domain(reasoned_world) -> None:
    types = {cls.iri for cls in reasoned_world[str(PROBE)].is_a}
    assert str(GK.StatedIntention) in types


@needs_java
def test_ontology_hermit_rejects_a_state_that_is_a_person(ontology: Graph, tmp_path: Path) -> None:
    graph = with_probe(ontology, (PROBE, RDF.type, GK.State), (PROBE, RDF.type, GK.Person))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(graph, tmp_path)
