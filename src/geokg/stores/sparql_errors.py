"""A SPARQL syntax error said briefly: where, what the parser expected, and a hint when the cause
is a common one (a prefix not declared, a brace left open)."""

from __future__ import annotations

import re

from geokg.stores.federation import opaque_removed

LIMIT = 240  # characters of the parser's own message at most
_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_USED = re.compile(r"(?<![\w?$:<@-])([A-Za-z][\w-]*)?:(?=[A-Za-z_\d])")


def explain(query: str, message: str) -> str:
    """One or two lines: the parser's message (its position as line and column, its list of
    expected tokens cut short) and a hint."""
    found = _POSITION.match(message)
    where = f"line {found[1]}, column {found[2]}: " if found else ""
    detail = message[found.end() :] if found else message
    if len(detail) > LIMIT:
        detail = detail[:LIMIT].rsplit(" ", 1)[0] + " ..."
    lines = [f"SPARQL syntax error, {where}{detail}"]
    hint = _hint(query)
    if hint:
        lines.append(f"Hint: {hint}")
    return "\n".join(lines)


def _hint(query: str) -> str | None:
    code = opaque_removed(query)
    declared = {name or "" for name in _DECLARED.findall(code)}
    undeclared = sorted({name or "" for name in _USED.findall(code)} - declared)
    if undeclared:
        from geokg.rdf.prefixes import PREFIXES  # rdflib's import: only when it is needed

        name = undeclared[0]
        known = PREFIXES.get(name)
        iri = f"<{known}>" if known else "<IRI>"
        return f"the prefix {name}: is not declared; add PREFIX {name}: {iri} before the query"
    if code.count("{") != code.count("}"):
        return f"the braces do not pair up: {code.count('{')} {{ against {code.count('}')} }}"
    return None
