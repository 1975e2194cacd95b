"""The SPARQL the scorer asks of a build: the reference scorer's queries, read through the contract."""

from __future__ import annotations

PREFIXES = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# The graph pattern that ties a fact ?f to the quoted text ?exact of one document (%s: its IRI).
EVIDENCE = (
    "?f prov:wasDerivedFrom ?ev . ?ev oa:hasSource <%s> ; oa:hasSelector ?sel . "
    "?sel a oa:TextQuoteSelector ; oa:exact ?exact ."
)

# The queries are the reference scorer's: the order of their rows decides greedy matching.
NAMES = "SELECT ?e ?l ?same WHERE { ?e rdfs:label ?l . OPTIONAL { ?e owl:sameAs ?same } }"
DOCS = "SELECT ?doc ?id WHERE { ?doc a gk:Document ; dcterms:identifier ?id }"
MENTIONED = "SELECT DISTINCT ?e WHERE { <%s> schema:mentions ?e }"
TYPED = "SELECT DISTINCT ?e WHERE { <%s> schema:mentions ?e . { ?e a gk:State } UNION { ?e a gk:Alliance } }"
INTENTIONS = """SELECT ?f ?holder ?mod ?target ?attr ?exact ?neg WHERE { ?f a gk:StatedIntention ;
    gk:holder ?holder ; gk:modality ?mod . OPTIONAL { ?f gk:target ?target } OPTIONAL { ?f gk:attributedTo ?attr }
    OPTIONAL { ?f gk:negated ?neg } %s }"""
MEMBERSHIPS = """SELECT DISTINCT ?f ?m ?o ?neg WHERE { ?f a gk:Membership ; gk:member ?m ; gk:organization ?o .
    OPTIONAL { ?f gk:negated ?neg } %s }"""
ROLES = "SELECT DISTINCT ?f ?person ?exact WHERE { ?f a gk:RoleAssignment ; gk:person ?person . %s }"
EVENTS = "SELECT DISTINCT ?f ?exact WHERE { ?f a gk:Event . %s }"
# Only for the error lists, never for matching.
EXACTS = "SELECT DISTINCT ?f ?exact WHERE { %s }"
PARTICIPANTS = "SELECT DISTINCT ?f ?a WHERE { ?f a gk:Event ; gk:participant ?a }"
