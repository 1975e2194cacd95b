"""Writing N-Triples as Turtle in a process of its own, fed through a pipe.

A build writes the union of its graphs (sorted N-Triples, hundreds of MB) on one core; pyoxigraph
turns it into Turtle in about half that time again. Fed block by block as the union is written,
a process of its own does that on another core (the workers are gone by then): the same bytes,
seconds sooner at 10,000 documents. This module imports pyoxigraph alone, so that the process
starts in a few hundredths of a second.

    python -m geokg.turtle OUTPUT PREFIXES_JSON  < union.nt
"""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

QUEUED = 4  # blocks given but not yet in the pipe, at most (a block of the union: about 16 MB)


class TurtleWriter:
    """A child process writing to `path`, as Turtle with these prefixes, the N-Triples it is given
    (`write`); `close` waits for it and raises OSError, with what it said, if it failed.

    A thread feeds the pipe, so that `write` returns at once: a pipe holds 64 KiB, and writing a
    block to it directly would wait for the child to read all of it, the two processes taking
    turns instead of working side by side."""

    def __init__(self, path: Path, prefixes: Mapping[str, str]):
        self.path = path
        self._process = subprocess.Popen(
            [sys.executable, "-m", "geokg.turtle", str(path), json.dumps(dict(prefixes))],
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._blocks: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUED)
        self._feeder = threading.Thread(target=self._feed, name="turtle-feeder", daemon=True)
        self._feeder.start()

    def write(self, data: bytes) -> None:
        self._blocks.put(data)

    def close(self) -> None:
        """Wait for the Turtle to be written; OSError if it was not."""
        self._blocks.put(None)
        self._feeder.join()
        error = self._process.stderr.read()
        self._process.wait()
        if self._process.returncode != 0:
            said = error.decode("utf-8", "replace").strip().splitlines()
            raise OSError(f"writing {self.path} as Turtle failed: {said[-1] if said else self._process.returncode}")

    def kill(self) -> None:
        """Stop it, when the build fails before the union is written."""
        self._process.kill()
        self._blocks.put(None)
        self._feeder.join()
        self._process.wait()

    def _feed(self) -> None:
        """Hand each block to the child; once it has stopped (it failed: close says why), take
        the blocks and drop them, so that `write` never waits on a pipe no one reads."""
        stdin = self._process.stdin
        while (data := self._blocks.get()) is not None:
            if not stdin.closed:
                try:
                    stdin.write(data)
                except OSError:  # a broken pipe: the child has stopped
                    _close(stdin)
        _close(stdin)


def _close(stdin) -> None:
    """Close the pipe, whose reader may be gone (its buffer is then lost: the child failed)."""
    with contextlib.suppress(OSError):
        stdin.close()


def main(argv: list[str] | None = None) -> None:
    output, prefixes = argv if argv is not None else sys.argv[1:]
    ox.serialize(
        ox.parse(sys.stdin.buffer, format=ox.RdfFormat.N_TRIPLES),
        output=output,
        format=ox.RdfFormat.TURTLE,
        prefixes=json.loads(prefixes),
    )


if __name__ == "__main__":
    main()
