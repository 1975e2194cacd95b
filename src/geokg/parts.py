"""A build in parts: each document's named graph made on its own, as canonical N-Quads, and kept.

A part depends on its document and on nothing else of the build: not on the other documents,
not on their order. So parts can be made in any process or on any machine, and kept: a part's
key is a digest of the document and of everything that shapes its graph (geokg's code and data,
the lexicons in use, the spaCy model, the base IRI), and a part stored under that key is the part
a fresh build would make. The one thing that does depend on other documents, the label of an
entity that documents spell differently ("MATTIS", "Mattis"), is settled when the parts are
merged (geokg.merge).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from geokg import __version__
from geokg.claims import Support, claim_keys
from geokg.config import PACKAGE_ROOT, Settings
from geokg.errors import OutputError
from geokg.kb import KnowledgeBase, load_kb
from geokg.model import Document, DocumentResult, Skipped
from geokg.rdf import iri
from geokg.rdf.mapping import DocumentMapper
from geokg.rdf.namespaces import RDFS
from geokg.rdf.terms import ox_term
from geokg.validate import Violation, validate_lines

CACHE_LAYOUT = "parts-v1"  # the cache's directory: a new layout starts a new one
RDFS_LABEL = ox.NamedNode(str(RDFS.label))
_LABEL = f"<{RDFS.label}>".encode()


@dataclass(frozen=True)
class Summary:
    """What a build needs to know of a part without reading it: its graph, size, entity labels,
    counts, and the claims its facts support (geokg.claims)."""

    graph: str  # the named graph's IRI (a document's)
    triples: int
    labels: tuple[tuple[str, str], ...] = ()  # (entity IRI, label) as this document labels its entities
    facts: tuple[tuple[str, int], ...] = ()  # claims published, per kind ("StatedIntention", ...)
    rejected: int = 0  # claims set aside as outside the contract
    publisher: str = ""  # the document's publisher's IRI, if it has one
    supports: tuple[Support, ...] = ()  # its intentions, memberships and events, with their claim keys

    def to_json(self) -> bytes:
        fields = {
            name: getattr(self, name) for name in ("graph", "triples", "labels", "facts", "rejected", "publisher")
        }
        fields["supports"] = [found.to_json() for found in self.supports]
        return json.dumps(fields, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Summary:
        fields = json.loads(data)
        pairs = {name: tuple(tuple(pair) for pair in fields[name]) for name in ("labels", "facts")}
        supports = tuple(Support.from_json(found) for found in fields["supports"])
        return cls(
            fields["graph"],
            fields["triples"],
            rejected=fields["rejected"],
            publisher=fields["publisher"],
            supports=supports,
            **pairs,
        )


@dataclass(frozen=True)
class Made:
    """A part just made: its summary and its lines, before it is stored."""

    summary: Summary
    nquads: bytes  # canonical N-Quads: one line per triple, sorted, every line in `summary.graph`


@dataclass(frozen=True)
class Stored:
    """A part on disk."""

    summary: Summary
    path: Path  # its canonical N-Quads


@dataclass(frozen=True)
class Batch:
    """What a worker returns for a batch of documents: a part or a reason per document, in order,
    and the violations of the shapes among all of them (the batch is validated as one graph)."""

    outcomes: tuple[Made | Skipped, ...]
    violations: tuple[Violation, ...] = ()


# making parts


def make_batch(documents: Sequence[Document], settings: Settings) -> Batch:
    """Process, map and validate a few documents: the task run in a worker process, or on a Dask
    worker. Validating them together costs less than one by one (the entities they share are
    checked once), and as every shape is local to a node, it finds what it would one by one."""
    from geokg.pipeline import contained

    kb = load_kb()
    outcomes: list[Made | Skipped] = []
    for document, parsed in zip(documents, _parsed_together(documents, settings), strict=True):
        result = contained(document, kb, settings, parsed)
        outcomes.append(result if isinstance(result, Skipped) else document_part(result, kb=kb, base=settings.base_iri))
    made = [outcome for outcome in outcomes if isinstance(outcome, Made)]
    return Batch(tuple(outcomes), validate_lines(as_published(made)) if made else ())


def _parsed_together(documents: Sequence[Document], settings: Settings) -> list:
    """The documents parsed in one stream (see parse_all); if that fails, None for each, so that
    each is parsed on its own and a document geokg fails on costs only itself."""
    from geokg.nlp.parsed import parse_all
    from geokg.nlp.pipeline import load_pipeline

    nlp = load_pipeline(settings.model)  # a model that cannot be loaded stops the build
    try:
        return parse_all(documents, nlp)
    except Exception:
        return [None] * len(documents)


def as_published(parts: Sequence[Made]) -> bytes:
    """The parts' triples as N-Triples, as the build publishes them: an entity that an earlier
    document labelled keeps that label (the merge gives it one, geokg.merge), so that two
    spellings in two documents are not taken for two labels on one entity."""
    labelled: set[bytes] = set()
    lines = []
    for part in parts:
        labels = set()
        for line in part.nquads.splitlines(keepends=True):
            subject, predicate, _ = line.split(b" ", 2)
            if predicate == _LABEL:
                if subject in labelled:
                    continue
                labels.add(subject)
            lines.append(triple_line(line))
        labelled |= labels
    return b"".join(dict.fromkeys(lines))  # each triple once: the documents of a batch share entities


def as_ntriples(nquads: bytes) -> bytes:
    """N-Quads lines of one graph as N-Triples: each line less its graph name."""
    return b"".join(triple_line(line) for line in nquads.splitlines(keepends=True))


def triple_line(quad_line: bytes) -> bytes:
    """An N-Quads line as an N-Triples line: "<s> <p> <o> <g> ." less its graph name."""
    return quad_line.rsplit(b" ", 2)[0] + b" .\n"


def document_part(result: DocumentResult, *, kb: KnowledgeBase, base: str) -> Made:
    """A document's named graph (with its own labels for the entities it names) and its summary."""
    mapper = DocumentMapper(kb, base=base)
    name = iri.document_iri(result.document.identifier, base)
    nquads = canonical_nquads(mapper.triples(result), name)
    labels = tuple(sorted((iri.entity_iri(key, base), label) for key, label in mapper.labels.items()))
    facts = Counter(type(claim).__name__ for claim in result.claims)
    summary = Summary(
        name,
        nquads.count(b"\n"),
        labels,
        tuple(sorted(facts.items())),
        len(result.rejected),
        publisher=mapper.publisher or "",
        supports=claim_keys(mapper.facts),
    )
    return Made(summary, nquads)


