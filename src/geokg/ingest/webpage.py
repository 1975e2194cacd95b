"""A web page's main text and metadata by trafilatura, the field's reference extractor (it drops
navigation, cookie notices, share buttons, related links and comments; its dates come from
htmldate). On a page too short for trafilatura to judge, geokg's own structural extractor
(`ingest.html`) gives the text.

The main text is written one block per paragraph (headings, paragraphs, list items, quotes, table
cells), blocks separated by a blank line; that text is what geokg parses and quotes as evidence.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

import trafilatura

MIN_MAIN_TEXT = 500  # characters: below this trafilatura falls back to a flat baseline, so geokg's own text is kept
_BLOCKS = frozenset({"head", "p", "item", "quote", "cell", "code"})


@dataclass(frozen=True)
class Page:
    """What trafilatura finds in a page; any field may be missing."""

    text: str | None
    title: str | None
    author: str | None
    publisher: str | None
    issued: str | None  # "YYYY-MM-DD"
    url: str | None  # the canonical URL


def read_page(markup: str) -> Page:
    metadata = trafilatura.extract_metadata(markup)
    return Page(
        text=_main_text(markup),
        title=_clean(metadata.title if metadata else None),
        author=_clean(metadata.author if metadata else None),
        publisher=_clean(metadata.sitename if metadata else None),
        issued=_clean(metadata.date if metadata else None),
        url=_clean(metadata.url if metadata else None),
    )


def _main_text(markup: str) -> str | None:
    """The main text, or None when trafilatura finds too little to judge."""
    found = trafilatura.extract(markup, output_format="xml", include_comments=False, include_tables=True)
    if not found:
        return None
    blocks = [block for block in _blocks(ET.fromstring(found)) if block]
    text = "\n\n".join(blocks) + "\n" if blocks else ""
    return text if len(text) >= MIN_MAIN_TEXT else None


def _blocks(element: ET.Element) -> Iterator[str]:
    """The text of each outermost block, whitespace collapsed (a paragraph inside a quote is the quote's)."""
    if element.tag in _BLOCKS:
        yield " ".join("".join(element.itertext()).split())
        return
    for child in element:
        yield from _blocks(child)


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
