"""Small helpers the extractors share: lexicons from data files, dates, actor kinds."""

from __future__ import annotations

import re

from geokg.nlp.lexicon import load_lexicon

ACTOR_KINDS = frozenset(
    {"State", "Alliance", "InternationalOrganization", "Organization", "Person", "StateGroup", "CollectiveActor"}
)
ORGANISATION_KINDS = frozenset({"Alliance", "InternationalOrganization", "Organization"})
PLACE_KINDS = frozenset({"Place", "State", "StateGroup"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})  # "If Sweden joins NATO, ...": not a fact


def conditional(verb) -> bool:
    """The verb heads an if-, unless- or whether-clause."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children)


_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), start=1
    )
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>1[89]\d\d|20\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>1[89]\d\d|20\d\d)\b"),
    re.compile(rf"\b{_MONTH},? (?P<year>1[89]\d\d|20\d\d)\b"),
    re.compile(r"(?<![\d.,-])\b(?P<year>19\d\d|20\d\d)\b(?![\d.,-]\d)"),
)


def lexicon(name: str) -> dict:
    """A lexicon from nlp/data/<name>.json: data an analyst edits, checked against its schema, read once."""
    return load_lexicon(name)


def find_date(text: str, near: int = 0) -> str | None:
    """The date a sentence states nearest to character `near`: "YYYY-MM-DD", "YYYY-MM" or "YYYY";
    None when it states none. At the same distance the more precise date wins."""
    found = []
    for precision, pattern in enumerate(_DATE_PATTERNS):
        for match in pattern.finditer(text):
            distance = min(abs(match.start() - near), abs(match.end() - near))
            found.append((distance, precision, match.start(), _iso(match.groupdict())))
    return min(found)[3] if found else None


def _iso(parts: dict[str, str | None]) -> str:
    year = parts["year"]
    if not parts.get("month"):
        return year
    month = _MONTHS[parts["month"].lower()]
    if not parts.get("day"):
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{int(parts['day']):02d}"


def left_subject(root, token):
    """ "The Act endorses ...; and states that ...": a main clause without a subject takes the first
    subject of a clause before it (children of `root` ahead of `token`)."""
    for child in root.children:
        if child.dep_ in ("ccomp", "conj") and child.i < token.i:
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return None
