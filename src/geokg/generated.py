"""Files generated from the ontology (the Python namespaces, the HTML reference): the command
line that writes one, or with --check says whether the committed copy is current."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from geokg.errors import GeokgError


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def generator_main(
    argv: Sequence[str] | None,
    *,
    prog: str,
    description: str,
    render: Callable[[Path], str],
    ontology: Path,
    output: Path,
    what: str,
) -> int:
    """Parse the options, render from the ontology, and write or check `output`; the exit code:
    0 written or current, 1 stale (with --check), 2 the ontology cannot be read."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--ontology", type=Path, default=ontology, help="the ontology (Turtle) to read")
    parser.add_argument("--output", type=Path, default=output, help=f"the {what} to write")
    parser.add_argument("--check", action="store_true", help=f"write nothing; exit 1 if the {what} is stale")
    args = parser.parse_args(argv)
    try:
        text = render(args.ontology)
    except GeokgError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output} is stale: run {prog}", file=sys.stderr)
            return 1
        return 0
    if current != text:
        write_atomically(args.output, text)
        print(f"wrote {args.output}")
    return 0
