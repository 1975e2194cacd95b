"""Validate a graph against geokg's SHACL shapes (shapes/*.ttl) and report what does not conform.

Validation runs without inference: the mapping types every resource with its most specific
class only, and the shapes list the concrete classes wherever a superclass is meant (see
shapes/actors.ttl). Two engines: pySHACL, the reference, reports what does not conform (about
5,000 triples a second); rudof's native engine gives a build the verdict on each batch, ten times
faster, and pySHACL reports only when the verdict is no (validate_lines).
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import RDF, RDFS, SH, NamespaceManager
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from geokg.config import SHAPES_DIR
from geokg.errors import GeokgError, InputError
from geokg.rdf.prefixes import PREFIXES

SHAPES_NAMESPACE = "https://w3id.org/geokg/shapes#"


@dataclass(frozen=True)
class Violation:
    """One validation result: which node, along which path, broke which shape, and why."""

    focus_node: Node
    path: Node | None
    value: Node | None
    message: str
    shape: Node
    severity: Node
    constraint: Node

    def sort_key(self) -> tuple[str, ...]:
        return (*(_show(term) for term in self._terms()), self.message)

    def text(self) -> str:
        """Two or three lines: the focus node, what broke where, and the shape's message."""
        focus, path, value, shape, _ = (_show(term) for term in self._terms())
        where = f"  {_local(self.severity)} of {shape} ({_local(self.constraint)})"
        if self.path is not None:
            where += f" on {path}"
        if self.value is not None:
            where += f", value {value}"
        return f"{focus}\n{where}\n  {self.message}"

    def _terms(self) -> tuple[Node | None, ...]:
        return (self.focus_node, self.path, self.value, self.shape, self.constraint)


@dataclass(frozen=True)
class ValidationReport:
    """Whether a graph conforms, its violations in a stable order, and pySHACL's results graph."""

    conforms: bool
    violations: tuple[Violation, ...]
    results_graph: Graph = field(default_factory=Graph, repr=False, compare=False)

    def text(self) -> str:
        """A readable summary, sorted and deterministic."""
        if self.conforms:
            return "The graph conforms to the shapes."
        count = len(self.violations)
        head = f"The graph does not conform to the shapes: {count} result{'s' if count != 1 else ''}."
        return "\n".join([head, *(violation.text() for violation in self.violations)])

    def graph_turtle(self) -> str:
        """pySHACL's validation report graph, serialized as Turtle."""
        return self.results_graph.serialize(format="turtle")

    def published_turtle(self, report_iri: str, data_iri: str) -> bytes:
        """The report of a published build as an `sh:ValidationReport` named `report_iri` (no
        blank nodes, no dates: the same bytes for the same build), about the dataset `data_iri`.
        A published build always conforms: a build that does not is not published."""
        import pyoxigraph as ox

        report, sh = ox.NamedNode(report_iri), "http://www.w3.org/ns/shacl#"
        triples = [
            ox.Triple(report, ox.NamedNode(str(RDF.type)), ox.NamedNode(sh + "ValidationReport")),
            ox.Triple(
                report,
                ox.NamedNode(sh + "conforms"),
                ox.Literal(
                    "true" if self.conforms else "false",
                    datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"),
                ),
            ),
            ox.Triple(report, ox.NamedNode("http://purl.org/dc/terms/subject"), ox.NamedNode(data_iri)),
        ]
        prefixes = {"sh": sh, "dcterms": "http://purl.org/dc/terms/"}
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""


def validate(data: Graph, *, shapes: Graph | None = None, ontology: Graph | None = None) -> ValidationReport:
    """Validate `data` against `shapes` (default: `load_shapes()`); `data` is not changed.

    `ontology`, when given, lends its rdfs:subClassOf axioms to a copy of the data, so that
    sh:class in custom shapes can follow them; no inference is run, and the shipped shapes do
    not need the ontology. (pySHACL's own ont_graph mixing deep-clones every
    owl:NamedIndividual and takes minutes on the geokg ontology, so it is not used.)
    """
    import pyshacl  # here: a build's workers need rudof only, and pySHACL takes 0.2 s to import
    from pyshacl.errors import ReportableRuntimeError

    if ontology is not None:
        data = _copy(data)
        data += ontology.triples((None, RDFS.subClassOf, None))
    try:
        conforms, results, _ = pyshacl.validate(
            data,
            shacl_graph=_copy(_default_shapes() if shapes is None else shapes),
            inference="none",
            abort_on_first=False,
            allow_warnings=False,
            advanced=False,
        )
    except ReportableRuntimeError as err:
        raise GeokgError(f"SHACL validation could not run: {err}. Check the shapes files in {shapes_dir()}.") from err
    violations = tuple(sorted(_violations(results), key=Violation.sort_key))
    return ValidationReport(bool(conforms), violations, results)


