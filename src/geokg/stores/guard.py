"""The HTTP side of `geokg serve`, the only door to the build: the SPARQL 1.1 Protocol (read-only),
the Graph Store Protocol's reads, Linked Data for the build's IRIs, the dataset description and
the ontology. Every answer carries CORS headers, so that browser tools on other origins can use it.

Requests are served side by side; each query runs in a worker of the `QueryPool` with its own
timeout. Updates, graph writes and federated `SERVICE` queries are refused before any worker sees
them.
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from geokg.rdf.jsonld import CONTEXT_FILE
from geokg.stores import linked
from geokg.stores.engine import Busy, QueryPool, Request, TimedOut
from geokg.stores.errors import StoreError
from geokg.stores.federation import may_call_service
from geokg.stores.linked import Reply
from geokg.stores.oxigraph import HOST

_MAX_BODY = 16 * 1024 * 1024
_READ_ONLY = "geokg serve is read-only: updates and graph writes are refused"
_NO_SERVICE = (
    "geokg serve refuses federated queries: SERVICE is disabled "
    "(the endpoint answers from the build alone and calls no other endpoint)"
)
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}
_SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DCAT_DATASET = ox.NamedNode("http://www.w3.org/ns/dcat#Dataset")
_SPARQL_ENDPOINT = ox.NamedNode("http://rdfs.org/ns/void#sparqlEndpoint")
_FILE_TYPES = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".trig": "application/trig",
    ".jsonld": "application/ld+json",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
}
_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Site:
    """What the front serves besides queries: the base of the build's IRIs (served under /id/),
    the dataset description and the ontology as triples, and the build's files (under /data/)."""

    base_iri: str
    description: tuple[ox.Triple, ...]
    ontology: tuple[ox.Triple, ...]
    files: dict[str, Path] = field(default_factory=dict)
    report: Path | None = None  # the build's HTML report (geokg.report), served at /


