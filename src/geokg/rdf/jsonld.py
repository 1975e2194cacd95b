"""Compact JSON-LD: the build's graphs with IRIs written as prefixed names (gk:StatedIntention,
rdfs:label) through a context of prefixes only, the one shipped as ontology/context.jsonld.

pyoxigraph writes JSON-LD in expanded form (every IRI in full). Each named graph is serialized
on its own and compacted here, one graph at a time, so a build of any size is never held in
memory. The context is written inline in the document, so that no reader ever fetches it; it is
also published at CONTEXT_IRI (geokg serve answers it), for those who want to refer to it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from geokg.config import RESOURCES

CONTEXT_FILE = RESOURCES / "ontology" / "context.jsonld"
CONTEXT_IRI = "https://w3id.org/geokg/ontology/context.jsonld"
_KEYWORDS_WITH_IRIS = {"@id", "@type"}


@functools.cache
def context() -> dict[str, str]:
    """The shipped context: prefix → namespace."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def compact_document(graphs: Iterable[bytes]) -> Iterator[bytes]:
    """A compact JSON-LD document, in pieces, from the N-Quads of each graph (one graph each, in
    the order given): `{"@context": {...}, "@graph": [graph, graph, ...]}`."""
    yield b'{\n"@context": ' + json.dumps(context(), sort_keys=True).encode("utf-8") + b',\n"@graph": ['
    first = True
    for nquads in graphs:
        expanded = json.loads(ox.serialize(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.JSON_LD))
        for node in expanded:
            yield (b"\n" if first else b",\n") + json.dumps(compact(node), ensure_ascii=False).encode("utf-8")
            first = False
    yield b"\n]}\n"


def compact(value):
    """An expanded JSON-LD value with its IRIs as prefixed names where a prefix of the context
    covers them: property names, `@id` and `@type` values (node types and datatypes)."""
    if isinstance(value, list):
        return [compact(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key in _KEYWORDS_WITH_IRIS:
            out[key] = [curie(i) for i in item] if isinstance(item, list) else curie(item)
        elif key.startswith("@"):
            out[key] = compact(item)
        else:
            out[curie(key)] = compact(item)
    return out


def curie(iri: str) -> str:
    """`iri` as prefix:local when a namespace of the context starts it (the longest one), else as it is."""
    best = ""
    for prefix, namespace in _by_length():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            local = iri[len(namespace) :]
            if not local.startswith("//"):
                best = f"{prefix}:{local}"
                break
    return best or iri


@functools.cache
def _by_length() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(context().items(), key=lambda item: (-len(item[1]), item[0])))
