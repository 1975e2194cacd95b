"""An intention found in one sentence, before its holder and attributions are resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token


@dataclass
class Candidate:
    """An intention found in one sentence, before its holder and attributions are resolved."""

    modality: str
    cue: list[Token]
    predicate: Token  # whose subject holds the intention
    action: Span | None
    negated: bool = False
    certainty: str = "Asserted"
    holder_token: Token | None = None
    holder_by_source: bool = False
    self_attributed: bool = False
    extra_targets: list[Token] = field(default_factory=list)
    conditional_warning: str | None = None
