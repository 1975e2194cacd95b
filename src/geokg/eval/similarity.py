"""When two texts overlap and when a build's actor is a gold one: the reference scorer's comparisons."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def norm(text: str | None) -> str:
    """Lowercase, NFKC, words split across lines joined, quotes dropped, punctuation to spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"-\s*\n\s*", "", text)
    text = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def overlap(a: str | None, b: str | None) -> bool:
    """True when one text contains the other, or they share 60% of the shorter one's words."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return True
    ta, tb = set(na.split()), set(nb.split())
    return len(ta & tb) / max(1, min(len(ta), len(tb))) >= 0.6


def wikidata_id(iri: str | None) -> str | None:
    """The Wikidata id (Q123) in a Wikidata entity IRI, else None."""
    found = re.search(r"wikidata\.org/entity/(Q\d+)", iri or "")
    return found.group(1) if found else None


@dataclass(frozen=True)
class Actor:
    """What the build says about an entity: its labels and its Wikidata id, if any."""

    labels: frozenset[str]
    qid: str | None


def matches_actor(iri: str | None, gold_name: str | None, names: dict[str, Actor], gold_qid: str | None = None) -> bool:
    """By Wikidata id when both sides have one, else by label (or IRI local name) against the name."""
    if iri is None or not gold_name:
        return False
    actor = names.get(iri, Actor(frozenset(), None))
    if gold_qid and actor.qid:
        return gold_qid == actor.qid
    wanted = norm(re.sub(r"\(.*?\)", "", gold_name))
    for label in actor.labels | {iri.rsplit("/", 1)[-1].replace("_", " ")}:
        lab = norm(label)
        if lab and (lab == wanted or (len(lab) > 3 and (lab in wanted or wanted in lab))):
            return True
    return False
