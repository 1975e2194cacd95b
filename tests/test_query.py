"""Named queries over a build: the competency questions answer from the bundled corpus."""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.errors import InputError
from geokg.publish import to_quads
from geokg.query import (
    answer,
    named_queries,
    resolve_query,
    select,
    with_union_default_graph,
)

EXPECTED = {
    "intentions-by-holder",
    "intentions-toward-target",
    "who-says-what",
    "threats-with-conditions",
    "members-of",
    "treaties",
    "evidence-of",
    "named-events",
}


@pytest.fixture(scope="module")
def store(corpus_build):
    store = ox.Store()
    store.extend(to_quads(corpus_build.graphs))
    return with_union_default_graph(store)


def _run(store, name, **params):
    query = named_queries()[name]
    return select(store, query.text, params, declared=query.params)


def test_query_named_queries_are_shipped_with_descriptions():
    queries = named_queries()
    assert set(queries) >= EXPECTED
    assert all(q.description and not q.description.startswith("PREFIX") for q in queries.values())


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_query_named_queries_order_their_rows_by_every_column(name):
    """A total ORDER BY: every store gives the rows in the same order. Columns made by an aggregate
    are set by the grouped columns, and parameter columns are left out of answers."""
    import re

    query = named_queries()[name]
    head = query.text[query.text.index("SELECT") : query.text.index("WHERE")]
    projected = set(re.findall(r"\?(\w+)", re.sub(r"\([^()]*(\([^()]*\))*[^()]*\)", "", head)))
    order = set(re.findall(r"\?(\w+)", query.text[query.text.rindex("ORDER BY") :]))
    parameters = {f"{param}_name" for param in query.params}
    assert projected - parameters <= order, f"ORDER BY leaves out {sorted(projected - parameters - order)}"


def test_query_intentions_by_holder_binds_the_parameter(store):
    rows = _run(store, "intentions-by-holder", holder="Vladimir Putin").rows
    assert rows and all(row[0] == "Vladimir Putin" for row in rows)
    modalities = {row[1] for row in rows}
    assert "Threat" in modalities


def test_query_parameter_is_a_literal_not_query_text(store):
    hostile = 'Russia" ) } SELECT * WHERE { ?s ?p ?o'
    assert _run(store, "intentions-by-holder", holder=hostile).rows == ()


def test_query_unknown_parameter_is_an_input_error(store):
    with pytest.raises(InputError, match="unknown parameter 'nobody'"):
        _run(store, "intentions-by-holder", nobody="x")


def test_query_who_says_what_lists_piontkovsky(store):
    sources = {row[0] for row in _run(store, "who-says-what").rows}
    assert "Andrei Piontkovsky" in sources


def test_query_members_of_nato_joins_reference_and_documents(store):
    rows = _run(store, "members-of", organization="NATO").rows
    by_source = {(row[1], row[5]) for row in rows}
    assert ("Estonia", "reference data") in by_source
    assert ("Estonia", "valuewalk_russia_break_nato.txt") in by_source
    ukraine = [row for row in rows if row[1] == "Ukraine"]
    assert ukraine and all(row[4] == "true" for row in ukraine)


def test_query_treaties_have_parties_and_dates(store):
    rows = {row[0]: row for row in _run(store, "treaties").rows}
    founding = next(row for label, row in rows.items() if "Founding Act" in label)
    assert founding[1] == "1997-05-27" and "Russia" in founding[2]
    assert "eggert_dw_2021_russia_baltics.txt" in founding[3]


def test_query_named_events_lists_the_documents_that_mention_them(store):
    rows = {row[0]: row for row in _run(store, "named-events").rows}
    assert rows["Cold War"][1:] == ("1", "valuewalk_russia_break_nato.txt")


def test_query_results_formats(store):
    text, declared = resolve_query("treaties")
    data = json.loads(answer(store, text, declared=declared, fmt="json"))
    assert data["head"]["vars"][0] == "treaty"
    csv = answer(store, text, declared=declared, fmt="csv")
    assert csv.splitlines()[0].startswith("treaty,signed")


def test_query_cli_over_a_published_build(tmp_path: Path, corpus_build):
    (tmp_path / "geokg.ttl").write_bytes(corpus_build.files["geokg.ttl"])
    runner = CliRunner()
    result = runner.invoke(main, ["query", "intentions-by-holder", "--build", str(tmp_path), "-p", "holder=NATO"])
    assert result.exit_code == 0, result.output
    assert "NATO" in result.output and "rows)" in result.output
    listed = runner.invoke(main, ["query", "--list"])
    assert "members-of" in listed.output and "--param organization=" in listed.output


