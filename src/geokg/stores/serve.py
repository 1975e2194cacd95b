"""Serving a build read-only (`geokg serve`): the `Endpoint` that loads it into a temporary Oxigraph
store, runs the server, and puts the guard in front of it."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

from geokg.stores.build import read_build, with_union_graph
from geokg.stores.guard import Guard
from geokg.stores.oxigraph import HOST, Backend, find_oxigraph, load_store


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
        self._backend: Backend | None = None
        self._guard: Guard | None = None
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

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _start(self) -> None:
        graphs = with_union_graph(read_build(self.build, triples_ok=True))
        binary = self._oxigraph or find_oxigraph()
        self._guard = Guard(self._port, timeout=self.timeout)
        self._workdir = Path(tempfile.mkdtemp(prefix="geokg-serve-"))
        load_store(self._workdir / "store", graphs, oxigraph=binary)
        self._backend = Backend(binary, self._workdir, timeout=self.timeout)
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
