"""Plain-text documents: read as UTF-8 exactly as stored, so offsets point into the file's own text."""

from __future__ import annotations

import sys
from pathlib import Path

from geokg.errors import InputError
from geokg.ingest.metadata import metadata_from_text
from geokg.model import Document


def read_path(path: Path) -> Document:
    """Read one UTF-8 text file into a Document; raise InputError naming the file when it cannot."""
    source = str(path)
    if not path.exists():
        raise InputError(
            source, "no such file", "Check the path, or run `geokg build` with no path for the bundled corpus"
        )
    if not path.is_file():
        raise InputError(source, "not a regular file", "Pass files, or a directory to read every supported file in it")
    return read_text(path.read_bytes(), identifier=path.name, source=source)


def read_text(data: bytes, *, identifier: str, source: str) -> Document:
    """Decode UTF-8 bytes (a BOM is dropped) into a Document with metadata found in the text."""
    text = decode(data, source)
    if not text.strip():
        raise InputError(source, "the document is empty", "Remove it from the input or give it some text")
    return Document(identifier=identifier, text=text, source=source, **metadata_from_text(text))


def read_stdin(identifier: str = "stdin.txt") -> Document:
    """Read a document from standard input."""
    return read_text(sys.stdin.buffer.read(), identifier=identifier, source="<stdin>")


def decode(data: bytes, source: str) -> str:
    """UTF-8 bytes (a BOM is dropped) as text; InputError naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            source,
            f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})",
            "Convert it to UTF-8, e.g. `iconv -f latin1 -t utf-8 FILE > FILE.utf8`",
            line=line,
        ) from err
