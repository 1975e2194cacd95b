"""A whole build, streamed: documents are read, processed and stored as parts a batch at a time,
then the published files are merged from the parts on disk. Memory does not grow with the corpus:
the build keeps a few lines per document (its summary), never the documents or their graphs.

Parts are kept in a cache (geokg.parts) unless the settings say otherwise: a rebuild makes only
the parts of documents that changed, and its output is the same bytes as a clean build's.
"""

from __future__ import annotations

import collections
import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from rdflib import Graph

from geokg.claims import Claims
from geokg.config import ONTOLOGY_FILE, Settings
from geokg.errors import NotConformingError
from geokg.executors import executor
from geokg.ingest import iter_inputs
from geokg.kb import load_kb
from geokg.merge import Source, Stats, merged_blocks, write_outputs
from geokg.model import Document, Progress, Skipped
from geokg.parts import (
    Batch,
    Made,
    PartStore,
    Stored,
    Summary,
    as_ntriples,
    canonical_nquads,
    document_key,
    environment_key,
    label_line,
    make_batch,
)
from geokg.publish import FORMATS
from geokg.rdf.iri import dataset_iri
from geokg.rdf.ontology import ONTOLOGY_IRI, skolemized
from geokg.rdf.reference import reference_triples
from geokg.validate import ValidationReport, Violation, validate_lines

MAX_BATCH = 64  # documents per task at most: validated together (the more, the less each costs)
MIN_BATCH = 8  # and at least, but for the last: a task's fixed costs (the shapes read, a parse started)
MAX_READ_AHEAD = 256  # chunks read before the oldest is done, at most: a rebuild reads on past a changed
# document while a worker starts for it (seconds); the chunks held keep their texts (80 MB at most
# for news articles)
CLAIMS_PER_CHECK = 500  # claims validated together, about (with the facts that support them)
SCRATCH = ".scratch"  # in the build's directory: parts when there is no cache, and merge runs


@dataclass(frozen=True)
class Published:
    """What the build report says of a document published: not its text (a build keeps no texts)."""

    identifier: str
    source: str
    encoding: str | None
    url: str | None
    extra: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, document: Document) -> Published:
        return cls(document.identifier, document.source, document.encoding, document.url, document.extra)


@dataclass(kw_only=True)
class Built:
    """What a streamed build found: the parts in input order (as they are published), the documents
    published, what was skipped, and the violations of the shapes (none, or nothing is published)."""

    parts: list[Source] = field(default_factory=list)
    documents: list[Published] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # entity IRI → its label: the first document's
    facts: collections.Counter[str] = field(default_factory=collections.Counter)  # claims published, per kind
    rejected: int = 0  # claims set aside as outside the contract
    environment: str = ""  # the key of everything besides the documents that shapes the parts
    named: list[Stored] = field(default_factory=list)  # the reference KB's, the ontology's and the claims' graphs
    claims: Claims  # gathered across the documents
    digests: dict[Path, str] = field(default_factory=dict)  # each input file read → the SHA-256 of its bytes

    def add(self, document: Document, stored: Stored) -> None:
        """Keep what the merge and the reports need of a part, not its labels: parts come in input
        order, so an entity another document named first keeps that document's label, known now."""
        summary = stored.summary
        relabel = {}
        for entity, label in summary.labels:
            first = self.labels.setdefault(entity, label)
            if first != label:
                relabel[label_line(entity, label, summary.graph)] = label_line(entity, first, summary.graph)
        self.parts.append(Source(summary.graph, stored.path, summary.triples, relabel))
        self.claims.add(summary.graph, summary.publisher, summary.supports)
        self.documents.append(Published.of(document))
        self.facts.update(dict(summary.facts))
        self.rejected += summary.rejected


def build_parts(files: Sequence[Path], *, settings: Settings, directory: Path, progress: Progress | None) -> Built:
    """Read and process every document of `files` into parts (cached, or in `directory`)."""
    store = _store(settings, directory)
    environment = environment_key(settings)
    built = Built(environment=environment, claims=Claims(settings.base_iri, _scratch(directory)))
    total = _estimate(files)
    keys: dict[str, str] = {}  # a document's identifier → its part's key, worked out once (a digest of its text)
    with executor(settings, documents=total) as runner:

        def kept(document: Document) -> bool:
            keys[document.identifier] = key = document_key(document, environment)
            if store.has(key):
                return True
            runner.warm()  # a document to process: the workers start while the first task's documents are read
            return False

        inputs = iter_inputs(files, max_bytes=settings.max_bytes, checked=kept, digests=built.digests)
        outcomes = _outcomes(
            inputs, store=store, environment=environment, settings=settings, runner=runner, total=total, keys=keys
        )
        first = list(itertools.islice(outcomes, 1))  # the first batches are submitted: workers started
        # made now, while the workers work, not after them when only this process works
        built.named = [_reference_part(store, environment, settings), _ontology_part(store, environment)]
        for number, (item, outcome, violations) in enumerate(itertools.chain(first, outcomes), start=1):
            if progress:
                progress(number, max(total, number), item.identifier if isinstance(item, Document) else item.where)
            built.violations.extend(violations)
            if isinstance(outcome, Skipped):
                built.skipped.append(outcome)
            elif isinstance(outcome, Stored) and isinstance(item, Document):
                built.add(item, outcome)
        if len(built.claims):  # while the workers are there, to check the claims' pieces
            built.named.append(_claims_part(built, settings, directory, store, runner))
    return built


