"""What one sentence states: whether it is a statement at all, and its candidate intentions, one
per action, in the order of the text."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from geokg.extract.intentions.candidate import Candidate
from geokg.extract.intentions.constructions import (
    consequence,
    evaluative_demand,
    headline_infinitive,
    modal,
    progressive,
    purposes,
    reliance_pledge,
    ultimatum,
)
from geokg.extract.intentions.cues import cue_candidates, verb_read_as_noun
from geokg.extract.intentions.qualifiers import blocked
from geokg.extract.intentions.syntax import action_span
from geokg.nlp.parsed import ParsedDocument, span_text

_FINITE = {"VBZ", "VBP", "VBD", "MD"}


_FULL_SENTENCE_TOKENS = 8


def is_statement(parsed: ParsedDocument, sentence: Span, lex: dict) -> bool:
    """Not a question, a heading (no finite verb, or a short line of its own without a full stop),
    unless it is a headline announcing what someone is to do."""
    text = span_text(sentence).strip()
    if not text or text.rstrip("”\"'’ ").endswith("?"):
        return False
    if any(headline_infinitive(t, lex) for t in sentence):  # "Russia to focus on Baltics" states a plan
        return True
    if not any(t.tag_ in _FINITE or verb_read_as_noun(t, lex) for t in sentence) and not _full_sentence(text, sentence):
        return False
    heading = _own_line(parsed, sentence) and not re.search(r"[.!:;”\"]\s*$", text) and len(sentence) <= 12
    return not heading and not re.search(r"\bwould have\b", text, re.IGNORECASE)


def _full_sentence(text: str, sentence: Span) -> bool:
    """A sentence with a full stop and some length has a verb, even one the tagger missed
    ("Kenya's threat to cut exports to Chad alarmed investors": "alarmed" read as an adjective)."""
    return len(sentence) >= _FULL_SENTENCE_TOKENS and bool(re.search(r"[.!]\s*$", text))


def _own_line(parsed: ParsedDocument, sentence: Span) -> bool:
    """Whether a line break (or the end of the text) follows the sentence."""
    after = parsed.text[sentence.end_char : sentence.end_char + 2]
    text = span_text(sentence)
    return (
        after.startswith("\n") or "\n" in text[len(text.rstrip()) :] or (sentence.end_char >= len(parsed.text.rstrip()))
    )


def sentence_candidates(sentence: Span, lex: dict) -> list[Candidate]:
    """The sentence's candidates, one per action, ordered by where the action (or cue) is."""
    return sorted(_split(_candidates(sentence, lex)), key=_position)


def _candidates(sentence: Span, lex: dict) -> list[Candidate]:
    found = _outermost(cue_candidates(sentence, lex))
    consumed = {c.action.root.i for c in found if c.action is not None} | {t.i for c in found for t in c.cue}
    for token in sentence:
        if token.i in consumed:
            continue
        candidate = (
            consequence(token, lex)
            or modal(token, lex)
            or progressive(token, lex)
            or headline_infinitive(token, lex)
            or evaluative_demand(token, lex)
            or ultimatum(token, lex)
            or reliance_pledge(token, lex)
        )
        # blocked climbs the tree from the token: asked only of the few tokens that make a candidate
        if candidate is not None and not blocked(token, lex):
            found.append(candidate)
    found.extend(purposes(sentence, found, lex))
    return [c for c in found if not blocked(c.predicate, lex)]


def _outermost(candidates: list[Candidate]) -> list[Candidate]:
    """Without the cues inside another's action: in "Brazil will urge Caracas not to threaten its
    neighbour", "threaten" is what Brazil demands, not a threat of its own."""
    return [c for c in candidates if not any(_inside(c, other) for other in candidates if other is not c)]


def _inside(candidate: Candidate, other: Candidate) -> bool:
    action = other.action
    return action is not None and action.start <= candidate.cue[0].i < action.end and not _holds(candidate, other)


def _holds(candidate: Candidate, other: Candidate) -> bool:
    """Whether the other's cue is itself inside the candidate's action (two cues of one phrase)."""
    action = candidate.action
    return action is not None and action.start <= other.cue[0].i < action.end


def _position(candidate: Candidate) -> int:
    return candidate.action.start if candidate.action is not None else candidate.cue[0].i


def _split(candidates: list[Candidate]) -> list[Candidate]:
    """ "a tool for splitting the West and provoking disagreements": one intention per gerund."""
    out = []
    for candidate in candidates:
        out.append(candidate)
        root = candidate.action.root if candidate.action is not None else None
        if root is None or root.tag_ != "VBG":
            continue
        gerunds = [c for c in root.conjuncts if c.tag_ == "VBG" and c.i > root.i]
        if gerunds:
            out[-1] = replace(candidate, action=_trim(candidate.action, gerunds[0]))
            out.extend(replace(candidate, action=action_span(g)) for g in gerunds)
    return out


def _trim(span: Span, conj: Token) -> Span:
    """The first conjunct's action without the conjuncts that follow it."""
    cut = min([conj.i] + [c.i for c in conj.head.children if c.dep_ == "cc" and c.i < conj.i and c.i > span.root.i])
    end = max(span.start + 1, cut)
    while end > span.start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start : min(end, span.end)]
