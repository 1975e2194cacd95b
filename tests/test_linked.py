"""Content negotiation and SPARQL error messages of `geokg serve`, without a server."""

from __future__ import annotations

import pytest

from geokg.stores.linked import HTML, RDF_TYPES, RESULT_TYPES, negotiate
from geokg.stores.sparql_errors import explain

RDF_AND_HTML = [*RDF_TYPES, HTML]


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("", "text/turtle"),  # no preference: the first offer
        ("*/*", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
        ("text/*", "text/turtle"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", HTML),  # a browser
        ("application/rdf+xml, text/turtle;q=0", "application/rdf+xml"),
        ("text/turtle;q=0, */*;q=0.1", "application/n-triples"),  # Turtle refused: the next offer
        ("image/png", "text/turtle"),  # nothing offered is accepted: the default
        ("application/n-triples;q=bad", "text/turtle"),  # a broken quality counts as 0
    ],
)
def test_linked_negotiation_picks_the_offer_the_client_prefers(accept, chosen):
    assert negotiate(accept, RDF_AND_HTML) == chosen


def test_linked_results_default_to_json_and_follow_accept():
    assert negotiate("", RESULT_TYPES) == "application/sparql-results+json"
    assert negotiate("text/csv", RESULT_TYPES) == "text/csv"
    assert negotiate("application/sparql-results+xml, */*;q=0.1", RESULT_TYPES) == "application/sparql-results+xml"


def test_linked_a_syntax_error_says_where_and_cuts_a_long_list_short():
    expected = ", ".join(f'"{chr(97 + n % 26)}{n}"' for n in range(200))
    message = explain("SELECT ?s WHERE { ?s ?p ?o } LIMT 1", f"error at 1:30: expected one of {expected}")
    first, *rest = message.split("\n")
    assert first.startswith("SPARQL syntax error, line 1, column 30: expected one of") and first.endswith("...")
    assert len(first) < 320 and rest == []


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("SELECT * WHERE { dbo:x ?p ?o }", "the prefix dbo: is not declared; add PREFIX dbo: <IRI>"),
        ("SELECT * WHERE { prov:x ?p ?o }", "add PREFIX prov: <http://www.w3.org/ns/prov#>"),
        ("SELECT * WHERE { :x ?p ?o }", "the prefix : is not declared"),
        ("SELECT * WHERE { ?s ?p ?o", "the braces do not pair up: 1 { against 0 }"),
    ],
)
def test_linked_a_syntax_error_hints_at_a_common_cause(query, hint):
    assert hint in explain(query, "error at 1:5: expected something")


@pytest.mark.parametrize(
    "query",
    [
        'PREFIX ex: <http://example.org/> SELECT * WHERE { ex:x ?p "dbo:y" }',  # in a string: not a prefix
        "SELECT * WHERE { <http://example.org/a:b> ?p ?o } # no:prefix here",
        "SELECT * WHERE { ?s ?p ?o }",
    ],
)
def test_linked_no_hint_where_the_prefixes_and_braces_are_right(query):
    assert "Hint" not in explain(query, "error at 1:5: expected something")