def publish_parts(built: Built, *, settings: Settings, directory: Path) -> Stats:
    """Write every format of `settings` into `directory` from the parts, with the ontology and the
    reference KB as two graphs more; return the figures the dataset description gives."""
    sources = [*built.parts, *(Source(p.summary.graph, p.path, p.summary.triples) for p in built.named)]
    formats = [FORMATS[name] for name in settings.formats]
    return write_outputs(sources, formats, directory=directory, scratch=_scratch(directory))


def _store(settings: Settings, directory: Path) -> PartStore:
    if settings.cache_dir is None:
        return PartStore(_scratch(directory), reuse=False)
    return PartStore(settings.cache_dir, reuse=True)


def _scratch(directory: Path) -> Path:
    path = directory / SCRATCH
    path.mkdir(parents=True, exist_ok=True)
    return path


def _estimate(files: Sequence[Path]) -> int:
    """About how many documents: one per file, one per line of a JSON Lines file (for the progress bar)."""
    total = 0
    for path in files:
        if path.suffix.lower() == ".jsonl" and path.is_file():
            with path.open("rb") as lines:
                total += sum(1 for line in lines if line.strip())
        else:
            total += 1
    return total


Outcome = tuple[Document | Skipped, Stored | Skipped | None, tuple[Violation, ...]]


