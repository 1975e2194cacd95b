"""The dataset description written beside a build: VoID, DCAT and PROV-O, with no blank nodes.

It says what the build is (title, licence, sources, the ontology version it follows, the base of
its IRIs), how big (triples per named graph, entities per class), where it is (one distribution
per file, with its download URL, media type, size and SHA-256 checksum), and how it was made (the
software and its version, and every input file with its SHA-256). Nothing in it depends on the
time or the machine, so the same inputs give the same bytes; a date is given only when
SOURCE_DATE_EPOCH (the reproducible-builds convention) says which.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef

from geokg import __version__
from geokg.merge import LineReader, Stats, sorted_distinct
from geokg.publish import COMPRESSED, FORMATS
from geokg.rdf import iri
from geokg.rdf.namespaces import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SDO, VOID, XSD
from geokg.rdf.prefixes import PREFIXES, bind_prefixes
from geokg.rdf.terms import ox_term

SPDX = Namespace("http://spdx.org/rdf/terms#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
LICENCE = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
ONTOLOGY = URIRef("https://w3id.org/geokg/ontology")
DESCRIPTION_FILE = "void.ttl"
DESCRIPTION_PREFIXES = {"void": VOID, "dcat": DCAT, "spdx": SPDX}
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"  # seconds since 1970: the build's date, when set


@dataclass(frozen=True)
class Publication:
    """Where and by whom a build is published, and what it was made from."""

    base: str  # the base of the build's IRIs (its URI space)
    publish_url: str | None = None  # where its files are downloaded from (default: see `download_base`)
    publisher: str | None = None  # a name, or the IRI of the publishing person or organisation
    inputs: Sequence[Path] = ()  # the input files read
    checksums: Mapping[Path, str] = field(default_factory=dict)  # an input → its SHA-256, taken as it was read
    sources: Mapping[str, str] = field(default_factory=dict)  # a document's graph IRI → its web page

    def download_base(self) -> str:
        """`publish_url`, else beside the IRIs: https://w3id.org/geokg/id/ → https://w3id.org/geokg/data/."""
        if self.publish_url:
            return self.publish_url if self.publish_url.endswith("/") else self.publish_url + "/"
        site = self.base.removesuffix("id/") if self.base.endswith("/id/") else self.base
        return site + "data/"


def describe(
    stats: Stats, files: Mapping[str, Path], *, base: str, ontology: Graph, publication: Publication | None = None
) -> Graph:
    """VoID, DCAT and PROV-O for a build with these `stats` (geokg.merge), published as `files`, as
    an rdflib Graph (for a small build; `write_description` writes a build's of any size)."""
    out = bind_prefixes(Graph(), base=base)
    for prefix, namespace in DESCRIPTION_PREFIXES.items():
        out.bind(prefix, namespace)
    for triple in description_triples(stats, files, base=base, ontology=ontology, publication=publication):
        out.add(triple)
    return out


def write_description(
    path: Path,
    stats: Stats,
    files: Mapping[str, Path],
    *,
    base: str,
    ontology: Graph,
    publication: Publication | None = None,
    scratch: Path,
) -> Iterator[tuple]:
    """Write the description as Turtle to `path`, in bounded memory: it has a dozen triples per
    document (its graph's size and source, its input file's checksum), so its lines are sorted as
    the union of the parts is (geokg.merge.sorted_distinct) and streamed to the Turtle writer."""
    triples = description_triples(stats, files, base=base, ontology=ontology, publication=publication)
    lines = sorted_distinct(_ntriples_chunks(triples), scratch, name="description")
    ox.serialize(
        ox.parse(io.BufferedReader(LineReader(lines)), format=ox.RdfFormat.N_TRIPLES),
        output=str(path),
        format=ox.RdfFormat.TURTLE,
        prefixes={**PREFIXES, **{prefix: str(namespace) for prefix, namespace in DESCRIPTION_PREFIXES.items()}},
    )


def description_triples(
    stats: Stats, files: Mapping[str, Path], *, base: str, ontology: Graph, publication: Publication | None = None
) -> Iterator[tuple]:
    """The description's triples (rdflib terms), one part of it after another."""
    publication = publication or Publication(base)
    build = URIRef(iri.dataset_iri("build", base))
    yield from _dataset(build, stats, ontology)
    yield from _publication(build, publication)
    for name in sorted(stats.graph_triples):
        yield from _subset(build, name, stats.graph_triples[name], publication.sources.get(name))
    yield from _class_partitions(build, stats)
    for name in sorted(files):
        yield from _distribution(build, name, files[name], publication.download_base())
    yield from _provenance(build, publication)


def _ntriples_chunks(triples: Iterable[tuple], size: int = 10_000) -> Iterator[list[bytes]]:
    """The triples as N-Triples lines, written by pyoxigraph `size` at a time."""
    triples = iter(triples)
    while chunk := list(itertools.islice(triples, size)):
        data = ox.serialize((ox.Triple(*map(ox_term, triple)) for triple in chunk), format=ox.RdfFormat.N_TRIPLES)
        yield data.splitlines(keepends=True)


