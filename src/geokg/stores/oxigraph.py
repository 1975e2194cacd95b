"""Running the Oxigraph server binary on loopback: finding it, bulk-loading a store directory, and
the restartable `oxigraph serve-read-only` child that `geokg serve` puts its guard in front of."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from geokg.stores.build import NamedGraph
from geokg.stores.errors import StoreError, excerpt

HOST = "127.0.0.1"


def find_oxigraph() -> Path:
    """The Oxigraph server binary: next to this Python interpreter (same environment), or on PATH."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError(
            "oxigraph",
            "the Oxigraph server is not installed",
            "Install it into geokg's environment: `pip install oxigraph` (a dependency of geokg)",
        )
    return Path(found)


def load_store(location: Path, graphs: Sequence[NamedGraph], *, oxigraph: Path) -> None:
    """Bulk-load graphs into a new Oxigraph store directory with `oxigraph load`."""
    data = b"".join(graph.nquads() for graph in graphs)
    command = [str(oxigraph), "load", "--location", str(location), "--format", "application/n-quads"]
    done = subprocess.run(command, input=data, capture_output=True, check=False)
    if done.returncode != 0:
        raise StoreError(
            str(location), f"`oxigraph load` failed: {excerpt(done.stderr)}", "Check the build with `geokg validate`"
        )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Backend:
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
        command = [
            str(self._binary),
            "serve-read-only",
            "--location",
            str(self._workdir / "store"),
            "--bind",
            f"{HOST}:{self.port}",
            "--timeout-s",
            str(self._timeout),
        ]
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        self._wait_ready()

    def _wait_ready(self, limit: float = 30.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise StoreError(
                    "oxigraph serve-read-only",
                    f"exited at start: {self._log_tail()}",
                    "Check that the installed oxigraph package is the one geokg requires",
                )
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
                raise StoreError(
                    "oxigraph serve-read-only", f"stopped unexpectedly: {self._log_tail()}", "Restart `geokg serve`"
                )

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
            return excerpt(self._log.read_bytes()[-2000:]) or "no message"
        except OSError:
            return "no message"


def _die_with_parent() -> None:
    """In the child before exec: on Linux, have the kernel stop the server if geokg dies."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