def canonical_nquads(graph: Graph | Iterable[tuple], name: str) -> bytes:
    """The triples as N-Quads in the graph `name`, one line each, sorted: the same bytes for the
    same triples, whatever order they were made in."""
    graph_name = ox.NamedNode(name)
    term = _TermCache()
    quads = (ox.Quad(term(s), term(p), term(o), graph_name) for s, p, o in graph)
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    return b"".join(sorted(set(lines)))


class _TermCache(dict):
    """A term as pyoxigraph's: as it is when it is one (a document's graph, geokg.rdf.mapping);
    an rdflib term converted (`ox_term`), each IRI once (a graph names the same predicates,
    classes and entities in triple after triple)."""

    def __call__(self, term: URIRef | Literal | ox.NamedNode | ox.Literal) -> ox.NamedNode | ox.Literal:
        kind = type(term)
        if kind is ox.NamedNode or kind is ox.Literal:
            return term
        if kind is not URIRef:
            return ox_term(term)
        node = self.get(term)
        if node is None:
            node = self[term] = ox.NamedNode(term)
        return node


def label_line(entity: str, label: str, graph: str) -> bytes:
    """The N-Quads line giving `entity` its label in `graph`."""
    quad = ox.Quad(ox.NamedNode(entity), RDFS_LABEL, ox.Literal(label, language="en"), ox.NamedNode(graph))
    return ox.serialize([quad], format=ox.RdfFormat.N_QUADS)


