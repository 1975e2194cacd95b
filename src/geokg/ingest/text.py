"""Plain-text documents in any common encoding; the text as decoded is the text offsets point into."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

import charset_normalizer
import ftfy
from ftfy.badness import BADNESS_RE

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
    """Decode the bytes (see `decoded`) into a Document with metadata found in the text."""
    text, encoding = decoded(data, source)
    if not text.strip():
        raise InputError(source, "the document is empty", "Remove it from the input or give it some text")
    return Document(identifier=identifier, text=text, source=source, encoding=encoding, **metadata_from_text(text))


def read_stdin(identifier: str = "stdin.txt") -> Document:
    """Read a document from standard input."""
    return read_text(sys.stdin.buffer.read(), identifier=identifier, source="<stdin>")


def decode(data: bytes, source: str) -> str:
    """The text of an input's bytes (see `decoded`)."""
    return decoded(data, source)[0]


def decoded(data: bytes, source: str) -> tuple[str, str]:
    """The text of an input's bytes and the encoding it was read in: UTF-8 (a BOM dropped), UTF-16
    or UTF-32 with a BOM, else the encoding charset-normalizer finds (Windows-1252, Latin-1 ...).
    Mojibake (UTF-8 read as Windows-1252 somewhere upstream: "â€™" for "’") is repaired with ftfy.
    InputError for bytes that are no text: NUL bytes without a UTF-16 or UTF-32 BOM, or no
    encoding that reads them."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return repaired(data.decode(encoding)), encoding
            except UnicodeDecodeError as err:
                raise _not_text(source, f"its {encoding} byte-order mark is followed by invalid {encoding}") from err
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _not_text(source, f"binary data (a NUL byte at offset {nul})")
    try:
        return repaired(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _not_text(source, "not text in any encoding charset-normalizer knows")
    text = str(best)
    try:  # English in a legacy encoding: say Windows-1252 where it reads the same
        return repaired(text), _WESTERN if data.decode(_WESTERN) == text else best.encoding
    except UnicodeDecodeError:
        return repaired(text), best.encoding


_WESTERN = "cp1252"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def repaired(text: str) -> str:
    """The text with mojibake undone ("Ã©" -> "é", "â€™" -> "’"); text without any is returned as is."""
    return ftfy.fix_encoding(text) if may_be_mojibake(text) else text


# ftfy repairs a text only where its badness pattern (ftfy.badness.BADNESS_RE) matches: otherwise
# fix_encoding returns the text as it is. Searching a whole article for it costs 0.7 ms, a
# build's largest cost after the parse in the process that reads the inputs. Every alternative of
# the pattern is a few characters long (seven at most) and holds a character outside ASCII, so a
# match lies within REACH characters of one: only those stretches are searched, a tenth of an
# English article. `pos` and `endpos` bound the search without cutting the text, so `^` still
# means the text's start and a match found there is a match of the whole text.
REACH = 8
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def may_be_mojibake(text: str) -> bool:
    """Whether ftfy's badness pattern matches the text (ftfy.badness.is_bad), searched only near the
    characters outside ASCII."""
    return any(
        BADNESS_RE.search(text, max(0, run.start() - REACH), run.end() + REACH) for run in _NOT_ASCII.finditer(text)
    )


def _not_text(source: str, problem: str) -> InputError:
    return InputError(source, problem, "Pass text: a .txt, .html, .md or .jsonl file in a text encoding")
