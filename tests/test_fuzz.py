"""Fuzzing ingest and the whole per-document flow with Hypothesis: random bytes in every input
format, random Unicode (right-to-left marks, combining marks, emoji, control characters) and
random JSON Lines. Nothing raises but an InputError naming the input, and every document's graph
conforms to the shapes with evidence that quotes the text exactly."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from geokg.config import Settings
from geokg.errors import InputError
from geokg.ingest import read_bytes
from geokg.ingest.jsonl import read_jsonl
from geokg.model import Document
from geokg.pipeline import process
from geokg.rdf.mapping import DocumentMapper
from geokg.rdf.terms import rdflib_triple
from geokg.validate import validate

SUFFIXES = (".txt", ".html", ".md", ".jsonl")
SEED = "Russia threatened to block the Kerch Strait, and NATO pledged to defend Estonia. "
ODD = st.characters(
    categories=("L", "M", "N", "P", "S", "Zs", "Cc", "Cf"),
    include_characters="\u202e\u202c\u200f\u0301\u0308\U0001f680\t\n\r\x0b\x0c\ufeff\u2028",
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_random_bytes_are_read_or_refused_with_an_input_error(data: bytes, suffix: str):
    try:
        documents = read_bytes(data, identifier=f"fuzz{suffix}", source=f"fuzz{suffix}")
    except InputError as err:
        assert str(err).startswith("fuzz") and err.problem and err.fix
        return
    assert all(isinstance(d, Document) and d.text.strip() for d in documents)


@FUZZ
@given(
    records=st.lists(
        st.one_of(
            st.dictionaries(
                st.sampled_from(["id", "text", "title", "date", "x"]),
                st.one_of(st.text(ODD, max_size=40), st.integers(), st.none()),
            ),
            st.text(ODD, max_size=40),
        ),
        max_size=6,
    )
)
def test_fuzz_random_json_lines_never_cost_the_good_lines(records):
    lines = [json.dumps(record) for record in records] + [json.dumps({"id": "good", "text": SEED})]
    skipped: list = []
    documents = read_jsonl("\n".join(lines).encode("utf-8"), identifier="f.jsonl", source="f.jsonl", skipped=skipped)
    assert "good" in {d.identifier for d in documents} or any("duplicate id 'good'" in s.problem for s in skipped)
    assert all(s.where.startswith("f.jsonl:") for s in skipped)


@pytest.fixture(scope="module")
def flow(kb):
    shapes_settings = Settings()
    mapper = DocumentMapper(kb, base=shapes_settings.base_iri)

    def run(text: str):
        document = Document(identifier="fuzz.txt", text=text, source="fuzz.txt")
        result = process(document, kb=kb, settings=shapes_settings)
        graph = Graph()
        for triple in mapper.triples(result):
            graph.add(rdflib_triple(triple))
        return result, validate(graph)

    return run


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=st.text(ODD, min_size=1, max_size=300), at=st.integers(min_value=0, max_value=len(SEED)))
def test_fuzz_random_unicode_through_the_whole_flow_conforms(flow, noise: str, at: int):
    text = SEED[:at] + noise + SEED[at:] + noise
    result, report = flow(text)
    assert report.conforms, report.text()
    for claim in result.claims:
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.exact
    for mention in result.mentions:
        assert text[mention.evidence.start : mention.evidence.end] == mention.evidence.exact
