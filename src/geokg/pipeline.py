"""The per-document flow (ingest → nlp → link → extract → map) and a whole build over many documents.

`process` is a pure function of the document, the KB and the settings: that is what makes a
build reproducible and lets documents be processed in any order, or in parallel.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from geokg.claims import Claims, claim_keys
from geokg.config import ONTOLOGY_FILE, Settings
from geokg.errors import GeokgError
from geokg.executors import executor
from geokg.extract.events import extract_events
from geokg.extract.guard import rejection
from geokg.extract.intentions import extract_intentions
from geokg.extract.memberships import extract_memberships
from geokg.extract.roles import extract_roles
from geokg.extract.treaties import extract_treaties
from geokg.ingest import collect_inputs, read_inputs
from geokg.kb import KnowledgeBase, load_kb
from geokg.link import Resolver, link_mentions
from geokg.link.named_events import named_events
from geokg.model import Document, DocumentResult, Mention, Progress, Skipped
from geokg.nlp.parsed import ParsedDocument, parse
from geokg.nlp.pipeline import load_pipeline
from geokg.rdf.iri import dataset_iri, document_iri, entity_iri
from geokg.rdf.mapping import DocumentMapper
from geokg.rdf.ontology import ONTOLOGY_IRI, skolemized
from geokg.rdf.prefixes import bind_prefixes
from geokg.rdf.reference import reference_triples
from geokg.rdf.terms import rdflib_triple


@dataclass(frozen=True)
class BuildResult:
    """The documents processed, what was found in each, and the named graphs of the build:
    one per document (named by the document's IRI), the reference KB and the ontology."""

    results: tuple[DocumentResult, ...]
    graphs: dict[str, Graph]
    skipped: tuple[Skipped, ...] = ()  # inputs, or documents of them, that were not published, and why

    @property
    def graph(self) -> Graph:
        """The union of all named graphs."""
        union = bind_prefixes(Graph())
        for graph in self.graphs.values():
            for triple in graph:
                union.add(triple)
        return union


def process(
    document: Document, *, kb: KnowledgeBase, settings: Settings, parsed: ParsedDocument | None = None
) -> DocumentResult:
    """Everything geokg finds in one document (parsed now, unless its parse is given)."""
    if parsed is None:
        parsed = parse(document, load_pipeline(settings.model))
    linked = link_mentions(parsed, kb)
    resolver = Resolver(parsed, linked)
    roles = extract_roles(parsed, resolver)
    claims = [
        *extract_memberships(parsed, resolver),
        *roles,
        *extract_events(parsed, resolver),
        *extract_treaties(parsed, resolver, kb),
        *extract_intentions(
            parsed, resolver, roles=roles, seats=kb.governed_from, lookup=kb.lookup, forces=kb.state_of_force
        ),
    ]
    mentioned = (*linked, *named_events(parsed.doc, linked))  # named events: mentioned, never actors
    mentions = tuple(Mention(m.entity, parsed.evidence(m.start, m.end)) for m in mentioned)
    verdicts = [(claim, rejection(claim)) for claim in claims]
    kept = tuple(claim for claim, reason in verdicts if reason is None)
    rejected = tuple((claim, reason) for claim, reason in verdicts if reason is not None)
    return DocumentResult(document, mentions, kept, rejected)


def build(paths: Sequence[Path], *, settings: Settings, progress: Progress | None = None) -> BuildResult:
    """Read, process and map every input, all in memory: the named graphs hold the reference KB
    and every document. For evaluation and tests; `geokg build` streams (geokg.stream)."""
    files, missing = collect_inputs(paths)
    documents, skipped = read_inputs(files, max_bytes=settings.max_bytes)  # read all first: problems show early
    skipped[:0] = missing
    kb = load_kb()
    results = []
    for number, outcome in enumerate(_process_all(documents, settings=settings), start=1):
        if progress:
            progress(number, len(documents), documents[number - 1].identifier)
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
        else:
            results.append(outcome)
    return BuildResult(tuple(results), named_graphs(results, kb=kb, settings=settings), tuple(skipped))


Outcome = DocumentResult | Skipped


def _process_all(documents: Sequence[Document], *, settings: Settings) -> Iterator[Outcome]:
    """Every document's result, in input order; on `settings.jobs` processes when more than one."""
    local = dataclasses.replace(settings, executor="local")
    with executor(local, documents=len(documents)) as runner:
        futures = [runner.submit(_process_in_worker, document, settings) for document in documents]
        yield from (future.result() for future in futures)


def _process_in_worker(document: Document, settings: Settings) -> Outcome:
    return contained(document, load_kb(), settings)


def contained(
    document: Document, kb: KnowledgeBase, settings: Settings, parsed: ParsedDocument | None = None
) -> Outcome:
    """The document's result, or, when geokg fails on it (a bug), what failed: one document's bug
    does not cost the build. A lexicon or model that cannot be loaded fails every document alike,
    so it still stops the build."""
    try:
        return process(document, kb=kb, settings=settings, parsed=parsed)
    except GeokgError:
        raise
    except Exception as err:
        where = "".join(traceback.format_exception_only(err)).strip()
        return Skipped(
            document.source or document.identifier,
            "extract",
            f"geokg failed on it, a bug ({where})",
            "Please report it with this document; the other documents were published",
        )


def named_graphs(results: Iterable[DocumentResult], *, kb: KnowledgeBase, settings: Settings) -> dict[str, Graph]:
    """The build's graphs: the ontology, the reference KB, one graph per document and the claims across them."""
    base = settings.base_iri
    graphs = {
        ONTOLOGY_IRI: skolemized(Graph().parse(ONTOLOGY_FILE, format="turtle")),
        dataset_iri("reference", base): _graph(map(rdflib_triple, reference_triples(kb, base=base))),
    }
    mapper = DocumentMapper(kb, base=base)
    claims = Claims(base)
    for result in results:
        document = document_iri(result.document.identifier, base)
        graphs[document] = _graph(map(rdflib_triple, mapper.triples(result)))
        claims.add(document, mapper.publisher, claim_keys(mapper.facts))
    if len(claims):
        labels = {entity_iri(key, base): label for key, label in mapper.labels.items()}
        graphs[dataset_iri("claims", base)] = _graph(map(rdflib_triple, claims.triples(labels)))
    return graphs


def _graph(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph
