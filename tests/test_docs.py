"""Tests for geokg.docs: the ontology's HTML reference is current, complete, linked and deterministic."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from geokg import docs

#: The terms of publishing contract v1 (shared/design/contract.md), by local name in gk:.
CONTRACT_CLASSES = [
    "Document",
    "State",
    "Alliance",
    "InternationalOrganization",
    "Organization",
    "Person",
    "Place",
    "Treaty",
    "StatedIntention",
    "Membership",
    "RoleAssignment",
    "Event",
]
CONTRACT_PROPERTIES = [
    "holder",
    "modality",
    "action",
    "target",
    "attributedTo",
    "negated",
    "member",
    "organization",
    "person",
    "roleTitle",
    "roleIn",
    "eventType",
    "participant",
    "place",
    "date",
    "party",
    "signed",
]
MODALITIES = ["Plan", "Threat", "Pledge", "Intent", "Goal", "Consideration", "Demand", "Warning"]
GK = "https://w3id.org/geokg/ontology#"


class Anchors(HTMLParser):
    """Collects the ids, the in-page link targets and the open/close balance of an HTML page."""

    VOID = frozenset({"meta", "link", "br", "hr", "img", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.targets: set[str] = set()
        self.stack: list[str] = []
        self.mismatches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])
        if tag == "a" and (values.get("href") or "").startswith("#"):
            self.targets.add(values["href"][1:])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.mismatches.append(tag)


@pytest.fixture(scope="module")
def html() -> str:
    """A fresh render of the ontology's reference page."""
    return docs.render_ontology_docs(docs.ONTOLOGY_PATH)


@pytest.fixture(scope="module")
def parsed(html: str) -> Anchors:
    parser = Anchors()
    parser.feed(html)
    parser.close()
    return parser


def entry(html: str, anchor: str) -> str:
    """The HTML of one term's entry."""
    match = re.search(rf'<section class="term" id="{re.escape(anchor)}">(.*?)</section>', html, re.S)
    assert match, f"no entry with id {anchor!r}"
    return match.group(1)


def test_docs_committed_page_is_current(html: str) -> None:
    committed = docs.OUTPUT_PATH.read_text(encoding="utf-8")
    assert committed == html, "stale: run python -m geokg.docs"


def test_docs_render_is_deterministic_across_hash_seeds(html: str) -> None:
    code = "import sys; from geokg import docs; sys.stdout.write(docs.render_ontology_docs(docs.ONTOLOGY_PATH))"
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"}
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
        assert result.stdout.decode("utf-8") == html


def test_docs_has_no_timestamps_or_tool_versions(html: str) -> None:
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", html)
    assert "generator" not in html.lower()
    assert "pylode" not in html.lower()


@pytest.mark.parametrize("name", CONTRACT_CLASSES + CONTRACT_PROPERTIES)
def test_docs_documents_contract_term(html: str, name: str) -> None:
    text = entry(html, name)
    assert f"<code>gk:{name}</code>" in text
    assert f'href="{GK}{name}"' in text
    assert "<strong>Definition:</strong>" in text


@pytest.mark.parametrize("name", MODALITIES)
def test_docs_documents_modality_in_its_scheme(html: str, name: str) -> None:
    text = entry(html, name)
    assert f"<code>gk:{name}</code>" in text
    assert 'href="#ModalityScheme"' in text
    assert 'href="#Modality"' in text


def test_docs_modality_scheme_lists_the_eight_modalities(html: str) -> None:
    top = re.search(r"<dt>Top concepts</dt>\s*<dd>(.*?)</dd>", entry(html, "ModalityScheme"), re.S)
    assert top
    assert re.findall(r'href="#(\w+)"', top.group(1)) == sorted(MODALITIES, key=str.lower)


def test_docs_has_an_entry_for_every_own_term(html: str, parsed: Anchors) -> None:
    graph = Graph()
    graph.parse(docs.ONTOLOGY_PATH, format="turtle")
    own = {
        s
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(docs.OWN_IRI) and str(s) != docs.OWN_IRI
    }
    assert len(own) > 100
    documented = set(re.findall(r'<p class="iri"><a href="([^"]+)">', html))
    assert {str(term) for term in own} == documented


def test_docs_links_resolve_and_ids_are_unique(parsed: Anchors) -> None:
    assert len(parsed.ids) == len(set(parsed.ids))
    assert parsed.targets - set(parsed.ids) == set()


def test_docs_page_is_well_nested(parsed: Anchors) -> None:
    assert parsed.mismatches == []
    assert parsed.stack == []


def test_docs_class_entry_shows_hierarchy_and_properties(html: str) -> None:
    alliance = entry(html, "Alliance")
    assert 'href="#InternationalOrganization"' in alliance
    organization = entry(html, "Organization")
    assert re.search(r"<dt>Superclass of</dt>\s*<dd>.*#InternationalOrganization", organization)
    assert re.search(r'<dt>Subclass of</dt>\s*<dd>.*href="http://www.w3.org/ns/org#Organization"', organization)
    target = entry(html, "target")
    assert re.search(r"<dt>Range</dt>\s*<dd>\(.*#Actor.* or .*#Place.* or .*#Treaty.*\)</dd>", target)
    assert re.search(r"<dt>Range of</dt>\s*<dd>.*#target", entry(html, "Treaty"))


def test_docs_check_flag_reports_stale_file(tmp_path: Path) -> None:
    output = tmp_path / "ontology" / "index.html"
    assert docs.main(["--check", "--output", str(output)]) == 1
    assert not output.exists()
    assert docs.main(["--output", str(output)]) == 0
    assert docs.main(["--check", "--output", str(output)]) == 0
    output.write_text("<p>stale</p>\n", encoding="utf-8")
    assert docs.main(["--check", "--output", str(output)]) == 1
    assert output.read_text(encoding="utf-8") == "<p>stale</p>\n"


def test_docs_missing_ontology_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.ttl"
    assert docs.main(["--ontology", str(missing), "--output", str(tmp_path / "out.html")]) == 2
    assert "nope.ttl: no ontology file here" in capsys.readouterr().err


def test_docs_malformed_ontology_is_an_input_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <http://x#> .\nx:a x:b x:c ;; ] .\n", encoding="utf-8")
    with pytest.raises(docs.InputError, match=r"broken\.ttl: not valid Turtle"):
        docs.render_ontology_docs(broken)


def test_docs_generator_runs_as_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geokg.docs", "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
