"""A parse-friendly copy of a document's text, with a map back to the original offsets.

Real pages wrap lines in the middle of sentences ("Vladimir\\n Putin addressed ..."), use
non-breaking spaces, and glue the cells of a scraped table together ("CanadaAlbania", "United
KingdomBelgium"). The parser reads a copy where such wraps are single spaces and a known name
glued to the next capitalised word is apart; every offset it reports is mapped back, so evidence
always quotes the document exactly as it was read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from geokg.errors import LexiconError
from geokg.nlp.lexicon import load_lexicon

# Whitespace runs, and wiki citation markers ("military.[2] Following") read as whitespace.
_RUN = r"[ \t\r\n\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]|\[\d{1,3}\]"
# The runs but for a lone space between two words, which reads as itself: most of a text's runs,
# skipped, so that the text between two runs is copied in one piece (0.3 ms an article instead of
# 1.2). A lone space at the very start or end of the text is a run still: it may touch a line of
# page furniture, whose gap then takes it in.
_WHITESPACE = re.compile(rf"(?!(?<=[\s\S]) (?!{_RUN}|\Z))(?:{_RUN})+")
# A capitalised word of four letters or more glued to the next ("Canada|Albania"): a space is read
# there when the first ends a known name. Brand names stay whole ("ValueWalk", "PetroChina"), and
# so do shorter parts ("DeSantis", "YouTube").
_GLUED = re.compile(r"[A-Z][a-z]{3,}(?=[A-Z][a-z]{3})")
_NAME_WORDS = 3  # the longest known name a glued word may end, in words ("United Kingdom")
_SENTENCE_ENDS = (".", "!", "?", ":", ";", '"', "\u201d", ")")  # how a line that ends a sentence or heading ends
_SHORT_LINE = 30  # characters: shorter lines (headings, datelines, names) say nothing of wrapping
_WRAPPED_LINES = 5  # a text needs this many longer lines to be judged hard-wrapped
_WRAPPED_SHARE = 0.5  # ... and this share of them ending inside a sentence
_FULL_LINE = 0.75  # of the wrap width: a line this long was wrapped, a shorter one ended
# A word hyphenated across a line break: a letter, "-", the break, a lower-case letter.
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-(?=[ \t]*\r?\n[ \t]*[a-z])")


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


def build_text_map(text: str, names: frozenset[str] = frozenset()) -> TextMap:
    """Collapse soft line wraps and odd spaces; keep hard line breaks as sentence boundaries; join
    a word hyphenated across a line break ("Non-Prolif-\neration"); leave page furniture out (a
    line of nlp/data/boilerplate.json: "Share on Facebook", "Subscribe to our newsletter"); read a
    space after any of `names` glued to a capitalised word."""
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for start, end, replacement in _gaps(text):
        _keep(text, position, start, pieces, offsets, names)
        pieces.append(replacement)
        offsets.extend([start] * len(replacement))
        position = end
    _keep(text, position, len(text), pieces, offsets, names)
    offsets.append(len(text))
    return TextMap(text, "".join(pieces), tuple(offsets))


def _gaps(text: str) -> list[tuple[int, int, str]]:
    """Stretches the parser reads as something else, in order: (start, end, what it reads)."""
    gaps = [(start, end, "\n\n") for start, end in _furniture_lines(text)]  # a furniture line: a paragraph break
    width = _wrap_width(text)
    for match in _WHITESPACE.finditer(text):
        if _HYPHENATED.match(text, max(0, match.start() - 1)) and match.group().count("\n") == 1:
            gaps.append((match.start() - 1, match.end(), ""))  # the hyphen and the break: one word
        else:
            gaps.append((match.start(), match.end(), _replacement(text, match, width)))
    return _merged(sorted(gaps))


def _wrap_width(text: str) -> int | None:
    """The width a text is wrapped at (a PDF's or an e-mail's text), when most of its lines end
    inside a sentence: the median length of its longer lines; None for a text that is not wrapped.
    There a single line break after a line of about that width that does not end a sentence is a
    space; a shorter line (a heading, a dateline) keeps its break."""
    lines = [line.rstrip() for line in text.split("\n") if len(line.strip()) > _SHORT_LINE]
    if len(lines) < _WRAPPED_LINES:
        return None
    open_ended = sum(not line.endswith(_SENTENCE_ENDS) for line in lines)
    if open_ended / len(lines) < _WRAPPED_SHARE:
        return None
    return sorted(len(line) for line in lines)[len(lines) // 2]


_STRENGTH = ("", " ", "\n", "\n\n")  # what touching gaps read as: the strongest break among them


def _merged(gaps: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping or touching gaps as one, read as the strongest break among them."""
    merged: list[tuple[int, int, str]] = []
    for start, end, replacement in gaps:
        if merged and start <= merged[-1][1]:
            first, last, before = merged[-1]
            merged[-1] = (first, max(last, end), max(before, replacement, key=_STRENGTH.index))
        else:
            merged.append((start, end, replacement))
    return merged


def _furniture_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that is page furniture, without its surrounding spaces."""
    furniture, longest = _furniture()
    found = []
    for line in re.finditer(r"[^\n]+", text):
        stripped = line.group().strip()
        if stripped and len(stripped) <= longest and furniture.fullmatch(stripped):
            start = line.start() + len(line.group()) - len(line.group().lstrip())
            found.append((start, start + len(stripped)))
    return found


@functools.cache
def _furniture() -> tuple[re.Pattern[str], int]:
    words = load_lexicon("boilerplate")
    try:
        pattern = re.compile("|".join(f"(?:{line})" for line in words["lines"]), re.IGNORECASE)
    except re.error as err:
        raise LexiconError(
            "nlp/data/boilerplate.json", (f"lines: not a regular expression ({err})",), "Fix it."
        ) from err
    return pattern, words["longest_line"]


def _keep(text: str, start: int, end: int, pieces: list[str], offsets: list[int], names: frozenset[str]) -> None:
    """Text between whitespace runs, as it is but for a space read after a glued name (mapped to
    the first letter of the next word)."""
    position = start
    for word in _GLUED.finditer(text, start, end):
        if not _ends_a_name(text, word, names):
            continue
        pieces.extend((text[position : word.end()], " "))
        offsets.extend((*range(position, word.end()), word.end()))
        position = word.end()
    pieces.append(text[position:end])
    offsets.extend(range(position, end))


def _ends_a_name(text: str, word: re.Match[str], names: frozenset[str]) -> bool:
    """Whether the glued word ends one of `names`, alone or with the words before it ("United Kingdom")."""
    words = text[max(0, word.start() - 60) : word.end()].split(" ")[-_NAME_WORDS:]
    return any(" ".join(words[at:]) in names for at in range(len(words)))


def _replacement(text: str, match: re.Match[str], width: int | None = None) -> str:
    run = match.group()
    newlines = run.count("\n")
    if newlines == 0:
        return " "
    if newlines >= 2:
        return "\n\n"
    line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()].rstrip()
    if width is not None and len(line) >= _FULL_LINE * width and not line.endswith(_SENTENCE_ENDS):
        return " "  # wrapped at the width, inside a sentence
    return " " if _soft_wrap(text, match) else "\n"


def _soft_wrap(text: str, match: re.Match[str]) -> bool:
    """A single line break inside a sentence: the line ends in a space, the next starts with one,
    or the next line starts in lower case."""
    run = match.group()
    before, _, after = run.partition("\n")
    following = text[match.end() : match.end() + 1]
    return bool(before.strip("\r")) or bool(after) or following.islower()
