"""Where the clause stating an intention ends: the sentence's evidence span and the action's text
stop at a colon, a semicolon, a dash or a comma opening a relative or subordinate clause."""

from __future__ import annotations

from spacy.tokens import Span

from geokg.extract.intentions.candidate import Candidate


def evidence_clause(sentence: Span, candidate: Candidate, lex: dict) -> Span:
    """The sentence up to the end of the clause that states the intention: a colon, a semicolon,
    a dash or a comma opening a relative or subordinate clause after the action ends it, so the
    evidence does not take in a separate claim ("…, which Moscow claims …", ": Whether to …")."""
    last = max([t.i for t in candidate.cue] + [candidate.predicate.i])
    end = _clause_end(sentence, last, lex)
    return sentence.doc[sentence.start : end]


def action_text(action: Span | None, lex: dict) -> str:
    """The action without a trailing relative clause or list ("the Baltics, which Moscow claims ..."),
    whitespace collapsed; "" for no action."""
    if action is None:
        return ""
    return _text(action.doc[action.start : _clause_end(action, action.start, lex)])


def _clause_end(span: Span, after: int, lex: dict) -> int:
    """Index of the first clause boundary in `span` after token `after`, else the span's end."""
    openers = set(lex["clause_openers"])
    for token in span.doc[after + 1 : span.end]:
        following = span.doc[token.i + 1] if token.i + 1 < span.end else None
        if token.text in (":", ";", "–", "—") or (
            token.text == "," and following is not None and following.lower_ in openers
        ):
            return token.i
    return span.end


def _text(span: Span) -> str:
    return " ".join(span.text.split())
