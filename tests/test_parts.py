"""Parts: one document's graph as canonical N-Quads, its cache key, and the store that keeps them."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from geokg.config import Settings
from geokg.errors import OutputError
from geokg.model import Document
from geokg.parts import Made, PartStore, Summary, canonical_nquads, document_key, environment_key, label_line

GRAPH = "https://w3id.org/geokg/id/document/a.txt"
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")


def _triples(count: int) -> list[tuple]:
    entity = lambda n: URIRef(f"https://w3id.org/geokg/id/entity/Q{n}")
    return [
        *((entity(n), RDFS_LABEL, Literal(f'name {n} "quoted"\n', lang="en")) for n in range(1, count)),
        *((entity(n), URIRef("https://w3id.org/geokg/ontology#level"), Literal(n)) for n in range(1, count)),
    ]


@given(st.randoms(use_true_random=False))
def test_parts_canonical_nquads_are_the_same_bytes_in_any_order(rng: random.Random):
    triples = _triples(12)
    shuffled = rng.sample(triples, len(triples))
    assert canonical_nquads(shuffled, GRAPH) == canonical_nquads(triples, GRAPH)


def test_parts_canonical_nquads_are_sorted_lines_of_one_graph_each_triple_once():
    lines = canonical_nquads([*_triples(5), *_triples(5)], GRAPH).splitlines()
    assert lines == sorted(set(lines)) and len(lines) == 8
    assert all(line.endswith(f"<{GRAPH}> .".encode()) for line in lines)


def test_parts_label_line_is_the_line_canonical_nquads_writes():
    entity = "https://w3id.org/geokg/id/person/jim-mattis"
    written = canonical_nquads([(URIRef(entity), RDFS_LABEL, Literal('Jim "Mad Dog" Mattis', lang="en"))], GRAPH)
    assert label_line(entity, 'Jim "Mad Dog" Mattis', GRAPH) == written


def test_parts_document_key_follows_what_the_document_says_not_where_it_was_read():
    document = Document("a.txt", "Russia threatened Ukraine.", source="/corpus/a.txt", title="A")
    key = document_key(document, "environment")
    assert document_key(dataclasses.replace(document, source="/elsewhere/a.txt"), "environment") == key
    for changed in (
        dataclasses.replace(document, text="Russia threatened Georgia."),
        dataclasses.replace(document, identifier="b.txt"),
        dataclasses.replace(document, title="B"),
        dataclasses.replace(document, issued="2024-01-01"),
    ):
        assert document_key(changed, "environment") != key
    assert document_key(document, "another environment") != key


def test_parts_environment_key_follows_the_base_iri_and_the_lexicons_in_use(tmp_path, monkeypatch):
    from geokg.nlp.lexicon import OVERRIDE_VARIABLE, lexicon_source

    key = environment_key(Settings())
    assert environment_key(Settings()) == key
    assert environment_key(Settings(base_iri="https://example.org/id/")) != key
    (tmp_path / "boilerplate.json").write_text(lexicon_source("boilerplate").replace("\n", "\n "), encoding="utf-8")
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    assert environment_key(Settings()) != key


def _made() -> Made:
    return Made(Summary(GRAPH, 8, (("e", "E"),), (("Event", 2),), 1), canonical_nquads(_triples(5), GRAPH))


def test_parts_store_keeps_a_part_under_its_key(tmp_path):
    store = PartStore(tmp_path, reuse=True)
    assert store.get("ab12") is None
    stored = store.put("ab12", _made())
    found = store.get("ab12")
    assert found == stored and found.summary == _made().summary
    assert found.path.read_bytes() == _made().nquads
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["ab12.json", "ab12.nq"]


def test_parts_store_without_reuse_never_finds_a_part(tmp_path):
    store = PartStore(tmp_path, reuse=False)
    store.put("ab12", _made())
    assert store.get("ab12") is None


def test_parts_store_takes_a_damaged_or_half_written_entry_as_missing(tmp_path):
    store = PartStore(tmp_path, reuse=True)
    stored = store.put("ab12", _made())
    summary = stored.path.with_suffix(".json")
    summary.write_text("{not json", encoding="utf-8")
    assert store.get("ab12") is None
    summary.unlink()  # a build killed between the two files: the lines are there, the summary not
    assert store.get("ab12") is None


def test_parts_store_that_cannot_write_says_where_and_what_to_do(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        PartStore(blocked, reuse=True).put("ab12", _made())
    assert str(blocked) in str(caught.value) and "--no-cache" in str(caught.value)
