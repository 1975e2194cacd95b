"""Tables for the tools analysts use (`geokg export`): one table per kind of fact, as CSV files or
one SQLite database, with the evidence text and offsets, the document, the labels and the
Wikidata ids of holders, targets, members and organisations.

Each table is a SELECT query over the build (export/queries/NAME.rq, ordered by every column, so
the same build gives the same rows in the same order); list columns ("a; b") have their items
sorted, as `geokg query` gives them. Offsets are integers, `negated` is 0 or 1, the rest text.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import tempfile
from importlib import resources
from pathlib import Path

from geokg.errors import OutputError
from geokg.query import Answer, open_store, select

FORMATS = ("csv", "sqlite")
_INTEGERS = {"start", "end", "documents", "publishers"}
_BOOLEANS = {"negated"}


def table_queries() -> dict[str, str]:
    """Table name → its SELECT query, in name order."""
    entries = resources.files("geokg.export.queries").iterdir()
    return {
        e.name.removesuffix(".rq"): e.read_text(encoding="utf-8")
        for e in sorted(entries, key=lambda e: e.name)
        if e.name.endswith(".rq")
    }


def tables(build: Path) -> dict[str, tuple[tuple[str, ...], list[tuple]]]:
    """Every table of the build: its columns and rows of Python values (None where unbound)."""
    store = open_store(build)
    return {name: _typed(select(store, text)) for name, text in table_queries().items()}


def _typed(answer: Answer) -> tuple[tuple[str, ...], list[tuple]]:
    return answer.variables, [
        tuple(_value(column, value) for column, value in zip(answer.variables, row, strict=True)) for row in answer.rows
    ]


def _value(column: str, value: str | None):
    if value is None:
        return None
    if column in _INTEGERS:
        return int(value)
    if column in _BOOLEANS:
        return int(value == "true")
    return value


def write_csv(built: dict, directory: Path) -> list[Path]:
    """One CSV file per table (NAME.csv, a header row, UTF-8, empty cells for unbound values)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (columns, rows) in built.items():
        path = directory / f"{name}.csv"
        with _atomic(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(columns)
            writer.writerows(("" if v is None else v for v in row) for row in rows)
        written.append(path)
    return written


def write_sqlite(built: dict, path: Path) -> list[Path]:
    """One SQLite database: a table per kind of fact, indexed by document (opens in Datasette,
    pandas, any SQL tool)."""
    with _atomic(path) as temporary:
        with sqlite3.connect(temporary) as database:
            for name, (columns, rows) in built.items():
                types = ", ".join(f'"{c}" {"INTEGER" if c in _INTEGERS | _BOOLEANS else "TEXT"}' for c in columns)
                database.execute(f'CREATE TABLE "{name}" ({types})')
                marks = ", ".join("?" for _ in columns)
                database.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
                if "document" in columns:
                    database.execute(f'CREATE INDEX "{name}_document" ON "{name}" ("document")')
        database.close()
    return [path]


class _atomic:
    """A temporary file beside `path`, renamed over it when the block ends without error."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=self.path.suffix)
        os.close(handle)
        self.temporary = Path(name)
        self.temporary.unlink()
        return self.temporary

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            try:
                os.replace(self.temporary, self.path)
            except OSError as err:
                raise OutputError(
                    str(self.path), f"cannot write it ({err.strerror or err})", "Check the directory"
                ) from err
        else:
            self.temporary.unlink(missing_ok=True)
