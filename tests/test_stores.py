"""Real stores: `geokg load` into an Oxigraph server and `geokg serve` answer as the embedded store.

The Oxigraph server is the `oxigraph` package's binary (a dependency of geokg); every server a
test starts listens on a free loopback port and is stopped in the fixture's teardown.
"""

from __future__ import annotations

import http.client
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from geokg import query as queries
from geokg import stores
from geokg.cli import main
from geokg.publish import FORMATS, publish, render, to_quads

NAMED = sorted(queries.named_queries())
FROM_REFERENCE_DATA = {"members-of", "treaties"}  # answered by the reference data whatever is extracted
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
SD = "http://www.w3.org/ns/sparql-service-description#"
LOOPBACK_ENV = {"no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"}


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory, corpus_build) -> Path:
    """The bundled corpus as `geokg build --format nquads` writes it (data and description)."""
    out = tmp_path_factory.mktemp("build")
    nquads = render(to_quads(corpus_build.graphs), FORMATS["nquads"])
    publish({FORMATS["nquads"].file: nquads, stores.DESCRIPTION_FILE: corpus_build.files[stores.DESCRIPTION_FILE]}, out)
    return out


@pytest.fixture(scope="module")
def embedded(build_dir):
    return queries.open_store(build_dir)


def _oxigraph(directory: Path, *options: str):
    """A read-write Oxigraph server on a free loopback port: the process and its base URL."""
    port = stores.free_port()
    command = [str(stores.find_oxigraph()), "serve", "--location", str(directory), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen([*command, *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """A plain Oxigraph server (its default graph is a graph of its own, as the store starts);
    yields its base URL."""
    process, url = _oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def union_oxigraph_server(tmp_path_factory):
    """An Oxigraph server whose default graph is the union of its named graphs."""
    process, url = _oxigraph(tmp_path_factory.mktemp("oxigraph-union"), "--union-default-graph")
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _load_twice(server: str, build_dir: Path, *options: str) -> list:
    """`geokg load` run twice into a server: the CLI results and the quad count after each."""
    runner = CliRunner(env=LOOPBACK_ENV)
    runs = []
    for _ in range(2):
        result = runner.invoke(main, ["load", "--endpoint", f"{server}/store", "--build", str(build_dir), *options])
        runs.append((result, _count(f"{server}/query")))
    return runs


@pytest.fixture(scope="module")
def loaded(oxigraph_server, build_dir):
    """`geokg load` run twice into the plain server."""
    return _load_twice(oxigraph_server, build_dir)


@pytest.fixture(scope="module")
def loaded_named_only(union_oxigraph_server, build_dir):
    """`geokg load --no-default-graph` run twice into the server that makes its own union."""
    return _load_twice(union_oxigraph_server, build_dir, "--no-default-graph")


@pytest.fixture
def served(build_dir, tmp_path):
    """`geokg serve` on a free port with a 2 s timeout; yields (process, query URL, its TMPDIR)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, **LOOPBACK_ENV, "TMPDIR": str(tmp)}
    command = [sys.executable, "-m", "geokg", "serve", "--build", str(build_dir), "--port", "0", "--timeout", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "geokg serve printed no URL within 60 s"
        line = process.stdout.readline().decode("utf-8")
        url = next(word for word in line.split() if word.startswith("http://"))
        yield process, url, tmp
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()


def _wait_for(url: str, process: subprocess.Popen, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited at start"
        try:
            NO_PROXY.open(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{url} did not answer within {limit} s")


def _http(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, body) of an HTTP request, for error statuses too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with NO_PROXY.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _http_select(url: str, text: str) -> tuple[tuple[str, ...], list[tuple[str | None, ...]]]:
    """A SELECT over the SPARQL 1.1 Protocol (form POST), results as SPARQL JSON."""
    status, body = _http(
        url,
        data=urllib.parse.urlencode({"query": text}).encode("utf-8"),
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200, body.decode("utf-8", errors="replace")
    results = json.loads(body)
    variables = tuple(results["head"]["vars"])
    return variables, [tuple(b.get(v, {}).get("value") for v in variables) for b in results["results"]["bindings"]]


def _embedded_select(store, text: str) -> tuple[tuple[str, ...], list[tuple[str | None, ...]]]:
    answer = queries.select(store, text)
    return answer.variables, list(answer.rows)


def _comparable(answer) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Variables and sorted rows; GROUP_CONCAT lists ("a; b") sorted, as their order is not defined."""

    def cell(value):
        return "" if value is None else "; ".join(sorted(value.split("; ")))

    variables, rows = answer
    return variables, sorted(tuple(cell(v) for v in row) for row in rows)


def _in_order(answer, text: str) -> tuple[tuple[str, ...], list[tuple[str | None, ...]]]:
    """Variables and rows in the order the store gave them, the items of each GROUP_CONCAT list
    sorted (as `geokg query` sorts them: SPARQL leaves their order to the store)."""
    variables, rows = answer
    lists = queries._concatenated(text)

    def cell(variable, value):
        separator = lists.get(variable)
        return value if value is None or not separator else separator.join(sorted(value.split(separator)))

    return variables, [tuple(cell(v, value) for v, value in zip(variables, row, strict=True)) for row in rows]


def _count(url: str) -> int:
    return int(_http_select(url, COUNT)[1][0][0])


def _quad_count(build_dir: Path) -> int:
    return sum(len(graph.triples) for graph in stores.read_build(build_dir))


# geokg load ---------------------------------------------------------------------------------


def test_stores_load_pushes_every_graph_and_reports_progress(loaded, build_dir):
    result, _ = loaded[0]
    graphs = stores.read_build(build_dir)
    total = len(graphs) + 1  # and their union, as the default graph, last
    assert result.exit_code == 0, result.output
    assert f"[1/{total}] <" in result.output and f"[{total}/{total}] the default graph" in result.output
    assert {g.name for g in graphs} >= {
        "https://w3id.org/geokg/ontology",
        "https://w3id.org/geokg/id/dataset/reference",
    }
    assert sum(name.startswith("https://w3id.org/geokg/id/document/") for name in (g.name for g in graphs)) == 2


def test_stores_load_twice_leaves_the_same_data(loaded, loaded_named_only, oxigraph_server, build_dir):
    """Each graph of the build once, and in the plain store the default graph: their union."""
    for (first, after_first), (second, after_second) in (loaded, loaded_named_only):
        assert first.exit_code == 0 and second.exit_code == 0, second.output
        assert int(after_first) == int(after_second) == _quad_count(build_dir)
    assert "the default graph" in loaded[0][0].output
    default = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    union = len({t for graph in stores.read_build(build_dir) for t in graph.triples})
    assert int(_http_select(f"{oxigraph_server}/query", default)[1][0][0]) == union


@pytest.mark.parametrize("name", NAMED)
def test_stores_named_queries_answer_the_same_rows_in_the_same_order_after_load(
    name, loaded, oxigraph_server, loaded_named_only, union_oxigraph_server, embedded
):
    """In a plain store (where `geokg load` writes the union as the default graph) and in one that
    makes its own union of the named graphs: row for row, in order (every ORDER BY is total)."""
    text = queries.named_queries()[name].text
    ours = _in_order(_embedded_select(embedded, text), text)
    for server in (oxigraph_server, union_oxigraph_server):
        assert _in_order(_http_select(f"{server}/query", text), text) == ours, server
    if name in FROM_REFERENCE_DATA:
        assert ours[1], f"{name} has no rows: the comparison would prove nothing"


def test_stores_a_plain_store_loaded_without_the_default_graph_answers_nothing(build_dir, tmp_path):
    """What `--no-default-graph` is for: a store that makes its own union. A plain one then has
    an empty default graph, and the named queries find nothing there."""
    process, url = _oxigraph(tmp_path / "plain")
    try:
        result = CliRunner(env=LOOPBACK_ENV).invoke(
            main, ["load", "--endpoint", f"{url}/store", "--build", str(build_dir), "--no-default-graph", "-q"]
        )
        assert result.exit_code == 0, result.output
        assert _http_select(f"{url}/query", queries.named_queries()["members-of"].text)[1] == []
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_stores_load_reports_a_refusing_store_with_exit_2(oxigraph_server, build_dir):
    result = CliRunner(env=LOOPBACK_ENV).invoke(
        main, ["load", "--endpoint", f"{oxigraph_server}/not-a-store", "--build", str(build_dir), "-q"]
    )
    assert result.exit_code == 2
    assert f"{oxigraph_server}/not-a-store" in result.output and "HTTP 404" in result.output
    assert "is not supported by this server" in result.output  # the store's own message


def test_stores_load_reports_an_unreachable_store_with_exit_2(build_dir):
    endpoint = f"http://127.0.0.1:{stores.free_port()}/store"
    result = CliRunner(env=LOOPBACK_ENV).invoke(main, ["load", "--endpoint", endpoint, "--build", str(build_dir)])
    assert result.exit_code == 2
    assert endpoint in result.output and "unreachable" in result.output


def test_stores_load_explains_that_turtle_has_no_named_graphs(tmp_path):
    (tmp_path / "geokg.ttl").write_text("<http://example.org/a> <http://example.org/b> 1 .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", "--endpoint", "http://127.0.0.1:9/store", "--build", str(tmp_path)])
    assert result.exit_code == 2
    assert "geokg build --format nquads" in result.output


# geokg serve --------------------------------------------------------------------------------


def test_stores_serve_answers_refuses_writes_and_service_and_stops_on_sigint(served, build_dir, embedded):
    process, url, tmp = served
    assert url.startswith("http://127.0.0.1:") and url.endswith("/query")
    assert _count(url) == _quad_count(build_dir)
    text = queries.named_queries()["intentions-by-holder"].text
    assert _comparable(_http_select(url, text)) == _comparable(_embedded_select(embedded, text))

    base = url.removesuffix("/query")
    update = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
    assert _http(f"{base}/update", data=update, headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert (
        _http(
            f"{base}/store?default",
            data=b"<urn:a> <urn:b> <urn:c> .",
            method="PUT",
            headers={"Content-Type": "application/n-triples"},
        )[0]
        == 403
    )
    status, body = _http(
        url,
        data=b"SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 403 and b"SERVICE" in body
    assert _count(url) == _quad_count(build_dir)  # nothing was written

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=15) == 0
    assert list(tmp.iterdir()) == []  # the temporary store is gone


def test_stores_serve_stops_a_query_that_outlives_the_timeout(served):
    process, url, _ = served
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"
    started = time.monotonic()
    status, body = _http(url, data=endless.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 503 and b"timeout" in body
    assert time.monotonic() - started < 10
    assert _http_select(url, "SELECT ?x WHERE { BIND(1 AS ?x) }")[1] == [("1",)]  # still serving
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=15) == 0


@pytest.fixture(scope="module")
def server(build_dir, tmp_path_factory):
    """One `geokg serve` for the checks that do not stop it: 2 s timeout, 2 query workers."""
    env = {**os.environ, **LOOPBACK_ENV}
    command = [sys.executable, "-m", "geokg", "serve", "--build", str(build_dir), "--port", "0", "--timeout", "2"]
    process = subprocess.Popen([*command, "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "geokg serve printed no URL within 60 s"
        line = process.stdout.readline().decode("utf-8")
        url = next(word for word in line.split() if word.startswith("http://"))
        yield process, url.removesuffix("/query")
    finally:
        process.kill()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()


def _response(url: str, *, accept: str = "", method: str = "GET", data: bytes | None = None, headers=None):
    """(status, headers, body), without following redirects."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(
            method, target, body=data, headers={**({"Accept": accept} if accept else {}), **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_stores_serve_runs_a_fast_query_beside_a_slow_one_and_stops_the_slow_one(server):
    _, base = server
    slow: dict = {}

    def ask_slow():
        endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"
        started = time.monotonic()
        slow["status"], slow["body"] = _http(
            f"{base}/query", data=endless.encode(), headers={"Content-Type": "application/sparql-query"}
        )
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=ask_slow)
    thread.start()
    time.sleep(0.5)  # the slow query is running
    started = time.monotonic()
    assert _http_select(f"{base}/query", "SELECT ?x WHERE { BIND(1 AS ?x) }")[1] == [("1",)]
    fast = time.monotonic() - started
    thread.join(timeout=30)
    assert fast < 1.0, f"the fast query waited {fast:.1f} s behind the slow one"
    assert slow["status"] == 503 and b"2 s timeout" in slow["body"] and slow["seconds"] < 6
    assert _http_select(f"{base}/query", "SELECT ?x WHERE { BIND(2 AS ?x) }")[1] == [("2",)]  # a worker replaced


def test_stores_serve_listens_on_its_own_door_only(server):
    """The query workers talk to the front over pipes: no process of geokg serve listens on any
    port but the one it printed."""
    import psutil

    process, base = server
    port = int(base.rsplit(":", 1)[1])
    tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    assert len(tree) >= 3  # the front and its two workers
    listening = {c.laddr.port for p in tree for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN}
    assert listening == {port}


SERVICE_SPELLINGS = [
    "SELECT * WHERE { SERVICE <{target}> { ?s ?p ?o } }",
    "select * where { service <{target}> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE SILENT <{target}> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <{target}> { ?s ?p ?o } }",
    "SELECT * WHERE { #comment\n SERVICE\n<{target}>{?s ?p ?o} }",
    "PREFIX e: <{target}> SELECT * WHERE { SERVICE e: { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<{target}> AS ?u) SERVICE ?u { ?s ?p ?o } }",
]


@pytest.mark.parametrize("spelling", SERVICE_SPELLINGS)
@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_stores_serve_refuses_service_in_any_spelling_and_calls_nobody(server, spelling, how):
    _, base = server
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(0.5)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        query = spelling.replace("{target}", target)
        if how == "get":
            status, body = _http(f"{base}/query?" + urllib.parse.urlencode({"query": query}))
        elif how == "form":
            form = urllib.parse.urlencode({"query": query}).encode()
            status, body = _http(
                f"{base}/query", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
            )
        else:
            status, body = _http(
                f"{base}/query", data=query.encode(), headers={"Content-Type": "application/sparql-query"}
            )
        assert status == 403 and b"SERVICE" in body
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody called


def test_stores_serve_refuses_every_kind_of_write(server, build_dir):
    _, base = server
    before = _count(f"{base}/query")
    insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    attempts = [
        (f"{base}/update", "POST", urllib.parse.urlencode({"update": insert}).encode(), form),
        (f"{base}/query", "POST", urllib.parse.urlencode({"update": insert}).encode(), form),
        (f"{base}/query", "POST", insert.encode(), {"Content-Type": "application/sparql-update"}),
        (f"{base}/store?default", "PUT", b"<urn:a> <urn:b> <urn:c> .", {"Content-Type": "application/n-triples"}),
        (f"{base}/store?graph=urn:g", "POST", b"<urn:a> <urn:b> <urn:c> .", {"Content-Type": "application/n-triples"}),
        (f"{base}/store?default", "DELETE", None, {}),
        (f"{base}/store", "PATCH", b"", {}),
    ]
    for url, method, data, headers in attempts:
        status, _, body = _response(url, method=method, data=data, headers=headers)
        assert status == 403 and b"read-only" in body, (url, method, status)
    status, _, body = _response(f"{base}/query?" + urllib.parse.urlencode({"query": "LOAD <urn:x>"}))
    assert status == 400  # an update is not a query: the parser says so
    assert _count(f"{base}/query") == before == _quad_count(build_dir)


def test_stores_serve_describes_itself_without_federation(server):
    _, base = server
    status, headers, body = _response(f"{base}/query", accept="text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    endpoint = ox.NamedNode(f"{base}/query")
    objects = {t.object for t in triples if t.subject == endpoint}
    assert ox.NamedNode(SD + "SPARQL11Query") in objects and endpoint in objects
    assert not any("Federat" in t.object.value for t in triples if isinstance(t.object, ox.NamedNode))


def test_stores_serve_answers_browsers_on_other_origins(server):
    _, base = server
    status, headers, _ = _response(
        f"{base}/query",
        method="OPTIONS",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert status == 204 and headers["access-control-allow-origin"] == "*"
    assert {"GET", "POST", "OPTIONS"} <= {m.strip() for m in headers["access-control-allow-methods"].split(",")}
    assert "content-type" in headers["access-control-allow-headers"].lower()
    status, headers, _ = _response(f"{base}/query?query=ASK%7B%7D", headers={"Origin": "https://example.org"})
    assert status == 200 and headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { foo:x ?p ?o }", "PREFIX foo:"),
        ("SELECT * WHERE { gk:x ?p ?o }", "PREFIX gk: <https://w3id.org/geokg/ontology#>"),
        ("SELECT * WHERE { ?s ?p ?o ", "braces"),
        ("SELEC * WHERE { ?s ?p ?o }", "line 1, column"),
    ],
)
def test_stores_serve_explains_a_malformed_query_briefly(server, query, expected):
    _, base = server
    status, body = _http(f"{base}/query?" + urllib.parse.urlencode({"query": query}))
    message = body.decode("utf-8")
    assert status == 400 and expected in message and "line 1, column" in message
    assert len(message) < 400


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("", "text/turtle"),
    ],
)
def test_stores_serve_dereferences_the_builds_iris(server, accept, media_type):
    _, base = server
    status, headers, _ = _response(f"{base}/id/entity/Q159", accept=accept)
    assert status == 303 and headers["location"] == "/doc/entity/Q159"
    status, headers, body = _response(f"{base}/doc/entity/Q159", accept=accept)
    assert status == 200 and headers["content-type"].startswith(media_type) and headers["vary"] == "Accept"
    russia = "https://w3id.org/geokg/id/entity/Q159"
    if media_type == "text/html":
        page = body.decode("utf-8")
        assert "<h1>Russia</h1>" in page and russia in page
        return
    fmt = {v.media_type: v for v in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD)}.get(
        media_type, ox.RdfFormat.RDF_XML
    )
    triples = [quad.triple for quad in ox.parse(body, format=fmt)]
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert ox.Triple(ox.NamedNode(russia), label, ox.Literal("Russia", language="en")) in triples


def test_stores_serve_links_a_documents_page_to_its_neighbours_and_says_what_it_does_not_know(server, build_dir):
    _, base = server
    document = next(g.name for g in stores.read_build(build_dir) if "/document/" in (g.name or ""))
    path = document.removeprefix("https://w3id.org/geokg/id/")
    status, _, body = _response(f"{base}/doc/{path}", accept="text/html")
    assert status == 200 and 'href="/doc/' in body.decode("utf-8")
    status, _, body = _response(f"{base}/doc/entity/no-such-thing")
    assert status == 404 and b"states nothing" in body


def test_stores_serve_gives_the_datasets_description_the_ontology_and_each_graph(server, build_dir):
    _, base = server
    status, _, body = _response(f"{base}/.well-known/void", accept="text/turtle")
    dcat_dataset = ox.NamedNode("http://www.w3.org/ns/dcat#Dataset")
    description = [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
    [dataset] = [t.subject for t in description if t.object == dcat_dataset]
    endpoint = ox.Triple(dataset, ox.NamedNode("http://rdfs.org/ns/void#sparqlEndpoint"), ox.NamedNode(f"{base}/query"))
    assert status == 200 and endpoint in description  # the endpoint serving it
    status, headers, body = _response(f"{base}/data/geokg.nq")
    assert status == 200 and body == (build_dir / "geokg.nq").read_bytes()
    assert headers["content-type"] == "application/n-quads"
    status, _, body = _response(f"{base}/data/.geokg-store")
    assert status == 404 and b"geokg.nq" in body
    status, headers, body = _response(f"{base}/ontology/context.jsonld")
    assert status == 200 and headers["content-type"] == "application/ld+json"
    assert json.loads(body)["@context"]["gk"] == "https://w3id.org/geokg/ontology#"
    status, _, body = _response(f"{base}/ontology", accept="application/n-triples")
    ontology = ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology")
    assert status == 200 and any(t.object == ontology for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    graph = next(g for g in stores.read_build(build_dir) if "/document/" in (g.name or ""))
    query = urllib.parse.urlencode({"graph": graph.name})
    status, _, body = _response(f"{base}/store?{query}", accept="application/n-triples")
    as_stored = ox.Store()  # Oxigraph keeps derived integer types (xsd:nonNegativeInteger) as xsd:integer
    as_stored.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in graph.triples)
    assert status == 200 and {q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)} == {
        q.triple for q in as_stored
    }
    status, _, _ = _response(f"{base}/store?graph=urn:no-such-graph")
    assert status == 404


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent ?endpoint { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE<http://127.0.0.1:1/>{?a ?b ?c} }",
        r"SELECT * WHERE { \u0053ERVICE <http://example.org/> { ?s ?p ?o } }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a\\# SERVICE <http://example.org/> {?a ?b ?c} }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a\\' SERVICE <http://example.org/> {?a ?b ?c} ex:b\\' }",
        'SELECT * WHERE { ?s ?p "a" # "\n SERVICE <http://example.org/> { ?a ?b ?c } }',
    ],
)
def test_stores_service_guard_spots_federated_queries(query):
    assert stores.may_call_service(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE" }',
        "SELECT * WHERE { ?s a <https://schema.org/Service> } # SERVICE <http://example.org/>",
        "PREFIX ex: <http://e/> SELECT ?service WHERE { ?service a ex:SERVICE ; ex:p '''it's a \"SERVICE\"''' }",
        'SELECT * WHERE { ?s ?p ?o FILTER(LANG(?o) = "x-service") }',
    ],
)
def test_stores_service_guard_lets_other_queries_through(query):
    assert not stores.may_call_service(query)


# real clients ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_stores_serve_answers_sparqlwrapper_as_the_embedded_store(server, embedded, method):
    from SPARQLWrapper import JSON, SPARQLWrapper

    _, base = server
    text = queries.named_queries()["members-of"].text
    client = SPARQLWrapper(f"{base}/query")
    client.setQuery(text)
    client.setMethod(method)
    client.setReturnFormat(JSON)
    results = client.query().convert()
    variables = tuple(results["head"]["vars"])
    rows = [tuple(b.get(v, {}).get("value") for v in variables) for b in results["results"]["bindings"]]
    assert _in_order((variables, rows), text) == _in_order(_embedded_select(embedded, text), text)


def test_stores_serve_answers_rdflibs_sparql_store_as_the_embedded_store(server, embedded):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    _, base = server
    text = queries.named_queries()["who-says-what"].text
    remote = Graph(store=SPARQLStore(query_endpoint=f"{base}/query", returnFormat="json"))
    rows = [tuple(None if v is None else str(v) for v in row) for row in remote.query(text)]
    ours = _embedded_select(embedded, text)
    assert rows and _in_order((ours[0], rows), text) == _in_order(ours, text)
    described = Graph(store=SPARQLStore(query_endpoint=f"{base}/query")).query(
        "CONSTRUCT WHERE { <https://w3id.org/geokg/id/entity/Q159> ?p ?o }"
    )
    assert len(described) > 3  # a graph answer, negotiated as RDF