class Guard(http.server.ThreadingHTTPServer):
    """The public side of `geokg serve`, on 127.0.0.1."""

    daemon_threads = True

    def __init__(self, port: int, *, pool: QueryPool, site: Site):
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as err:
            raise StoreError(
                f"{HOST}:{port}",
                f"cannot listen there ({err.strerror or err})",
                "Pass a free port with --port (0 picks one)",
            ) from err
        self.pool = pool
        self.site = site


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Guard
    server_version = "geokg-serve"
    timeout = 60  # seconds a client may take to send its request

    def log_message(self, format: str, *args) -> None:  # the signature is http.server's
        """Quiet: the library does not print."""

    def do_OPTIONS(self) -> None:  # a browser's CORS preflight
        self._send(204, "", b"")

    def do_GET(self) -> None:
        self._route(b"")

    def do_HEAD(self) -> None:
        self._route(b"")

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._text(411, "send a Content-Length header")
        elif int(length) > _MAX_BODY:
            self._text(413, f"requests are limited to {_MAX_BODY} bytes")
        else:
            self._route(self.rfile.read(int(length)))

    def do_PUT(self) -> None:
        self._text(403, _READ_ONLY)

    def do_DELETE(self) -> None:
        self._text(403, _READ_ONLY)

    def do_PATCH(self) -> None:
        self._text(403, _READ_ONLY)

    # routes

    def _route(self, body: bytes) -> None:
        parts = urllib.parse.urlsplit(self.path)
        path, reading = parts.path, self.command in {"GET", "HEAD"}
        if path == "/update" or (path.startswith("/store") and not reading):
            self._text(403, _READ_ONLY)
        elif path in {"/query", "/sparql"}:
            self._query(parts.query, body)
        elif path == "/store" and reading:
            self._graph(parts.query)
        elif reading and path.startswith("/id/"):
            self._see_other("/doc/" + path.removeprefix("/id/"))
        elif reading and path.startswith("/doc/"):
            base = self.server.site.base_iri
            iri = base + path.removeprefix("/doc/")  # as written: the build's IRIs are percent-encoded
            self._pooled(Request("describe", iri, self._accept(), base), negotiated=True)
        elif reading and path.startswith("/data/"):
            self._file(path.removeprefix("/data/"))
        elif reading and path == "/ontology/context.jsonld":
            self._send(200, "application/ld+json", CONTEXT_FILE.read_bytes())
        elif reading and path in {"/.well-known/void", "/ontology"}:
            site = self.server.site
            triples = self._description() if path == "/.well-known/void" else site.ontology
            media = linked.negotiate(self._accept(), linked.RDF_TYPES)
            self._send(200, media, ox.serialize(triples, format=linked.RDF_TYPES[media]) or b"", negotiated=True)
        elif reading and (path == "/" or path.endswith(".html")):
            self._home(path)
        else:
            self._text(404, f"{self.command} {path} is not served. {self._welcome()}")

    def _query(self, url_query: str, body: bytes) -> None:
        try:
            texts = _query_texts(url_query, body, self.headers.get("Content-Type", "") if body else None)
        except _Refused as err:
            self._text(err.status, err.message)
            return
        if any(may_call_service(text) for text in texts):
            self._text(403, _NO_SERVICE)
        elif not texts and self.command in {"GET", "HEAD"}:
            self._service_description()
        elif len(texts) != 1:
            self._text(400, f"send one query (the request has {len(texts)}): ?query=... or a POST body")
        else:
            self._pooled(Request("query", texts[0], self._accept()), negotiated=True)

    def _graph(self, url_query: str) -> None:
        fields = urllib.parse.parse_qs(url_query, keep_blank_values=True)
        if "default" in fields:
            self._pooled(Request("graph", None, self._accept()), negotiated=True)
        elif len(fields.get("graph", [])) == 1:
            self._pooled(Request("graph", fields["graph"][0], self._accept()), negotiated=True)
        else:
            self._text(400, "name one graph: /store?default or /store?graph=IRI")

    def _pooled(self, request: Request, *, negotiated: bool) -> None:
        pool = self.server.pool
        try:
            reply: Reply = pool.run(request)
        except TimedOut:
            self._text(503, f"the query ran longer than the {pool.timeout:g} s timeout and was stopped")
            return
        except Busy:
            self._text(503, f"every query worker was busy for {pool.timeout:g} s; try again later")
            return
        self._send(reply.status, reply.media_type, reply.body, negotiated=negotiated and reply.status == 200)

    def _service_description(self) -> None:
        """geokg's own SPARQL service description: this endpoint, what it answers, no federation."""
        endpoint = ox.NamedNode(f"{self._origin()}/query")
        sd = {name: ox.NamedNode(_SD + name) for name in ("Service", "endpoint", "supportedLanguage", "feature")}
        triples = [
            ox.Triple(endpoint, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), sd["Service"]),
            ox.Triple(endpoint, sd["endpoint"], endpoint),
            ox.Triple(endpoint, sd["supportedLanguage"], ox.NamedNode(_SD + "SPARQL11Query")),
            ox.Triple(endpoint, sd["feature"], ox.NamedNode(_SD + "UnionDefaultGraph")),
        ]
        for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV"):
            triples.append(ox.Triple(endpoint, ox.NamedNode(_SD + "resultFormat"), ox.NamedNode(_FORMATS + name)))
        for name in ("Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
            triples.append(ox.Triple(endpoint, ox.NamedNode(_SD + "resultFormat"), ox.NamedNode(_FORMATS + name)))
        media = linked.negotiate(self._accept(), linked.RDF_TYPES)
        self._send(200, media, ox.serialize(triples, format=linked.RDF_TYPES[media]) or b"", negotiated=True)

    def _description(self) -> list[ox.Triple]:
        """The build's description, and this endpoint as the dataset's SPARQL endpoint."""
        triples = list(self.server.site.description)
        endpoint = ox.NamedNode(f"{self._origin()}/query")
        datasets = {t.subject for t in triples if t.predicate == _RDF_TYPE and t.object == _DCAT_DATASET}
        triples += [ox.Triple(dataset, _SPARQL_ENDPOINT, endpoint) for dataset in sorted(datasets, key=str)]
        return triples

    def _home(self, path: str) -> None:
        """The build's report at / (its pages beside it), or, for a build without one, what is served."""
        report = self.server.site.report
        page = _page(report, path) if report is not None else None
        if page is not None:
            self._send(200, "text/html; charset=utf-8", page.read_bytes())
        elif path == "/":
            self._text(200, self._welcome())
        else:
            self._text(404, f"{self.command} {path} is not served. {self._welcome()}")

    def _file(self, name: str) -> None:
        """One of the build's published files, as it was written (the description's download URLs)."""
        path = self.server.site.files.get(name)
        if path is None:
            self._text(404, f"the build has no file {name!r}; it has: {', '.join(sorted(self.server.site.files))}")
            return
        self.send_response(200)
        for header, value in _CORS.items():
            self.send_header(header, value)
        self.send_header("Content-Type", _FILE_TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(path.stat().st_size))
        self.end_headers()
        if self.command != "HEAD":
            with path.open("rb") as file, contextlib.suppress(OSError):  # OSError: the client went away
                shutil.copyfileobj(file, self.wfile)

    def _see_other(self, location: str) -> None:
        """Linked Data's answer for the IRI of a thing (a state, a person): 303, to its description."""
        self._send(303, linked.TEXT, f"described at {location}\n".encode(), headers={"Location": location})

    # replies

    def _welcome(self) -> str:
        origin = self._origin()
        return (
            f"geokg SPARQL endpoint (read-only). SPARQL queries: {origin}/query; the build's resources: "
            f"{origin}/id/...; the dataset's description: {origin}/.well-known/void; "
            f"the ontology: {origin}/ontology; the build's files: {origin}/data/NAME; "
            f"the report (when the build has one): {origin}/"
        )

    def _origin(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}"

    def _accept(self) -> str:
        return self.headers.get("Accept", "")

    def _text(self, status: int, message: str) -> None:
        self._send(status, linked.TEXT, (message + "\n").encode("utf-8"))

    def _send(
        self, status: int, media_type: str, body: bytes, *, negotiated: bool = False, headers: dict | None = None
    ) -> None:
        self.send_response(status)
        for name, value in {**_CORS, **(headers or {})}.items():
            self.send_header(name, value)
        if media_type:
            self.send_header("Content-Type", media_type)
        if negotiated:
            self.send_header("Vary", "Accept")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            with contextlib.suppress(OSError):  # the client went away
                self.wfile.write(body)


def _page(report: Path, path: str) -> Path | None:
    """The report's page at a URL path ("/" is its index), None for any other path (or one that
    would lead out of the report's directory)."""
    name = urllib.parse.unquote(path).lstrip("/") or "index.html"
    if not name.endswith(".html"):
        return None
    page = (report / name).resolve()
    return page if page.is_file() and page.is_relative_to(report.resolve()) else None


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
        return [*texts, decoded]
    if media == "application/x-www-form-urlencoded":
        fields = urllib.parse.parse_qsl(decoded, keep_blank_values=True)
        if any(k == "update" for k, _ in fields):
            raise _Refused(403, _READ_ONLY)
        return texts + [v for k, v in fields if k == "query"]
    if media == "application/sparql-update":
        raise _Refused(403, _READ_ONLY)
    raise _Refused(
        415, f"unsupported Content-Type {media!r}: use application/sparql-query or application/x-www-form-urlencoded"
    )


class _Refused(Exception):
    """A request the guard answers itself, with an HTTP status and a message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
