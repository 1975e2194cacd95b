"""Metadata kept beside a document: `NAME.meta.json` next to `NAME.txt` (or `.html`, `.md`).

Collections of saved articles often keep what is known about each one (title, publisher, author,
date) in a small JSON file beside it, as the development set does. Where such a file exists its
values take precedence over what geokg reads from the text itself; fields it does not know are
ignored, and a null value keeps what the text gave.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path

from geokg.errors import InputError
from geokg.ingest.metadata import iso_date
from geokg.model import Document

SUFFIX = ".meta.json"
_TEXT_FIELDS = ("title", "author", "publisher")
_DATE_FIELDS = ("issued", "publication_date", "date")  # the first one that holds an ISO date


def sidecar_path(path: Path) -> Path:
    """Where the metadata of the document at `path` would be kept."""
    return path.with_name(path.stem + SUFFIX)


def with_sidecar(document: Document, path: Path) -> Document:
    """The document with the metadata of its sidecar file, when there is one."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return document
    fields = _read(sidecar)
    found = {name: _text(fields.get(name)) for name in _TEXT_FIELDS}
    found["issued"] = next((iso_date(_text(fields.get(name))) for name in _DATE_FIELDS if fields.get(name)), None)
    known = {name: value for name, value in found.items() if value}
    return dataclasses.replace(document, **known)


def _read(sidecar: Path) -> Mapping[str, object]:
    source = str(sidecar)
    try:
        fields = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as err:
        raise InputError(
            source, f"not valid JSON ({err.msg})", "Fix the metadata file or remove it", line=err.lineno
        ) from err
    except UnicodeDecodeError as err:
        raise InputError(source, "not valid UTF-8", "Save the metadata file as UTF-8") from err
    if not isinstance(fields, dict):
        raise InputError(source, "holds no JSON object", 'Write an object such as {"title": "...", "publisher": "..."}')
    return fields


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None
