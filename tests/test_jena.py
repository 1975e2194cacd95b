"""Apache Jena as an independent reader and store: every published format passes `riot --validate`
with no warning and holds as many statements as pyoxigraph reads; documents with hostile names and
strings read back in Jena as exactly the statements geokg wrote; the N-Quads loaded into a TDB2
database answer every named query as the embedded store does.

Jena comes from Debian's libapache-jena-java through tools/setup-jena.sh (run by `make test`);
without it these tests fail, saying so, rather than skip. Each Jena command is a JVM start
(1-3 s), so files are validated in batches and the database is loaded once.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from geokg.publish import FORMATS
from geokg.query import named_queries, open_store, select

REPO = Path(__file__).resolve().parents[1]
JENA = REPO / "tools" / "jena.sh"
SETUP_HINT = "Apache Jena is not set up: run tools/setup-jena.sh (or `make test`, which runs it)"
JSONLD10 = "--syntax=jsonld10"  # Jena 4.5's JSON-LD 1.1 reader needs a JSON-P library Debian lacks
_COUNT = re.compile(r"(?P<url>\S+) : (?P<kind>Triples|Quads) = (?P<n>[\d,]+)")
_TOTAL = re.compile(r"Total\s+: [\d.]+ sec : [\d,]+ Triples : [\d,]+ Quads : [\d,.]+ per second")  # no "errors"
_FILE = re.compile(r"^\[main\] INFO org\.apache\.jena\.riot - File: (?P<name>.+)$")
# tdbloader reports the count as "... : Quads = 3,873" or "Finished: FILE: 3,873 tuples in 0.36s".
_LOADED = re.compile(r"Quads = (?P<n>[\d,]+)|: (?P<m>[\d,]+) tuples in ")
_INTEGERS = {
    f"http://www.w3.org/2001/XMLSchema#{t}"
    for t in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


def jena(*args: str | Path, cwd: Path, log_level: str = "info") -> subprocess.CompletedProcess:
    """Run a Jena main class through tools/jena.sh; never raises on a non-zero exit."""
    return subprocess.run(
        ["bash", str(JENA), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(log_level),
        timeout=300,
        check=False,
    )


def _env(log_level: str) -> dict[str, str]:
    return {**os.environ, "JENA_LOG_LEVEL": log_level}


@dataclass(frozen=True)
class RiotReport:
    """What `riot --validate --count` said about one file."""

    returncode: int  # of the batch the file was in
    problems: tuple[str, ...]  # every stderr line about the file (warnings, errors, stack traces), and stray ones
    kind: str | None  # "Triples" or "Quads"
    count: int | None


@pytest.fixture(scope="module")
def jena_ready() -> None:
    if not JENA.is_file():
        pytest.fail(f"{JENA} is missing. {SETUP_HINT}", pytrace=False)
    found = subprocess.run(["bash", str(JENA), "--classpath"], capture_output=True, text=True, check=False)
    if found.returncode != 0:
        pytest.fail(f"{SETUP_HINT}\n{found.stderr}", pytrace=False)


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory) -> Path:
    """The bundled corpus built in every format (and its description), written to a directory."""
    from geokg.config import Settings
    from geokg.service import build_files

    _, files = build_files([], settings=Settings(formats=tuple(FORMATS)))
    out = tmp_path_factory.mktemp("build")
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)  # the report's pages are in report/
        (out / name).write_bytes(data)
    return out


def _rdf_files(build_dir: Path) -> dict[str, Path]:
    """Format name → file: every data format plus the VoID/DCAT description."""
    from geokg.describe import DESCRIPTION_FILE

    files = {name: build_dir / fmt.file for name, fmt in FORMATS.items()}
    return {**files, "description": build_dir / DESCRIPTION_FILE}


@pytest.fixture(scope="module")
def riot(jena_ready, build_dir) -> dict[str, RiotReport]:
    """`riot --validate --count` (--validate is --sink --check --strict) over every file: one JVM
    for the JSON-LD file, read as JSON-LD 1.0, and one for all the others."""
    files = _rdf_files(build_dir)
    jsonld = [n for n, p in files.items() if p.suffix == ".jsonld"]
    others = [n for n in files if n not in jsonld]
    reports = {}
    for names, options in ((others, []), (jsonld, [JSONLD10])):
        if names:
            done = jena(
                "riotcmd.riot", "--validate", "--count", *options, *(files[n].name for n in names), cwd=build_dir
            )
            reports.update(_riot_reports(done, {files[n].name: n for n in names}))
    return reports


def _riot_reports(done: subprocess.CompletedProcess, names: dict[str, str]) -> dict[str, RiotReport]:
    """Split a batch's output per file: riot logs "File: NAME" before each file when given several,
    then its warnings and errors and its count; a closing "Total" line without errors is no problem."""
    problems: dict[str, list[str]] = {name: [] for name in names}
    current = next(iter(names)) if len(names) == 1 else None
    counts = {}
    for line in done.stderr.split("\n"):  # riot logs and counts on stderr; stdout is data
        if match := _FILE.match(line):
            current = match["name"]
        elif match := _COUNT.fullmatch(line):
            counts[match["url"].rsplit("/", 1)[-1]] = (match["kind"], int(match["n"].replace(",", "")))
        elif line.strip() and not _TOTAL.fullmatch(line):
            problems.setdefault(current or "(before any file)", []).append(line)
    stray = [f"{where}: {line}" for where, lines in problems.items() if where not in names for line in lines]
    return {
        fmt: RiotReport(done.returncode, tuple(problems[name] + stray), *counts.get(name, (None, None)))
        for name, fmt in names.items()
    }


RIOT_FILES = [*FORMATS, "description"]


@pytest.mark.parametrize("fmt", RIOT_FILES)
def test_jena_riot_validates_every_format_without_warnings(riot, fmt):
    report = riot[fmt]
    assert report.problems == (), f"riot --validate reported for {fmt}:\n" + "\n".join(report.problems)
    assert report.returncode == 0, f"riot --validate exited {report.returncode} on a batch holding {fmt}"


@pytest.mark.parametrize("fmt", RIOT_FILES)
def test_jena_riot_counts_as_many_statements_as_pyoxigraph(riot, build_dir, fmt):
    path = _rdf_files(build_dir)[fmt]
    rdf_format = FORMATS[fmt].rdf_format if fmt in FORMATS else ox.RdfFormat.TURTLE
    expected = len(list(ox.parse(path=str(path), format=rdf_format)))
    quads = fmt in FORMATS and FORMATS[fmt].quads
    assert (riot[fmt].kind, riot[fmt].count) == ("Quads" if quads else "Triples", expected)


HOSTILE = (
    "\"q\" 's' \"\"\" ''' \\ \\n \\u0041 \n \r\n \t \u202e\u200f \u2028\u2029 \ufeff \x85 \x01\x07\x1b\x7f "
    "שלום مرحبا 日本 😀 👩\u200d👩\u200d👧 e\u0301 # % %20 %zz < > { } | ^ ` ? & @ : ; _:b0 <http://example.org/x> ."
)
HOSTILE_NAMES = ("a b#c%d<e>f\"g'h\\i日本😀.txt", "notes.", "..x..", "%2E.", "tab\tnew\nline.txt")
# Jena reads each pair in one JVM, printing N-Quads: the triple format's statements come out in the
# default graph, the quad format's in named graphs, so each file's statements can be told apart.
READ_TOGETHER = (("turtle", "trig", []), ("ntriples", "nquads", []), (None, "jsonld", [JSONLD10]))


def hostile_build(names: tuple[str, ...]) -> tuple[list[ox.Quad], dict[str, bytes]]:
    """Documents whose names, text, entity labels and fact strings are all hostile: their quads
    and the files geokg renders from them (format name → bytes)."""
    from rdflib import Graph

    from geokg.ingest import read_text
    from geokg.kb import load_kb
    from geokg.model import (
        DocumentResult,
        Entity,
        Event,
        Evidence,
        Membership,
        RoleAssignment,
        StatedIntention,
    )
    from geokg.publish import render, to_quads
    from geokg.rdf.iri import DEFAULT_BASE, document_iri, local_key
    from geokg.rdf.mapping import DocumentMapper
    from geokg.rdf.terms import rdflib_triple

    mapper, graphs = DocumentMapper(load_kb(), base=DEFAULT_BASE), {}
    for number, name in enumerate(names):
        document = read_text(f"{HOSTILE} {number}\n{HOSTILE}".encode("utf-8"), identifier=name, source=name)
        person = Entity(local_key("Person", HOSTILE[number:]), "Person", HOSTILE[number:])
        group = Entity(local_key("Organization", HOSTILE[3:]), "Organization", HOSTILE[3:])
        span = Evidence.of(document.text, number, len(document.text) - number)
        claims = (
            StatedIntention(person, "Threat", HOSTILE, span, targets=(group,), condition=HOSTILE, cue=HOSTILE),
            RoleAssignment(person, HOSTILE, span, role_in=group),
            Membership(person, group, span),
            Event("Summit", span, participants=(person,), label=HOSTILE),
        )
        graph = Graph()
        for triple in mapper.triples(DocumentResult(document, claims=claims)):
            graph.add(rdflib_triple(triple))
        graphs[document_iri(name, DEFAULT_BASE)] = graph
    quads = to_quads(graphs)
    return quads, {name: render(quads, fmt) for name, fmt in FORMATS.items()}


def read_with_jena(files: dict[str, bytes], directory: Path) -> dict[str, tuple[set[ox.Quad], RiotReport]]:
    """Each format as Jena reads it (`riot --check --strict`, what --validate checks), with its report."""
    for name, data in files.items():
        (directory / FORMATS[name].file).write_bytes(data)
    read = {}
    for triples, quads, options in READ_TOGETHER:
        names = [n for n in (triples, quads) if n]
        done = jena(
            "riotcmd.riot",
            "--check",
            "--strict",
            "--output=nquads",
            *options,
            *(FORMATS[n].file for n in names),
            cwd=directory,
        )
        reports = _riot_reports(done, {FORMATS[n].file: n for n in names})
        statements = set(ox.parse(done.stdout.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        default = {q for q in statements if q.graph_name == ox.DefaultGraph()}
        if triples:
            read[triples] = (default, reports[triples])
        read[quads] = (statements - default, reports[quads])
    return read


def _assert_jena_reads(quads: list[ox.Quad], files: dict[str, bytes], directory: Path) -> None:
    expected = set(quads)
    as_triples = {ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads}
    for name, (statements, report) in read_with_jena(files, directory).items():
        assert not report.problems and report.returncode == 0, f"riot on {name}:\n" + "\n".join(report.problems)
        wanted = expected if FORMATS[name].quads else as_triples
        lost, new = sorted(map(str, wanted - statements))[:3], sorted(map(str, statements - wanted))[:3]
        assert statements == wanted, f"{name}: Jena lost {len(wanted - statements)}, e.g. {lost}; new {new}"


def test_jena_riot_reads_hostile_strings_and_names_unchanged(jena_ready, tmp_path):
    _assert_jena_reads(*hostile_build(HOSTILE_NAMES), tmp_path)


def test_jena_riot_keeps_document_iris_of_dot_segment_names(jena_ready, tmp_path):
    """ "." and ".." are no file names, but any identifier reaches document_iri through the API:
    <.../document/..> must not be resolved away to <.../id/> by a Turtle or JSON-LD reader."""
    _assert_jena_reads(*hostile_build((".", "..")), tmp_path)


@pytest.fixture(scope="module")
def tdb2(jena_ready, build_dir, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A TDB2 database loaded from the N-Quads with tdb2.tdbloader."""
    location = tmp_path_factory.mktemp("tdb2") / "db"
    done = jena("tdb2.tdbloader", "--loc", location, build_dir / FORMATS["nquads"].file, cwd=build_dir)
    return location, done


