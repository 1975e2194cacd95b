"""Claims: one stated intention, membership or event, as one document or several report it.

Two documents report the same stated intention when they agree on its holder, modality, targets
and negation, and their actions have the same gist (geokg.extract.gist: "invade Ukraine" and
"launch an invasion of Ukraine" say one thing); the same membership when member, organisation and
negation agree; the same event when its type, participants, places and date agree. A denial and an
assertion never make one claim, nor do two reports toward different targets.

Each document's part lists its facts with their claim keys (`Support`, kept in the part's summary);
after the last document the build groups them into the claims graph: a `gk:Claim` per key (its IRI
a digest of the key), the number of documents and of publishers that report it, and a
`gk:supportsClaim` from each fact to its claim. Every fact of the three kinds supports exactly one
claim, so an edge of the report's network is a claim, its width the number of its sources.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from rdflib import Literal, URIRef

from geokg.keys import digest
from geokg.model import Claim, Event, Membership, StatedIntention
from geokg.rdf import iri
from geokg.rdf.namespaces import GK, RDF, RDFS, XSD

GROUPED = (StatedIntention, Membership, Event)  # the kinds of fact claims group


@dataclass(frozen=True)
class Support:
    """A fact of a document and the key of the claim it supports, as a part's summary keeps them."""

    fact: str  # the fact's IRI
    key: tuple[str, ...]  # kind first: what must agree for two facts to be one claim
    wording: str  # how this document words it: an intention's action, an event's label ("" if none)

    def to_json(self) -> list:
        return [self.fact, list(self.key), self.wording]

    @classmethod
    def from_json(cls, data: list) -> Support:
        fact, key, wording = data
        return cls(fact, tuple(key), wording)


def claim_keys(facts: Iterable[tuple[str, Claim]]) -> tuple[Support, ...]:
    """The claim key of each fact (IRI, claim) of a document that claims group (intentions,
    memberships, events), in order. Claims with one IRI are one fact in the graph, its targets,
    participants and places the union of theirs: so is its key."""
    merged: dict[str, Claim] = {}
    for fact, claim in facts:
        if not isinstance(claim, GROUPED):
            continue
        first = merged.setdefault(fact, claim)
        if first is not claim:
            merged[fact] = _union(first, claim)
    return tuple(_support(fact, claim) for fact, claim in merged.items())


def _union(first: Claim, other: Claim) -> Claim:
    if isinstance(first, StatedIntention) and isinstance(other, StatedIntention):
        return replace(first, targets=(*first.targets, *other.targets))
    if isinstance(first, Event) and isinstance(other, Event):
        return replace(
            first, participants=(*first.participants, *other.participants), places=(*first.places, *other.places)
        )
    return first


def _support(fact: str, claim: Claim) -> Support:
    if isinstance(claim, StatedIntention):
        targets = " ".join(sorted({target.key for target in claim.targets}))
        gist = claim.gist or " ".join(claim.action.lower().split())
        key = ("intention", claim.holder.key, claim.modality, targets, _negation(claim.negated), gist)
        return Support(fact, key, claim.action)
    if isinstance(claim, Membership):
        return Support(fact, ("membership", claim.member.key, claim.organization.key, _negation(claim.negated)), "")
    # an Event: claim_keys passes on the GROUPED kinds only
    participants = " ".join(sorted({p.key for p in claim.participants}))
    places = " ".join(sorted({p.key for p in claim.places}))
    return Support(fact, ("event", claim.event_type, participants, places, claim.date or ""), claim.label or "")