def test_query_cli_reports_a_missing_build(tmp_path: Path):
    result = CliRunner().invoke(main, ["query", "treaties", "--build", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "holds no build" in result.output


def test_query_a_fact_in_two_graphs_answers_once():
    store = ox.Store()
    s, p, o = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o")
    store.extend(
        [
            ox.Quad(s, p, o, ox.NamedNode("http://example.org/g1")),
            ox.Quad(s, p, o, ox.NamedNode("http://example.org/g2")),
        ]
    )
    assert select(with_union_default_graph(store), "SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows == (
        ("http://example.org/s", "http://example.org/p", "o"),
    )


def test_query_a_build_directory_is_loaded_once_into_a_store_kept_beside_it(tmp_path, monkeypatch):
    import shutil

    from geokg import query as module

    root = Path(__file__).resolve().parents[1] / "output"
    build = tmp_path / "build"
    build.mkdir()
    for name in ("geokg.ttl", "void.ttl"):
        shutil.copy(root / name, build / name)
    first = module.select(module.open_store(build), module.named_queries()["named-events"].text, {})
    [store] = (build / module.STORE_DIRECTORY).iterdir()

    def no_loading(*args, **kwargs):
        raise AssertionError("the build was loaded again")

    monkeypatch.setattr(module, "_loaded", no_loading)
    again = module.select(module.open_store(build), module.named_queries()["named-events"].text, {})
    assert again.rows == first.rows and first.rows
    monkeypatch.undo()
    (build / "geokg.ttl").write_text((root / "geokg.ttl").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    module.open_store(build)  # the build changed: a new store, the old one removed
    assert [p.name for p in (build / module.STORE_DIRECTORY).iterdir()] != [store.name]
    assert len(list((build / module.STORE_DIRECTORY).iterdir())) == 1


def test_query_concatenated_lists_are_sorted_whatever_the_store(store):
    """GROUP_CONCAT joins items in the order a store grouped them (in memory and on disk differ):
    geokg sorts them, so every store gives the same answer."""
    rows = _run(store, "intentions-by-holder", holder="Russia").rows
    for row in rows:
        targets = row[3].split("; ") if row[3] else []
        assert targets == sorted(targets)


def _build_copy(tmp_path: Path) -> Path:
    import shutil

    root = Path(__file__).resolve().parents[1] / "output"
    build = tmp_path / "build"
    build.mkdir()
    for name in ("geokg.ttl", "void.ttl"):
        shutil.copy(root / name, build / name)
    return build


def test_query_answers_are_kept_beside_the_store_until_the_build_changes(tmp_path, monkeypatch):
    from geokg import query as module

    build = _build_copy(tmp_path)
    text = module.named_queries()["intentions-by-holder"].text
    first = module.answer_build(build, text, {"holder": "Russia"}, fmt="csv")
    assert "Russia" in first

    def no_evaluation(*args, **kwargs):
        raise AssertionError("the query was evaluated again")

    monkeypatch.setattr(module, "answer", no_evaluation)
    assert module.answer_build(build, text, {"holder": "Russia"}, fmt="csv") == first
    with pytest.raises(AssertionError, match="evaluated again"):  # another parameter value
        module.answer_build(build, text, {"holder": "Ukraine"}, fmt="csv")
    with pytest.raises(AssertionError, match="evaluated again"):  # another format
        module.answer_build(build, text, {"holder": "Russia"}, fmt="json")
    monkeypatch.undo()

    (build / "geokg.ttl").write_text((build / "geokg.ttl").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert module.answer_build(build, text, {"holder": "Russia"}, fmt="csv") == first  # evaluated anew
    kept = sorted(p.name for p in (build / module.STORE_DIRECTORY).iterdir())
    assert len(kept) == 2 and kept[1] == kept[0] + module.ANSWERS_SUFFIX  # the old store and answers gone
    assert len(list((build / module.STORE_DIRECTORY / kept[1]).iterdir())) == 1


def test_query_answers_of_a_single_file_are_not_kept(tmp_path):
    from geokg import query as module

    build = _build_copy(tmp_path)
    module.answer_build(build / "geokg.ttl", module.named_queries()["treaties"].text)
    assert sorted(p.name for p in build.iterdir()) == ["geokg.ttl", "void.ttl"]


def test_query_kept_answers_stay_within_their_budget_least_recently_used_first(tmp_path):
    import os

    from geokg.query import _forget_oldest

    for age, name in enumerate(["newest", "middle", "oldest"]):
        (tmp_path / name).write_text("x" * 100)
        os.utime(tmp_path / name, ns=(10**18 - age * 10**9, 10**18 - age * 10**9))
    _forget_oldest(tmp_path, 250)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["middle", "newest"]


def test_query_a_store_made_from_nquads_has_the_union_of_its_graphs_as_its_default_graph(tmp_path):
    """The store kept beside a build loads the union by the bulk loader (the N-Quads less their
    graph names): the same default graph as the union made triple by triple, each triple once,
    and the description also in a graph of its own."""
    from geokg import query as module

    result = CliRunner().invoke(main, ["build", "-q", "--no-cache", "--format", "nquads", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    on_disk = ox.Store.read_only(str(module.build_store(tmp_path)))
    in_memory = module.memory_store([tmp_path / "geokg.nq"])
    default = ox.DefaultGraph()
    triples = {q.triple for q in on_disk.quads_for_pattern(None, None, None, default)}
    graphs = {q.triple for q in in_memory.quads_for_pattern(None, None, None, default)}
    stored = ox.Store()  # as a store keeps them: derived integer types as xsd:integer
    stored.bulk_load(path=str(tmp_path / "void.ttl"), format=ox.RdfFormat.TURTLE)
    description = {q.triple for q in stored}
    assert triples == graphs | description and len(graphs) > 1000
    named = {g.value for g in on_disk.named_graphs()}
    assert "https://w3id.org/geokg/id/dataset/build" in named and "https://w3id.org/geokg/ontology" in named
