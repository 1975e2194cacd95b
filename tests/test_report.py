"""The HTML report of a build (geokg.report): written by geokg build, the same bytes every time,
an edge per intention claim with its evidence, a page per actor, coordinates from the graph, and
served by geokg serve at /. (tests/test_report_browser.py opens it in headless Chromium.)"""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from geokg import query
from geokg.cli import main
from geokg.config import BUNDLED_CORPUS, Settings
from geokg.report.layout import country_outlines, network_positions, project
from geokg.service import build_and_publish

REPORTS = [  # two publishers report one threat in other words; a third document denies it
    ("a1", "Daily Planet", "2024-03-01", "Russia threatened to attack Estonia, officials said on Monday."),
    ("b1", "Evening Star", "2024-03-02", "Russia has threatened to launch strikes against Estonia, the minister said."),
    ("c1", "Evening Star", "2024-03-05", "Russia did not threaten to attack Estonia, the Kremlin said."),
]


def write_corpus(directory: Path) -> Path:
    """The bundled corpus and three short reports (JSON Lines), in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    for text in sorted(BUNDLED_CORPUS.glob("*.txt")):
        (directory / text.name).write_bytes(text.read_bytes())
    lines = [json.dumps({"id": i, "publisher": p, "date": d, "text": t}) for i, p, d, t in REPORTS]
    (directory / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report")
    out = root / "out"
    build_and_publish([write_corpus(root / "corpus")], settings=Settings(output_dir=out, jobs=1, cache_dir=None))
    return out


def intention_claims(out: Path) -> set[str]:
    store = query.open_store(out)
    rows = store.query("PREFIX gk: <https://w3id.org/geokg/ontology#> SELECT ?c WHERE { ?c a gk:IntentionClaim }")
    return {row["c"].value for row in rows}


def embedded_claims(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="claims">(.*?)</script>', page, re.S)
    assert found, "the page carries its claims' evidence"
    return json.loads(found.group(1))


def network_edges(page: str) -> list[str]:
    network = page[page.index('<svg class="network"') : page.index("</svg>", page.index('<svg class="network"'))]
    return [html.unescape(claim) for claim in re.findall(r'<path class="edge[^"]*" [^>]*data-claim="([^"]+)"', network)]


def test_report_is_written_with_a_page_per_actor(built):
    report = built / "report"
    assert (report / "index.html").is_file()
    pages = sorted(p.name for p in (report / "actors").glob("*.html"))
    assert len(pages) > 10
    index = (report / "index.html").read_text(encoding="utf-8")
    for name in pages:
        assert f'href="actors/{name}"' in index, f"{name} is linked from the index"


def test_report_network_has_an_edge_per_intention_claim(built):
    page = (built / "report" / "index.html").read_text(encoding="utf-8")
    assert set(network_edges(page)) == intention_claims(built)


def test_report_evidence_of_each_claim_is_the_documents_text_at_its_offsets(built):
    page = (built / "report" / "index.html").read_text(encoding="utf-8")
    claims = embedded_claims(page)
    assert set(intention_claims(built)) <= set(claims)
    texts = {p.name: p.read_text(encoding="utf-8") for p in BUNDLED_CORPUS.glob("*.txt")}
    texts.update({i: t for i, _, _, t in REPORTS})
    for claim in claims.values():
        for report in claim["reports"]:
            assert texts[report["document"]][report["start"] : report["end"]] == report["quote"]


def test_report_claim_two_documents_report_lists_both_with_who_says_so(built):
    claims = embedded_claims((built / "report" / "index.html").read_text(encoding="utf-8"))
    two = [c for c in claims.values() if c["documents"] == 2]
    assert len(two) == 1
    assert sorted(r["document"] for r in two[0]["reports"]) == ["a1", "b1"]
    assert two[0]["label"].startswith("Russia, threat: ")


def test_report_actor_page_shows_what_it_intends_and_what_others_intend_toward_it(built):
    pages = {p.read_text(encoding="utf-8") for p in (built / "report" / "actors").glob("*.html")}
    estonia = next(p for p in pages if "<h1>Estonia</h1>" in p)
    toward = estonia[estonia.index("What others intend toward Estonia") :]
    assert "launch strikes against Estonia" in toward
    assert "did not threaten to attack Estonia" in toward or "denied" in toward
    russia = next(p for p in pages if "<h1>Russia</h1>" in p)
    assert "What Russia intends" in russia and "wikidata.org/wiki/Q159" in russia


def test_report_map_draws_located_actors_from_the_graphs_coordinates(built):
    page = (built / "report" / "index.html").read_text(encoding="utf-8")
    map_svg = page[page.index('<svg class="map"') :]
    x, y = project(37.6178, 55.7520)  # Moscow, Russia's capital, from geo:asWKT in the graph
    assert f'cx="{x}" cy="{y}"' in map_svg
    assert map_svg.count("<title>") > 150, "the countries are drawn"


def test_report_is_the_same_bytes_for_the_same_build(built, tmp_path):
    again = tmp_path / "again"
    build_and_publish([write_corpus(tmp_path / "corpus")], settings=Settings(output_dir=again, jobs=1, cache_dir=None))
    first = {p.relative_to(built): p.read_bytes() for p in (built / "report").rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in (again / "report").rglob("*") if p.is_file()}
    assert first == second


def test_report_is_self_contained(built):
    for page in (built / "report").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', text), f"{page.name} fetches nothing"


def test_report_no_report_option_writes_none_and_removes_an_older_one(tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("Russia threatened to attack Estonia, officials said.", encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q", "--no-cache"]).exit_code == 0
    assert (out / "report" / "index.html").is_file()
    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q", "--no-cache", "--no-report"])
    assert result.exit_code == 0, result.output
    assert not (out / "report").exists()
    assert (out / "geokg.ttl").is_file()


def test_report_served_at_the_root_next_to_the_endpoint(built):
    from geokg.stores import Endpoint

    with Endpoint(built, port=0, workers=2) as endpoint:
        origin = endpoint.url.removesuffix("/query")
        with urllib.request.urlopen(origin + "/") as answer:
            assert answer.headers["Content-Type"].startswith("text/html")
            index = answer.read().decode("utf-8")
        assert index == (built / "report" / "index.html").read_text(encoding="utf-8")
        page = re.search(r'href="(actors/[^"]+\.html)"', index).group(1)
        with urllib.request.urlopen(f"{origin}/{page}") as answer:
            assert answer.read() == (built / "report" / page).read_bytes()
        for outside in ("/../geokg.ttl.html", "/%2e%2e/build-report.json.html", "/nothing.html"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(origin + outside)
            assert refused.value.code == 404
        query_url = endpoint.url + "?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
        with urllib.request.urlopen(query_url) as answer:
            assert b"true" in answer.read()


def test_report_layout_is_the_same_every_time_and_inside_the_frame():
    nodes = [f"urn:actor:{n:02d}" for n in range(40)]
    links = [(nodes[n], nodes[(n * 5 + 1) % 12]) for n in range(12)]  # one group of 12, two of 2, 24 alone
    links += [(nodes[12], nodes[13]), (nodes[14], nodes[15])]
    first, second = network_positions(nodes, links), network_positions(nodes, links)
    assert first == second
    assert first.height > 640, "the picture grows with the nodes"
    assert all(0 < x < 960 and 0 < y < first.height for x, y in first.positions.values())
    assert len(set(first.positions.values())) == len(nodes)
    group = [first.positions[n] for n in nodes[:12]]
    width = max(x for x, _ in group) - min(x for x, _ in group)
    assert width > 200, "the largest group is not crushed by the others"


def test_report_world_outline_is_natural_earths_countries():
    outlines = dict(country_outlines())
    assert len(outlines) > 170
    assert {"Russia", "Brazil", "Australia", "Nigeria"} <= set(outlines)
    assert all(path.startswith("M") and path.endswith("Z") for path in outlines.values())


def test_report_coordinates_are_in_the_graph_as_geosparql_points(built):
    store = ox.Store()
    store.bulk_load(path=str(built / "geokg.ttl"), format=ox.RdfFormat.TURTLE)
    rows = store.query(
        """PREFIX geo: <http://www.opengis.net/ont/geosparql#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label ?wkt ?name WHERE { ?e rdfs:label ?label ; geo:hasGeometry ?g . ?g geo:asWKT ?wkt ; rdfs:label ?name }"""
    )
    points = {row["label"].value: (row["wkt"].value, row["name"].value) for row in rows}
    assert points["Russia"] == ("POINT(37.6178 55.7520)", "Moscow")
    assert points["Kerch"][1] == "Kerch"
    assert len(points) > 200


def test_report_of_a_build_without_facts_says_so_and_draws_nothing(tmp_path):
    corpus = tmp_path / "quiet.txt"
    corpus.write_text("The weather was mild in the capital on Tuesday, and shops were open as usual.", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), "-q", "--no-cache"])
    assert result.exit_code == 0, result.output
    page = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert network_edges(page) == [] and embedded_claims(page) == {}
    assert "quiet.txt" in page and not (out / "report" / "actors").exists()
