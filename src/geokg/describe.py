"""The dataset description written beside a build: VoID and DCAT, with no blank nodes.

It says what the build is (title, licence, sources, the ontology version it follows), how big
(triples per named graph, entities per class), and where it is (one distribution per file, with
media type, size and SHA-256 checksum).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef

from geokg import __version__
from geokg.merge import Stats
from geokg.publish import FORMATS
from geokg.rdf import iri
from geokg.rdf.namespaces import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, VOID, XSD
from geokg.rdf.prefixes import bind_prefixes

SPDX = Namespace("http://spdx.org/rdf/terms#")
LICENCE = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
ONTOLOGY = URIRef("https://w3id.org/geokg/ontology")
DESCRIPTION_FILE = "void.ttl"


def describe(stats: Stats, files: Mapping[str, Path], *, base: str, ontology: Graph) -> Graph:
    """VoID and DCAT for a build with these `stats` (geokg.merge), published as `files`."""
    out = bind_prefixes(Graph(), base=base)
    out.bind("void", VOID)
    out.bind("dcat", DCAT)
    out.bind("spdx", SPDX)
    build = URIRef(iri.dataset_iri("build", base))
    _dataset(out, build, stats, ontology)
    for name in sorted(stats.graph_triples):
        _subset(out, build, name, stats.graph_triples[name])
    _class_partitions(out, build, stats)
    for name in sorted(files):
        _distribution(out, build, name, files[name])
    return out


def _dataset(out: Graph, build: URIRef, stats: Stats, ontology: Graph) -> None:
    out.add((build, RDF.type, VOID.Dataset))
    out.add((build, RDF.type, DCAT.Dataset))
    out.add((build, DCTERMS.title, Literal("geokg knowledge graph", lang="en")))
    out.add(
        (
            build,
            DCTERMS.description,
            Literal(
                "Stated intentions, memberships, roles, events and treaties extracted from documents, each with "
                "the span of text it came from, plus the reference knowledge base they are linked to.",
                lang="en",
            ),
        )
    )
    out.add((build, DCTERMS.license, LICENCE))
    out.add(
        (
            build,
            DCTERMS.rights,
            Literal("The quoted evidence remains under each source document's own licence.", lang="en"),
        )
    )
    out.add((build, DCTERMS.creator, Literal(f"geokg {__version__}")))
    out.add((build, DCTERMS.conformsTo, ontology.value(ONTOLOGY, OWL.versionIRI) or ONTOLOGY))
    version = ontology.value(ONTOLOGY, OWL.versionInfo)
    if version is not None:
        out.add((build, OWL.versionInfo, version))
    out.add((build, VOID.vocabulary, URIRef("https://w3id.org/geokg/ontology#")))
    out.add((build, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    for name in stats.graph_triples:
        if name != str(ONTOLOGY):
            out.add((build, DCTERMS.source, URIRef(name)))


def _subset(out: Graph, build: URIRef, name: str, triples: int) -> None:
    subset = URIRef(f"{build}/graph/{iri.digest(name)}")
    out.add((build, VOID.subset, subset))
    out.add((subset, RDF.type, VOID.Dataset))
    out.add((subset, RDFS.label, Literal(name)))
    out.add((subset, PROV.wasDerivedFrom, URIRef(name)))
    out.add((subset, VOID.triples, Literal(triples, datatype=XSD.integer)))


def _class_partitions(out: Graph, build: URIRef, stats: Stats) -> None:
    for cls in sorted(stats.classes):
        partition = URIRef(f"{build}/class/{iri.digest(cls)}")
        out.add((build, VOID.classPartition, partition))
        out.add((partition, VOID["class"], URIRef(cls)))
        out.add((partition, VOID.entities, Literal(stats.classes[cls], datatype=XSD.integer)))


def _distribution(out: Graph, build: URIRef, name: str, path: Path) -> None:
    fmt = next((f for f in FORMATS.values() if f.file == name), None)
    node = URIRef(f"{build}/distribution/{iri.slug(name)}")
    checksum = URIRef(f"{node}/sha256")
    out.add((build, DCAT.distribution, node))
    out.add((node, RDF.type, DCAT.Distribution))
    out.add((node, DCTERMS.title, Literal(name)))
    out.add((node, DCTERMS.identifier, Literal(name)))
    if fmt is not None:
        out.add((node, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{fmt.media_type}")))
    out.add((node, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
    out.add((node, SPDX.checksum, checksum))
    out.add((checksum, RDF.type, SPDX.Checksum))
    out.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    out.add((checksum, SPDX.checksumValue, Literal(_sha256(path), datatype=XSD.hexBinary)))


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
