"""Generate ``geokg/rdf/namespaces.py`` from the ontology, the one source of truth.

Every term the ontology declares in the ``gk:`` namespace (and in its CAMEO and PLOVER
concept schemes) becomes a member of a closed rdflib ``DefinedNamespace``, so a misspelt
term raises ``AttributeError`` instead of minting a new IRI. The W3C Web Annotation terms
geokg uses are a fixed list here. The output depends only on the ontology: sorted, no
timestamps.

Regenerate with ``python -m geokg.rdf.nsgen``; ``--check`` exits 1 when the file is stale.
A development tool: the default paths assume a source checkout (``ontology/`` next to ``src/``).
"""

from __future__ import annotations

import keyword
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from geokg.generated import generator_main

ROOT = Path(__file__).resolve().parents[3]
ONTOLOGY_PATH = ROOT / "ontology" / "geokg.ttl"
OUTPUT_PATH = Path(__file__).resolve().with_name("namespaces.py")

GK_IRI = "https://w3id.org/geokg/ontology#"
CAMEO_IRI = "https://w3id.org/geokg/ontology/cameo#"
PLOVER_IRI = "https://w3id.org/geokg/ontology/plover#"
OA_IRI = "http://www.w3.org/ns/oa#"
LINE_WIDTH = 120

#: The W3C Web Annotation terms geokg uses for evidence: name -> (section, meaning).
OA_TERMS: dict[str, tuple[str, str]] = {
    "SpecificResource": ("Classes", "A resource with a more specific scope: here, a span of a document"),
    "TextQuoteSelector": ("Classes", "Selects a span by quoting its exact text"),
    "TextPositionSelector": ("Classes", "Selects a span by start and end positions (code points, end exclusive)"),
    "hasSource": ("Object properties", "The resource a SpecificResource is part of: the document"),
    "hasSelector": ("Object properties", "A selector that picks the segment out of the source"),
    "exact": ("Datatype properties", "The exact text of the selected span"),
    "prefix": ("Datatype properties", "A snippet of text just before the selected span"),
    "suffix": ("Datatype properties", "A snippet of text just after the selected span"),
    "start": ("Datatype properties", "The start position of the span (inclusive)"),
    "end": ("Datatype properties", "The end position of the span (exclusive)"),
}

#: Sections of a generated class, in order: heading and the rdf:types that put a term there.
SECTIONS: tuple[tuple[str, tuple[URIRef, ...]], ...] = (
    ("Classes", (OWL.Class, RDFS.Class)),
    ("Object properties", (OWL.ObjectProperty,)),
    ("Datatype properties", (OWL.DatatypeProperty,)),
    ("Annotation properties", (OWL.AnnotationProperty,)),
    ("Concept schemes", (SKOS.ConceptScheme,)),
    ("Concepts and individuals", (SKOS.Concept, OWL.NamedIndividual)),
)
OTHER_SECTION = "Other terms"


@dataclass(frozen=True)
class Term:
    """One member of a generated namespace: its local name, section and one-line comment."""

    name: str
    section: str
    comment: str


@dataclass(frozen=True)
class NamespaceSpec:
    """What one generated ``DefinedNamespace`` class holds."""

    class_name: str
    iri: str
    title: str
    terms: tuple[Term, ...]


def load_ontology(path: Path = ONTOLOGY_PATH) -> Graph:
    """Parse the ontology's Turtle file."""
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def one_line(text: str, width: int = LINE_WIDTH) -> str:
    """Collapse whitespace and cut the text to ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3].rstrip() + "..."


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    """The English (or untagged) value of an annotation, or "" when there is none."""
    values = sorted(
        str(value)
        for value in graph.objects(subject, predicate)
        if isinstance(value, Literal) and value.language in (None, "en")
    )
    return values[0] if values else ""


def describe(graph: Graph, subject: URIRef) -> str:
    """A term's comment: its label, then its definition or comment."""
    label = english(graph, subject, RDFS.label) or english(graph, subject, SKOS.prefLabel)
    meaning = english(graph, subject, SKOS.definition) or english(graph, subject, RDFS.comment)
    return one_line(" - ".join(part for part in (label, meaning) if part))


def section_of(graph: Graph, subject: URIRef) -> str:
    """The heading of the first section whose types the subject has."""
    types = set(graph.objects(subject, RDF.type))
    for heading, wanted in SECTIONS:
        if types.intersection(wanted):
            return heading
    return OTHER_SECTION


def declared_terms(graph: Graph, namespace: str) -> list[Term]:
    """Every typed subject in ``namespace``, sorted by section order then name."""
    subjects = {
        subject
        for subject in graph.subjects(RDF.type, None)
        if isinstance(subject, URIRef) and str(subject).startswith(namespace)
    }
    terms = [
        Term(str(subject)[len(namespace) :], section_of(graph, subject), describe(graph, subject))
        for subject in subjects
        if len(str(subject)) > len(namespace)
    ]
    return sort_terms(terms)


