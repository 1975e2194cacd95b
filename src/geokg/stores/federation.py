"""Telling whether a SPARQL query may call another endpoint (a federated `SERVICE` clause)."""

from __future__ import annotations

import re

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# What can hide the word SERVICE without being the keyword: strings (long ones first), IRIs,
# comments, and backslash escapes in prefixed names (ex:a\#b, ex:a\'b).
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*"
    r"|\\.",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w?$:@\-])SERVICE(?![\w:\-])", re.IGNORECASE)


def may_call_service(query: str) -> bool:
    """Whether a SPARQL query has a `SERVICE` clause (or cannot be told apart from one).

    Strings, IRIs, comments, variables and prefixed names that merely contain the word do not count.
    """
    try:
        text = _CODEPOINT.sub(lambda m: chr(int(m[1] or m[2], 16)), query)
    except (ValueError, OverflowError):
        return True
    return _SERVICE.search(_OPAQUE.sub(" ", text)) is not None


def opaque_removed(query: str) -> str:
    """The query without its strings, IRIs, comments and escapes: its keywords, names and punctuation."""
    return _OPAQUE.sub(" ", query)
