"""Real triple stores: serve a build over HTTP, and push a build into a store that runs elsewhere.

- `read_build` reads a build as named graphs (one per document, the reference data, the ontology,
  and the dataset description), from its N-Quads (or TriG) file.
- `push` sends each graph with an HTTP PUT of the SPARQL 1.1 Graph Store HTTP Protocol
  (`<endpoint>?graph=<graph IRI>`), which replaces the graph: pushing twice leaves the same data.
- `Endpoint` serves a build as a read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1: the
  Oxigraph server (`oxigraph serve-read-only`, from the `oxigraph` package) over a copy of the
  build, behind a small guard that refuses updates and federated `SERVICE` queries (the server
  itself cannot disable `SERVICE`), and stops any query that runs longer than the timeout
  (Oxigraph's own `--timeout-s` does not stop every query: sorting and some aggregates run on).

HTTP goes through the standard library only.
"""

from __future__ import annotations

import http.client
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from geokg.errors import GeokgError, InputError
from geokg.publish import FORMATS

Progress = Callable[[int, int, str], None]

HOST = "127.0.0.1"
DATASET_FILES = {FORMATS["nquads"].file: ox.RdfFormat.N_QUADS, FORMATS["trig"].file: ox.RdfFormat.TRIG}
TRIPLE_FILES = {FORMATS["turtle"].file: ox.RdfFormat.TURTLE, FORMATS["ntriples"].file: ox.RdfFormat.N_TRIPLES}
DESCRIPTION_FILE = "void.ttl"  # geokg.describe.DESCRIPTION_FILE, read here without importing rdflib
_DCAT_DATASET = ox.NamedNode("http://www.w3.org/ns/dcat#Dataset")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_MESSAGE_LIMIT = 500


class StoreError(GeokgError):
    """A triple store refused a request, could not be reached, or could not be started."""

    def __init__(self, where: str, problem: str, fix: str):
        super().__init__(f"{where}: {problem}. {fix}")
        self.where = where


@dataclass(frozen=True)
class NamedGraph:
    """One graph of a build: its IRI (None for the default graph) and its triples in file order."""

    name: str | None
    triples: tuple[ox.Triple, ...]

    @property
    def label(self) -> str:
        return "the default graph" if self.name is None else f"<{self.name}>"

    def ntriples(self) -> bytes:
        return ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES) or b""

    def nquads(self) -> bytes:
        graph = ox.DefaultGraph() if self.name is None else ox.NamedNode(self.name)
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in self.triples]
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


# Reading a build ----------------------------------------------------------------------------


def read_build(path: Path, *, triples_ok: bool = False) -> list[NamedGraph]:
    """The graphs of a build directory (its N-Quads, else its TriG, plus its description) or file.

    A build written only as Turtle or N-Triples holds the union without graph names; it is read
    as the default graph when `triples_ok`, else refused (pushing needs one graph per document).
    """
    data_file = _data_file(path, triples_ok=triples_ok)
    graphs = _parse_graphs(data_file)
    description = path / DESCRIPTION_FILE if path.is_dir() else None
    if description is not None and description.is_file():
        graphs.extend(_description_graph(description))
    return graphs


def _data_file(path: Path, *, triples_ok: bool) -> Path:
    if path.is_file():
        if path.suffix in {".nq", ".trig"} or (triples_ok and path.suffix in {".ttl", ".nt"}):
            return path
        raise InputError(str(path), "is not an N-Quads (.nq) or TriG (.trig) build",
                         "Pass the build directory or its geokg.nq; make one with `geokg build --format nquads`")
    candidates = {**DATASET_FILES, **(TRIPLE_FILES if triples_ok else {})}
    for name in candidates:
        if (path / name).is_file():
            return path / name
    if any((path / name).is_file() for name in TRIPLE_FILES):
        raise InputError(str(path), "holds the build only as Turtle or N-Triples, which have no named graphs",
                         "Loading puts each document in its own graph: run `geokg build --format nquads` first")
    raise InputError(str(path), f"holds no build ({' or '.join(candidates)})",
                     "Run `geokg build --format nquads -o DIR` and pass --build DIR")


