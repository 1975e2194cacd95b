"""Markdown documents: the prose with its markup removed, and metadata from YAML front matter.

The Document's text is what a reader sees: headings without '#', list items without bullets,
links as their text, emphasis and inline-code markers dropped; images, code blocks, HTML
comments and link definitions are left out. Each heading, list item and paragraph is a
paragraph of the text ("\n\n" between them). Only the simple `key: value` front matter that
blogs and static sites write is read; metadata it lacks is taken from the text.
"""

from __future__ import annotations

import html
import re

from geokg.errors import InputError
from geokg.ingest.metadata import iso_date, metadata_from_text
from geokg.ingest.text import decode
from geokg.model import Document

FRONT_MATTER_KEYS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "creator": "author",
    "publisher": "publisher",
    "date": "issued",
    "issued": "issued",
    "published": "issued",
}
_FRONT_ITEM = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+(?P<text>.*?))?(?:\s+#+)?\s*$")
_RULE = re.compile(r"^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+\s*)$")  # also setext underlines
_QUOTE = re.compile(r"^ {0,3}>\s?")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?(?P<text>.*)$")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE = (  # (pattern, replacement) in order; code spans and escapes are protected before these run
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"), ""),  # images
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # [text](url "title")
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|[^>\s@]+@[^>\s]+)>")
_PROTECTED = 0xE000  # ASCII punctuation inside code spans, escapes and URLs is shifted here while markup is removed


def read_markdown(data: bytes, *, identifier: str, source: str) -> list[Document]:
    """One Document holding the Markdown's readable text, with metadata from its front matter."""
    lines = decode(data, source).splitlines()
    front, body = front_matter(lines, source)
    text = plain_text(lines[body:])
    if not text.strip():
        raise InputError(
            source,
            "the document has no text outside its front matter and code",
            "Remove it from the input or give it some prose",
        )
    fallback = metadata_from_text(text)
    metadata = {key: front.get(key) or fallback[key] for key in fallback}
    return [Document(identifier=identifier, text=text, source=source, **metadata)]


def front_matter(lines: list[str], source: str) -> tuple[dict[str, str], int]:
    """The metadata of a leading `---` … `---` block, and the index of the first line after it."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    end = next((n for n, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        raise InputError(
            source,
            "the front matter opened on this line is never closed",
            "End it with a line holding only `---`, or remove the opening `---`",
            line=1,
        )
    found: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if (match := _FRONT_ITEM.match(line)) and match["key"].lower() in FRONT_MATTER_KEYS:
            field = FRONT_MATTER_KEYS[match["key"].lower()]
            value = _scalar(match["value"]) or _first_list_item(lines[number:end])
            if value and field not in found:
                found[field] = _checked(field, value, source, number)
    return found, end + 1


def plain_text(lines: list[str]) -> str:
    """Markdown lines as plain text: one paragraph per heading, list item, table row or paragraph."""
    blocks = _Blocks()
    for line in _COMMENT.sub("", "\n".join(lines)).split("\n"):
        blocks.add(line)
    blocks.flush()
    return "\n\n".join(blocks.done) + "\n" if blocks.done else ""


class _Blocks:
    """Groups Markdown lines into blocks, leaving out code blocks and markup-only lines."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.lines: list[str] = []
        self.fence: str | None = None  # the opening fence while inside a fenced code block
        self.indented_code = False
        self.in_list = False
        self.after_blank = True

    def add(self, line: str) -> None:
        if self.fence is not None:
            closing = line.strip()
            if closing.startswith(self.fence) and closing.strip(self.fence[0]) == "":
                self.fence = None
            return
        if self._is_code(line):
            return
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        self.after_blank = not line.strip()
        self._add_text(line)

    def flush(self) -> None:
        text = "\n".join(" ".join(_inline(line).split()) for line in " ".join(self.lines).split("\n"))
        if text.strip():
            self.done.append(text.strip())
        self.lines = []

    def _is_code(self, line: str) -> bool:
        if fence := _FENCE.match(line):
            self.flush()
            self.fence = fence[1][0] * len(fence[1])
            self.in_list = self.in_list and line[:1].isspace()
            return True
        indented = bool(_INDENTED.match(line)) and not self.lines and not self.in_list
        self.indented_code = (indented and (self.after_blank or self.indented_code)) or (
            self.indented_code and not line.strip()
        )
        return self.indented_code

    def _add_text(self, line: str) -> None:
        if not line.strip() or _RULE.match(line) or _DEFINITION.match(line) or _TABLE_RULE.match(line):
            self.flush()
            self.in_list = self.in_list and not _RULE.match(line)
        elif heading := _HEADING.match(line):
            self.flush()
            self.lines, self.in_list = [heading["text"] or ""], False
            self.flush()
        elif item := _ITEM.match(line):
            self.flush()
            self.lines, self.in_list = [item["text"]], True
        elif line.lstrip().startswith("|"):
            self.flush()
            cells = (" ".join(_inline(cell).split()) for cell in line.strip().strip("|").split("|"))
            self.done.append("\t".join(cells))
        else:
            self.in_list = self.in_list and line[:1].isspace()
            self.lines.append(_hard_break(line))


def _hard_break(line: str) -> str:
    """A line ending in two spaces or a backslash ends with a line break ("\n")."""
    if line.endswith("  ") or line.endswith("\\"):
        return line.rstrip().removesuffix("\\") + "\n"
    return line


def _inline(text: str) -> str:
    text = _ESCAPE.sub(lambda m: _protect(m[1]), text)
    text = _CODE_SPAN.sub(lambda m: _protect(m[2].strip()), text)
    text = _AUTOLINK.sub(lambda m: _protect(m[1]), text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return _restore(html.unescape(text))


def _protect(text: str) -> str:
    return "".join(chr(_PROTECTED + ord(c)) if "!" <= c <= "~" and not c.isalnum() else c for c in text)


def _restore(text: str) -> str:
    return "".join(chr(ord(c) - _PROTECTED) if _PROTECTED + 0x21 <= ord(c) <= _PROTECTED + 0x7E else c for c in text)


def _scalar(value: str) -> str:
    """A YAML scalar as written: quotes and a trailing comment removed; a flow list's first item."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1].split(",")[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    return re.sub(r"\s+#.*$", "", value).strip()


def _first_list_item(lines: list[str]) -> str:
    """The first item of a block list (`  - Jane Roe`) following a key with no value."""
    first = lines[0] if lines else ""
    return _scalar(first.strip()[1:]) if first.strip().startswith("- ") else ""


def _checked(field: str, value: str, source: str, line: int) -> str:
    if field != "issued":
        return value
    if (iso := iso_date(value)) is None:
        raise InputError(
            source,
            f"the front matter date {value!r} is not an ISO date",
            "Write it as YYYY-MM-DD, e.g. `date: 2021-10-27`",
            line=line,
        )
    return iso
