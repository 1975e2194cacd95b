"""Hostile strings through the whole path, read back by parsers geokg does not write with.

Document text and file name (ingest), entity labels, fact strings (action, condition, cue, role
title, event label) are built from quotes, backslashes, line breaks, tabs, right-to-left text,
emoji, combining marks, control characters and IRI-breaking names; a DocumentResult is made by
hand (no spaCy), mapped by DocumentMapper, rendered by geokg.publish.render in every format, and
parsed back by pyoxigraph (and rdflib for Turtle and N-Triples): the statements read back are
exactly those the mapper produced, compared with a conversion of the mapper's terms that does not
go through any serialiser.
"""

from __future__ import annotations

import functools

import pyoxigraph as ox
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from geokg.ingest import read_text
from geokg.kb import load_kb
from geokg.model import (
    CERTAINTIES,
    ENTITY_KINDS,
    MODALITIES,
    Attribution,
    DocumentResult,
    Entity,
    Event,
    Evidence,
    Membership,
    Mention,
    RoleAssignment,
    StatedIntention,
    TreatyMention,
)
from geokg.publish import FORMATS, render, to_quads
from geokg.rdf import iri
from geokg.rdf import namespaces as ns
from geokg.rdf.iri import DEFAULT_BASE, local_key
from geokg.rdf.mapping import DocumentMapper
from geokg.rdf.terms import rdflib_triple

ROUNDTRIP = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = (
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\\u0041",
    "\n",
    "\r",
    "\r\n",
    "\t",
    " ",
    "  ",
    "\u202e",
    "\u200f",
    "\u200b",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "\x85",
    "\xa0",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1f",
    "\x7f",
    "שלום",
    "مرحبا بكم",
    "Ελλάδα",
    "日本",
    "Україна",
    "😀",
    "👩\u200d👩\u200d👧",
    "🇺🇦",
    "e\u0301",
    "a\u0308\u0301",
    "\u0301",
    "#",
    "%",
    "%20",
    "%zz",
    "<",
    ">",
    "{",
    "}",
    "|",
    "^",
    "`",
    "?",
    "&",
    "@",
    ":",
    ";",
    ",",
    ".",
    "..",
    "[",
    "]",
    "(",
    ")",
    "_:b0",
    "<http://example.org/x>",
    "@prefix",
    " .",
    "true",
    "1e10",
)
EVENT_TYPES = ("Annexation", "MilitaryExercise", "Referendum", "Summit", "Invasion", "Ceasefire")
BYLINE_NAMES = ("Zoë O'Brien", "José Ñúñez", "Łukasz Żółć", "Anne-Marie D'Arcy", "Konstantin Eggert")


def _characters():
    return st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


hostile = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(_characters(), max_size=6)), min_size=1, max_size=6).map(
    "".join
)
# Any name a file can have on Linux: no "/" and no NUL, never "." or "..".
file_names = hostile.map(lambda s: s.replace("/", "\u2215")).filter(lambda s: s not in (".", ".."))


@functools.cache
def kb_entities() -> tuple[Entity, ...]:
    """The reference entities, in a stable order, that documents may name besides made-up ones."""
    kb = load_kb()
    return tuple(kb.entities[key] for key in sorted(kb.entities))


@st.composite
def entities(draw) -> Entity:
    if draw(st.integers(0, 3)) == 0:
        known = kb_entities()
        return known[draw(st.integers(0, len(known) - 1))]
    kind = draw(st.sampled_from(ENTITY_KINDS))
    label = draw(hostile)
    alt_labels = tuple(draw(st.lists(hostile, max_size=2)))
    return Entity(local_key(kind, label), kind, label, alt_labels=alt_labels)


@st.composite
def documents(draw) -> DocumentResult:
    """A document with hostile text and name, and every kind of claim about hostile entities."""
    body = draw(hostile)
    if draw(st.booleans()):
        author, publisher = draw(st.sampled_from(BYLINE_NAMES)), draw(st.sampled_from(BYLINE_NAMES))
        body = f"{draw(hostile)}\nwrites {author} for {publisher} {body}"
    text = draw(st.sampled_from(("", "\ufeff"))) + body + "x"  # some non-space text, or ingest refuses it
    name = draw(file_names)
    document = read_text(text.encode("utf-8"), identifier=name, source=name)

    def span() -> Evidence:
        start = draw(st.integers(0, len(document.text)))
        return Evidence.of(document.text, start, draw(st.integers(start, len(document.text))))

    def some(strategy, most=2):
        return tuple(draw(st.lists(strategy, max_size=most)))

    mentions = tuple(Mention(e, span()) for e in some(entities(), 3))
    claims = [
        StatedIntention(
            draw(entities()),
            draw(st.sampled_from(MODALITIES)),
            draw(hostile),
            span(),
            targets=some(entities()),
            negated=draw(st.booleans()),
            certainty=draw(st.sampled_from(CERTAINTIES)),
            attributions=tuple(Attribution(draw(entities()), draw(hostile), span()) for _ in some(st.just(0))),
            condition=draw(st.none() | hostile),
            cue=draw(st.none() | hostile),
        ),
        Membership(draw(entities()), draw(entities()), span(), negated=draw(st.booleans())),
        RoleAssignment(draw(entities()), draw(hostile), span(), role_in=draw(st.none() | entities())),
        Event(
            draw(st.sampled_from(EVENT_TYPES)),
            span(),
            participants=some(entities()),
            places=some(entities()),
            date=draw(st.sampled_from((None, "2014", "2014-03", "2014-03-18"))),
            label=draw(st.none() | hostile),
        ),
        TreatyMention(
            draw(entities()), span(), parties=some(entities()), signed=draw(st.none() | st.just("1949-04-04"))
        ),
    ]
    return DocumentResult(document, mentions, tuple(draw(st.permutations(claims))[: draw(st.integers(1, len(claims)))]))