def validate_lines(ntriples: bytes) -> tuple[Violation, ...]:
    """The violations of the shipped shapes in N-Triples data (none: it conforms).

    rudof's native engine (Rust) gives the verdict, ten times faster than pySHACL; when the data
    does not conform, pySHACL, the reference, says why. tests/test_shapes.py runs every shape case
    through both engines, so a difference between them fails the tests, not a build.
    """
    if conforms_natively(ntriples):
        return ()
    return validate(Graph().parse(data=ntriples, format="nt")).violations


def conforms_natively(ntriples: bytes) -> bool:
    """Whether N-Triples data conforms to the shipped shapes, by rudof's native engine. A fresh
    engine each time: one engine reads data on top of what it read before (pyrudof 0.3)."""
    import pyrudof

    try:
        engine = pyrudof.Rudof(pyrudof.RudofConfig())
        engine.read_shacl(_shapes_turtle(), reader_mode=pyrudof.ReaderMode.Strict)
        with _no_tls_roots():
            engine.read_data(
                ntriples.decode("utf-8"), format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict
            )
        return engine.validate_shacl().conforms
    except pyrudof.RudofError as err:
        raise GeokgError(f"SHACL validation could not run: {err}. Check the shapes files in {shapes_dir()}.") from err


@contextlib.contextmanager
def _no_tls_roots() -> Iterator[None]:
    """While pyrudof reads inline data: no TLS root certificates to load. pyrudof 0.3 makes an HTTP
    client for every `read_data` (its input may be a URL), and the client reads and decodes every
    certificate of the system's store: 60 ms a call, whatever the data's size, as much as
    validating 2,000 triples. Inline data makes no request, so rustls is pointed at an empty store
    (SSL_CERT_FILE and SSL_CERT_DIR, which it reads first) and the variables are then put back."""
    saved = {name: os.environ.get(name) for name in _TLS_ROOTS}
    os.environ.update(_TLS_ROOTS)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


_TLS_ROOTS = {"SSL_CERT_FILE": os.devnull, "SSL_CERT_DIR": os.devnull}


@functools.cache
def _shapes_turtle() -> str:
    return _default_shapes().serialize(format="turtle")


def shapes_dir() -> Path:
    """The directory holding the shapes, shipped in the package (geokg/resources/shapes)."""
    if any(SHAPES_DIR.glob("*.ttl")):
        return SHAPES_DIR
    raise GeokgError(f"no SHACL shapes found (looked in {SHAPES_DIR}). Reinstall geokg.")


def load_shapes(directory: Path | None = None) -> Graph:
    """All shapes of `directory` (default: `shapes_dir()`) as one graph, files in name order."""
    graph = Graph()
    for path in sorted((directory or shapes_dir()).glob("*.ttl")):
        try:
            graph.parse(path, format="turtle")
        except BadSyntax as err:
            problem = f"the shapes file is not valid Turtle: {err}"
            raise InputError(str(path), problem, "Fix its syntax.") from err
    return graph


@functools.cache
def _default_shapes() -> Graph:
    """The shipped shapes, parsed once; never handed out or to pySHACL, only copies of it."""
    return load_shapes()


def _copy(graph: Graph) -> Graph:
    """A copy (pySHACL adds a few triples of its own to the shapes graph it is given)."""
    copy = Graph()
    copy += graph
    return copy


def _violations(results: Graph) -> list[Violation]:
    """The report's own results, not the nested ones pySHACL adds as their sh:detail."""
    reports = results.subjects(RDF.type, SH.ValidationReport)
    top = (result for report in reports for result in results.objects(report, SH.result))
    return [_violation(results, result) for result in top]


def _violation(results: Graph, result: Node) -> Violation:
    messages = sorted(str(message) for message in results.objects(result, SH.resultMessage))
    return Violation(
        focus_node=results.value(result, SH.focusNode),
        path=results.value(result, SH.resultPath),
        value=results.value(result, SH.value),
        message=" ".join(messages),
        shape=results.value(result, SH.sourceShape),
        severity=results.value(result, SH.resultSeverity),
        constraint=results.value(result, SH.sourceConstraintComponent),
    )


@functools.cache
def _namespaces() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in {**PREFIXES, "gksh": SHAPES_NAMESPACE, "sh": str(SH)}.items():
        manager.bind(prefix, Namespace(namespace))
    return manager


def _show(term: Node | None) -> str:
    """A term as text, independent of blank node labels (which change from run to run)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return "[]"
    if isinstance(term, Literal):
        return term.n3(_namespaces())
    return term.n3(_namespaces()) if _is_vocabulary(term) else f"<{term}>"


def _is_vocabulary(term: Node) -> bool:
    """Vocabulary terms print as prefixed names; instance IRIs (focus nodes, values) in full."""
    return any(str(term).startswith(ns) for ns in (*PREFIXES.values(), SHAPES_NAMESPACE, str(SH)))


def _local(term: Node) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
