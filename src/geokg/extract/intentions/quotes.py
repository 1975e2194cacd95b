"""Quotations that run over several sentences.

Reported speech names its speaker once, in the quotation's first or last sentence ("Blinken said,
“A. B. C.”", "“A. B. C,” said Pompeo", "He declared that the allies will “respond. We call upon
..."), and every sentence of the quotation is the speaker's: what "we" stands for in sentence B,
and who says what B states, come from the reporting clause of A or C.

A quotation runs from an opening mark to its closing mark, or to the end of its paragraph when
the closing mark is missing (a quotation cut off, or one continued in the next paragraph, which
reopens it there). A quotation with no reporting clause that follows another right after that
one's reporting clause (“A,” said X. “B.”) is the same speaker's.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Span, Token

from geokg.extract.attribution import attributions
from geokg.link import Resolver
from geokg.model import Attribution
from geokg.nlp.parsed import ParsedDocument

_CONTINUED_WITHIN = 160  # characters between two quotations of one speaker: a reporting clause's length


@dataclass(frozen=True)
class Quotation:
    """Parse-text offsets of a quotation's opening mark and of its end (the closing mark, or its paragraph's end)."""

    start: int
    end: int


def quotations(text: str, marks: list[str]) -> tuple[Quotation, ...]:
    """Every quotation in `text`, in order. `marks` are opening and closing characters ("“”",
    "\"\"", "«»"); a straight mark closes at the next straight mark of its paragraph."""
    closing = {pair[0]: pair[1] for pair in marks}
    found: list[Quotation] = []
    paragraph_start = 0
    for paragraph in text.split("\n"):
        found.extend(_in_paragraph(paragraph, paragraph_start, closing))
        paragraph_start += len(paragraph) + 1
    return tuple(found)


def _in_paragraph(paragraph: str, offset: int, closing: dict[str, str]) -> list[Quotation]:
    found = []
    at = 0
    while at < len(paragraph):
        mark = paragraph[at]
        if mark not in closing:
            at += 1
            continue
        end = paragraph.find(closing[mark], at + 1)
        end = len(paragraph) if end < 0 else end + 1
        found.append(Quotation(offset + at, offset + end))
        at = end
    return found


class QuotedSpeech:
    """The speakers of one document's quotations that span sentences."""

    def __init__(self, parsed: ParsedDocument, resolver: Resolver, lex: dict):
        self.parsed, self.resolver, self.lex = parsed, resolver, lex
        self.quotes = quotations(parsed.text, lex["attribution"]["quotation_marks"])
        self._starts = [quote.start for quote in self.quotes]
        self._speakers: dict[int, tuple[Attribution, ...]] = {}

    def levels_in(self, sentence: Span) -> tuple[Attribution, ...]:
        """Who says a sentence that starts inside a quotation, or with one: the levels of the
        quotation's reporting clause."""
        at = bisect.bisect_right(self._starts, sentence.start_char) - 1
        if at < 0 or sentence.start_char >= self.quotes[at].end:
            return ()
        return self._speaker(at)

    def _speaker(self, at: int) -> tuple[Attribution, ...]:
        """The reporting levels of quotation `at`; for a quotation with no reporting clause that
        follows another right after its reporting clause (“A,” said X. “B.”), the other's.
        Remembered per quotation (a cache on the instance, dropped with the document)."""
        if at not in self._speakers:
            self._speakers[at] = self._find_speaker(at)
        return self._speakers[at]

    def _find_speaker(self, at: int) -> tuple[Attribution, ...]:
        own = self._reported(self.quotes[at])
        if own or at == 0:
            return own
        if self.quotes[at].start - self.quotes[at - 1].end <= _CONTINUED_WITHIN:
            return self._speaker(at - 1)
        return ()

    def _reported(self, quote: Quotation) -> tuple[Attribution, ...]:
        """The levels of the reporting clause in the quotation's first sentence, else its last."""
        for offset in (quote.start, quote.end - 1):
            clause = self._clause_inside(offset, quote)
            if clause is None:
                continue
            levels = attributions(self.parsed, self.resolver, clause, self.lex)
            if levels:
                return levels
        return ()

    def _clause_inside(self, offset: int, quote: Quotation) -> Token | None:
        """The head of the quoted words in the sentence that holds `offset`: the highest word of the
        quotation there, whose head is a reporting verb when the sentence says who speaks."""
        found = self.parsed.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if found is None or not len(found):
            return None
        sentence = self.parsed.sentence_at(found[0].i)
        words = [t for t in sentence if quote.start < t.idx < quote.end and not t.is_punct and not t.is_space]
        if not words:
            return None
        word = words[0]
        while word.head.i != word.i and quote.start < word.head.idx < quote.end:
            word = word.head
        return word