def test_jena_tdb2_loads_every_quad_without_warnings(tdb2, build_dir):
    _, done = tdb2
    problems = [line for line in done.stderr.split("\n") if " INFO " not in line and line.strip()]
    assert done.returncode == 0 and not problems, f"tdbloader exited {done.returncode}:\n{done.stderr}"
    loaded = _LOADED.search(done.stderr)
    expected = len(list(ox.parse(path=str(build_dir / FORMATS["nquads"].file), format=ox.RdfFormat.N_QUADS)))
    assert loaded and int((loaded["n"] or loaded["m"]).replace(",", "")) == expected, done.stderr


@pytest.fixture(scope="module")
def embedded(build_dir) -> ox.Store:
    return open_store(build_dir / FORMATS["nquads"].file)


@pytest.fixture(scope="module")
def plain_tdb2(jena_ready, build_dir, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A TDB2 database loaded with the N-Quads (the named graphs) and the Turtle (their union,
    which a triples file loads into the default graph), queried without any union setting."""
    location = tmp_path_factory.mktemp("tdb2-plain") / "db"
    files = (build_dir / FORMATS["nquads"].file, build_dir / FORMATS["turtle"].file)
    return location, jena("tdb2.tdbloader", "--loc", location, *files, cwd=build_dir)


def _tdbquery(location: Path, query_text: str, directory: Path, *settings: str) -> dict:
    (directory / "query.rq").write_text(query_text, encoding="utf-8")
    done = jena(
        "tdb2.tdbquery",
        "--loc",
        location,
        *settings,
        "--query",
        directory / "query.rq",
        "--results=json",
        cwd=directory,
        log_level="warn",
    )
    assert done.returncode == 0 and not done.stderr.strip(), f"tdbquery exited {done.returncode}:\n{done.stderr}"
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_jena_tdb2_answers_named_queries_as_the_embedded_store(tdb2, embedded, tmp_path, name):
    """With TDB2's own union of the named graphs as the default graph (`unionDefaultGraph`)."""
    location, loaded = tdb2
    assert loaded.returncode == 0, f"tdbloader failed:\n{loaded.stderr}"
    query = named_queries()[name]
    results = _tdbquery(location, query.text, tmp_path, "--set", "tdb:unionDefaultGraph=true")
    variables, jena_rows = _jena_rows(results)
    ours = select(embedded, query.text)
    assert variables == ours.variables
    _assert_same_rows(sorted(map(_normal, ours.rows), key=repr), sorted(map(_normal, jena_rows), key=repr))


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_jena_plain_tdb2_answers_named_queries_row_for_row_in_order(plain_tdb2, embedded, tmp_path, name):
    """Plain TDB2, the build's union loaded as its default graph: the same rows in the same order
    (every named query orders by all it answers), lists' items sorted."""
    location, loaded = plain_tdb2
    assert loaded.returncode == 0, f"tdbloader failed:\n{loaded.stderr}"
    query = named_queries()[name]
    variables, jena_rows = _jena_rows(_tdbquery(location, query.text, tmp_path))
    ours = select(embedded, query.text)
    assert variables == ours.variables
    assert [_normal(row) for row in jena_rows] == [_normal(row) for row in ours.rows]
    assert ours.rows or name not in {"members-of", "treaties"}, "no rows: the comparison would prove nothing"


def _jena_rows(results: dict) -> tuple[tuple[str, ...], list[tuple[str | None, ...]]]:
    """A SPARQL JSON results document as variables and rows of plain values (None where unbound)."""
    variables = tuple(results["head"]["vars"])
    return variables, [tuple(_plain(b.get(v)) for v in variables) for b in results["results"]["bindings"]]


def _plain(binding: dict | None) -> str | None:
    """The value, with numbers in canonical form (TDB2 stores numbers as values, not as written)."""
    if binding is None:
        return None
    datatype = binding.get("datatype")
    if datatype in _INTEGERS:
        return str(int(binding["value"]))
    return binding["value"]


def _normal(row: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """GROUP_CONCAT lists in one order: SPARQL leaves the order of concatenated values open."""
    return tuple(None if v is None else "; ".join(sorted(v.split("; "))) for v in row)


def _assert_same_rows(ours: list, theirs: list) -> None:
    if ours == theirs:
        return
    only_ours, only_theirs = Counter(ours) - Counter(theirs), Counter(theirs) - Counter(ours)
    detail = (
        f"embedded store: {len(ours)} rows, Jena TDB2: {len(theirs)} rows\n"
        f"only (or more often) in the embedded store: {list(only_ours.items())[:5]}\n"
        f"only (or more often) in Jena: {list(only_theirs.items())[:5]}"
    )
    if set(ours) == set(theirs):
        detail += (
            "\nSame distinct rows, different multiplicities: the embedded store's union default graph "
            "repeats a triple once per named graph holding it; as an RDF merge it holds it once."
        )
    pytest.fail(detail, pytrace=False)


def test_jena_shacl_agrees_with_geokg_on_the_shapes(jena_ready, build_dir, tmp_path):
    """Apache Jena's own SHACL engine, given geokg's shapes: the build conforms, and data that
    breaks a shape does not (an independent check of the verdict geokg publishes under)."""
    from geokg.validate import shapes_dir

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "".join(path.read_text(encoding="utf-8") for path in sorted(shapes_dir().glob("*.ttl"))), encoding="utf-8"
    )
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        '@prefix gk: <https://w3id.org/geokg/ontology#> .\n<http://example.org/i> a gk:StatedIntention ; gk:action "x" .\n',
        encoding="utf-8",
    )
    verdicts = {}
    for data in (build_dir / FORMATS["turtle"].file, bad):
        done = jena("shacl.shacl", "validate", "--shapes", shapes, "--data", data, cwd=tmp_path, log_level="warn")
        report = {q.triple for q in ox.parse(done.stdout.encode("utf-8"), format=ox.RdfFormat.TURTLE)}
        conforms = {t.object.value for t in report if t.predicate.value == "http://www.w3.org/ns/shacl#conforms"}
        verdicts[data.name] = conforms
    assert verdicts == {"geokg.ttl": {"true"}, "bad.ttl": {"false"}}


def test_jena_rsparql_queries_geokg_serve_as_the_embedded_store(jena_ready, build_dir, embedded, tmp_path):
    """Jena's own SPARQL client against `geokg serve`: the same rows, in the same order."""
    from geokg.stores import Endpoint

    query = named_queries()["intentions-by-holder"]
    (tmp_path / "query.rq").write_text(query.text, encoding="utf-8")
    with Endpoint(build_dir, port=0, workers=2) as endpoint:
        done = jena(
            "arq.rsparql", "--service", endpoint.url, "--query", tmp_path / "query.rq", "--results=json", cwd=tmp_path
        )
    assert done.returncode == 0, done.stderr
    variables, rows = _jena_rows(json.loads(done.stdout))
    ours = select(embedded, query.text)
    assert variables == ours.variables and rows
    assert [_normal(row) for row in rows] == [_normal(row) for row in ours.rows]
