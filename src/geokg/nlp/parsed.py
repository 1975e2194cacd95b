"""Parsing a document: the spaCy Doc over the parse-friendly text, and evidence in original offsets."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from geokg.kb import load_kb
from geokg.model import Document, Evidence
from geokg.nlp.textmap import TextMap, build_text_map

_TEXT = "geokg_text"  # the key of the doc's text in Doc.user_data


def text_of(doc: Doc) -> str:
    """The doc's text, made once. spaCy's `Doc.text` joins the text of every token on each access,
    so a loop over sentences or mentions that reads it costs the square of the document's length."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def span_text(span: Span) -> str:
    """The span's text (`Span.text`), cut from the doc's text made once: `Span.text` joins the
    text of each of its tokens on every access, and sentences are read many times over."""
    return text_of(span.doc)[span.start_char : span.end_char]


def on_its_own_line(span: Span) -> bool:
    """Whether only spaces and tabs stand between the span (its trailing whitespace left out) and
    a line break or an end of the text, on both sides (looking at the neighbouring characters
    only: a heading check runs for every sentence)."""
    text = text_of(span.doc)
    start, end = span.start_char, span.start_char + len(span_text(span).rstrip())
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start - 1 : start] in ("", "\n") and text[end : end + 1] in ("", "\n")


@dataclass(frozen=True)
class ParsedDocument:
    """A document with its parse. Character offsets of `doc` are parse-text offsets:
    `evidence` turns them into exact spans of the original text."""

    document: Document
    textmap: TextMap
    doc: Doc

    @property
    def text(self) -> str:
        """The parse text, the doc's text (see `text_of`)."""
        return text_of(self.doc)

    @functools.cached_property
    def sentences(self) -> tuple[Span, ...]:
        """The document's sentences, computed once (spaCy recomputes `doc.sents` on every access)."""
        return tuple(self.doc.sents)

    def sentence_at(self, token_index: int) -> Span:
        """The sentence holding the token at `token_index`."""
        starts = [s.start for s in self.sentences]
        return self.sentences[bisect.bisect_right(starts, token_index) - 1]

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for parse-text characters [start, end), quoting the original text exactly."""
        original_start, original_end = self.textmap.original(start, end)
        return Evidence.of(self.document.text, original_start, original_end)

    def span_evidence(self, span: Span) -> Evidence:
        """Evidence for a spaCy span (a sentence, a phrase), trailing whitespace excluded."""
        text = span_text(span)
        trimmed = len(text.rstrip())
        return self.evidence(span.start_char, span.start_char + trimmed)


@functools.cache
def glued_names() -> frozenset[str]:
    """Names a scraped table may glue to the next cell ("CanadaAlbania"): the KB's state names."""
    kb = load_kb()
    return frozenset(form.text for form in kb.surface_forms() if kb.entities[form.key].kind == "State")


CHUNK_CHARACTERS = 50_000  # long documents are parsed in pieces of about this size
# Texts spaCy runs its networks over at once: its memory grows with them (64 news articles at
# once took 300 MB more than 16), its speed hardly (the same batch size as bench/run.py's limit).
PARSE_BATCH = 16


def parse(document: Document, nlp: Language) -> ParsedDocument:
    """Run the pipeline over the document's parse-friendly text; a long text is parsed in pieces
    cut at paragraph breaks and joined again, so any length works in bounded memory."""
    return parse_all([document], nlp)[0]


def parse_all(documents: Sequence[Document], nlp: Language) -> list[ParsedDocument]:
    """`parse` of several documents in one stream: `nlp.pipe` runs spaCy's networks over batches
    of texts, which costs less than text by text."""
    textmaps = [build_text_map(document.text, glued_names()) for document in documents]
    pieces = [_pieces(textmap.parse_text, CHUNK_CHARACTERS) for textmap in textmaps]
    docs = nlp.pipe((piece for group in pieces for piece in group), batch_size=PARSE_BATCH)
    parsed = []
    for document, textmap, group in zip(documents, textmaps, pieces, strict=True):
        parts = [next(docs) for _ in group]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        parsed.append(ParsedDocument(document, textmap, doc))
    return parsed


def _pieces(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most about `size` characters, after paragraph breaks (else
    line breaks, else spaces); joined, the pieces give `text` back exactly."""
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next((at for at in (window.rfind(mark) for mark in ("\n\n", "\n", " ")) if at > 0), -1)
        end = start + (cut + 1 if cut > 0 else size)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces
