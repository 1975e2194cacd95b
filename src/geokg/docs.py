"""Generate the ontology's HTML reference, ``docs/ontology/index.html``, from ``ontology/geokg.ttl``.

One page documents every term the ontology defines (``gk:``, ``cameo:``, ``plover:`` and the concept
schemes): labels, definitions, notes, types, class and property hierarchies, domains and ranges, the
properties a class is the domain or range of, disjointness, concept schemes and SKOS mappings. It is
written with rdflib and string templates only. The output depends only on the ontology: every list is
sorted, and there are no timestamps, tool versions or generated ids, so a rebuild is byte-identical.

Regenerate with ``python -m geokg.docs``; ``--check`` exits 1 when the page is stale.
A development tool: the default paths assume a source checkout (``ontology/`` next to ``src/``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from html import escape
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from geokg.errors import InputError
from geokg.generated import generator_main
from geokg.rdf.nsgen import english

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_PATH = ROOT / "ontology" / "geokg.ttl"
OUTPUT_PATH = ROOT / "docs" / "ontology" / "index.html"

#: IRIs under this prefix are defined by the ontology and get an entry; all others are links out.
OWN_IRI = "https://w3id.org/geokg/ontology"
GK_IRI = OWN_IRI + "#"

#: Sections of the page, in order: id, heading, and the rdf:types that put a term there.
SECTIONS: tuple[tuple[str, str, tuple[URIRef, ...]], ...] = (
    ("classes", "Classes", (OWL.Class, RDFS.Class)),
    ("object-properties", "Object properties", (OWL.ObjectProperty,)),
    ("datatype-properties", "Datatype properties", (OWL.DatatypeProperty,)),
    ("annotation-properties", "Annotation properties", (OWL.AnnotationProperty,)),
    ("schemes", "Concept schemes", (SKOS.ConceptScheme,)),
)
OTHER_SECTION = ("other", "Other terms")

#: Rows of a term's entry, in order: label and the (predicate, inverse?) pairs they show.
ROWS: tuple[tuple[str, tuple[tuple[URIRef, bool], ...]], ...] = (
    ("Type", ((RDF.type, False),)),
    ("Notation", ((SKOS.notation, False),)),
    ("Other labels", ((SKOS.altLabel, False),)),
    ("Subclass of", ((RDFS.subClassOf, False),)),
    ("Superclass of", ((RDFS.subClassOf, True),)),
    ("Equivalent to", ((OWL.equivalentClass, False), (OWL.equivalentProperty, False))),
    ("Subproperty of", ((RDFS.subPropertyOf, False),)),
    ("Superproperty of", ((RDFS.subPropertyOf, True),)),
    ("Inverse of", ((OWL.inverseOf, False), (OWL.inverseOf, True))),
    ("Domain", ((RDFS.domain, False),)),
    ("Range", ((RDFS.range, False),)),
    ("In scheme", ((SKOS.inScheme, False),)),
    ("Broader", ((SKOS.broader, False),)),
    ("Narrower", ((SKOS.broader, True),)),
    ("Close match", ((SKOS.closeMatch, False),)),
    ("Exact match", ((SKOS.exactMatch, False),)),
    ("Broad match", ((SKOS.broadMatch, False),)),
    ("Narrow match", ((SKOS.narrowMatch, False),)),
    ("Related match", ((SKOS.relatedMatch, False),)),
    (
        "Mapped from",
        tuple(
            (match, True)
            for match in (SKOS.closeMatch, SKOS.exactMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
        ),
    ),
    ("See also", ((RDFS.seeAlso, False),)),
)

#: Text annotations of an entry, in order: label and predicate.
TEXTS: tuple[tuple[str, URIRef], ...] = (
    ("Definition", SKOS.definition),
    ("Comment", RDFS.comment),
    ("Example", SKOS.example),
    ("Scope note", SKOS.scopeNote),
    ("Editorial note", SKOS.editorialNote),
)

STYLE = """
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem; margin: 0 auto; padding: 1rem 2rem; }
code { font-family: ui-monospace, monospace; font-size: 0.95em; }
a { color: #0b5394; text-decoration: none; }
a:hover { text-decoration: underline; }
h2 { border-bottom: 2px solid #ccc; margin-top: 2.5rem; }
section.term { border-left: 4px solid #dde; padding: 0.1rem 1rem; margin: 1.5rem 0; }
section.term:target { border-left-color: #0b5394; background: #f4f8fc; }
p.iri { margin: 0; color: #555; font-size: 0.9em; }
dl.rows { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
dl.rows dt { font-weight: 600; }
dl.rows dd { margin: 0; }
nav ul { columns: 2; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: left; }
""".strip()


def load_ontology(path: Path) -> Graph:
    """Parse the ontology (Turtle), binding only the prefixes the file declares."""
    if not path.is_file():
        raise InputError(str(path), "no ontology file here", "Pass --ontology with the path of ontology/geokg.ttl.")
    graph = Graph(bind_namespaces="none")
    try:
        graph.parse(path, format="turtle")
    except (BadSyntax, ValueError, IndexError) as err:  # rdflib raises IndexError on a truncated file
        raise InputError(str(path), f"not valid Turtle ({err})", "Fix the ontology file.") from err
    return graph


class Page:
    """An ontology graph with the lookups the renderer needs: ids, CURIEs and sorted values."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.prefixes = sorted(((str(iri), prefix) for prefix, iri in graph.namespaces()), key=lambda p: -len(p[0]))
        self.ontology = next(iter(sorted(graph.subjects(RDF.type, OWL.Ontology))), URIRef(OWN_IRI))
        self.own = {
            s
            for s in graph.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(OWN_IRI) and s != self.ontology
        }
        self.terms = sorted(self.own, key=self.sort_key)

    def is_own(self, iri: Node) -> bool:
        """Whether the IRI is a term this ontology defines and types (and so has an entry on the page)."""
        return iri in self.own

    def curie(self, iri: URIRef) -> str:
        """The IRI as prefix:local with the longest matching declared prefix, or the full IRI."""
        for namespace, prefix in self.prefixes:
            if str(iri).startswith(namespace) and len(str(iri)) > len(namespace):
                return f"{prefix}:{str(iri)[len(namespace) :]}"
        return str(iri)

    def anchor(self, iri: URIRef) -> str:
        """The entry's HTML id: the local name for gk: terms (as in the IRI), else the CURIE with '-'."""
        text = str(iri)
        if text.startswith(GK_IRI):
            return text[len(GK_IRI) :]
        name = self.curie(iri)
        if name == text:  # no declared prefix: the path under the ontology IRI ("cameo" for the scheme)
            name = text[len(OWN_IRI) :]
        return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")

    def sort_key(self, node: Node) -> tuple[int, str, str]:
        """Own terms first (gk: before cameo: and plover:), then by CURIE, case-insensitively."""
        text = str(node)
        rank = 0 if text.startswith(GK_IRI) else 1 if text.startswith(OWN_IRI) else 2
        name = self.curie(node) if isinstance(node, URIRef) else self.describe_node(node)
        return rank, name.lower(), name

    def values(self, subject: Node, predicate: URIRef, *, inverse: bool = False) -> list[Node]:
        """The sorted objects (or, inverse, subjects) of the subject with the predicate."""
        found = self.graph.subjects(predicate, subject) if inverse else self.graph.objects(subject, predicate)
        return sorted(set(found), key=self.sort_key)

    def label(self, subject: URIRef) -> str:
        """The English label (rdfs:label, then skos:prefLabel), or the CURIE."""
        found = english(self.graph, subject, RDFS.label) or english(self.graph, subject, SKOS.prefLabel)
        return found or self.curie(subject)

    def describe_node(self, node: Node) -> str:
        """Plain text for a node, used only to sort."""
        if isinstance(node, BNode):
            members = self.members(node, OWL.unionOf) or self.members(node, OWL.intersectionOf)
            return " ".join(str(member) for member in members)
        return str(node)

    def members(self, node: Node, predicate: URIRef) -> list[Node]:
        """The RDF list that is the node's value for predicate (owl:unionOf ...), or []."""
        head = self.graph.value(node, predicate)
        return list(Collection(self.graph, head)) if head is not None else []

    def link(self, node: Node) -> str:
        """HTML for one value: a link to an entry or out, a class expression, or escaped text."""
        if isinstance(node, Literal):
            return escape(str(node))
        if isinstance(node, BNode):
            return self.expression(node)
        if self.is_own(node) or node == self.ontology:
            target = "#" + self.anchor(node) if self.is_own(node) else "#metadata"
            code = f"<code>{escape(self.curie(node))}</code>"
            return f'<a href="{escape(target)}" title="{escape(self.label(node))}">{code}</a>'
        named = english(self.graph, node, RDFS.label)  # an outside resource the ontology labels (its creator)
        if named:
            return f'<a href="{escape(str(node))}">{escape(named)}</a>'
        shown = self.curie(node)
        inner = f"<code>{escape(shown)}</code>" if shown != str(node) else escape(shown)
        return f'<a href="{escape(str(node))}">{inner}</a>'

    def expression(self, node: BNode) -> str:
        """An anonymous class or datatype: 'A or B' for owl:unionOf, 'A and B' for owl:intersectionOf."""
        for predicate, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
            members = self.members(node, predicate)
            if members:
                return "(" + word.join(self.link(member) for member in members) + ")"
        return "(an anonymous class)"


def section_of(page: Page, term: URIRef) -> tuple[str, str]:
    """The (id, heading) of the first section whose types the term has; concepts go with their scheme."""
    types = set(page.graph.objects(term, RDF.type))
    for section_id, heading, wanted in SECTIONS:
        if types.intersection(wanted):
            return section_id, heading
    if SKOS.Concept in types and page.values(term, SKOS.inScheme):
        return "schemes", "Concept schemes"
    return OTHER_SECTION


def disjoint_with(page: Page, term: URIRef) -> list[Node]:
    """Classes stated disjoint with the term (owl:disjointWith either way, or owl:AllDisjointClasses)."""
    found = set(page.values(term, OWL.disjointWith)) | set(page.values(term, OWL.disjointWith, inverse=True))
    for group in page.graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = page.members(group, OWL.members)
        if term in members:
            found.update(member for member in members if member != term)
    return sorted(found, key=page.sort_key)


def mentions(page: Page, node: Node, term: URIRef) -> bool:
    """Whether a domain or range value is the term or a class expression that lists it."""
    if node == term:
        return True
    if isinstance(node, BNode):
        members = page.members(node, OWL.unionOf) + page.members(node, OWL.intersectionOf)
        return any(mentions(page, member, term) for member in members)
    return False


def used_with(page: Page, term: URIRef, predicate: URIRef) -> list[Node]:
    """Properties whose rdfs:domain (or rdfs:range) is the class or a union that lists it."""
    pairs = page.graph.subject_objects(predicate)
    found = {prop for prop, value in pairs if isinstance(prop, URIRef) and mentions(page, value, term)}
    return sorted(found, key=page.sort_key)


def instances(page: Page, term: URIRef) -> list[Node]:
    """The ontology's own individuals of a class (the concepts of gk:Modality, ...)."""
    return [node for node in page.values(term, RDF.type, inverse=True) if page.is_own(node)]


def top_concepts(page: Page, term: URIRef) -> list[Node]:
    """A scheme's top concepts, stated either way (skos:hasTopConcept or skos:topConceptOf)."""
    found = set(page.values(term, SKOS.hasTopConcept)) | set(page.values(term, SKOS.topConceptOf, inverse=True))
    return sorted(found, key=page.sort_key)


#: Rows computed rather than read from one predicate, in order after ROWS: label and function.
DERIVED: tuple[tuple[str, Callable[[Page, URIRef], list[Node]]], ...] = (
    ("Disjoint with", disjoint_with),
    ("Domain of", lambda page, term: used_with(page, term, RDFS.domain)),
    ("Range of", lambda page, term: used_with(page, term, RDFS.range)),
    ("Members", instances),
    ("Top concepts", top_concepts),
)


def row_html(page: Page, label: str, values: Iterable[Node]) -> list[str]:
    """A <dt>/<dd> pair listing the values, or nothing when there are none."""
    items = [page.link(value) for value in values]
    if not items:
        return []
    return [f"<dt>{escape(label)}</dt>", f"<dd>{', '.join(items)}</dd>"]


def entry_rows(page: Page, term: URIRef) -> list[str]:
    """The <dl> rows of a term's entry."""
    lines: list[str] = []
    for label, sources in ROWS:
        found: set[Node] = set()
        for predicate, inverse in sources:
            found.update(page.values(term, predicate, inverse=inverse))
        if label == "Type":
            found.discard(OWL.NamedIndividual)
        lines += row_html(page, label, sorted(found, key=page.sort_key))
    for label, function in DERIVED:
        lines += row_html(page, label, function(page, term))
    return lines


def entry_html(page: Page, term: URIRef, level: int = 3) -> list[str]:
    """One term's entry: heading, IRI, text annotations, then its rows."""
    lines = [
        f'<section class="term" id="{escape(page.anchor(term))}">',
        f"<h{level}>{escape(page.label(term))} <code>{escape(page.curie(term))}</code></h{level}>",
        f'<p class="iri"><a href="{escape(str(term))}">{escape(str(term))}</a></p>',
    ]
    for label, predicate in TEXTS:
        for text in sorted(str(v) for v in page.graph.objects(term, predicate) if is_english(v)):
            lines.append(f"<p><strong>{escape(label)}:</strong> {escape(' '.join(text.split()))}</p>")
    rows = entry_rows(page, term)
    if rows:
        lines += ['<dl class="rows">', *rows, "</dl>"]
    return [*lines, "</section>"]


def is_english(value: Node) -> bool:
    """Whether a value is an English or untagged literal."""
    return isinstance(value, Literal) and value.language in (None, "en")


def scheme_concepts(page: Page, scheme: URIRef) -> list[URIRef]:
    """The concepts of a scheme, in sort order."""
    found = set(page.values(scheme, SKOS.inScheme, inverse=True)) | set(top_concepts(page, scheme))
    return sorted((c for c in found if page.is_own(c) and section_of(page, c)[0] == "schemes"), key=page.sort_key)


def grouped_terms(page: Page) -> list[tuple[str, str, list[URIRef]]]:
    """(id, heading, terms) for each non-empty section; concepts are listed under their scheme."""
    order = [(section_id, heading) for section_id, heading, _ in SECTIONS] + [OTHER_SECTION]
    groups: dict[str, list[URIRef]] = {section_id: [] for section_id, _ in order}
    for term in page.terms:
        section_id, _ = section_of(page, term)
        is_concept = section_id == "schemes" and SKOS.ConceptScheme not in set(page.graph.objects(term, RDF.type))
        if not is_concept:
            groups[section_id].append(term)
    return [(section_id, heading, groups[section_id]) for section_id, heading in order if groups[section_id]]


def section_html(page: Page, section_id: str, heading: str, terms: list[URIRef]) -> list[str]:
    """A section of the page; a scheme's entry is followed by the entries of its concepts."""
    lines = [f'<section id="{section_id}">', f"<h2>{escape(heading)}</h2>"]
    for term in terms:
        lines += entry_html(page, term)
        if section_id == "schemes":
            lines += [entry for concept in scheme_concepts(page, term) for entry in entry_html(page, concept, level=4)]
    return [*lines, "</section>"]


def contents_html(page: Page, groups: list[tuple[str, str, list[URIRef]]]) -> list[str]:
    """The table of contents: each section with links to its entries."""
    lines = ['<nav id="contents">', "<h2>Contents</h2>", "<ul>", '<li><a href="#metadata">Metadata</a></li>']
    for section_id, heading, terms in groups:
        links = ", ".join(page.link(term) for term in terms)
        lines.append(f'<li><a href="#{section_id}">{escape(heading)}</a>: {links}</li>')
    lines.append('<li><a href="#namespaces">Namespaces</a></li>')
    return [*lines, "</ul>", "</nav>"]


#: Ontology header rows: label and predicate.
METADATA: tuple[tuple[str, URIRef], ...] = (
    ("Version IRI", OWL.versionIRI),
    ("Version", OWL.versionInfo),
    ("Creator", DCTERMS.creator),
    ("Publisher", DCTERMS.publisher),
    ("License", DCTERMS.license),
    ("Preferred prefix", VANN.preferredNamespacePrefix),
    ("Namespace", VANN.preferredNamespaceUri),
    ("Imports", OWL.imports),
)


def metadata_html(page: Page) -> list[str]:
    """The ontology's title, description and header annotations."""
    ontology = page.ontology
    title = english(page.graph, ontology, DCTERMS.title) or page.label(ontology)
    lines = [f"<h1>{escape(title)}</h1>", '<section id="metadata">', "<h2>Metadata</h2>"]
    for predicate in (DCTERMS.description, RDFS.comment):
        for text in sorted(str(v) for v in page.graph.objects(ontology, predicate) if is_english(v)):
            lines.append(f"<p>{escape(' '.join(text.split()))}</p>")
    rows = ["<dt>IRI</dt>", f'<dd><a href="{escape(str(ontology))}">{escape(str(ontology))}</a></dd>']
    for label, predicate in METADATA:
        rows += row_html(page, label, page.values(ontology, predicate))
    return [*lines, '<dl class="rows">', *rows, "</dl>", "</section>"]


def namespaces_html(page: Page) -> list[str]:
    """The prefixes the ontology file declares, as a table."""
    lines = ['<section id="namespaces">', "<h2>Namespaces</h2>", "<table>", "<tr><th>prefix</th><th>IRI</th></tr>"]
    for prefix, iri in sorted(page.graph.namespaces()):
        lines.append(f"<tr><td><code>{escape(prefix)}</code></td><td><code>{escape(str(iri))}</code></td></tr>")
    return [*lines, "</table>", "</section>"]


def render(graph: Graph) -> str:
    """The HTML page documenting an ontology graph."""
    page = Page(graph)
    groups = grouped_terms(page)
    title = english(graph, page.ontology, DCTERMS.title) or "ontology"
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<!-- GENERATED from ontology/geokg.ttl by python -m geokg.docs: do not edit by hand. -->",
        *metadata_html(page),
        *contents_html(page, groups),
    ]
    for section_id, heading, terms in groups:
        lines += section_html(page, section_id, heading, terms)
    lines += [*namespaces_html(page), "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def render_ontology_docs(ontology_path: Path | str = ONTOLOGY_PATH) -> str:
    """The HTML reference page for the ontology file (deterministic: same file, same bytes)."""
    return render(load_ontology(Path(ontology_path)))


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with --check, verify) the ontology's HTML reference; return the exit code."""
    return generator_main(
        argv,
        prog="python -m geokg.docs",
        description=__doc__.splitlines()[0],
        render=render_ontology_docs,
        ontology=ONTOLOGY_PATH,
        output=OUTPUT_PATH,
        what="HTML file",
    )


if __name__ == "__main__":
    sys.exit(main())
