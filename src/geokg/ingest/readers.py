"""Choosing the reader for an input by its file suffix, and reading a build's inputs.

Every reader takes the input's bytes, its identifier (the file name) and its source (the path,
for messages) and returns its Documents: one for a text, HTML or Markdown file, one per line
for JSON Lines. A Document's text is the plain text geokg parses and quotes as evidence.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from geokg.errors import InputError
from geokg.ingest.html import read_html
from geokg.ingest.jsonl import read_jsonl
from geokg.ingest.markdown import read_markdown
from geokg.ingest.sidecar import with_sidecar
from geokg.ingest.text import read_text
from geokg.model import Document

Reader = Callable[..., list[Document]]  # (data: bytes, *, identifier: str, source: str) -> documents
STDIN = Path("-")  # the path that stands for standard input


def _read_plain(data: bytes, *, identifier: str, source: str) -> list[Document]:
    return [read_text(data, identifier=identifier, source=source)]


READERS: dict[str, Reader] = {
    ".txt": _read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".jsonl": read_jsonl,
}
SUPPORTED_SUFFIXES = tuple(READERS)
_SINGLE_DOCUMENT = (".txt", ".html", ".htm", ".md", ".markdown")  # may have a NAME.meta.json beside them


def reader_for(name: str, *, source: str | None = None) -> Reader:
    """The reader for a file name's suffix (case does not matter); InputError for any other."""
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        raise InputError(
            source or name,
            f"unsupported file type {suffix or '(no suffix)'!r}",
            f"Pass files ending in one of: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    return READERS[suffix]


def read_bytes(data: bytes, *, identifier: str, source: str) -> list[Document]:
    """The Documents in an input's bytes, read as the format its identifier's suffix names."""
    return reader_for(identifier, source=source)(data, identifier=identifier, source=source)


def read_documents(path: Path) -> list[Document]:
    """The Documents in one file (`-`: standard input, as plain text named "stdin.txt")."""
    if path == STDIN:
        return read_stdin_documents()
    source = str(path)
    if not path.exists():
        raise InputError(
            source, "no such file", "Check the path, or run `geokg build` with no path for the bundled corpus"
        )
    if not path.is_file():
        raise InputError(source, "not a regular file", "Pass files, or a directory to read every supported file in it")
    documents = reader_for(path.name, source=source)(path.read_bytes(), identifier=path.name, source=source)
    if len(documents) == 1 and path.suffix.lower() in _SINGLE_DOCUMENT:
        return [with_sidecar(documents[0], path)]
    return documents


def read_stdin_documents(identifier: str = "stdin.txt") -> list[Document]:
    """The Documents on standard input, read as the format the identifier's suffix names."""
    return read_bytes(sys.stdin.buffer.read(), identifier=identifier, source="<stdin>")


def read_inputs(paths: Iterable[Path]) -> list[Document]:
    """Every Document in the given files, in order; InputError when two share an identifier."""
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in paths:
        for document in read_documents(path):
            if document.identifier in seen:
                raise InputError(
                    document.source,
                    f"the document identifier {document.identifier!r} is also used by {seen[document.identifier]}",
                    "Documents need unique identifiers; rename one of them",
                )
            seen[document.identifier] = document.source
            documents.append(document)
    return documents