def _words(name: str) -> str:
    """An event type's local name as words: "ArmedConflict" -> "Armed conflict"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).capitalize()


def _negation(negated: bool) -> str:
    return "negated" if negated else ""


@dataclass
class _Gathered:
    facts: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    publishers: set[str] = field(default_factory=set)
    wording: str = ""  # the first document's


@dataclass
class Claims:
    """The claims of a build, gathered a document at a time in input order."""

    base: str
    _gathered: dict[tuple[str, ...], _Gathered] = field(default_factory=dict)

    def add(self, document: str, publisher: str | None, supports: Iterable[Support]) -> None:
        for found in supports:
            gathered = self._gathered.setdefault(found.key, _Gathered(wording=found.wording))
            gathered.facts.append(found.fact)
            gathered.documents.add(document)
            if publisher:
                gathered.publishers.add(publisher)

    def __len__(self) -> int:
        return len(self._gathered)

    def triples(self, labels: Mapping[str, str]) -> Iterator[tuple]:
        """The claims graph; `labels` gives an entity IRI's label, for the claims' own labels."""
        for key in self._gathered:
            yield from self._claim(key, labels)

    def pieces(self, size: int) -> list[list[tuple[str, ...]]]:
        """The claims' keys in pieces of about `size`, so that each piece can be made and checked
        against the shapes on its own. A claim's piece is chosen by a digest of its key, among a
        power of two of them: claims that come or go leave the other pieces as they were (until
        their number doubles), so that a rebuild makes and checks again only the pieces that changed."""
        count = 1 << max(0, math.ceil(math.log2(max(len(self._gathered), 1) / size)))
        pieces: list[list[tuple[str, ...]]] = [[] for _ in range(count)]
        for key in self._gathered:
            pieces[int(digest(*key, length=8), 16) % count].append(key)
        return [piece for piece in pieces if piece]

    def piece_triples(self, keys: Iterable[tuple[str, ...]], labels: Mapping[str, str]) -> Iterator[tuple]:
        """The triples of the claims of `keys`, each with the facts that support it."""
        for key in keys:
            yield from self._claim(key, labels)

    def signature(self, keys: Iterable[tuple[str, ...]], labels: Mapping[str, str]) -> str:
        """A digest of everything the triples of the claims of `keys` are made from."""
        made_from = []
        for key in keys:
            gathered = self._gathered[key]
            label = self._label(key, gathered.wording, labels)
            made_from.append([self.base, key, label, len(gathered.documents), len(gathered.publishers), gathered.facts])
        return hashlib.sha256(json.dumps(made_from, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _claim(self, key: tuple[str, ...], labels: Mapping[str, str]) -> Iterator[tuple]:
        gathered = self._gathered[key]
        claim = URIRef(iri.claim_iri(key, self.base))
        yield claim, RDF.type, GK.Claim
        yield claim, RDF.type, _CLASSES[key[0]]
        yield claim, RDFS.label, Literal(self._label(key, gathered.wording, labels), lang="en")
        yield claim, GK.documentCount, Literal(len(gathered.documents), datatype=XSD.integer)
        yield claim, GK.publisherCount, Literal(len(gathered.publishers), datatype=XSD.integer)
        for fact in gathered.facts:
            yield URIRef(fact), GK.supportsClaim, claim

    def _label(self, key: tuple[str, ...], wording: str, labels: Mapping[str, str]) -> str:
        def name(entity_key: str) -> str:
            return labels.get(iri.entity_iri(entity_key, self.base), entity_key)

        def names(keys: str) -> str:
            return ", ".join(name(k) for k in keys.split())

        kind = key[0]
        if kind == "intention":
            _, holder, modality, targets, negated, _gist = key
            label = f"{name(holder)}, {modality.lower()}: {'not ' if negated else ''}{wording}"
            return label + (f" (toward {names(targets)})" if targets else "")
        if kind == "membership":
            _, member, organization, negated = key
            return f"{name(member)} is {'not ' if negated else ''}a member of {name(organization)}"
        _, event_type, participants, places, date = key
        details = [part for part in (names(participants), names(places), date) if part]
        return f"{wording or _words(event_type)}" + (f" ({'; '.join(details)})" if details else "")


_CLASSES = {"intention": GK.IntentionClaim, "membership": GK.MembershipClaim, "event": GK.EventClaim}
