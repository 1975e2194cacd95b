"""Serving a build read-only (`geokg serve`): the `Endpoint` loads it into a temporary pyoxigraph
store, starts the query workers over it, and puts the HTTP guard in front of them."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from geokg.config import ONTOLOGY_FILE
from geokg.errors import InputError
from geokg.publish import REPORT_DIRECTORY
from geokg.rdf.iri import DEFAULT_BASE
from geokg.stores.build import DESCRIPTION_FILE
from geokg.stores.engine import QueryPool
from geokg.stores.errors import StoreError
from geokg.stores.guard import Guard, Site
from geokg.stores.oxigraph import HOST

_URI_SPACE = ox.NamedNode("http://rdfs.org/ns/void#uriSpace")


def default_workers() -> int:
    """Query workers by default: one per core, at least two (a slow query beside a fast one)."""
    return max(2, os.cpu_count() or 1)


class Endpoint:
    """A read-only SPARQL 1.1 Protocol endpoint over a build, on 127.0.0.1; a context manager.

    The build is loaded into a temporary on-disk store, with the union of all graphs (each
    triple once) as the default graph, as in `geokg query`. `workers` processes answer queries
    from it side by side, each stopped when it runs longer than `timeout` seconds; in front, on
    `port`, the guard is the only way in. Leaving the context stops the workers and deletes the store.
    """

    def __init__(
        self,
        build: Path,
        *,
        port: int = 7878,
        timeout: int = 30,
        workers: int | None = None,
        base_iri: str | None = None,
    ):
        self.build = build
        self.timeout = timeout
        self.workers = workers or default_workers()
        self._base_iri = base_iri
        self._port = port
        self._workdir: Path | None = None
        self._pool: QueryPool | None = None
        self._guard: Guard | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The SPARQL query endpoint (`/query`)."""
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
        location = self._store()
        description = _description(self.build)
        site = Site(
            base_iri=self._base_iri or _uri_space(description) or DEFAULT_BASE,
            description=description,
            ontology=tuple(q.triple for q in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)),
            files=_published_files(self.build),
            report=_report(self.build),
        )
        self._pool = QueryPool(location, workers=self.workers, timeout=self.timeout)
        self._guard = Guard(self._port, pool=self._pool, site=site)
        self._thread = threading.Thread(target=self._guard.serve_forever, name="geokg-serve", daemon=True)
        self._thread.start()

    def _store(self) -> Path:
        """Where the build's store is: for a build directory, the one `geokg query` keeps beside
        it (made once, reused while the build is unchanged: a large build starts in seconds);
        else (one file, or a directory that cannot be written) a temporary copy."""
        from geokg import query

        if self.build.is_dir():
            try:
                return query.build_store(self.build)
            except OSError:
                pass
        self._workdir = Path(tempfile.mkdtemp(prefix="geokg-serve-"))
        location = self._workdir / "store"
        files = [self.build] if self.build.is_file() else query.build_files(self.build)
        if not files:
            raise InputError(str(self.build), "holds no build (.ttl, .nt, .nq or .trig)", "Run `geokg build` first")
        copy = ox.Store(str(location))
        copy.extend(query.memory_store(files))
        copy.flush()
        del copy  # closed: the workers open it read-only
        return location

    def wait(self) -> None:
        """Block until the process is interrupted."""
        while True:
            time.sleep(0.5)

    def close(self) -> None:
        """Stop the guard and the workers, and delete the temporary store (safe to call twice)."""
        if self._guard is not None:
            if self._thread is not None:
                self._guard.shutdown()
                self._thread.join(timeout=5)
            self._guard.server_close()
        if self._pool is not None:
            self._pool.close()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
        self._guard = self._pool = self._thread = self._workdir = None


def _published_files(build: Path) -> dict[str, Path]:
    """The files of a build directory that a client may download (not the query store or staging)."""
    if not build.is_dir():
        return {build.name: build}
    return {p.name: p for p in sorted(build.iterdir()) if p.is_file() and not p.name.startswith(".")}


def _report(build: Path) -> Path | None:
    """The build's HTML report directory, if it has one."""
    report = build / REPORT_DIRECTORY
    return report if build.is_dir() and (report / "index.html").is_file() else None


def _description(build: Path) -> tuple[ox.Triple, ...]:
    """The build's dataset description (void.ttl), or nothing for a build without one."""
    path = build / DESCRIPTION_FILE if build.is_dir() else build.with_name(DESCRIPTION_FILE)
    if not path.is_file():
        return ()
    try:
        return tuple(q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError, OSError) as err:
        raise StoreError(str(path), f"cannot be read: {err}", "Rebuild it with `geokg build`") from err


def _uri_space(description: tuple[ox.Triple, ...]) -> str | None:
    """The base of the build's own IRIs, as its description states it (void:uriSpace)."""
    spaces = sorted(t.object.value for t in description if t.predicate == _URI_SPACE)
    return spaces[0] if spaces else None
