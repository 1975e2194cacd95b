"""HTML pages: the main text (trafilatura, `ingest.webpage`), or, on a page too short for it to
judge, the visible text one paragraph per block element; metadata from the markup, trafilatura
and htmldate.

The Document's text is the extracted plain text (what gets parsed, published and quoted as
evidence), not the markup. Page furniture (scripts, styles, navigation, asides, footers, forms,
hidden elements, the page header) is left out; a <header> inside <article> or <main> belongs to
the article (its headline and byline) and is kept. Metadata the markup lacks is taken from the text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from geokg.errors import InputError
from geokg.ingest.metadata import iso_date, metadata_from_text
from geokg.ingest.text import decoded, repaired
from geokg.ingest.webpage import read_page
from geokg.model import Document

SKIPPED = frozenset(
    "script style nav aside footer form noscript template iframe svg canvas object select button".split()
)
PAGE_HEADER = "header"  # skipped unless inside <article> or <main>, where it holds the headline and byline
CONTENT = frozenset({"article", "main"})
BLOCKS = frozenset(
    "address article blockquote caption dd details dialog div dl dt fieldset figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header hr legend li main ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
META = {  # <meta name|property|itemprop> -> field, in order of preference within a field
    "og:title": "title",
    "twitter:title": "title",
    "dc.title": "title",
    "author": "author",
    "dc.creator": "author",
    "article:author": "author",
    "byl": "author",
    "og:site_name": "publisher",
    "publisher": "publisher",
    "dc.publisher": "publisher",
    "article:publisher": "publisher",
    "article:published_time": "issued",
    "datepublished": "issued",
    "date": "issued",
    "dc.date": "issued",
    "dc.date.issued": "issued",
    "dcterms.issued": "issued",
    "pubdate": "issued",
    "publish-date": "issued",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_WEB_LABELS = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}  # as browsers read them
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff]")  # soft hyphen, zero-width space, BOM


def read_html(data: bytes, *, identifier: str, source: str) -> list[Document]:
    """One Document holding the page's visible text, with the title, author, publisher and date."""
    markup, encoding = _decode(data, source)
    page = _Page()
    page.feed(markup)
    page.close()
    web = read_page(markup)
    text = web.text or page.text()
    if not text.strip():
        raise InputError(
            source, "the page has no visible text", "Pass the article's HTML page, not an empty or script-only one"
        )
    found = page.metadata()
    fallback = metadata_from_text(text)
    metadata = {key: found.get(key) or getattr(web, key) or fallback[key] for key in fallback}
    return [Document(identifier=identifier, text=text, source=source, encoding=encoding, url=web.url, **metadata)]


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """The markup and its encoding: the charset a <meta> tag near the start declares, else (none
    declared, an unknown name, or bytes the declared charset cannot read: pages often lie) what the
    bytes are: UTF-8, a byte-order mark, or what charset-normalizer finds."""
    declared = _CHARSET.search(data[:4096])
    label = declared[1].decode("ascii").lower() if declared else "utf-8"
    charset = _WEB_LABELS.get(label, label)
    if charset.replace("_", "-") in ("utf-8", "utf8") or data.startswith(b"\xef\xbb\xbf") or _utf8(data):
        return decoded(data, source)  # bytes that read as UTF-8 beyond ASCII are UTF-8, whatever the page says
    try:
        return repaired(data.decode(charset)), charset
    except (LookupError, UnicodeDecodeError):
        return decoded(data, source)


def _utf8(data: bytes) -> bool:
    """Non-ASCII bytes that form valid UTF-8: they almost never do by chance."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _collapse(line: str) -> str:
    return " ".join(_INVISIBLE.sub("", line).split())


class _Page(HTMLParser):
    """Collects the visible text block by block, and the metadata the markup states."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.lines: list[str] = [""]  # the current block, split at <br>
        self.skipping: tuple[str, int] | None = None  # the element being left out, and how deep in it we are
        self.content_depth = 0  # open <article> and <main> elements
        self.found: dict[str, list[tuple[int, str]]] = {}  # field -> (preference, value)
        self.capture: str | None = None  # "title" or "h1" while inside one
        self.captured = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self._metadata_tag(tag, attributes)
        if self.skipping:
            name, depth = self.skipping
            self.skipping = (name, depth + (tag == name))
        elif self._hidden(tag, attributes):
            self.skipping = None if tag in VOID else (tag, 1)
        else:
            self._open(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            name, depth = self.skipping
            self.skipping = None if (tag == name and depth == 1) else (name, depth - (tag == name))
            return
        if tag == self.capture:
            self._remember("h1" if tag == "h1" else "page-title", self.captured)
            self.capture = None
        if tag in CONTENT and self.content_depth:
            self.content_depth -= 1
        if tag in BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.capture:
            self.captured += data
        if self.capture != "title":
            self.lines[-1] += data

    def text(self) -> str:
        self._end_block()
        return "\n\n".join(self.blocks) + "\n" if self.blocks else ""

    def metadata(self) -> dict[str, str | None]:
        first = {field: values[0][1] for field, values in self.found.items()}
        page_title = _without_site(first.get("page-title"), first.get("publisher"))
        dates = (iso_date(value) for _, value in self.found.get("issued", ()))
        return {
            "title": first.get("title") or page_title or first.get("h1"),
            "author": first.get("author"),
            "publisher": first.get("publisher"),
            "issued": next((d for d in dates if d), None),
        }

    def _open(self, tag: str) -> None:
        if tag in CONTENT:
            self.content_depth += 1
        if tag == "br":
            self.lines.append("")
        elif tag in BLOCKS:
            self._end_block()
        if tag == "title" or (tag == "h1" and "h1" not in self.found):
            self.capture, self.captured = tag, ""

    def _hidden(self, tag: str, attributes: dict[str, str]) -> bool:
        if tag in SKIPPED or (tag == PAGE_HEADER and not self.content_depth):
            return True
        style = attributes.get("style", "").replace(" ", "").lower()
        return "hidden" in attributes or attributes.get("aria-hidden") == "true" or "display:none" in style

    def _metadata_tag(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            if key in META:
                self._remember(META[key], attributes.get("content", ""), preference=list(META).index(key))
        elif tag == "time" and "datetime" in attributes:
            self._remember("issued", attributes["datetime"], preference=len(META))

    def _remember(self, field: str, value: str, *, preference: int = 0) -> None:
        value = _collapse(value)
        if field == "author":
            value = re.sub(r"^by\s+", "", value, flags=re.IGNORECASE)
        if field in ("author", "publisher") and value.startswith(("http://", "https://")):
            return  # article:author and article:publisher are often profile URLs, not names
        if value:
            self.found.setdefault(field, []).append((preference, value))
            self.found[field].sort(key=lambda pair: pair[0])

    def _end_block(self) -> None:
        block = re.sub(r"\n{3,}", "\n\n", "\n".join(_collapse(line) for line in self.lines).strip("\n"))
        if block:
            self.blocks.append(block)
        self.lines = [""]


def _without_site(title: str | None, site: str | None) -> str | None:
    """ "Russia wants to break NATO | ValueWalk" -> "Russia wants to break NATO" when the site is known."""
    if title and site:
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(separator + site):
                return title[: -len(separator + site)]
    return title