def mapped(result: DocumentResult) -> tuple[str, set[tuple]]:
    """The document's graph name and the rdflib triples the mapper makes for it."""
    return (
        iri.document_iri(result.document.identifier, DEFAULT_BASE),
        set(map(rdflib_triple, DocumentMapper(load_kb(), base=DEFAULT_BASE).triples(result))),
    )


def expected_quads(graph_name: str, triples: set[tuple]) -> set[ox.Quad]:
    """The mapper's triples as pyoxigraph quads, term by term (no serialiser in between)."""
    return {ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(graph_name)) for s, p, o in triples}


def _ox(term: URIRef | Literal):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or ns.XSD.string)))


def rendered(result: DocumentResult) -> tuple[set[ox.Quad], dict[str, bytes]]:
    graph_name, triples = mapped(result)
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    quads = to_quads({graph_name: graph})
    return expected_quads(graph_name, triples), {name: render(quads, fmt) for name, fmt in FORMATS.items()}


@ROUNDTRIP
@given(documents())
@example(
    DocumentResult(
        read_text(
            '\ufeff"q"\\ \n\t\u202eשלום😀e\u0301\x07'.encode(),  # noqa: RUF001 - Hebrew text is the hostile data
            identifier="a b#c%d<e>f\"g'\\日本.txt",
            source="-",
        )
    )
)
def test_roundtrip_every_format_parses_back_to_the_mapped_quads(result):
    expected, files = rendered(result)
    triples = {ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in expected}
    for name, fmt in FORMATS.items():
        parsed = set(ox.parse(files[name], format=fmt.rdf_format))
        wanted = expected if fmt.quads else triples
        assert parsed == wanted, _difference(name, parsed, wanted)


@ROUNDTRIP
@given(documents())
@example(DocumentResult(read_text(b"x", identifier="notes.", source="notes.")))  # Turtle: id:document\/notes\.
def test_roundtrip_turtle_and_ntriples_parse_back_equal_in_rdflib(result):
    _, triples = mapped(result)
    _, files = rendered(result)
    for name, rdflib_format in (("turtle", "turtle"), ("ntriples", "nt")):
        parsed = set(Graph().parse(data=files[name], format=rdflib_format))
        assert parsed == triples, _difference(name, parsed, triples)


@ROUNDTRIP
@given(documents())
def test_roundtrip_hostile_strings_are_kept_exactly(result):
    """The strings themselves, not only the graphs, come back unchanged: name, title, quotes, labels, facts."""
    _, files = rendered(result)
    store = ox.Store()
    store.load(files["nquads"], format=ox.RdfFormat.N_QUADS)
    values = lambda p: {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(p)), None)}
    assert values(ns.DCTERMS.identifier) == {result.document.identifier}
    assert values(ns.DCTERMS.title) == ({result.document.title} if result.document.title else set())
    spans = [c.evidence for c in result.claims if not isinstance(c, TreatyMention)]  # mentions have no evidence node
    spans += [a.evidence for c in result.claims if isinstance(c, StatedIntention) for a in c.attributions]
    assert values(ns.OA.exact) == {e.exact for e in spans}
    assert values(ns.GK.action) == {c.action for c in result.claims if isinstance(c, StatedIntention)}
    assert values(ns.GK.roleTitle) == {c.title for c in result.claims if isinstance(c, RoleAssignment)}
    labels = {c.label for c in result.claims if isinstance(c, Event) and c.label}
    labels |= {m.entity.label for m in result.mentions}
    assert labels <= values(ns.RDFS.label)


def test_roundtrip_document_text_is_read_as_given():
    text = '\ufeff"q" \\ \r\n\t\u202eשלום 😀 e\u0301 \x07 <a> #b %20'  # noqa: RUF001 - Hebrew text is the hostile data
    document = read_text(text.encode("utf-8"), identifier="x", source="x")
    assert document.text == text.removeprefix("\ufeff")


def _difference(name: str, parsed: set, expected: set) -> str:
    missing, extra = sorted(map(str, expected - parsed))[:3], sorted(map(str, parsed - expected))[:3]
    lost, new = len(expected - parsed), len(parsed - expected)
    return f"{name}: {lost} statements lost, e.g. {missing}; {new} new, e.g. {extra}"
