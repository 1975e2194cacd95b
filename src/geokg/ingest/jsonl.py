"""JSON Lines: one document per line, an object with "text" and optional identifier and metadata.

    {"id": "dw-2021-10-27", "text": "…", "title": "…", "author": "…", "publisher": "…", "date": "2021-10-27"}

"id" (or "identifier") names the document and must be unique; without one the document is
"<file name>#<line>". Blank lines are skipped; "url" is where the document was published; any
other field is kept as written (Document.extra, listed in build-report.json). Metadata a line
lacks is taken from its text, as for a plain-text file.
"""

from __future__ import annotations

import dataclasses
import json
from functools import partial

from geokg.errors import InputError
from geokg.ingest.metadata import iso_date, metadata_from_text
from geokg.ingest.text import decoded
from geokg.model import Document, Skipped

EXAMPLE = '{"id": "a1", "text": "…", "title": "…", "date": "2021-10-27"}'
METADATA_KEYS = {"title": "title", "author": "author", "publisher": "publisher", "date": "issued", "issued": "issued"}
_READ_KEYS = {*METADATA_KEYS, "id", "identifier", "text", "url"}  # every other field is kept in Document.extra


def read_jsonl(data: bytes, *, identifier: str, source: str, skipped: list[Skipped] | None = None) -> list[Document]:
    """One Document per non-blank line. A bad line raises InputError naming the file and line, or,
    when `skipped` is given, is added to it and the other lines are read."""
    documents: list[Document] = []
    first_line: dict[str, int] = {}
    lines = 0
    # split at "\n" only: splitlines() would also split at U+2028 and others that JSON strings may hold
    text, encoding = decoded(data, source)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        lines += 1
        try:
            document = _unique(read_record(line, name=identifier, source=source, number=number), first_line, number)
        except InputError as err:
            if skipped is None:
                raise
            skipped.append(Skipped(err.where, "read", err.problem, err.fix))
            continue
        documents.append(dataclasses.replace(document, encoding=encoding))
    if not lines:
        raise InputError(source, "the file holds no documents", f"Write one JSON object per line, e.g. {EXAMPLE}")
    return documents


def _unique(document: Document, first_line: dict[str, int], number: int) -> Document:
    first = first_line.setdefault(document.identifier, number)
    if first != number:
        raise InputError(
            document.source.rsplit(":", 1)[0],
            f"duplicate id {document.identifier!r} (first on line {first})",
            "Give every line its own id",
            line=number,
        )
    return document


def read_record(line: str, *, name: str, source: str, number: int) -> Document:
    """The Document on one line of a JSON Lines file."""
    fail = partial(InputError, source, line=number)  # fail(problem, fix) -> the error for this line
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise fail(
            f"invalid JSON ({err.msg} at column {err.colno})", f"Write one JSON object per line, e.g. {EXAMPLE}"
        ) from err
    if not isinstance(record, dict):
        raise fail(
            f"expected a JSON object, found {type(record).__name__}", f"Write one object per line, e.g. {EXAMPLE}"
        )
    text = record.get("text")
    if not isinstance(text, str):
        problem = 'no "text"' if text is None else f'"text" is a {type(text).__name__}, not a string'
        raise fail(problem, 'Give every line a "text" string holding the document')
    if not text.strip():
        raise fail('the "text" is empty', "Remove the line or give it some text")
    metadata = {field: _field(record, key, fail) for key, field in METADATA_KEYS.items() if key in record}
    fallback = metadata_from_text(text)
    found = {field: metadata.get(field) or fallback[field] for field in fallback}
    identifier = _identifier(record, fail) or f"{name}#{number}"
    url = record.get("url") if isinstance(record.get("url"), str) and record["url"].strip() else None
    extra = tuple(sorted((key, _as_text(value)) for key, value in record.items() if key not in _READ_KEYS))
    return Document(identifier=identifier, text=text, source=f"{source}:{number}", url=url, extra=extra, **found)


def _as_text(value: object) -> str:
    """A field geokg does not read, kept as written: a string as it is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)


def _identifier(record: dict, fail) -> str | None:
    value = record.get("id", record.get("identifier"))
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
        raise fail(
            f"the id {value!r} is not a non-empty string or number", 'Use a unique string, e.g. "id": "dw-2021-10-27"'
        )
    return str(value).strip()


def _field(record: dict, key: str, fail) -> str | None:
    value = record[key]
    if value is not None and not isinstance(value, str):
        raise fail(f'"{key}" is a {type(value).__name__}, not a string', f'Write "{key}" as a string, or leave it out')
    value = (value or "").strip()
    if value and key in ("date", "issued"):
        if (iso := iso_date(value)) is None:
            raise fail(f'"{key}" {value!r} is not an ISO date', f'Write it as YYYY-MM-DD, e.g. "{key}": "2021-10-27"')
        return iso
    return value or None