def _publication(build: URIRef, publication: Publication) -> Iterator[tuple]:
    yield build, VOID.uriSpace, Literal(publication.base)
    if publication.publisher:
        publisher = publication.publisher
        if publisher.startswith(("http://", "https://")):
            yield build, DCTERMS.publisher, URIRef(publisher)
        else:
            node = URIRef(f"{build}/publisher")
            yield build, DCTERMS.publisher, node
            yield node, RDF.type, DCTERMS.Agent
            yield node, SDO.name, Literal(publisher)
    date = build_date()
    if date is not None:
        yield build, DCTERMS.issued, Literal(date, datatype=XSD.date)
        yield build, DCTERMS.modified, Literal(date, datatype=XSD.date)


def build_date() -> str | None:
    """The build's date from SOURCE_DATE_EPOCH, or None: a build is dated only when told so."""
    value = os.environ.get(EPOCH_VARIABLE, "").strip()
    if not value.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC).date().isoformat()


def _provenance(build: URIRef, publication: Publication) -> Iterator[tuple]:
    """The build was generated by a run of geokg (this version) that used these input files."""
    activity, software = URIRef(f"{build}/activity"), URIRef(f"{build}/software")
    yield build, PROV.wasGeneratedBy, activity
    yield build, DCTERMS.creator, software
    yield activity, RDF.type, PROV.Activity
    yield activity, RDFS.label, Literal("geokg build", lang="en")
    yield activity, PROV.wasAssociatedWith, software
    yield software, RDF.type, PROV.SoftwareAgent
    yield software, RDF.type, SDO.SoftwareApplication
    yield software, SDO.name, Literal("geokg")
    yield software, SDO.softwareVersion, Literal(__version__)
    yield software, RDFS.label, Literal(f"geokg {__version__}")
    for path in publication.inputs:
        digest = publication.checksums.get(path) or _sha256(path)  # a file skipped unread: read now
        node = URIRef(f"{build}/input/{digest[:32]}")
        yield activity, PROV.used, node
        yield node, RDF.type, PROV.Entity
        yield node, DCTERMS.identifier, Literal(path.name)
        yield from _checksum(node, digest)


def _dataset(build: URIRef, stats: Stats, ontology: Graph) -> Iterator[tuple]:
    yield build, RDF.type, VOID.Dataset
    yield build, RDF.type, DCAT.Dataset
    yield build, DCTERMS.title, Literal("geokg knowledge graph", lang="en")
    yield (
        build,
        DCTERMS.description,
        Literal(
            "Stated intentions, memberships, roles, events and treaties extracted from documents, each with "
            "the span of text it came from, plus the reference knowledge base they are linked to.",
            lang="en",
        ),
    )
    yield build, DCTERMS.license, LICENCE
    yield (
        build,
        DCTERMS.rights,
        Literal("The quoted evidence remains under each source document's own licence.", lang="en"),
    )
    yield build, DCTERMS.conformsTo, ontology.value(ONTOLOGY, OWL.versionIRI) or ONTOLOGY
    version = ontology.value(ONTOLOGY, OWL.versionInfo)
    if version is not None:
        yield build, OWL.versionInfo, version
    yield build, VOID.vocabulary, URIRef("https://w3id.org/geokg/ontology#")
    yield build, VOID.triples, Literal(stats.triples, datatype=XSD.integer)
    for name in stats.graph_triples:
        if name != str(ONTOLOGY):
            yield build, DCTERMS.source, URIRef(name)


def _subset(build: URIRef, name: str, triples: int, source: str | None) -> Iterator[tuple]:
    """A named graph of the build: its name, size, and the web page it was read from, if known."""
    subset = URIRef(f"{build}/graph/{iri.digest(name)}")
    yield build, VOID.subset, subset
    yield subset, RDF.type, VOID.Dataset
    yield subset, RDFS.label, Literal(name)
    yield subset, PROV.wasDerivedFrom, URIRef(name)
    yield subset, SD.name, URIRef(name)
    yield subset, VOID.triples, Literal(triples, datatype=XSD.integer)
    if source:
        yield subset, DCTERMS.source, URIRef(source)


def _class_partitions(build: URIRef, stats: Stats) -> Iterator[tuple]:
    for cls in sorted(stats.classes):
        partition = URIRef(f"{build}/class/{iri.digest(cls)}")
        yield build, VOID.classPartition, partition
        yield partition, VOID["class"], URIRef(cls)
        yield partition, VOID.entities, Literal(stats.classes[cls], datatype=XSD.integer)


def _distribution(build: URIRef, name: str, path: Path, download_base: str) -> Iterator[tuple]:
    packed = name.endswith(COMPRESSED)
    fmt = next((f for f in FORMATS.values() if f.file == name.removesuffix(COMPRESSED)), None)
    node = URIRef(f"{build}/distribution/{iri.slug(name)}")
    url = URIRef(download_base + name)
    yield build, DCAT.distribution, node
    yield node, DCAT.downloadURL, url
    yield node, DCAT.accessURL, url
    if fmt is not None:
        yield build, VOID.dataDump, url
    yield node, RDF.type, DCAT.Distribution
    yield node, DCTERMS.title, Literal(name)
    yield node, DCTERMS.identifier, Literal(name)
    if fmt is not None:
        yield node, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{fmt.media_type}")
    if packed:
        yield node, DCAT.compressFormat, URIRef("https://www.iana.org/assignments/media-types/application/gzip")
    yield node, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)
    yield from _checksum(node, _sha256(path))


def _checksum(node: URIRef, digest: str) -> Iterator[tuple]:
    checksum = URIRef(f"{node}/sha256")
    yield node, SPDX.checksum, checksum
    yield checksum, RDF.type, SPDX.Checksum
    yield checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256
    yield checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
