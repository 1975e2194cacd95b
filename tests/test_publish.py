"""Mapping, serialisation, atomic publishing and the dataset description, on hand-built results."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from geokg.describe import describe
from geokg.errors import OutputError
from geokg.model import (
    Attribution,
    Document,
    DocumentResult,
    Entity,
    Evidence,
    Membership,
    Mention,
    StatedIntention,
)
from geokg.publish import FORMATS, publish, render, to_quads
from geokg.rdf import namespaces as ns
from geokg.rdf.mapping import DocumentMapper
from geokg.rdf.namespaces import GK, OA, PROV, RDF
from geokg.rdf.terms import rdflib_triple

BASE = "https://w3id.org/geokg/id/"
TEXT = "Piontkovsky says Putin may strike Estonia. Ukraine is not a member of NATO."
RUSSIA_PERSON = Entity("Q7747", "Person", "Vladimir Putin", "Q7747")
PIONTKOVSKY = Entity("person:andrei-piontkovsky", "Person", "Andrei Piontkovsky")
ESTONIA = Entity("Q191", "State", "Estonia", "Q191")
UKRAINE = Entity("Q212", "State", "Ukraine", "Q212")
NATO = Entity("Q7184", "Alliance", "NATO", "Q7184")


@pytest.fixture(scope="module")
def result():
    document = Document("note one.txt", TEXT, title="A note", issued="2024-01-02")
    sentence = Evidence.of(TEXT, 0, 42)
    intention = StatedIntention(
        holder=RUSSIA_PERSON,
        modality="Consideration",
        action="strike Estonia",
        evidence=sentence,
        targets=(ESTONIA,),
        attributions=(Attribution(PIONTKOVSKY, "says", sentence),),
        certainty="Possible",
    )
    membership = Membership(UKRAINE, NATO, Evidence.of(TEXT, 43, 75), negated=True)
    mentions = (Mention(PIONTKOVSKY, Evidence.of(TEXT, 0, 11)), Mention(ESTONIA, Evidence.of(TEXT, 34, 41)))
    return DocumentResult(document, mentions, (intention, membership))


@pytest.fixture(scope="module")
def graph(kb, result):
    graph = Graph()
    for triple in DocumentMapper(kb, base=BASE).triples(result):
        graph.add(rdflib_triple(triple))
    return graph


def test_publish_mapping_follows_the_contract(graph):
    [intention] = graph.subjects(RDF.type, GK.StatedIntention)
    assert graph.value(intention, GK.holder) == URIRef(BASE + "entity/Q7747")
    assert graph.value(intention, GK.modality) == GK.Consideration
    assert graph.value(intention, GK.attributedTo) == URIRef(BASE + "person/andrei-piontkovsky")
    assert graph.value(intention, GK.certainty) == GK.Possible
    [membership] = graph.subjects(RDF.type, GK.Membership)
    assert graph.value(membership, GK.negated) == Literal(True)
    evidence = graph.value(membership, PROV.wasDerivedFrom)
    quote = next(s for s in graph.objects(evidence, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in graph)
    assert str(graph.value(quote, OA.exact)) == "Ukraine is not a member of NATO."


def test_publish_attribution_levels_are_published_with_evidence(graph):
    [level] = graph.subjects(RDF.type, GK.Attribution)
    assert int(graph.value(level, GK.level)) == 1
    assert str(graph.value(level, GK.cue)) == "says"
    assert graph.value(level, PROV.wasDerivedFrom) is not None


def test_publish_graph_conforms(graph):
    from geokg.validate import validate

    report = validate(graph)
    assert report.conforms, report.text()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_publish_every_format_round_trips_through_pyoxigraph(graph, name):
    fmt = FORMATS[name]
    quads = to_quads({BASE + "document/note%20one.txt": graph})
    data = render(quads, fmt)
    assert data == render(list(reversed(quads)), fmt)  # order of input does not matter
    parsed = list(ox.parse(data, format=fmt.rdf_format))
    expected = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    got = {ox.Triple(p.subject, p.predicate, p.object) for p in parsed}
    assert got == expected
    if fmt.quads:
        assert {p.graph_name.value for p in parsed} == {BASE + "document/note%20one.txt"}


def test_publish_is_atomic_and_removes_stale_formats(tmp_path: Path):
    out = tmp_path / "out"
    publish({"geokg.ttl": b"old", "geokg.nq": b"old"}, out)
    publish({"geokg.ttl": b"new"}, out, replaces=["geokg.ttl", "geokg.nq"])
    assert sorted(p.name for p in out.iterdir()) == ["geokg.ttl"]
    assert (out / "geokg.ttl").read_bytes() == b"new"


def test_publish_failure_leaves_previous_files(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    publish({"geokg.ttl": b"old"}, out)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("geokg.publish.os.replace", broken)
    with pytest.raises(OutputError, match="cannot write the build there"):
        publish({"geokg.ttl": b"new"}, out)
    assert (out / "geokg.ttl").read_bytes() == b"old"
    assert sorted(p.name for p in out.iterdir()) == ["geokg.ttl"]


def test_publish_dataset_description_counts_and_checksums(graph, tmp_path):
    import hashlib

    from geokg.merge import Source, write_outputs
    from geokg.parts import canonical_nquads

    part = tmp_path / "part.nq"
    part.write_bytes(canonical_nquads(graph, "urn:g"))
    stats = write_outputs(
        [Source("urn:g", part, len(graph))], [FORMATS["turtle"]], directory=tmp_path, scratch=tmp_path
    )
    ontology = Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "geokg.ttl")
    description = describe(stats, {"geokg.ttl": tmp_path / "geokg.ttl"}, base=BASE, ontology=ontology)
    build = URIRef(BASE + "dataset/build")
    assert int(description.value(build, ns.VOID.triples)) == len(graph)
    [distribution] = description.objects(build, ns.DCAT.distribution)
    assert str(description.value(distribution, ns.DCAT.mediaType)).endswith("text/turtle")
    [checksum] = description.objects(distribution, URIRef("http://spdx.org/rdf/terms#checksum"))
    value = description.value(checksum, URIRef("http://spdx.org/rdf/terms#checksumValue"))
    assert str(value) == hashlib.sha256((tmp_path / "geokg.ttl").read_bytes()).hexdigest()
    partitions = {
        description.value(p, ns.VOID["class"]): int(description.value(p, ns.VOID.entities))
        for p in description.objects(build, ns.VOID.classPartition)
    }
    assert partitions[GK.StatedIntention] == 1


def _description(graph, tmp_path, publication):
    from geokg.merge import Source, write_outputs
    from geokg.parts import canonical_nquads

    part = tmp_path / "part.nq"
    part.write_bytes(canonical_nquads(graph, "urn:g"))
    formats = [FORMATS["turtle"], FORMATS["nquads"]]
    stats = write_outputs([Source("urn:g", part, len(graph))], formats, directory=tmp_path, scratch=tmp_path)
    ontology = Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "geokg.ttl")
    files = {f.file: tmp_path / f.file for f in formats}
    return describe(stats, files, base=BASE, ontology=ontology, publication=publication)


def test_publish_description_says_where_to_download_who_publishes_and_the_uri_space(graph, tmp_path):
    from geokg.describe import Publication

    publication = Publication(BASE, publish_url="https://data.example.org/geokg", publisher="Example Newsroom")
    description = _description(graph, tmp_path, publication)
    build = URIRef(BASE + "dataset/build")
    dumps = set(description.objects(build, ns.VOID.dataDump))
    assert dumps == {
        URIRef("https://data.example.org/geokg/geokg.ttl"),
        URIRef("https://data.example.org/geokg/geokg.nq"),
    }
    downloads = {description.value(d, ns.DCAT.downloadURL) for d in description.objects(build, ns.DCAT.distribution)}
    assert downloads == dumps
    assert str(description.value(build, ns.VOID.uriSpace)) == BASE
    publisher = description.value(build, ns.DCTERMS.publisher)
    assert str(description.value(publisher, URIRef("https://schema.org/name"))) == "Example Newsroom"
    assert Publication(BASE).download_base() == BASE.removesuffix("id/") + "data/"  # beside the IRIs
    iri = Publication(BASE, publisher="https://example.org/org").publisher
    assert URIRef(iri) in set(
        _description(graph, tmp_path, Publication(BASE, publisher=iri)).objects(build, ns.DCTERMS.publisher)
    )


def test_publish_description_records_the_software_and_each_input_with_its_digest(graph, tmp_path):
    import hashlib

    from geokg import __version__
    from geokg.describe import Publication

    inputs = []
    for name, text in (("a.txt", "Russia threatened Ukraine."), ("b.txt", "NATO met.")):
        inputs.append(tmp_path / name)
        inputs[-1].write_text(text, encoding="utf-8")
    document = "https://w3id.org/geokg/id/document/a.txt"
    publication = Publication(BASE, inputs=inputs, sources={"urn:g": "https://news.example.org/a"})
    description = _description(graph, tmp_path, publication)
    build = URIRef(BASE + "dataset/build")
    activity = description.value(build, ns.PROV.wasGeneratedBy)
    software = description.value(activity, ns.PROV.wasAssociatedWith)
    assert (software, ns.RDF.type, ns.PROV.SoftwareAgent) in description
    assert str(description.value(software, URIRef("https://schema.org/softwareVersion"))) == __version__
    assert description.value(build, ns.DCTERMS.creator) == software
    used = {
        str(description.value(node, ns.DCTERMS.identifier)): node
        for node in description.objects(activity, ns.PROV.used)
    }
    assert sorted(used) == ["a.txt", "b.txt"]
    checksum = description.value(used["a.txt"], URIRef("http://spdx.org/rdf/terms#checksum"))
    value = description.value(checksum, URIRef("http://spdx.org/rdf/terms#checksumValue"))
    assert str(value) == hashlib.sha256(inputs[0].read_bytes()).hexdigest()
    [subset] = description.objects(build, ns.VOID.subset)
    assert str(description.value(subset, ns.DCTERMS.source)) == "https://news.example.org/a"
    assert document not in {str(o) for o in description.objects()}  # only what was given


def test_publish_description_is_dated_only_by_source_date_epoch(graph, tmp_path, monkeypatch):
    from geokg.describe import Publication

    build = URIRef(BASE + "dataset/build")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _description(graph, tmp_path, Publication(BASE)).value(build, ns.DCTERMS.issued) is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02
    assert str(_description(graph, tmp_path, Publication(BASE)).value(build, ns.DCTERMS.issued)) == "2025-12-02"


def test_publish_description_file_is_the_description_written_in_bounded_memory(graph, tmp_path, monkeypatch):
    """The build writes its description (a dozen triples a document) through an external sort:
    sorted in runs of 50 lines, the Turtle file holds exactly the description's triples, its
    subjects each written once, and the same bytes as when sorted at once."""
    import geokg.merge
    from geokg.describe import Publication, write_description
    from geokg.merge import Source, write_outputs
    from geokg.parts import canonical_nquads

    inputs = []
    for number in range(40):  # forty inputs, seven triples each: several runs
        inputs.append(tmp_path / f"{number:02d}.txt")
        inputs[-1].write_text(f"Document {number}.", encoding="utf-8")
    part = tmp_path / "part.nq"
    part.write_bytes(canonical_nquads(graph, "urn:g"))
    stats = write_outputs(
        [Source("urn:g", part, len(graph))], [FORMATS["turtle"]], directory=tmp_path, scratch=tmp_path
    )
    ontology = Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "geokg.ttl")
    arguments = dict(base=BASE, ontology=ontology, publication=Publication(BASE, inputs=inputs))
    files = {"geokg.ttl": tmp_path / "geokg.ttl"}

    written = {}
    for run_lines in (50, 100_000):
        monkeypatch.setattr(geokg.merge, "RUN_LINES", run_lines)
        path = tmp_path / f"void-{run_lines}.ttl"
        write_description(path, stats, files, scratch=tmp_path / f"scratch-{run_lines}", **arguments)
        written[run_lines] = path.read_bytes()
    assert written[50] == written[100_000]
    assert any((tmp_path / "scratch-50").glob("description-*.nt")), "sorted in runs on disk"
    expected = describe(stats, files, **arguments)
    assert len(expected) > 300
    assert isomorphic(Graph().parse(data=written[50], format="turtle"), expected)
    starts = [line.split(b" ")[0] for line in written[50].splitlines() if line.startswith(b"<")]
    assert len(starts) == len(set(starts)) > 40  # each subject's triples together: sorted


def test_publish_description_gives_the_checksum_of_the_bytes_read_not_read_again(graph, tmp_path):
    """A build takes each input's SHA-256 as it reads it (10,000 files are not opened twice): the
    description gives that digest, even when the file changed since; a file with none (skipped
    before it was read) is read for it."""
    import hashlib

    from geokg.describe import Publication

    read, unread = tmp_path / "read.txt", tmp_path / "unread.txt"
    read.write_text("Russia threatened Ukraine.", encoding="utf-8")
    unread.write_text("NATO met.", encoding="utf-8")
    digest = hashlib.sha256(read.read_bytes()).hexdigest()
    read.write_text("Changed after it was read.", encoding="utf-8")
    publication = Publication(BASE, inputs=[read, unread], checksums={read: digest})
    description = _description(graph, tmp_path, publication)
    spdx = "http://spdx.org/rdf/terms#"
    values = {str(v) for v in description.objects(None, URIRef(spdx + "checksumValue"))}
    assert digest in values
    assert hashlib.sha256(read.read_bytes()).hexdigest() not in values
    assert hashlib.sha256(unread.read_bytes()).hexdigest() in values
