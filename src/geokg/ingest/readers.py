"""Choosing the reader for an input by its file suffix, and reading a build's inputs.

Every reader takes the input's bytes, its identifier (the file name) and its source (the path,
for messages) and returns its Documents: one for a text, HTML or Markdown file, one per line
for JSON Lines. A Document's text is the plain text geokg parses and quotes as evidence.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geokg.errors import InputError
from geokg.ingest.html import read_html
from geokg.ingest.jsonl import read_jsonl
from geokg.ingest.language import not_english
from geokg.ingest.markdown import read_markdown
from geokg.ingest.sidecar import with_sidecar
from geokg.ingest.text import read_text
from geokg.model import Document, Skipped

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


def read_documents(
    path: Path,
    *,
    max_bytes: int | None = None,
    skipped: list[Skipped] | None = None,
    digests: dict[Path, str] | None = None,
) -> list[Document]:
    """The Documents in one file (`-`: standard input, as plain text named "stdin.txt"). Bad lines
    of a JSON Lines file go to `skipped` when it is given (else the first raises InputError); a
    file over `max_bytes` raises InputError. The SHA-256 of the bytes read goes to `digests` when
    it is given (the dataset description's checksum of each input, without reading it again)."""
    if path == STDIN:
        return read_stdin_documents()
    source = str(path)
    if not path.exists():
        raise InputError(
            source, "no such file", "Check the path, or run `geokg build` with no path for the bundled corpus"
        )
    if not path.is_file():
        raise InputError(source, "not a regular file", "Pass files, or a directory to read every supported file in it")
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            source, f"{size:,} bytes, over the limit of {max_bytes:,}", "Split it, or raise the limit with --max-bytes"
        )
    reader = reader_for(path.name, source=source)
    data = path.read_bytes()
    if digests is not None:
        digests[path] = hashlib.sha256(data).hexdigest()
    if reader is read_jsonl:
        return read_jsonl(data, identifier=path.name, source=source, skipped=skipped)
    documents = reader(data, identifier=path.name, source=source)
    if len(documents) == 1 and path.suffix.lower() in _SINGLE_DOCUMENT:
        return [with_sidecar(documents[0], path)]
    return documents


def read_stdin_documents(identifier: str = "stdin.txt") -> list[Document]:
    """The Documents on standard input, read as the format the identifier's suffix names."""
    return read_bytes(sys.stdin.buffer.read(), identifier=identifier, source="<stdin>")


def read_inputs(paths: Iterable[Path], *, max_bytes: int | None = None) -> tuple[list[Document], list[Skipped]]:
    """Every Document in the given files, in order, and what was skipped and why (see iter_inputs)."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for item in iter_inputs(paths, max_bytes=max_bytes):
        (skipped if isinstance(item, Skipped) else documents).append(item)
    return documents, skipped


def iter_inputs(
    paths: Iterable[Path],
    *,
    max_bytes: int | None = None,
    checked: Callable[[Document], bool] | None = None,
    digests: dict[Path, str] | None = None,
) -> Iterator[Document | Skipped]:
    """Every Document in the given files, or why one was skipped, in order, one file at a time. A
    bad input never costs the others: a file that cannot be read, a bad JSON line, a text not in
    English, a second document with an identifier or a text already read are each skipped.

    A document `checked` says was found English before (a build keeps its part) is not classified
    again: the classifier costs a rebuild more than anything else. Each file's SHA-256 goes to
    `digests` when it is given (see read_documents)."""
    identifiers: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path in paths:
        skipped: list[Skipped] = []
        try:
            found = read_documents(path, max_bytes=max_bytes, skipped=skipped, digests=digests)
        except InputError as err:
            yield Skipped(err.where, "read", err.problem, err.fix)
            continue
        except OSError as err:
            yield Skipped(str(path), "read", f"cannot be read ({err.strerror})", "Check its permissions")
            continue
        yield from skipped
        for document in found:
            fingerprint = _fingerprint(document.text)
            problem = _problem(document, fingerprint, identifiers, texts, checked)
            if problem is not None:
                yield problem
                continue
            identifiers[document.identifier] = document.source
            texts[fingerprint] = document.source
            yield document


def _problem(
    document: Document,
    fingerprint: str,
    identifiers: dict[str, str],
    texts: dict[str, str],
    checked: Callable[[Document], bool] | None,
) -> Skipped | None:
    """Why a document read without error is still not published, or None."""
    if document.identifier in identifiers:
        return Skipped(
            document.source,
            "read",
            f"the document identifier {document.identifier!r} is also used by {identifiers[document.identifier]}",
            "Documents need unique identifiers; rename one of them",
        )
    first = texts.get(fingerprint)
    if first is not None:
        return Skipped(
            document.source, "duplicate", f"the same text as {first}", "Nothing to do: it is published once", first
        )
    language = None if checked is not None and checked(document) else not_english(document.text)
    if language is not None:
        return Skipped(
            document.source,
            "language",
            f"written in another language than English (language code {language!r})",
            "geokg reads English: translate it first, or leave it out",
        )
    return None


def _fingerprint(text: str) -> str:
    """The same text whatever its whitespace."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
