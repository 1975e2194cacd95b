"""The public HTTP side of `geokg serve`: checks each request, then relays it to the Oxigraph backend.

It answers one query at a time, refuses updates, graph writes and federated `SERVICE` queries,
and stops (restarts) the backend when a query outlives the timeout.
"""

from __future__ import annotations

import http.client
import http.server
import socket
import threading
import time
import urllib.parse

from geokg.stores.errors import StoreError
from geokg.stores.federation import may_call_service
from geokg.stores.oxigraph import HOST, Backend

_MAX_BODY = 16 * 1024 * 1024
_READ_ONLY = "geokg serve is read-only: updates and graph writes are refused"
_NO_SERVICE = (
    "geokg serve refuses federated queries: SERVICE is disabled "
    "(the endpoint answers from the build alone and calls no other endpoint)"
)
_RELAYED_HEADERS = ("Content-Type", "Content-Disposition", "Vary")


class Guard(http.server.ThreadingHTTPServer):
    """The public side of `geokg serve`: checks each request, then relays it to the backend."""

    daemon_threads = True

    def __init__(self, port: int, *, timeout: int):
        try:
            super().__init__((HOST, port), _GuardHandler)
        except OSError as err:
            raise StoreError(
                f"{HOST}:{port}",
                f"cannot listen there ({err.strerror or err})",
                "Pass a free port with --port (0 picks one)",
            ) from err
        self.timeout_s = timeout
        self.backend: Backend | None = None
        self.one_at_a_time = threading.Lock()


class _GuardHandler(http.server.BaseHTTPRequestHandler):
    server: Guard
    server_version = "geokg-serve"
    timeout = 60  # seconds a client may take to send its request

    def log_message(self, format: str, *args) -> None:  # the signature is http.server's
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
            self._reply(
                200,
                f"geokg SPARQL endpoint (read-only). Send SPARQL queries to http://{HOST}:"
                f"{self.server.server_address[1]}/query",
            )
        elif path == "/update" or (path.startswith("/store") and self.command not in {"GET", "HEAD"}):
            self._reply(403, _READ_ONLY)
        elif path == "/query" or path.startswith("/store"):
            self._check_and_relay(path, body)
        else:
            self._reply(404, f"{self.command} {path} is not served; SPARQL queries go to /query")

    def _check_and_relay(self, path: str, body: bytes) -> None:
        try:
            queries = _query_texts(
                urllib.parse.urlsplit(self.path).query,
                body,
                self.headers.get("Content-Type", "") if self.command == "POST" else None,
            )
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
            connection.request(self.command, self.path, body=body if self.command == "POST" else None, headers=headers)
            upstream = connection.sock  # kept: getresponse() may drop it from the connection
            response = connection.getresponse()
            self._relay_response(response, upstream, deadline)
        except TimeoutError:
            backend.restart()
            self._reply_if_possible(
                503, f"the query ran longer than the {self.server.timeout_s} s timeout and was stopped"
            )
        except (ConnectionError, http.client.HTTPException, OSError) as err:
            self._reply_if_possible(502, f"the store did not answer: {err}")
        finally:
            connection.close()

    def _relay_response(self, response: http.client.HTTPResponse, upstream: socket.socket, deadline: float) -> None:
        """Send the backend's status and headers, then stream its body until `deadline`."""
        self.send_response(response.status)
        for name in _RELAYED_HEADERS:
            if response.getheader(name):
                self.send_header(name, response.getheader(name))
        self.end_headers()
        self._started = True
        self._stream(response, upstream, deadline)

    def _stream(self, response: http.client.HTTPResponse, upstream: socket.socket, deadline: float) -> None:
        """Copy the backend's body to the client; TimeoutError when `deadline` passes first."""
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
        return [*texts, decoded]
    if media == "application/x-www-form-urlencoded":
        return texts + [v for k, v in urllib.parse.parse_qsl(decoded, keep_blank_values=True) if k == "query"]
    raise _Refused(
        415, f"unsupported Content-Type {media!r}: use application/sparql-query or application/x-www-form-urlencoded"
    )


class _Refused(Exception):
    """A request the guard answers itself, with an HTTP status and a message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