def sort_terms(terms: Iterable[Term]) -> list[Term]:
    """Terms sorted by section order, then by name."""
    order = [heading for heading, _ in SECTIONS] + [OTHER_SECTION]
    return sorted(terms, key=lambda term: (order.index(term.section), term.name))


def ontology_title(graph: Graph) -> str:
    """The ontology's title and version, for the GK docstring."""
    title, version = "geokg ontology", ""
    for ontology in sorted(graph.subjects(RDF.type, OWL.Ontology)):
        title = english(graph, ontology, DCTERMS.title) or title
        version = english(graph, ontology, OWL.versionInfo) or version
    return f"{title} (version {version})" if version else title


def namespace_specs(graph: Graph) -> list[NamespaceSpec]:
    """The namespaces to generate, in output order."""
    oa_terms = sort_terms(Term(name, section, text) for name, (section, text) in OA_TERMS.items())
    cameo_title = "CAMEO 1.1b3 event codes (a concept scheme in the geokg ontology)"
    plover_title = "PLOVER event types (a concept scheme in the geokg ontology)"
    oa_title = "W3C Web Annotation vocabulary: the terms geokg uses for evidence"
    return [
        NamespaceSpec("GK", GK_IRI, one_line(ontology_title(graph)), tuple(declared_terms(graph, GK_IRI))),
        NamespaceSpec("CAMEO", CAMEO_IRI, cameo_title, tuple(declared_terms(graph, CAMEO_IRI))),
        NamespaceSpec("PLOVER", PLOVER_IRI, plover_title, tuple(declared_terms(graph, PLOVER_IRI))),
        NamespaceSpec("OA", OA_IRI, oa_title, tuple(oa_terms)),
    ]


def is_attribute(name: str) -> bool:
    """Whether a local name can be a Python attribute (else it goes into ``_extras``)."""
    return name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_")


def render_members(terms: Iterable[Term]) -> list[str]:
    """The annotated members of a class body, under section headings."""
    lines: list[str] = []
    current = None
    for term in terms:
        if not is_attribute(term.name):
            continue
        if term.section != current:
            lines += ["", f"    # {term.section}"]
            current = term.section
        lines.append(with_comment(f"    {term.name}: URIRef", term.comment))
    return lines


def with_comment(code: str, comment: str) -> str:
    """A line of code with its comment, cut so that the line fits in LINE_WIDTH."""
    if not comment:
        return code
    return f"{code}  # {one_line(comment, LINE_WIDTH - len(code) - 4)}"


def render_extras(terms: Sequence[Term]) -> list[str]:
    """The ``_extras`` tuple for local names that are not Python identifiers (CAMEO "13")."""
    extras = [term for term in terms if not is_attribute(term.name)]
    if not extras:
        return []
    lines = ["", '    # Not Python identifiers: use NAMESPACE["name"]', "    _extras = ("]
    lines += [with_comment(f'        "{term.name}",', term.comment) for term in extras]
    return [*lines, "    )"]


def render_class(spec: NamespaceSpec) -> list[str]:
    """One closed ``DefinedNamespace`` class."""
    head = [
        "",
        "",
        f"class {spec.class_name}(DefinedNamespace):",
        f'    """{spec.title}."""',
        "",
        f'    _NS = Namespace("{spec.iri}")',
        "    _fail = True",
    ]
    return head + render_members(spec.terms) + render_extras(spec.terms)


HEADER = '''"""Closed RDF namespaces for geokg, one import place for every vocabulary the code uses.

GENERATED from ontology/geokg.ttl by ``python -m geokg.rdf.nsgen``: do not edit by hand,
change the ontology and regenerate. A test fails when this file is stale.

The namespaces are closed: ``GK.Plan`` is a URIRef, ``GK.Plna`` raises AttributeError.
"""

from rdflib.namespace import (
    DCAT,
    DCTERMS,
    GEO,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    VOID,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = [
    "CAMEO",
    "DCAT",
    "DCTERMS",
    "GEO",
    "GK",
    "OA",
    "ORG",
    "OWL",
    "PLOVER",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "TIME",
    "VOID",
    "XSD",
]'''


def render(graph: Graph) -> str:
    """The text of ``namespaces.py`` for an ontology graph."""
    lines = [HEADER]
    for spec in namespace_specs(graph):
        lines += render_class(spec)
    return "\n".join(lines) + "\n"


def generate(ontology: Path = ONTOLOGY_PATH) -> str:
    """The text of ``namespaces.py`` for the ontology file."""
    return render(load_ontology(ontology))


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with --check, verify) the namespaces module; return the exit code."""
    return generator_main(
        argv,
        prog="python -m geokg.rdf.nsgen",
        description=__doc__.splitlines()[0],
        render=generate,
        ontology=ONTOLOGY_PATH,
        output=OUTPUT_PATH,
        what="module",
    )


if __name__ == "__main__":
    sys.exit(main())
