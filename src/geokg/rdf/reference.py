"""The reference-data part of a build: KB entities, memberships with dates, treaties, the dataset.

What is published: every entity from our own data files and every state (all of them, so that
SPARQL over a build can ask about any state); of the 617 SupraVerden bodies only those the
reference memberships or treaties refer to, plus any key in `include` (what the documents
mention). Memberships are gk:Membership derived from the gk:ReferenceDataset. The triples are pyoxigraph
terms, as a document's are (geokg.rdf.terms).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from geokg.kb import KnowledgeBase, Point, ReferenceMembership
from geokg.model import Entity
from geokg.rdf import iri
from geokg.rdf.terms import DCTERMS, GEO, GK, OWL, PROV, RDF, RDFS, SKOS, XSD

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]
GEONAMES = "https://sws.geonames.org/"  # a GeoNames feature's IRI: this and its id


def reference_triples(
    kb: KnowledgeBase, *, base: str = iri.DEFAULT_BASE, include: Iterable[str] = ()
) -> Iterator[Triple]:
    """Triples for the KB part of a build, in a stable order; no blank nodes."""
    dataset = ox.NamedNode(iri.dataset_iri("reference", base))
    yield from dataset_triples(kb, dataset)
    for key in published_keys(kb, include=include):
        yield from entity_triples(kb, kb.entities[key], base=base)
    for membership in kb.memberships:
        yield from _membership(membership, dataset, base)
    for treaty in kb.treaties:
        yield from _treaty(kb, treaty, base)


def published_keys(kb: KnowledgeBase, *, include: Iterable[str] = ()) -> list[str]:
    """The sorted keys of the entities reference_triples describes (see the module docstring)."""
    keys = {key for key in kb.entities if kb.origin(key) != "supranational"}
    keys |= {m.organization for m in kb.memberships} | {m.member for m in kb.memberships}
    for treaty in kb.treaties:
        info = kb.treaty_info(treaty.key)
        keys |= set(info.parties) if info else set()
    keys |= {key for key in include if key in kb.entities}
    return sorted(keys)


def dataset_triples(kb: KnowledgeBase, dataset: ox.NamedNode) -> Iterator[Triple]:
    """The gk:ReferenceDataset: title, sources and licences from geokg/kb/data/dataset.json."""
    info = kb.dataset
    yield dataset, RDF.type, GK.ReferenceDataset
    yield dataset, DCTERMS.title, ox.Literal(str(info["title"]), language="en")
    if info.get("description"):
        yield dataset, DCTERMS.description, ox.Literal(str(info["description"]), language="en")
    sources = info.get("sources", [])
    for source in sorted({s["source"] for s in sources if s.get("source")}):
        yield dataset, DCTERMS.source, ox.NamedNode(source)
    for licence in sorted({s["license"] for s in sources if s.get("license")}):
        yield dataset, DCTERMS.license, ox.NamedNode(licence)


def entity_triples(kb: KnowledgeBase, entity: Entity, *, base: str = iri.DEFAULT_BASE) -> Iterator[Triple]:
    """One entity as the contract describes it: its one most specific class, label, names, codes."""
    node = ox.NamedNode(iri.entity_iri(entity.key, base))
    yield node, RDF.type, GK[entity.kind]
    yield node, RDFS.label, ox.Literal(entity.label, language="en")
    for alt in sorted(set(entity.alt_labels) - {entity.label}):
        yield node, SKOS.altLabel, ox.Literal(alt, language="en")
    if entity.wikidata:
        yield node, OWL.sameAs, ox.NamedNode(iri.wikidata_iri(entity.wikidata))
    codes = kb.iso_codes(entity.key) if entity.kind == "State" else None
    if codes:
        yield node, GK.iso3166Alpha2, ox.Literal(codes[0])
        yield node, GK.iso3166Alpha3, ox.Literal(codes[1])
    for member in entity.members:
        yield node, GK.includes, ox.NamedNode(iri.entity_iri(member, base))
    point = kb.point(entity.key)
    if point is not None:
        yield from _geometry(node, point, ox.NamedNode(iri.geometry_iri(entity.key, base)))


def _geometry(node: ox.NamedNode, point: Point, geometry: ox.NamedNode) -> Iterator[Triple]:
    """A state's capital or a city as a GeoSPARQL point, with the GeoNames feature it comes from."""
    yield node, GEO.hasGeometry, geometry
    yield geometry, RDF.type, GEO.Geometry
    yield geometry, GEO.asWKT, ox.Literal(point.wkt, datatype=GEO.wktLiteral)
    yield geometry, RDFS.label, ox.Literal(point.name, language="en")
    yield geometry, DCTERMS.source, ox.NamedNode(f"{GEONAMES}{point.geonameid}/")


def _membership(membership: ReferenceMembership, dataset: ox.NamedNode, base: str) -> Iterator[Triple]:
    node = ox.NamedNode(iri.reference_membership_iri(membership.organization, membership.member, base))
    yield node, RDF.type, GK.Membership
    yield node, GK.member, ox.NamedNode(iri.entity_iri(membership.member, base))
    yield node, GK.organization, ox.NamedNode(iri.entity_iri(membership.organization, base))
    if membership.joined:
        yield node, GK.startDate, ox.Literal(membership.joined, datatype=XSD.date)
    if membership.left:
        yield node, GK.endDate, ox.Literal(membership.left, datatype=XSD.date)
    yield node, PROV.wasDerivedFrom, dataset


def _treaty(kb: KnowledgeBase, treaty: Entity, base: str) -> Iterator[Triple]:
    info = kb.treaty_info(treaty.key)
    if info is None:
        return
    node = ox.NamedNode(iri.entity_iri(treaty.key, base))
    for party in info.parties:
        yield node, GK.party, ox.NamedNode(iri.entity_iri(party, base))
    if info.signed:
        yield node, GK.signed, ox.Literal(info.signed, datatype=XSD.date)
