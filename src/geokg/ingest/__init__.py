"""Reading documents: one reader per input format, metadata taken from the file or the text.

`read_documents(path)` picks the reader by suffix (.txt, .html/.htm, .md/.markdown, .jsonl);
`collect_inputs(paths)` finds a build's files; `iter_inputs(files)` reads a build's files one at a time and checks that document identifiers are
unique (`read_inputs` gives them all at once).
"""

from geokg.ingest.inputs import collect_inputs
from geokg.ingest.readers import (
    STDIN,
    SUPPORTED_SUFFIXES,
    iter_inputs,
    read_bytes,
    read_documents,
    read_inputs,
    read_stdin_documents,
)
from geokg.ingest.text import read_path, read_stdin, read_text

__all__ = [
    "STDIN",
    "SUPPORTED_SUFFIXES",
    "collect_inputs",
    "iter_inputs",
    "read_bytes",
    "read_documents",
    "read_inputs",
    "read_path",
    "read_stdin",
    "read_stdin_documents",
    "read_text",
]