def _batch_size(documents: int, slots: int) -> int:
    """For `documents` still to come, enough batches to keep every slot busy twice over, each as
    large as that allows: shapes validated over 64 documents at once cost 7 ms a document, over
    16 documents 11 ms (the entities documents share are checked once). Batches shrink towards the end
    of a build, so that no worker is left with a large one while the others have nothing."""
    return max(MIN_BATCH, min(MAX_BATCH, -(-documents // (2 * slots))))


def _outcomes(
    inputs: Iterable[Document | Skipped], *, store, environment, settings, runner, total, keys=None
) -> Iterator[Outcome]:
    """Each input with its part (from the store, or made by the runner) in input order, keeping
    at most `runner.slots` batches in flight. `keys` holds the part keys worked out already, by
    a document's identifier."""
    pending: collections.deque[Submitted] = collections.deque()
    known = keys if keys is not None else {}
    for chunk in _chunks(inputs, lambda taken: _batch_size(total - taken, runner.slots)):
        pending.append(
            _submit(chunk, store=store, environment=environment, settings=settings, runner=runner, known=known)
        )
        # The oldest chunk is given back as soon as it is done. Until then, reading goes on while
        # fewer than `slots` tasks are in flight: chunks whose parts are all kept need no task, so
        # a rebuild reads on past a changed document while a worker starts for it.
        while pending and (pending[0].done() or _tasks(pending) > runner.slots or len(pending) > MAX_READ_AHEAD):
            yield from _resolve(pending.popleft(), store=store)
    while pending:
        yield from _resolve(pending.popleft(), store=store)


def _tasks(pending: Iterable[Submitted]) -> int:
    return sum(submitted.task is not None for submitted in pending)


def _chunks(items: Iterable, size: Callable[[int], int]) -> Iterator[list]:
    """The items in lists, each as long as `size` says for the number of items taken before it."""
    chunk: list = []
    taken = 0
    for item in items:
        chunk.append(item)
        if len(chunk) >= size(taken):
            yield chunk
            taken += len(chunk)
            chunk = []
    if chunk:
        yield chunk


class Submitted(NamedTuple):
    """A chunk's inputs, the key and the stored part of each document, and the task making the
    others (None: every part was kept)."""

    chunk: list
    keys: list
    found: list
    task: Future | None

    def done(self) -> bool:
        return self.task is None or self.task.done()


def _submit(
    chunk: list, *, store: PartStore, environment: str, settings: Settings, runner, known: dict[str, str]
) -> Submitted:
    """The chunk submitted: the parts kept are found, a task makes the others."""
    keys = [_key(item, environment, known) if isinstance(item, Document) else None for item in chunk]
    found = [store.get(key) if key is not None else None for key in keys]
    missing = [item for item, key, part in zip(chunk, keys, found, strict=True) if key is not None and part is None]
    task = runner.submit(make_batch, missing, settings) if missing else None
    return Submitted(chunk, keys, found, task)


def _key(document: Document, environment: str, known: dict[str, str]) -> str:
    """A document's part key: the one worked out when reading asked whether its part is kept (the
    language check's shortcut), else worked out now."""
    return known.pop(document.identifier, None) or document_key(document, environment)


def _resolve(submitted: Submitted, *, store: PartStore) -> Iterator[Outcome]:
    task = submitted.task
    batch: Batch = task.result() if task is not None else Batch(())
    made = iter(batch.outcomes)
    violations = batch.violations  # reported once, with the batch's first document
    for item, key, part in zip(submitted.chunk, submitted.keys, submitted.found, strict=True):
        if key is None or part is not None:
            yield item, (item if isinstance(item, Skipped) else part), ()
            continue
        outcome = next(made)
        if isinstance(outcome, Made):  # a part that breaks the shapes is never kept
            outcome = None if batch.violations else store.put(key, outcome)
        yield item, outcome, violations
        violations = ()


def _reference_part(store: PartStore, environment: str, settings: Settings) -> Stored:
    """The reference KB's graph, validated (the KB ships with geokg: a violation there is a bug)."""
    key = _named_key(environment, "reference")
    found = store.get(key)
    if found is not None:
        return found
    name = dataset_iri("reference", settings.base_iri)
    made = Made(Summary(name, 0), canonical_nquads(reference_triples(load_kb(), base=settings.base_iri), name))
    violations = validate_lines(as_ntriples(made.nquads))
    if violations:
        raise NotConformingError(ValidationReport(False, violations).text())
    return store.put(key, Made(Summary(name, made.nquads.count(b"\n")), made.nquads))


def _ontology_part(store: PartStore, environment: str) -> Stored:
    """The ontology's graph, its blank nodes skolemized."""
    key = _named_key(environment, "ontology")
    found = store.get(key)
    if found is not None:
        return found
    graph = skolemized(Graph().parse(ONTOLOGY_FILE, format="turtle"))
    return store.put(key, Made(Summary(ONTOLOGY_IRI, len(graph)), canonical_nquads(graph, ONTOLOGY_IRI)))


def _claims_part(built: Built, settings: Settings, directory: Path, store: PartStore, runner) -> Stored:
    """The claims graph (geokg.claims), from every document's summary, made and validated in pieces:
    in bounded memory (rudof took 780 MiB for the 50,000 triples of 1,000 documents' claims at
    once), and each piece kept in the cache under a digest of what it is made from, so that a
    rebuild after one document changed makes and checks a few pieces. The pieces are checked by
    the runner's workers while this process makes the next ones (`runner.slots` in flight at
    most); the part is the pieces' sorted lines merged."""
    name = dataset_iri("claims", settings.base_iri)
    pieces: list[Stored] = []
    checking: collections.deque[tuple[str, Made, Future]] = collections.deque()
    for claims in built.claims.pieces(CLAIMS_PER_CHECK):
        key = _named_key(built.environment, "claims/" + built.claims.signature(claims, built.labels))
        piece = store.get(key)
        if piece is not None:
            pieces.append(piece)
            continue
        nquads = canonical_nquads(built.claims.piece_triples(claims, built.labels), name)
        made = Made(Summary(name, nquads.count(b"\n")), nquads)
        checking.append((key, made, runner.submit(validate_lines, as_ntriples(nquads))))
        while checking and (len(checking) > runner.slots or checking[0][2].done()):
            pieces.append(_checked(*checking.popleft(), store=store))
    pieces.extend(_checked(*checked, store=store) for checked in checking)
    path = _scratch(directory) / "claims.nq"
    with path.open("wb") as out:
        for block in merged_blocks([piece.path for piece in pieces], distinct=False):
            out.writelines(block)
    return Stored(Summary(name, sum(p.summary.triples for p in pieces)), path)


def _checked(key: str, made: Made, task: Future, *, store: PartStore) -> Stored:
    """A claims piece kept once its check is done; NotConformingError with the violations if any
    (the claims are geokg's own reading of what documents say: a violation is a bug)."""
    violations = task.result()
    if violations:
        raise NotConformingError(ValidationReport(False, violations).text())
    return store.put(key, made)


def _named_key(environment: str, name: str) -> str:
    return hashlib.sha256(f"{environment}/{name}".encode()).hexdigest()
