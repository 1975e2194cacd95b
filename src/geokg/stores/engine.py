"""The query engine behind `geokg serve`: pyoxigraph, in worker processes of geokg's own.

Each worker opens the build's store read-only and answers one request at a time over a pipe: no
port, nothing another process could reach. Requests run side by side in as many workers as there
are, so a slow query does not hold up a fast one; a query that outlives its timeout is stopped by
ending its worker, and a fresh one takes its place.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from geokg.stores import linked
from geokg.stores.errors import StoreError
from geokg.stores.linked import Reply
from geokg.stores.sparql_errors import explain

WORKER_START = 30.0  # seconds a worker may take to open the store


@dataclass(frozen=True)
class Request:
    """What a worker is asked: a SPARQL query, the description of a resource, or a whole graph
    (None: the default graph), with the client's Accept header."""

    kind: str  # "query", "describe" or "graph"
    subject: str | None
    accept: str
    base_iri: str = ""  # IRIs under it link to this server's /doc/ pages in HTML


class Busy(Exception):
    """Every worker stayed busy for the whole timeout."""


class TimedOut(Exception):
    """The request outlived the timeout and was stopped."""


class QueryPool:
    """`workers` processes answering `Request`s over the store at `location`."""

    def __init__(self, location: Path, *, workers: int, timeout: float):
        self.location = location
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")  # a clean process: this one runs threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._idle.put(self._start())

    def run(self, request: Request) -> Reply:
        """The worker's reply; Busy or TimedOut when the timeout passes first."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty as err:
            raise Busy from err
        try:
            worker.connection.send(request)
            if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
                raise TimedOut
            reply = worker.connection.recv()
        except TimedOut:
            self._replace(worker)
            raise
        except (EOFError, OSError) as err:  # the worker died (out of memory, killed)
            self._replace(worker)
            return Reply(500, linked.TEXT, f"the query engine stopped while answering ({err or 'no reason'})".encode())
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = self._all, set()
        for worker in workers:
            worker.stop()

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_work, args=(child, str(self.location)), daemon=True)
        process.start()
        child.close()
        if not parent.poll(WORKER_START) or parent.recv() != "ready":
            process.kill()
            raise StoreError(str(self.location), "the query engine did not start", "Run `geokg serve` again")
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """End the worker (and whatever it runs) and put a fresh one in its place."""
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        worker.stop()
        if not closed:
            self._idle.put(self._start())


@dataclass(frozen=True)
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


def _work(connection: Connection, location: str) -> None:
    """A worker's life: open the store, then answer each request that comes down the pipe."""
    store = ox.Store.read_only(location)
    connection.send("ready")
    while True:
        try:
            request: Request = connection.recv()
        except EOFError:
            return
        connection.send(_answer(store, request))


def _answer(store: ox.Store, request: Request) -> Reply:
    try:
        if request.kind == "query":
            return _query(store, request.subject or "", request.accept)
        if request.kind == "describe":
            return linked.description(store, request.subject or "", request.accept, request.base_iri)
        return linked.graph(store, request.subject, request.accept)
    except OSError as err:
        return Reply(500, linked.TEXT, f"the store could not be read: {err}".encode())


def _query(store: ox.Store, text: str, accept: str) -> Reply:
    try:
        result = store.query(text)
    except SyntaxError as err:
        return Reply(400, linked.TEXT, (explain(text, str(err)) + "\n").encode())
    if isinstance(result, ox.QueryTriples):
        media = linked.negotiate(accept, linked.RDF_TYPES)
        return Reply(200, media, result.serialize(format=linked.RDF_TYPES[media]) or b"")
    media = linked.negotiate(accept, linked.RESULT_TYPES)
    return Reply(200, media, result.serialize(format=linked.RESULT_TYPES[media]) or b"")