def _parse_graphs(file: Path) -> list[NamedGraph]:
    fmt = {**DATASET_FILES, **TRIPLE_FILES}.get(file.name) or ox.RdfFormat.from_extension(file.suffix[1:])
    grouped: dict[str | None, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(path=str(file), format=fmt):
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            grouped.setdefault(name, []).append(quad.triple)
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(str(file), f"cannot be read: {err}", "Rebuild it with `geokg build`") from err
    return [NamedGraph(name, tuple(triples)) for name, triples in grouped.items()]


def with_union_graph(graphs: list[NamedGraph]) -> list[NamedGraph]:
    """The graphs plus, when there is no default graph, one holding each of their triples once
    (Oxigraph's --union-default-graph would give a triple once per graph holding it)."""
    if any(graph.name is None for graph in graphs):
        return graphs
    union = dict.fromkeys(t for graph in graphs for t in graph.triples)
    return [*graphs, NamedGraph(None, tuple(union))]


def _description_graph(file: Path) -> list[NamedGraph]:
    """The VoID/DCAT description, in the graph named after the dataset it describes."""
    try:
        triples = tuple(ox.parse(path=str(file), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(str(file), f"cannot be read: {err}", "Rebuild it with `geokg build`") from err
    datasets = sorted(t.subject.value for t in triples if t.predicate == _RDF_TYPE and t.object == _DCAT_DATASET)
    return [NamedGraph(datasets[0], triples)] if datasets else []


# Pushing a build over the Graph Store HTTP Protocol -------------------------------------------


def push(endpoint: str, graphs: Sequence[NamedGraph], *, progress: Progress | None = None,
         timeout: float = 120.0) -> None:
    """PUT each graph to a Graph Store HTTP Protocol endpoint, replacing the graph of that name."""
    _check_endpoint(endpoint)
    for number, graph in enumerate(graphs, 1):
        if progress is not None:
            progress(number, len(graphs), graph.label)
        _put(endpoint, graph, timeout=timeout)


def graph_url(endpoint: str, name: str | None) -> str:
    """The URL of one graph at a Graph Store endpoint: `?graph=<IRI>` (indirect), or `?default`."""
    query = "default" if name is None else urllib.parse.urlencode({"graph": name})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _check_endpoint(endpoint: str) -> None:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InputError(endpoint, "is not an http(s) URL",
                         "Pass the store's Graph Store endpoint, e.g. --endpoint http://127.0.0.1:7878/store")


def _put(endpoint: str, graph: NamedGraph, *, timeout: float) -> None:
    request = urllib.request.Request(graph_url(endpoint, graph.name), data=graph.ntriples(), method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        message = _message(err.read())
        raise StoreError(endpoint, f"refused {graph.label} with HTTP {err.code} {err.reason}"
                                   f"{': ' + message if message else ''}",
                         "Check that the URL is the store's Graph Store endpoint and that the store accepts writes"
                         ) from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise StoreError(endpoint, f"is unreachable ({reason})",
                         "Check that the store is running and the host and port are right") from err


def _message(body: bytes) -> str:
    text = " ".join(body.decode("utf-8", errors="replace").split())
    return text if len(text) <= _MESSAGE_LIMIT else text[:_MESSAGE_LIMIT] + "..."


# Guarding queries ---------------------------------------------------------------------------

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# What can hide the word SERVICE without being the keyword: strings (long ones first), IRIs,
# comments, and backslash escapes in prefixed names (ex:a\#b, ex:a\'b).
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*"
    r"|\\.",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w?$:@\-])SERVICE(?![\w:\-])", re.IGNORECASE)


def may_call_service(query: str) -> bool:
    """Whether a SPARQL query has a `SERVICE` clause (or cannot be told apart from one).

    Strings, IRIs, comments, variables and prefixed names that merely contain the word do not count.
    """
    try:
        text = _CODEPOINT.sub(lambda m: chr(int(m[1] or m[2], 16)), query)
    except (ValueError, OverflowError):
        return True
    return _SERVICE.search(_OPAQUE.sub(" ", text)) is not None


# Serving a build ----------------------------------------------------------------------------


def find_oxigraph() -> Path:
    """The Oxigraph server binary: next to this Python interpreter (same environment), or on PATH."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("oxigraph", "the Oxigraph server is not installed",
                         "Install it into geokg's environment: `pip install oxigraph` (a dependency of geokg)")
    return Path(found)


def load_store(location: Path, graphs: Sequence[NamedGraph], *, oxigraph: Path) -> None:
    """Bulk-load graphs into a new Oxigraph store directory with `oxigraph load`."""
    data = b"".join(graph.nquads() for graph in graphs)
    command = [str(oxigraph), "load", "--location", str(location), "--format", "application/n-quads"]
    done = subprocess.run(command, input=data, capture_output=True, check=False)
    if done.returncode != 0:
        raise StoreError(str(location), f"`oxigraph load` failed: {_message(done.stderr)}",
                         "Check the build with `geokg validate`")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Endpoint:
    """A read-only SPARQL 1.1 Protocol endpoint over a build, on 127.0.0.1; a context manager.

    The build is loaded into a temporary Oxigraph store that `oxigraph serve-read-only` serves
    on a private port, with the merge of all graphs as the default graph (as `geokg query`).
    In front, on `port`, a guard answers one request at a time: it passes queries on, refuses
    updates and `SERVICE`, and stops (restarts) the server when a query outlives `timeout`.
    Leaving the context stops the server and deletes the temporary store.
    """

    def __init__(self, build: Path, *, port: int = 7878, timeout: int = 30, oxigraph: Path | None = None):
        self.build = build
        self.timeout = timeout
        self._port = port
        self._oxigraph = oxigraph
        self._workdir: Path | None = None
        self._backend: _Backend | None = None
        self._guard: _Guard | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The SPARQL query endpoint (`/query`); `/store` serves graphs read-only."""
        if self._guard is None:
            raise RuntimeError("the endpoint is not running")
        return f"http://{HOST}:{self._guard.server_address[1]}/query"

    def __enter__(self) -> Endpoint:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _start(self) -> None:
        graphs = with_union_graph(read_build(self.build, triples_ok=True))
        binary = self._oxigraph or find_oxigraph()
        self._guard = _Guard(self._port, timeout=self.timeout)
        self._workdir = Path(tempfile.mkdtemp(prefix="geokg-serve-"))
        load_store(self._workdir / "store", graphs, oxigraph=binary)
        self._backend = _Backend(binary, self._workdir, timeout=self.timeout)
        self._backend.start()
        self._guard.backend = self._backend
        self._thread = threading.Thread(target=self._guard.serve_forever, name="geokg-serve", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Block until the server fails (StoreError) or the process is interrupted."""
        while True:
            time.sleep(0.5)
            if self._backend is not None:
                self._backend.check()

    def close(self) -> None:
        """Stop the guard and the server, and delete the temporary store (safe to call twice)."""
        if self._guard is not None:
            if self._thread is not None:
                self._guard.shutdown()
                self._thread.join(timeout=5)
            self._guard.server_close()
        if self._backend is not None:
            self._backend.stop()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
        self._guard = self._backend = self._thread = self._workdir = None


class _Backend:
    """The `oxigraph serve-read-only` child on a private loopback port; restartable.

    The child is always started from one long-lived thread, so that Linux's parent-death signal
    (which follows the thread that started a child) fires only when geokg itself goes away.
    """

    def __init__(self, binary: Path, workdir: Path, *, timeout: int):
        self._binary = binary
        self._workdir = workdir
        self._timeout = timeout
        self._process: subprocess.Popen | None = None
        self._log = workdir / "oxigraph.log"
        self._swap = threading.Lock()
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="geokg-oxigraph")
        self._stopped = False
        self.port = 0

    def start(self) -> None:
        self._spawner.submit(self._locked, self._start).result()

    def _locked(self, action: Callable[[], None]) -> None:
        with self._swap:
            action()

    def _start(self) -> None:
        self.port = free_port()
        command = [str(self._binary), "serve-read-only", "--location", str(self._workdir / "store"),
                   "--bind", f"{HOST}:{self.port}", "--timeout-s", str(self._timeout)]
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                             start_new_session=True, preexec_fn=_die_with_parent)
        self._wait_ready()

    def _wait_ready(self, limit: float = 30.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise StoreError("oxigraph serve-read-only", f"exited at start: {self._log_tail()}",
                                 "Check that the installed oxigraph package is the one geokg requires")
            try:
                socket.create_connection((HOST, self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise StoreError("oxigraph serve-read-only", f"did not start within {limit:.0f} s", "Try again")

    def restart(self) -> None:
        """Kill the server (stopping whatever query it runs) and start a fresh one on the same store."""
        self._spawner.submit(self._locked, self._replace).result()

    def _replace(self) -> None:
        self._stop()
        self._start()

    def check(self) -> None:
        with self._swap:
            if self._process is not None and self._process.poll() is not None:
                raise StoreError("oxigraph serve-read-only", f"stopped unexpectedly: {self._log_tail()}",
                                 "Restart `geokg serve`")

    def stop(self) -> None:
        """Stop the server; the backend cannot be started again."""
        if not self._stopped:
            self._stopped = True
            self._spawner.submit(self._locked, self._stop).result()
            self._spawner.shutdown()

    def _stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _log_tail(self) -> str:
        try:
            return _message(self._log.read_bytes()[-2000:]) or "no message"
        except OSError:
            return "no message"


def _die_with_parent() -> None:
    """In the child before exec: on Linux, have the kernel stop the server if geokg dies."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class _Guard(http.server.ThreadingHTTPServer):
    """The public side of `geokg serve`: checks each request, then relays it to the backend."""

    daemon_threads = True

    def __init__(self, port: int, *, timeout: int):
        try:
            super().__init__((HOST, port), _GuardHandler)
        except OSError as err:
            raise StoreError(f"{HOST}:{port}", f"cannot listen there ({err.strerror or err})",
                             "Pass a free port with --port (0 picks one)") from err
        self.timeout_s = timeout
        self.backend: _Backend | None = None
        self.one_at_a_time = threading.Lock()


_MAX_BODY = 16 * 1024 * 1024
_READ_ONLY = "geokg serve is read-only: updates and graph writes are refused"
_NO_SERVICE = ("geokg serve refuses federated queries: SERVICE is disabled "
               "(the endpoint answers from the build alone and calls no other endpoint)")


class _GuardHandler(http.server.BaseHTTPRequestHandler):
    server: _Guard
    server_version = "geokg-serve"
    timeout = 60  # seconds a client may take to send its request

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the signature is http.server's
        """Quiet: the library does not print."""

    def do_GET(self) -> None:
        self._handle(b"")

    def do_HEAD(self) -> None:
        self._handle(b"")

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._reply(411, "send a Content-Length header")
        elif int(length) > _MAX_BODY:
            self._reply(413, f"requests are limited to {_MAX_BODY} bytes")
        else:
            self._handle(self.rfile.read(int(length)))

    def do_PUT(self) -> None:
        self._reply(403, _READ_ONLY)

    def do_DELETE(self) -> None:
        self._reply(403, _READ_ONLY)

    def do_PATCH(self) -> None:
        self._reply(403, _READ_ONLY)

    def _handle(self, body: bytes) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == "/" and self.command in {"GET", "HEAD"}:
            self._reply(200, f"geokg SPARQL endpoint (read-only). Send SPARQL queries to http://{HOST}:"
                             f"{self.server.server_address[1]}/query")
        elif path == "/update" or (path.startswith("/store") and self.command not in {"GET", "HEAD"}):
            self._reply(403, _READ_ONLY)
        elif path == "/query" or path.startswith("/store"):
            self._check_and_relay(path, body)
        else:
            self._reply(404, f"{self.command} {path} is not served; SPARQL queries go to /query")

    def _check_and_relay(self, path: str, body: bytes) -> None:
        try:
            queries = _query_texts(urllib.parse.urlsplit(self.path).query, body,
                                   self.headers.get("Content-Type", "") if self.command == "POST" else None)
        except _Refused as err:
            self._reply(err.status, err.message)
            return
        if path == "/query" and any(may_call_service(q) for q in queries):
            self._reply(403, _NO_SERVICE)
            return
        with self.server.one_at_a_time:
            self._relay(body)

    def _relay(self, body: bytes) -> None:
        self._started = False
        backend = self.server.backend
        deadline = time.monotonic() + self.server.timeout_s + 1
        connection = http.client.HTTPConnection(HOST, backend.port, timeout=self.server.timeout_s + 1)
        headers = {k: self.headers[k] for k in ("Accept", "Content-Type") if self.headers.get(k)}
        try:
            connection.request(self.command, self.path, body=body if self.command == "POST" else None,
                               headers=headers)
            upstream = connection.sock  # kept: getresponse() may drop it from the connection
            response = connection.getresponse()
            self._relay_response(response, upstream, deadline)
        except TimeoutError:
            backend.restart()
            self._reply_if_possible(503, f"the query ran longer than the {self.server.timeout_s} s timeout "
                                         "and was stopped")
        except (ConnectionError, http.client.HTTPException, OSError) as err:
            self._reply_if_possible(502, f"the store did not answer: {err}")
        finally:
            connection.close()

    def _relay_response(self, response: http.client.HTTPResponse, upstream: socket.socket,
                        deadline: float) -> None:
        self.send_response(response.status)
        for name in ("Content-Type", "Content-Disposition", "Vary"):
            if response.getheader(name):
                self.send_header(name, response.getheader(name))
        self.end_headers()
        self._started = True
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            upstream.settimeout(remaining)
            chunk = response.read1(65536)
            if not chunk:
                return
            try:
                self.wfile.write(chunk)
            except OSError:  # the client went away; closing the connection stops the query
                return

    def _reply_if_possible(self, status: int, message: str) -> None:
        if not self._started:
            self._reply(status, message)
        # else: the answer was already streaming; cutting it short is all that can be done

    def _reply(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def _query_texts(url_query: str, body: bytes, content_type: str | None) -> list[str]:
    """Every SPARQL query a request carries: `query` parameters of the URL and form body, or the body."""
    texts = [v for k, v in urllib.parse.parse_qsl(url_query, keep_blank_values=True) if k == "query"]
    if content_type is None:
        return texts
    media = content_type.split(";")[0].strip().lower()
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _Refused(400, f"the request body is not UTF-8: {err}") from err
    if media == "application/sparql-query":
        return texts + [decoded]
    if media == "application/x-www-form-urlencoded":
        return texts + [v for k, v in urllib.parse.parse_qsl(decoded, keep_blank_values=True) if k == "query"]
    raise _Refused(415, f"unsupported Content-Type {media!r}: use application/sparql-query "
                        "or application/x-www-form-urlencoded")


class _Refused(Exception):
    """A request the guard answers itself, with an HTTP status and a message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
