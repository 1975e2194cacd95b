"""The Oxigraph server binary (the `oxigraph` package: a store to `geokg load` builds into, and the
store tests' server), and free ports on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

from geokg.stores.errors import StoreError

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
            "Install it into geokg's environment: `pip install oxigraph`",
        )
    return Path(found)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]
