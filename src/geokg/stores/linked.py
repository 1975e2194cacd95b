"""Linked Data from a build's store: content negotiation, a resource's description, a whole graph,
and the HTML page a browser gets.

A resource's description holds what the build states about it (every triple with it as subject,
from the default graph: the union of the build's graphs) and the labels of what those triples
point to, so that a reader sees names and not only IRIs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pyoxigraph as ox

TEXT = "text/plain; charset=utf-8"
HTML = "text/html"
RDF_TYPES = {  # the first is the default, for a client that states no preference
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@dataclass(frozen=True)
class Reply:
    """An answer for the HTTP front: its status, media type and body."""

    status: int
    media_type: str
    body: bytes


def negotiate(accept: str, offers) -> str:
    """The offered media type the Accept header prefers (by quality, then by the order of
    `offers`); the first offer when the header is empty or accepts none of them."""
    best, best_quality = next(iter(offers)), 0.0
    for rank, offer in enumerate(offers):
        quality = _quality(accept, offer)
        if quality > best_quality or (rank == 0 and quality == best_quality):
            best, best_quality = offer, quality
    return best


def _quality(accept: str, offer: str) -> float:
    """How much the header wants `offer`: the q of its most specific matching range."""
    kind = offer.split("/")[0]
    found, specificity = 0.0, -1
    for item in accept.split(","):
        media, _, parameters = item.strip().partition(";")
        media = media.strip().lower()
        level = 2 if media == offer else 1 if media == f"{kind}/*" else 0 if media == "*/*" else -1
        if level > specificity:
            found, specificity = _q(parameters), level
    return found


def _q(parameters: str) -> float:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(1.0, max(0.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0


def description(store: ox.Store, iri: str, accept: str, base_iri: str = "") -> Reply:
    """What the build states about `iri`, in the format the client prefers (HTML for a browser);
    404 when it states nothing."""
    subject = ox.NamedNode(iri)
    triples = [q.triple for q in store.quads_for_pattern(subject, None, None, ox.DefaultGraph())]
    if not triples:
        return Reply(404, TEXT, f"the build states nothing about <{iri}>".encode())
    linked = {t.object for t in triples if isinstance(t.object, ox.NamedNode)} | {t.predicate for t in triples}
    labels = [
        q.triple
        for node in sorted(linked - {subject}, key=str)
        for q in store.quads_for_pattern(node, _LABEL, None, ox.DefaultGraph())
    ]
    return _rdf(sorted(set(triples), key=str) + sorted(set(labels), key=str), accept, iri, base_iri=base_iri)


def graph(store: ox.Store, name: str | None, accept: str) -> Reply:
    """A whole graph of the store (None: the default graph), as the Graph Store Protocol's GET."""
    graph_name = ox.DefaultGraph() if name is None else ox.NamedNode(name)
    if name is not None and not store.contains_named_graph(graph_name):
        return Reply(404, TEXT, f"the build has no graph <{name}>".encode())
    triples = sorted((q.triple for q in store.quads_for_pattern(None, None, None, graph_name)), key=str)
    return _rdf(triples, accept, name or "the default graph", html_ok=False)


def _rdf(triples: list, accept: str, title: str, *, html_ok: bool = True, base_iri: str = "") -> Reply:
    offers = [*RDF_TYPES, HTML] if html_ok else list(RDF_TYPES)
    media = negotiate(accept, offers)
    if media == HTML:
        return Reply(200, "text/html; charset=utf-8", page(title, triples, base_iri).encode("utf-8"))
    return Reply(200, media, ox.serialize(triples, format=RDF_TYPES[media]) or b"")


def page(iri: str, triples: list, base_iri: str = "") -> str:
    """A plain HTML page of a resource's triples, every value escaped; a link to another of the
    build's own IRIs (under `base_iri`) goes to its page on this server."""
    labels = {t.subject: t.object.value for t in triples if t.predicate == _LABEL and t.subject.value != iri}
    rows = "\n".join(
        f"<tr><td>{_node(t.predicate, labels, base_iri)}</td><td>{_node(t.object, labels, base_iri)}</td></tr>"
        for t in triples
        if t.subject.value == iri
    )
    name = next((t.object.value for t in triples if t.subject.value == iri and t.predicate == _LABEL), iri)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(name)}</title></head>\n<body>\n<h1>{html.escape(name)}</h1>\n"
        f"<p><code>{html.escape(iri)}</code></p>\n"
        f"<table>\n<tr><th>property</th><th>value</th></tr>\n{rows}\n</table>\n</body></html>\n"
    )


def _node(term, labels: dict, base_iri: str) -> str:
    if isinstance(term, ox.NamedNode):
        text = labels.get(term, term.value)
        local = base_iri and term.value.startswith(base_iri)
        href = "/doc/" + term.value.removeprefix(base_iri) if local else term.value
        return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'
    if isinstance(term, ox.Literal):
        return html.escape(term.value)
    return html.escape(str(term))
