"""Mapping one document's result to RDF triples, exactly as the publishing contract says.

The triples are pyoxigraph terms (geokg.rdf.terms): a document's part is serialized from them
as they are. `geokg.rdf.terms.rdflib_triple` gives rdflib's.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from geokg.kb import KnowledgeBase
from geokg.model import (
    Claim,
    DocumentResult,
    Entity,
    Event,
    Evidence,
    Membership,
    RoleAssignment,
    StatedIntention,
    TreatyMention,
)
from geokg.rdf import iri
from geokg.rdf.terms import DCTERMS, GK, OA, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]
_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}
_TRUE = ox.Literal("true", datatype=XSD.boolean)


class DocumentMapper:
    """Turns a DocumentResult into triples; every IRI comes from `geokg.rdf.iri`."""

    def __init__(self, kb: KnowledgeBase, *, base: str):
        self.kb = kb
        self.base = base
        self._labels: dict[str, str] = {}  # entity key -> the label it is published with
        self._described: set[Entity] = set()  # entities this document's triples describe already
        self._iris: dict[str, ox.NamedNode] = {}  # entity key -> its IRI, made once
        self.facts: list[tuple[str, Claim]] = []  # (IRI, claim) of every fact mapped, in order
        self.publisher: str | None = None  # the IRI of the last document's publisher

    @property
    def labels(self) -> dict[str, str]:
        """Entity key → the label given to it: the first one met."""
        return dict(self._labels)

    def triples(self, result: DocumentResult) -> Iterator[Triple]:
        """The document's graph. An entity is described once however often it is named (its
        triples would be the same again); its label is the first met by this mapper, across documents."""
        self._described = set()
        self.facts = []
        self.publisher = None
        document = result.document
        doc = ox.NamedNode(iri.document_iri(document.identifier, self.base))
        yield from self._document(doc, result)
        for claim in result.claims:
            yield from self._claim(doc, claim)

    # documents and entities

    def _document(self, doc: ox.NamedNode, result: DocumentResult) -> Iterator[Triple]:
        document = result.document
        yield doc, RDF.type, GK.Document
        yield doc, DCTERMS.identifier, ox.Literal(document.identifier)
        if document.title:
            yield doc, DCTERMS.title, ox.Literal(document.title)
        if document.issued:
            yield doc, DCTERMS.issued, ox.Literal(document.issued, datatype=XSD.date)
        if iri.is_web_iri(document.url):  # else only in build-report.json: not an IRI
            yield doc, SDO.url, ox.NamedNode(document.url)
        if document.author:
            known = self.kb.lookup(document.author)
            author = (
                known
                if known is not None and known.kind == "Person"
                else Entity(iri.local_key("Person", document.author), "Person", document.author)
            )  # a creator is a person, even one whose name is also a place's ("Georgia")
            yield doc, DCTERMS.creator, self.entity(author)
            yield from self.entity_triples(author)
        if document.publisher:
            publisher = self._publisher(document.publisher)
            self.publisher = self.entity(publisher).value
            yield doc, DCTERMS.publisher, self.entity(publisher)
            yield from self.entity_triples(publisher)
        for mention in result.mentions:
            yield doc, SDO.mentions, self.entity(mention.entity)
            yield from self.entity_triples(mention.entity)

    def _publisher(self, name: str) -> Entity:
        known = self.kb.lookup(name)
        if known is not None and known.kind in ("Organization", "InternationalOrganization"):
            return known
        return Entity(iri.local_key("Organization", name), "Organization", name)

    def entity(self, entity: Entity) -> ox.NamedNode:
        node = self._iris.get(entity.key)
        if node is None:
            node = self._iris[entity.key] = ox.NamedNode(iri.entity_iri(entity.key, self.base))
        return node

    def entity_triples(self, entity: Entity) -> Iterator[Triple]:
        if entity in self._described:
            return
        self._described.add(entity)
        node = self.entity(entity)
        yield node, RDF.type, GK[entity.kind]
        # One label per IRI across the build: the first one met, in input order ("MATTIS" and
        # "Mattis" are one local person; documents are mapped one after the other).
        label = self._labels.setdefault(entity.key, entity.label)
        yield node, RDFS.label, ox.Literal(label, language="en")
        for alt in entity.alt_labels:
            yield node, SKOS.altLabel, ox.Literal(alt, language="en")
        if entity.wikidata:
            yield node, OWL.sameAs, ox.NamedNode(iri.wikidata_iri(entity.wikidata))
        for member in entity.members:
            if member in self.kb.entities:
                yield node, GK.includes, self.entity(self.kb.entities[member])
                yield from self.entity_triples(self.kb.entities[member])

    # claims

    def _claim(self, doc: ox.NamedNode, claim: Claim) -> Iterator[Triple]:
        if isinstance(claim, TreatyMention):
            yield from self._treaty(doc, claim)
            return
        kind, mapper = _CLAIM_KINDS[type(claim)]
        ev = claim.evidence
        fact = ox.NamedNode(iri.fact_iri(doc.value, kind, ev.start, ev.end, *self._fact_key(claim)))
        self.facts.append((fact.value, claim))
        yield fact, RDF.type, GK[type(claim).__name__ if kind != "role" else "RoleAssignment"]
        yield fact, PROV.wasDerivedFrom, self._evidence_node(doc, ev)
        yield from self._evidence(doc, ev)
        yield from mapper(self, fact, doc, claim)

    def _fact_key(self, claim: Claim) -> tuple:
        if isinstance(claim, StatedIntention):
            return (claim.holder.key, claim.modality, claim.action, claim.negated)
        if isinstance(claim, Membership):
            return (claim.member.key, claim.organization.key, claim.negated)
        if isinstance(claim, RoleAssignment):
            return (claim.person.key, claim.title)
        return (claim.event_type, claim.date)

    def _evidence_node(self, doc: ox.NamedNode, ev: Evidence) -> ox.NamedNode:
        return ox.NamedNode(iri.span_iri(doc.value, ev.start, ev.end))

    def _evidence(self, doc: ox.NamedNode, ev: Evidence) -> Iterator[Triple]:
        node = self._evidence_node(doc, ev)
        quote, position = ox.NamedNode(f"{node.value}/quote"), ox.NamedNode(f"{node.value}/position")
        yield node, RDF.type, OA.SpecificResource
        yield node, OA.hasSource, doc
        yield node, OA.hasSelector, quote
        yield node, OA.hasSelector, position
        yield quote, RDF.type, OA.TextQuoteSelector
        yield quote, OA.exact, ox.Literal(ev.exact)
        yield position, RDF.type, OA.TextPositionSelector
        yield position, OA.start, ox.Literal(str(ev.start), datatype=XSD.nonNegativeInteger)
        yield position, OA.end, ox.Literal(str(ev.end), datatype=XSD.nonNegativeInteger)

    def _intention(self, fact: ox.NamedNode, doc: ox.NamedNode, claim: StatedIntention) -> Iterator[Triple]:
        yield fact, GK.holder, self.entity(claim.holder)
        yield from self.entity_triples(claim.holder)
        yield fact, GK.modality, GK[claim.modality]
        yield fact, GK.action, ox.Literal(claim.action)
        yield fact, GK.certainty, GK[claim.certainty]
        for target in claim.targets:
            yield fact, GK.target, self.entity(target)
            yield from self.entity_triples(target)
        if claim.negated:
            yield fact, GK.negated, _TRUE
        if claim.condition:
            yield fact, GK.condition, ox.Literal(claim.condition)
        if claim.cue:
            yield fact, GK.cue, ox.Literal(claim.cue)
        for level, attribution in enumerate(claim.attributions, start=1):
            node = ox.NamedNode(f"{fact.value}/attribution/{level}")
            yield fact, GK.hasAttribution, node
            yield node, RDF.type, GK.Attribution
            yield node, GK.source, self.entity(attribution.source)
            yield node, GK.cue, ox.Literal(attribution.cue)
            yield node, GK.level, ox.Literal(str(level), datatype=XSD.positiveInteger)
            yield node, PROV.wasDerivedFrom, self._evidence_node(doc, attribution.evidence)
            yield from self._evidence(doc, attribution.evidence)
            yield from self.entity_triples(attribution.source)
        if claim.attributions:
            yield fact, GK.attributedTo, self.entity(claim.attributions[-1].source)

    def _membership(self, fact: ox.NamedNode, doc: ox.NamedNode, claim: Membership) -> Iterator[Triple]:
        yield fact, GK.member, self.entity(claim.member)
        yield fact, GK.organization, self.entity(claim.organization)
        yield from self.entity_triples(claim.member)
        yield from self.entity_triples(claim.organization)
        if claim.negated:
            yield fact, GK.negated, _TRUE

    def _role(self, fact: ox.NamedNode, doc: ox.NamedNode, claim: RoleAssignment) -> Iterator[Triple]:
        yield fact, GK.person, self.entity(claim.person)
        yield fact, GK.roleTitle, ox.Literal(claim.title)
        yield from self.entity_triples(claim.person)
        if claim.role_in is not None:
            yield fact, GK.roleIn, self.entity(claim.role_in)
            yield from self.entity_triples(claim.role_in)

    def _event(self, fact: ox.NamedNode, doc: ox.NamedNode, claim: Event) -> Iterator[Triple]:
        yield fact, GK.eventType, GK[claim.event_type]
        for participant in claim.participants:
            yield fact, GK.participant, self.entity(participant)
            yield from self.entity_triples(participant)
        for place in claim.places:
            yield fact, GK.place, self.entity(place)
            yield from self.entity_triples(place)
        if claim.date:
            yield fact, GK.date, ox.Literal(claim.date, datatype=_DATE_TYPES[len(claim.date)])
        if claim.label:
            yield fact, RDFS.label, ox.Literal(claim.label, language="en")

    def _treaty(self, doc: ox.NamedNode, claim: TreatyMention) -> Iterator[Triple]:
        treaty = self.entity(claim.treaty)
        yield from self.entity_triples(claim.treaty)
        yield doc, SDO.mentions, treaty
        for party in claim.parties:
            yield treaty, GK.party, self.entity(party)
            yield from self.entity_triples(party)
        if claim.signed:
            yield treaty, GK.signed, ox.Literal(claim.signed, datatype=XSD.date)


_CLAIM_KINDS = {
    StatedIntention: ("intention", DocumentMapper._intention),
    Membership: ("membership", DocumentMapper._membership),
    RoleAssignment: ("role", DocumentMapper._role),
    Event: ("event", DocumentMapper._event),
}