# keys


def environment_key(settings: Settings) -> str:
    """A digest of everything besides the document that shapes a part: geokg's version, code and
    data (knowledge base, lexicons as in use, shapes, ontology), spaCy and its model, the language
    classifier (a kept part also stands for its document's language check), the base IRI."""
    from geokg.nlp.lexicon import lexicon_names, lexicon_source

    digest = hashlib.sha256()
    versions = (_version("spacy"), settings.model, _version(settings.model), _version("pycld2"))
    for part in (__version__, *versions, settings.base_iri):
        _feed(digest, part.encode("utf-8"))
    for path in _code_and_data():
        _feed(digest, str(path.relative_to(PACKAGE_ROOT)).encode("utf-8"))
        _feed(digest, path.read_bytes())
    for name in lexicon_names():  # an override directory (GEOKG_LEXICON_DIR) changes them
        _feed(digest, lexicon_source(name).encode("utf-8"))
    return digest.hexdigest()


def _version(distribution: str) -> str:
    """An installed distribution's version, from its metadata (importing spaCy takes half a second)."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        meta = Path(distribution) / "meta.json"  # a model in a directory: its name and version
        return meta.read_text(encoding="utf-8") if meta.is_file() else ""


def _code_and_data() -> list[Path]:
    files = [*PACKAGE_ROOT.rglob("*.py"), *(PACKAGE_ROOT / "kb" / "data").iterdir()]
    files += [
        *(PACKAGE_ROOT / "resources" / "shapes").glob("*.ttl"),
        *(PACKAGE_ROOT / "resources" / "ontology").glob("*.ttl"),
    ]
    return sorted(path for path in files if path.is_file())


def document_key(document: Document, environment: str) -> str:
    """The part's key: the document as read (every field but where it was read from, so that a
    moved corpus is still found) and the environment key."""
    # The fields read directly, not by dataclasses.asdict: its deep copy of the text cost a build's
    # main process more than a millisecond a document. json.dumps writes the tuples of `extra` as
    # lists either way.
    fields = {field.name: getattr(document, field.name) for field in dataclasses.fields(document)}
    del fields["source"]
    digest = hashlib.sha256(environment.encode("ascii"))
    _feed(digest, json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def _feed(digest, data: bytes) -> None:
    """Length first, so that no two sequences of pieces feed the same bytes."""
    digest.update(len(data).to_bytes(8, "big"))
    digest.update(data)


# storing parts


class PartStore:
    """Parts on disk under their keys: `reuse` makes it a cache, kept between builds, where a part
    already there is taken as it is; else a scratch directory for this build only. Each file is
    written under a temporary name and renamed, so builds running side by side never read half a part."""

    def __init__(self, directory: Path, *, reuse: bool):
        self.directory = directory / CACHE_LAYOUT
        self.reuse = reuse

    def get(self, key: str) -> Stored | None:
        if not self.reuse:
            return None
        path, summary_path = self._paths(key)
        try:
            summary = Summary.from_json(summary_path.read_bytes())
        except (OSError, ValueError, KeyError, TypeError):  # not there, or damaged: made again
            return None
        return Stored(summary, path) if path.is_file() else None

    def has(self, key: str) -> bool:
        """Whether a part is kept under `key` (without reading it)."""
        return self.reuse and self._paths(key)[1].is_file()

    def put(self, key: str, made: Made) -> Stored:
        path, summary = self._paths(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, made.nquads)
            _write(summary, made.summary.to_json())  # last: its presence says the part is whole
        except OSError as err:
            raise OutputError(
                str(self.directory),
                f"cannot keep the build's parts there ({err.strerror or err})",
                "Free some space, choose another cache directory with --cache DIR, or build with --no-cache",
            ) from err
        return Stored(made.summary, path)

    def _paths(self, key: str) -> tuple[Path, Path]:
        stem = self.directory / key[:2] / key
        return stem.with_suffix(".nq"), stem.with_suffix(".json")


def _write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
