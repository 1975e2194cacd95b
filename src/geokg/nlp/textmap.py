"""A parse-friendly copy of a document's text, with a map back to the original offsets.

Real pages wrap lines in the middle of sentences ("Vladimir\\n Putin addressed ...") and use
non-breaking spaces. The parser reads a copy where such wraps are single spaces; every offset
it reports is mapped back, so evidence always quotes the document exactly as it was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whitespace runs, and wiki citation markers ("military.[2] Following") read as whitespace.
_WHITESPACE = re.compile(r"(?:[ \t\r\n\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]|\[\d{1,3}\])+")


@dataclass(frozen=True)
class TextMap:
    """`parse_text[i]` stands for `text[offsets[i]]`; offsets has one extra entry, len(text)."""

    text: str
    parse_text: str
    offsets: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the parse-text span [start, end); end stays exclusive."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def build_text_map(text: str) -> TextMap:
    """Collapse soft line wraps and odd spaces; keep hard line breaks as sentence boundaries."""
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _WHITESPACE.finditer(text):
        _keep(text, position, match.start(), pieces, offsets)
        replacement = _replacement(text, match)
        pieces.append(replacement)
        offsets.extend([match.start()] * len(replacement))
        position = match.end()
    _keep(text, position, len(text), pieces, offsets)
    offsets.append(len(text))
    return TextMap(text, "".join(pieces), tuple(offsets))


def _keep(text: str, start: int, end: int, pieces: list[str], offsets: list[int]) -> None:
    pieces.append(text[start:end])
    offsets.extend(range(start, end))


def _replacement(text: str, match: re.Match[str]) -> str:
    run = match.group()
    newlines = run.count("\n")
    if newlines == 0:
        return " "
    if newlines >= 2:
        return "\n\n"
    return " " if _soft_wrap(text, match) else "\n"


def _soft_wrap(text: str, match: re.Match[str]) -> bool:
    """A single line break inside a sentence: the line ends in a space, the next starts with one,
    or the next line starts in lower case."""
    run = match.group()
    before, _, after = run.partition("\n")
    following = text[match.end() : match.end() + 1]
    return bool(before.strip("\r")) or bool(after) or following.islower()
